// The allocator's cheapest-window sweep against a brute force over every aligned start (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Arena } from '../../../host/schedule/search/arena.ts';

/** Minimum eviction cost over every aligned window of n bytes, by brute force; Infinity if none. */
function bruteForce(size: number, align: number, blocks: Array<{ a: number; b: number; cost: number }>, n: number): number {
  let best = Infinity;
  for (let s = 0; s + n <= size; s += align) {
    let c = 0;
    for (const k of blocks) if (k.a < s + n && s < k.a + k.b) c += k.cost;
    best = Math.min(best, c);
  }
  return best;
}

describe('Arena.cheapestWindow', () => {
  it('finds the brute-force minimum eviction cost', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 4, 16),
        fc.array(fc.record({ b: fc.integer({ min: 1, max: 40 }), gap: fc.integer({ min: 0, max: 30 }), cost: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant(Infinity)) }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 12 }),
        (align, specs, n, tail) => {
          const bytes = specs.map((s) => s.b);
          let at = 0;
          const blocks = specs.map((s) => {
            at = Math.ceil((at + s.gap) / align) * align;
            const k = { a: at, b: s.b, cost: s.cost };
            at += s.b;
            return k;
          });
          const size = Math.max(at + tail, n);
          const arena = new Arena(size, align, bytes);
          blocks.forEach((k, t) => arena.place(t, k.a));
          const w = arena.cheapestWindow(n, (t) => blocks[t].cost);
          const want = bruteForce(size, align, blocks, n);
          if (want === Infinity) expect(w).toBeNull();
          else {
            expect(w).not.toBeNull();
            expect(w!.cost).toBe(want);
            expect(w!.address % align).toBe(0);
            const overlapping = blocks.flatMap((k, t) => (k.a < w!.address + n && w!.address < k.a + k.b ? [t] : []));
            expect(w!.victims).toEqual(overlapping);
            expect(w!.address + n).toBeLessThanOrEqual(size);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
