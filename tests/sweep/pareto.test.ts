// Pareto fronts on hand-made points: which are dominated is worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../host/sweep/pareto.ts';

describe('paretoFront', () => {
  it('keeps the points no other point beats in every objective (both minimised)', () => {
    // (cycles, energy): a(10,5) b(8,7) c(12,4) d(11,6): d is beaten by a (10<11, 5<6); a, b, c trade off.
    const rows = [
      { g: 'w', c: 10, e: 5 },
      { g: 'w', c: 8, e: 7 },
      { g: 'w', c: 12, e: 4 },
      { g: 'w', c: 11, e: 6 },
    ];
    expect([...paretoFront(rows, (r) => r.g, [(r) => r.c, (r) => r.e])].sort()).toEqual([0, 1, 2]);
  });

  it('compares points of the same group only; equal points do not dominate each other', () => {
    // x1 beats y1 in both, but they belong to different workloads; z1 and z2 are equal: both stay.
    const rows = [
      { g: 'x', c: 1, e: 1 },
      { g: 'y', c: 2, e: 2 },
      { g: 'z', c: 3, e: 3 },
      { g: 'z', c: 3, e: 3 },
    ];
    expect([...paretoFront(rows, (r) => r.g, [(r) => r.c, (r) => r.e])].sort()).toEqual([0, 1, 2, 3]);
  });

  it('three objectives: a point is off the front only when one other point is at least as good in all three', () => {
    // (cycles, pes, sram): p0(5,16,100) p1(5,16,200) p2(4,64,100): p1 is beaten by p0 (equal, equal, less);
    // p2 is faster but bigger: it stays.
    const rows = [
      { c: 5, p: 16, s: 100 },
      { c: 5, p: 16, s: 200 },
      { c: 4, p: 64, s: 100 },
    ];
    expect([...paretoFront(rows, () => '', [(r) => r.c, (r) => r.p, (r) => r.s])].sort()).toEqual([0, 2]);
  });
});
