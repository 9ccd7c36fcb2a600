// The seeded operand stream read panel by panel (OperandSource.matrix, xorshift32 jump-ahead) gives exactly the words
// the whole-matrix fill draws, in any order of panels, and leaves the stream where the fill would. The oracle is
// the fill itself: a plain sequential loop with no jumps.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { OperandSource } from '../../host/simulate/operands.ts';

describe('operand panels', () => {
  test('any panel of any matrix equals the same words of the whole-matrix fill; the stream continues alike', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('int4', 'int8', 'int16' as const),
        fc.integer({ min: 1, max: 1 << 30 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 70 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (precision, seed, before, rows, cols, r0, c0, h, w) => {
          const whole = new OperandSource(precision, seed);
          const lazy = new OperandSource(precision, seed);
          whole.fill(new Int32Array(before));
          lazy.fill(new Int32Array(before));
          const all = whole.fill(new Int32Array(rows * cols));
          const m = lazy.matrix(rows, cols);
          const row0 = r0 % rows;
          const col0 = c0 % cols;
          const height = 1 + (h % (rows - row0));
          const width = 1 + (w % (cols - col0));
          const panel = m.panel(row0, height, col0, width);
          for (let i = 0; i < height; i++) {
            for (let j = 0; j < width; j++) expect(panel[i * width + j]).toBe(all[(row0 + i) * cols + col0 + j]);
          }
          expect(Array.from(lazy.fill(new Int32Array(5)))).toEqual(Array.from(whole.fill(new Int32Array(5))));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a matrix far beyond memory: a panel deep inside it equals the words drawn up to there', () => {
    // 3·10^7 words drawn one by one (120 MB never held at once) against one panel of a 10^5 × 10^5 matrix.
    const src = new OperandSource('int8', 7);
    const m = src.matrix(100_000, 100_000);
    const row = 300;
    const col = 12_345;
    const seq = new OperandSource('int8', 7);
    const chunk = new Int32Array(1 << 20);
    let drawn = 0;
    const target = row * 100_000 + col;
    while (drawn + chunk.length <= target) {
      seq.fill(chunk);
      drawn += chunk.length;
    }
    seq.fill(new Int32Array(target - drawn));
    const want = seq.fill(new Int32Array(4));
    expect(Array.from(m.panel(row, 1, col, 4))).toEqual(Array.from(want));
  });
});
