// The optimality-gap experiment (tests and `npm run bench`): small random graphs (8–12 ops, every style, tight
// scratchpads), the greedy's traffic against the exact reference's. The reference ignores addresses, so its
// optimum is a lower bound and the measured gap an upper bound on the true one.
import { exactTraffic } from './exact.ts';
import { minScratchpad } from '../search/fit.ts';
import { schedule } from '../search/greedy.ts';
import { prepare } from '../graph/prepared.ts';
import { randomGraph, RANDOM_STYLES, rng } from './random.ts';
import type { Graph } from '../types.ts';

/** One small graph and its scratchpad. */
export interface GapCase {
  graph: Graph;
  scratchpadBytes: number;
  alignment: number;
}

/** The greedy and the exact reference on one case. */
export interface GapRow {
  name: string;
  ops: number;
  scratchpadBytes: number;
  compulsory: number;
  greedyNonCompulsory: number;
  exactNonCompulsory: number;
  /** (greedy total − exact total) / exact total. */
  gap: number;
}

/** The gap table and its summary. */
export interface GapSummary {
  rows: GapRow[];
  meanGap: number;
  maxGap: number;
  /** Cases where the greedy meets the lower bound (so it is optimal). */
  optimal: number;
  /** Σ greedy non-compulsory / Σ exact non-compulsory − 1 (null when the exact total is 0). */
  nonCompulsoryExcess: number | null;
}

/** `count` deterministic small cases: 8–12 ops, sizes in multiples of 64 B aligned to 64, scratchpad 1–1.25× the
 *  smallest that fits every op. */
export function smallCases(count: number, firstSeed = 1): GapCase[] {
  const out: GapCase[] = [];
  for (let seed = firstSeed; out.length < count; seed++) {
    const r = rng(seed * 104729);
    const graph = randomGraph({ ops: 8 + (seed % 5), seed, style: RANDOM_STYLES[seed % RANDOM_STYLES.length], unit: 64 });
    const min = minScratchpad(prepare(graph), 64);
    out.push({ graph, scratchpadBytes: Math.round((min * (1 + 0.25 * r())) / 64) * 64, alignment: 64 });
  }
  return out;
}

/** Run the greedy and the exact reference on every case. */
export function measureGap(cases: GapCase[]): GapSummary {
  const rows: GapRow[] = cases.map((c) => {
    const g = schedule(c.graph, { scratchpadBytes: c.scratchpadBytes, alignment: c.alignment });
    const ex = exactTraffic(c.graph, c.scratchpadBytes);
    if (ex === null) throw new Error(`exact search gave up on ${c.graph.name}`);
    return {
      name: c.graph.name,
      ops: c.graph.ops.length,
      scratchpadBytes: c.scratchpadBytes,
      compulsory: g.traffic.compulsory,
      greedyNonCompulsory: g.traffic.nonCompulsory,
      exactNonCompulsory: ex.nonCompulsory,
      gap: (g.traffic.total - ex.total) / ex.total,
    };
  });
  const sumG = rows.reduce((s, r) => s + r.greedyNonCompulsory, 0);
  const sumE = rows.reduce((s, r) => s + r.exactNonCompulsory, 0);
  return {
    rows,
    meanGap: rows.reduce((s, r) => s + r.gap, 0) / rows.length,
    maxGap: Math.max(...rows.map((r) => r.gap)),
    optimal: rows.filter((r) => r.gap === 0).length,
    nonCompulsoryExcess: sumE === 0 ? null : sumG / sumE - 1,
  };
}
