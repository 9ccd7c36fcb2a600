// Traffic totals of a scheduler's run, split into compulsory and non-compulsory bytes.
import type { Prepared } from '../graph/prepared.ts';
import type { Traffic } from '../types.ts';

/** Split a total (loads + stores, bytes) against the graph's compulsory traffic. */
export const splitTraffic = (p: Prepared, total: number): Traffic => ({
  compulsory: p.compulsory,
  nonCompulsory: total - p.compulsory,
  total,
});
