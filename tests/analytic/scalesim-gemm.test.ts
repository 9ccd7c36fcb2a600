// The SCALE-Sim model on hand-worked GEMMs (numbers from shared/DESIGN.md's table, worked out below) and on random
// GEMMs, array sizes and group counts against `--timing scalesim` runs of the register-level core.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MODELS } from '../../host/analytic/index.ts';
import { lowerLayer } from '../../host/lower/shape.ts';
import { DATAFLOW_KINDS, type ComputeLayer, type DataflowKind } from '../../host/spec/types.ts';
import { DATAFLOWS } from '../../mappings/index.ts';
import { arch, expectZeroError, gemms, SCALESIM_METRICS, validated } from './helpers.ts';

function predict(df: DataflowKind, R: number, C: number, M: number, N: number, K: number, groups = 1) {
  const layer = gemms([[M, N, K, groups]]).layers[0] as ComputeLayer;
  return MODELS.scalesim(arch(R, C), layer, lowerLayer(layer), DATAFLOWS[df]);
}

describe('SCALE-Sim model: hand-worked cases', () => {
  test('OS, 4×4 array, M=5 N=6 K=7', () => {
    // Sr = M = 5, Sc = N = 6, T = K = 7: Fr = Fc = 2, L = 7 + 4 + 4 − 2 = 13, cycles = 4·13 − 1 = 51.
    // SRAM: ifmap Fc·M·K = 70, filter Fr·N·K = 84, ofmap M·N + Fr·Fc·(R + C) = 30 + 32 = 62.
    // Mapping 30/(16·4) = 0.46875; compute 0.46875·7/13; overall 210/(51·16).
    const p = predict('os', 4, 4, 5, 6, 7);
    expect(p.cycles).toBe(51);
    expect(p.sram).toEqual({ ifmapReads: 70, filterReads: 84, ofmapWrites: 62 });
    expect(p.utilization!.mapping).toBeCloseTo(0.46875, 15);
    expect(p.utilization!.compute).toBeCloseTo((0.46875 * 7) / 13, 15);
    expect(p.utilization!.overall).toBeCloseTo(210 / (51 * 16), 15);
  });

  test('WS, 4×4 array, M=5 N=6 K=7', () => {
    // Sr = K = 7, Sc = N = 6, T = M = 5: Fr = Fc = 2, L = 2·4 + 4 + 5 − 2 = 15, cycles = 4·15 − 1 = 59.
    // SRAM: ifmap Fc·M·K = 70, filter K·N = 42, ofmap Fr·M·N = 60. Compute = mapping·T/(L + C − 1) = (42/64)·5/18.
    const p = predict('ws', 4, 4, 5, 6, 7);
    expect(p.cycles).toBe(59);
    expect(p.sram).toEqual({ ifmapReads: 70, filterReads: 42, ofmapWrites: 60 });
    expect(p.utilization!.compute).toBeCloseTo(((42 / 64) * 5) / 18, 15);
  });

  test('IS, 4×4 array, M=5 N=6 K=7, 3 groups', () => {
    // Sr = K = 7, Sc = M = 5, T = N = 6: Fr = Fc = 2, L = 8 + 4 + 6 − 2 = 16; 3 groups in a row: 3·4·16 − 1 = 191.
    // SRAM per group: ifmap K·M = 35, filter Fc·N·K = 84, ofmap Fr·M·N = 60; times 3.
    // Utilizations are per-group ratios: mapping 35/64 whatever the group count; overall 3·210/(191·16).
    const p = predict('is', 4, 4, 5, 6, 7, 3);
    expect(p.cycles).toBe(191);
    expect(p.sram).toEqual({ ifmapReads: 105, filterReads: 252, ofmapWrites: 180 });
    expect(p.utilization!.mapping).toBeCloseTo(35 / 64, 15);
    expect(p.utilization!.overall).toBeCloseTo(630 / (191 * 16), 15);
  });
});

describe('SCALE-Sim model vs --timing scalesim on random GEMMs', () => {
  test('zero error on every metric', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<DataflowKind>(...DATAFLOW_KINDS),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 3 })),
          { minLength: 1, maxLength: 3 },
        ),
        async (df, R, C, shapes) => {
          expectZeroError(await validated('scalesim', arch(R, C), gemms(shapes), 'scalesim', df), SCALESIM_METRICS);
        },
      ),
      { numRuns: 150 },
    );
  });
});
