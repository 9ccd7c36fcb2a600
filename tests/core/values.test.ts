// The core computes real values: every dataflow, timing mode and microarchitecture gives exactly the reference
// GEMM (plain loops in tests/helpers/reference.ts) on random shapes and array sizes, non-square and 1×N included.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Core, CoreDataflow, CoreTiming } from '../../host/core/index.ts';
import { int8Values, referenceGemm } from '../helpers/reference.ts';

const DATAFLOWS = [CoreDataflow.OS, CoreDataflow.WS, CoreDataflow.IS];

function run(df: CoreDataflow, timing: CoreTiming, flags: number, R: number, C: number, M: number, N: number, K: number, seed: number) {
  const a = int8Values(M * K, seed);
  const b = int8Values(K * N, seed + 7);
  const core = new Core({ rows: R, cols: C, dataflow: df, timing, flags });
  core.beginLayer();
  const c = core.runGemm(M, N, K, (v) => {
    v.a.set(a);
    v.b.set(b);
  });
  return { got: Array.from(c), want: Array.from(referenceGemm(a, b, M, N, K)), stats: core.endLayer() };
}

describe('core values equal a reference GEMM', () => {
  test('random shapes, arrays, dataflows, timings and microarchitectures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DATAFLOWS),
        fc.constantFrom(CoreTiming.Native, CoreTiming.ScaleSim),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 1 << 30 }),
        (df, timing, flags, R, C, M, N, K, seed) => {
          const { got, want, stats } = run(df, timing, flags, R, C, M, N, K, seed);
          expect(got).toEqual(want);
          expect(stats.busyPeCycles).toBe(M * N * K); // every MAC done exactly once
        },
      ),
      { numRuns: 300 },
    );
  });

  test('thin folds (one column, or one streamed word per row: depthwise shapes) on every dataflow', () => {
    // N = 1 gives OS and WS one-column folds and IS one streamed word; N = C + 1 leaves a one-column last fold.
    fc.assert(
      fc.property(
        fc.constantFrom(...DATAFLOWS),
        fc.constantFrom(CoreTiming.Native, CoreTiming.ScaleSim),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1 << 30 }),
        (df, timing, R, C, M, K, oneColumn, seed) => {
          const N = oneColumn ? 1 : C + 1;
          const { got, want, stats } = run(df, timing, 0, R, C, M, N, K, seed);
          expect(got).toEqual(want);
          expect(stats.busyPeCycles).toBe(M * N * K);
        },
      ),
      { numRuns: 200 },
    );
  });

  test.each([
    ['1×N array', 1, 16],
    ['N×1 array', 16, 1],
    ['wide array', 8, 64],
    ['64×64 array', 64, 64],
  ])('%s, all dataflows, a GEMM larger than the array', (_, R, C) => {
    for (const df of DATAFLOWS) {
      const { got, want } = run(df, CoreTiming.Native, 0, R, C, 70, 45, 83, 11);
      expect(got).toEqual(want);
    }
  });

  test('int16 operands wrap like int32 hardware accumulators', () => {
    const M = 9, N = 5, K = 300;
    const a = new Int32Array(M * K).fill(32767);
    const b = new Int32Array(K * N).fill(-32768);
    for (const df of DATAFLOWS) {
      const core = new Core({ rows: 4, cols: 4, dataflow: df, timing: CoreTiming.Native, flags: 0 });
      core.beginLayer();
      const c = core.runGemm(M, N, K, (v) => { v.a.set(a); v.b.set(b); });
      // The exact sum 300 · 32767 · −32768 in BigInt, reduced modulo 2^32 to a signed int32.
      const exact = 300n * 32767n * -32768n;
      const wrapped = Number(BigInt.asIntN(32, exact));
      expect(Array.from(c)).toEqual(new Array(M * N).fill(wrapped));
    }
  });
});
