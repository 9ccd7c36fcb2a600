// The exact reference (A* without addresses, a lower bound) on hand-worked graphs, and the greedy's measured
// optimality gap on 50 small random graphs. Goal from the issue: mean gap <= 5 %.
import { describe, expect, it } from 'vitest';
import { exactTraffic } from '../../../host/schedule/reference/exact.ts';
import { fitsCapacity } from '../../../host/schedule/reference/exact-subsets.ts';
import { measureGap, smallCases } from '../../../host/schedule/reference/gap.ts';
import { schedule } from '../../../host/schedule/search/greedy.ts';
import { skipChain, twoBranches, twoOps } from '../fixtures.ts';
import { randomCase } from '../helpers.ts';

describe('exactTraffic on hand-worked graphs', () => {
  it('twoOps fits: only compulsory traffic (290 B)', () => {
    expect(exactTraffic(twoOps(), 1024)).toMatchObject({ total: 290, nonCompulsory: 0 });
  });

  it('skipChain: 0 B on 300 B, 200 B (one forced spill of a) on 299 B', () => {
    expect(exactTraffic(skipChain(), 300)?.nonCompulsory).toBe(0);
    expect(exactTraffic(skipChain(), 299)?.nonCompulsory).toBe(200);
  });

  it('twoBranches on 130 B: 0 B, by finishing one branch before starting the other', () => {
    const r = exactTraffic(twoBranches(), 130)!;
    expect(r.nonCompulsory).toBe(0);
    const at = (op: string) => r.order.indexOf(op);
    expect(at('C') < at('B') || at('D') < at('A')).toBe(true);
  });

  it('keeps only maximal subsets that fit (sizes 3, 4, 5 in 8: {3,4}, {3,5} but not {3} or {4})', () => {
    expect(fitsCapacity([3, 4, 5], 8).sort()).toEqual([0b011, 0b101].sort());
  });
});

describe('the exact reference bounds the greedy from below', () => {
  it('on 40 random small graphs exact <= greedy', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { graph, scratchpad } = randomCase(seed, 5 + (seed % 8), 1.6);
      const ex = exactTraffic(graph, scratchpad.bytes);
      if (ex === null) continue;
      const g = schedule(graph, { scratchpadBytes: scratchpad.bytes, alignment: scratchpad.alignment });
      expect(ex.total).toBeLessThanOrEqual(g.traffic.total);
    }
  });
});

describe('optimality gap on 50 small graphs (8–12 ops)', () => {
  it('mean gap of total traffic <= 5 %', () => {
    const s = measureGap(smallCases(50));
    expect(s.rows).toHaveLength(50);
    for (const r of s.rows) expect(r.gap).toBeGreaterThanOrEqual(0);
    expect(s.meanGap).toBeLessThanOrEqual(0.05);
  });
});
