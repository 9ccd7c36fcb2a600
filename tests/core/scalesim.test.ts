// --timing scalesim reproduces SCALE-Sim v2's reported figures: the closed forms of shared/DESIGN.md
// (host/analytic/models/scalesim.ts, the SCALE-Sim analytic model) for cycles, SRAM counts and the three
// utilizations, on random GEMMs and array sizes, for OS, WS and IS.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MODELS } from '../../host/analytic/index.ts';
import { Core, CoreDataflow, CoreTiming } from '../../host/core/index.ts';
import { lowerLayer } from '../../host/lower/shape.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import type { GemmLayer } from '../../host/spec/types.ts';
import { DATAFLOWS } from '../../mappings/index.ts';

type Df = 'os' | 'ws' | 'is';

/** The SCALE-Sim model's figures for one M×N×K GEMM on an R×C array. */
function scalesimClosedForm(df: Df, R: number, C: number, M: number, N: number, K: number) {
  const layer: GemmLayer = { name: 'g', kind: 'gemm', m: M, n: N, k: K, groups: 1, inputs: [] };
  const p = MODELS.scalesim(parseArch({ array: { rows: R, cols: C } }, 'test'), layer, lowerLayer(layer), DATAFLOWS[df]);
  return {
    cycles: p.cycles,
    mappingEfficiency: p.utilization!.mapping!,
    computeUtilization: p.utilization!.compute!,
    overallUtilization: p.utilization!.overall!,
    ifmapReads: p.sram!.ifmapReads!,
    filterReads: p.sram!.filterReads!,
    ofmapWrites: p.sram!.ofmapWrites!,
  };
}

const CODE: Record<Df, CoreDataflow> = { os: CoreDataflow.OS, ws: CoreDataflow.WS, is: CoreDataflow.IS };

function stats(df: Df, R: number, C: number, M: number, N: number, K: number) {
  const core = new Core({ rows: R, cols: C, dataflow: CODE[df], timing: CoreTiming.ScaleSim, flags: 0 });
  core.beginLayer();
  core.runGemm(M, N, K, (v) => { v.a.fill(1); v.b.fill(1); });
  return core.endLayer();
}

describe('scalesim timing equals SCALE-Sim v2 closed forms', () => {
  test('hand-checked example: OS, 4×4 array, M=5 N=6 K=7', () => {
    // Fr = Fc = 2, L = 7 + 4 + 4 − 2 = 13, cycles = 4·13 − 1 = 51; ofmap writes 30 + 4·(4 + 4) = 62.
    const s = stats('os', 4, 4, 5, 6, 7);
    expect(s.cycles).toBe(51);
    expect(s.ofmapWrites).toBe(62);
    expect(s.ifmapReads).toBe(70);
    expect(s.filterReads).toBe(84);
  });

  test('random GEMMs and arrays', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Df>('os', 'ws', 'is'),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 90 }),
        (df, R, C, M, N, K) => {
          const s = stats(df, R, C, M, N, K);
          const want = scalesimClosedForm(df, R, C, M, N, K);
          const pes = R * C;
          expect(s.cycles).toBe(want.cycles);
          expect(s.ifmapReads).toBe(want.ifmapReads);
          expect(s.filterReads).toBe(want.filterReads);
          expect(s.ofmapWrites).toBe(want.ofmapWrites);
          expect(s.usedPeFolds / (pes * s.folds)).toBeCloseTo(want.mappingEfficiency, 12);
          expect(s.busyPeCycles / (pes * s.utilWindowCycles)).toBeCloseTo(want.computeUtilization, 12);
          expect(s.busyPeCycles / (pes * s.cycles)).toBeCloseTo(want.overallUtilization, 12);
        },
      ),
      { numRuns: 300 },
    );
  });
});
