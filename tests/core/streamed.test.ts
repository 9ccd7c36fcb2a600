// Streamed GEMMs (issue 11): the core reads operands panel by panel and hands each fold's outputs back as they
// drain. The oracle is the materialised run of the same operands (whole A, B, C in the core, the path the rest of
// the suite checks against reference GEMMs and closed forms): the same counters, slot for slot, and the same C
// once the folds' outputs are put together; whatever the window the folds are stepped in (down to 1 step).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Core, CoreDataflow, CoreTiming, CoreValues, type CoreConfig, type CoreStats, type MemoryConfig } from '../../host/core/index.ts';
import { int8Values, referenceGemm } from '../helpers/reference.ts';

const DATAFLOWS = [CoreDataflow.OS, CoreDataflow.WS, CoreDataflow.IS];

const memory = (words: number, doubleBuffer: boolean, banks: number, unified: boolean): MemoryConfig => ({
  unifiedWords: unified ? 2 * words : 0, ifmapWords: words, filterWords: words, ofmapWords: words, doubleBuffer,
  sliceSteps: 3, banks, portsPerBank: 1, interleaveWords: 2, bandwidthWordsPerCycle: 1.5, latencyCycles: 7,
});

interface Case { config: CoreConfig; M: number; N: number; K: number; a: Int32Array; b: Int32Array; window: number }

function setUp(core: Core, c: Case): void {
  core.setWindow(c.window);
  core.setOperandGeometry({ gemm: { M: c.M, N: c.N, K: c.K }, groups: 1, stacked: { M: false, N: false, K: false } });
  core.beginLayer();
}

function materialised(c: Case): { stats: CoreStats; out: number[] } {
  const core = new Core(c.config);
  setUp(core, c);
  const out = core.runGemm(c.M, c.N, c.K, (v) => {
    v.a.set(c.a);
    v.b.set(c.b);
  });
  return { out: Array.from(out), stats: core.endLayer() };
}

function streamed(c: Case, values = CoreValues.Full): { stats: CoreStats; out: number[]; folds: number } {
  const core = new Core(c.config);
  setUp(core, c);
  const out = new Int32Array(c.M * c.N);
  let folds = 0;
  core.runGemmStreamed(c.M, c.N, c.K, {
    values,
    source: (which, row0, rows, col0, width, view, stride) => {
      const [m, cols] = which === 'A' ? [c.a, c.K] : [c.b, c.N];
      for (let i = 0; i < rows; i++) for (let j = 0; j < width; j++) view[i * stride + j] = m[(row0 + i) * cols + col0 + j];
    },
    onOutput: (o) => {
      folds++;
      for (let i = 0; i < o.rows; i++) {
        for (let j = 0; j < o.cols; j++) {
          const v = o.transposed ? o.values[j * o.rows + i] : o.values[i * o.cols + j];
          out[(o.m0 + i) * c.N + o.n0 + j] = (out[(o.m0 + i) * c.N + o.n0 + j] + v) | 0; // folds of K add up
        }
      }
    },
  });
  return { out: Array.from(out), stats: core.endLayer(), folds };
}

const caseArb = fc
  .record({
    df: fc.constantFrom(...DATAFLOWS),
    timing: fc.constantFrom(CoreTiming.Native, CoreTiming.ScaleSim),
    flags: fc.integer({ min: 0, max: 3 }),
    R: fc.integer({ min: 1, max: 9 }),
    C: fc.integer({ min: 1, max: 9 }),
    M: fc.integer({ min: 1, max: 30 }),
    N: fc.integer({ min: 1, max: 30 }),
    K: fc.integer({ min: 1, max: 30 }),
    mem: fc.option(fc.record({ words: fc.integer({ min: 40, max: 400 }), dbuf: fc.boolean(), banks: fc.integer({ min: 0, max: 3 }), unified: fc.boolean() })),
    window: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  })
  .map((p): Case => ({
    config: {
      rows: p.R, cols: p.C, dataflow: p.df, timing: p.timing, flags: p.flags,
      memory: p.mem ? memory(Math.max(p.mem.words, 2 * Math.max(p.R, p.C) * Math.max(p.R, p.C, 3)), p.mem.dbuf, p.mem.banks, p.mem.unified) : undefined,
    },
    M: p.M, N: p.N, K: p.K, a: int8Values(p.M * p.K, p.seed), b: int8Values(p.K * p.N, p.seed + 1), window: p.window,
  }));

describe('streamed GEMMs', () => {
  test('equal the materialised run: every counter, and C put together from the folds; any window', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const want = materialised({ ...c, window: 1 << 20 });
        const got = streamed(c);
        expect(got.stats).toEqual(want.stats);
        expect(got.out).toEqual(want.out);
        expect(got.out).toEqual(Array.from(referenceGemm(c.a, c.b, c.M, c.N, c.K)));
        expect(got.stats.valueFolds).toBe(got.stats.folds);
      }),
      { numRuns: 250 },
    );
  });

  test('the materialised run itself does not depend on the window', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(materialised(c)).toEqual(materialised({ ...c, window: 1 << 20 }));
      }),
      { numRuns: 100 },
    );
  });

  test('--values off and sampled: the same counters (but valueFolds, advancedFolds, periodFolds); outputs only from the folds that computed values', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const full = streamed(c).stats;
        const off = streamed(c, CoreValues.Off);
        const sampled = streamed(c, CoreValues.Sampled);
        // valueFolds, advancedFolds and periodFolds say how the folds ran (fast-forward advances folds without values)
        const how = { valueFolds: 0, advancedFolds: 0, periodFolds: 0 };
        expect({ ...off.stats, ...how }).toEqual({ ...full, ...how });
        expect({ ...sampled.stats, ...how }).toEqual({ ...full, ...how });
        expect(off.stats.valueFolds).toBe(0);
        expect(off.folds).toBe(0);
        expect(sampled.stats.valueFolds).toBeGreaterThanOrEqual(1);
        expect(sampled.stats.valueFolds).toBeLessThanOrEqual(full.folds);
      }),
      { numRuns: 100 },
    );
  });
});
