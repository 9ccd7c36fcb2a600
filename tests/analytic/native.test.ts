// Models against `--timing native`, the microarchitecture as configured (README "Timing modes").
//   • SCALE-Sim's closed forms are off by amounts derived by hand below, per fold of r ≤ R used rows, c ≤ C columns:
//     OS: SCALE-Sim's fold is K + R + C − 2, native's K + r + c − 2 + R (fill over the used PEs, then an R-cycle
//         drain): SCALE-Sim is off by C − r − c per fold: it misses the drain (−R) and pads the fill (+(R − r) + (C − c)).
//     WS/IS: SCALE-Sim's fold is 2R + C + T − 2, native's r + T + R + c − 2: off by (R − r) + (C − c) ≥ 0 per fold
//         (it loads R stationary rows and fills C columns whatever the fold uses).
//     Both then subtract 1 per layer (SCALE-Sim reports its last cycle's index).
//   • The textbook model (fill + steady state + drain per fold, folds serialised) has zero error when folds do not
//     overlap, and over-predicts when microarch.foldPipelining overlaps them.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MODELS } from '../../host/analytic/index.ts';
import { lowerLayer } from '../../host/lower/shape.ts';
import { DATAFLOW_KINDS, type ComputeLayer, type DataflowKind, type Workload } from '../../host/spec/types.ts';
import { DATAFLOWS } from '../../mappings/index.ts';
import { arch, expectZeroError, gemms, layerErrors, network, validated } from './helpers.ts';

const mobilenet = network('mobilenet_v1');
/** MobileNetV1 restricted to the named layers (keeps these tests fast). */
const layersOf = (names: string[]): Workload => ({ name: 'mobilenet_v1 subset', batch: 1, layers: mobilenet.layers.filter((l) => names.includes(l.name)) });

describe('SCALE-Sim model vs native timing on MobileNetV1, 64×64 array (errors worked out by hand)', () => {
  test('OS: pw7, dw1, fc', async () => {
    const report = await validated('scalesim', arch(64, 64), layersOf(['pw7', 'dw1', 'fc']), 'native', 'os');
    const err = (name: string) => layerErrors(report, name).cycles;
    // pw7: 14×14 pixels, 512 filters, K = 512: M = 196 → Fr = 4 (r = 64, 64, 64, 4), N = 512 → Fc = 8 (c = 64).
    //   SCALE-Sim: 32·(512 + 64 + 64 − 2) − 1 = 32·638 − 1 = 20415.
    //   native: Σ (K + r + c − 2 + R) = 32·(512 − 2 + 64) + Fc·Σr + Fr·Σc = 18368 + 8·196 + 4·512 = 21984.
    //   Off by 24 full folds·(−64) + 8 partial folds·(64 − 4 − 64) − 1 = −1569: the missing drain dominates.
    expect(err('pw7')).toBeCloseTo(-1569 / 21984, 12);
    // dw1: 32 groups of M = 112·112 = 12544, N = 1, K = 9: 196 row folds of 64 rows, c = 1, per group.
    //   native: 32·196·(9 + 64 + 1 − 2 + 64) = 6272·136 = 852992; SCALE-Sim pads the fill by C − c = 63 and misses
    //   the drain 64: −1 per fold, −6272 − 1 = −6273 in all.
    expect(err('dw1')).toBeCloseTo(-6273 / 852992, 12);
    // fc: M = 1, N = 1000, K = 1024: Fr = 1 (r = 1), Fc = 16 (15 × 64 + 40).
    //   native: Σ (1024 + 1 + c − 2 + 64) = 16·1087 + 1000 = 18392; SCALE-Sim: 16·(1024 + 126) − 1 = 18399.
    //   Off by Σ (C − r − c) − 1 = 16·63 − 1000 − 1 = +7: with one used row the padded fill outweighs the drain.
    expect(err('fc')).toBeCloseTo(7 / 18392, 12);
  });

  test('WS: pw13 (full folds: off by the final −1 only)', async () => {
    const report = await validated('scalesim', arch(64, 64), layersOf(['pw13']), 'native', 'ws');
    // pw13: M = 49, N = 1024, K = 1024: Sr = K → Fr = 16, Sc = N → Fc = 16, T = M = 49, every fold 64×64.
    //   native: 256·(64 + 49 + 64 + 64 − 2) = 256·239 = 61184; SCALE-Sim: 256·(128 + 64 + 49 − 2) − 1 = 61183.
    expect(layerErrors(report, 'pw13').cycles).toBeCloseTo(-1 / 61184, 12);
  });

  test('IS: dw1 (SCALE-Sim loads 64 window rows where a depthwise window has 9)', async () => {
    const report = await validated('scalesim', arch(64, 64), layersOf(['dw1']), 'native', 'is');
    // dw1 per group: Sr = K = 9 (Fr = 1, r = 9), Sc = M = 12544 (Fc = 196, c = 64), T = N = 1.
    //   native: 32·196·(9 + 1 + 64 + 64 − 2) = 6272·136 = 852992.
    //   SCALE-Sim: 32·196·(128 + 64 + 1 − 2) − 1 = 6272·191 − 1 = 1197951: off by 6272·(64 − 9) − 1 = +344959.
    expect(layerErrors(report, 'dw1').cycles).toBeCloseTo(344959 / 852992, 12);
  });
});

const TEXTBOOK_METRICS = ['cycles', 'utilization.mapping', 'utilization.compute', 'utilization.overall'];

describe('textbook model vs native timing (folds not pipelined): zero error', () => {
  test.each(DATAFLOW_KINDS)('MobileNetV1, 64×64, %s', async (df) => {
    expectZeroError(await validated('textbook', arch(64, 64), mobilenet, 'native', df), TEXTBOOK_METRICS);
  });

  test.each(['ws', 'is'] as const)('MobileNetV1, 32×32, %s, stationary double buffering', async (df) => {
    const a = arch(32, 32, { stationaryDoubleBuffer: true });
    expectZeroError(await validated('textbook', a, mobilenet, 'native', df), TEXTBOOK_METRICS);
  });

  test('random GEMMs, groups, arrays and double buffering', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<DataflowKind>(...DATAFLOW_KINDS),
        fc.boolean(),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 24 }),
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 3 })),
          { minLength: 1, maxLength: 3 },
        ),
        async (df, dbuf, R, C, shapes) => {
          const a = arch(R, C, { stationaryDoubleBuffer: dbuf });
          expectZeroError(await validated('textbook', a, gemms(shapes), 'native', df), TEXTBOOK_METRICS);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('textbook model: hand-worked cases', () => {
  const predict = (df: DataflowKind, a: ReturnType<typeof arch>, shape: [number, number, number, number]) => {
    const layer = gemms([shape]).layers[0] as ComputeLayer;
    return MODELS.textbook(a, layer, lowerLayer(layer), DATAFLOWS[df]).cycles;
  };

  test('OS, 64×64, M = 9, N = 1, K = 9: fill over 9×1 PEs, 64-cycle drain (README)', () => {
    expect(predict('os', arch(64, 64), [9, 1, 9, 1])).toBe(9 + 9 + 1 - 2 + 64);
  });

  test('WS, 2×2, M = 3, N = 2, K = 2 (tests/core/native.test.ts hand trace): 2 load + 5 stream', () => {
    expect(predict('ws', arch(2, 2), [3, 2, 2, 1])).toBe(7);
  });

  test('WS, 4×4, M = 5, N = 6, K = 7, 2 groups, with and without double buffering', () => {
    // Per group: Sr = K = 7 (r = 4, 3), Sc = N = 6 (c = 4, 2), T = 5. Folds (c, r): (4,4) (4,3) (2,4) (2,3).
    //   stream T + R + c − 2: 11, 11, 9, 9 = 40; loads r: 4 + 3 + 4 + 3 = 14. Two groups: 2·54 = 108.
    //   Double buffered: only the first load shows: 4 + 2·40 = 84.
    expect(predict('ws', arch(4, 4), [5, 6, 7, 2])).toBe(108);
    expect(predict('ws', arch(4, 4, { stationaryDoubleBuffer: true }), [5, 6, 7, 2])).toBe(84);
  });

  test('with foldPipelining the model over-predicts (OS, 4×4, M = 8, N = 4, K = 10: +1/3)', async () => {
    // Two folds of 4×4: serialised 2·(10 + 4 + 4 − 2 + 4) = 40; pipelined, the second fold starts max(K, R) = 10
    // cycles after the first and ends at 10 + 20 = 30. Error (40 − 30)/30.
    const report = await validated('textbook', arch(4, 4, { foldPipelining: true }), gemms([[8, 4, 10, 1]]), 'native', 'os');
    expect(report.layers[0].validation!.metrics.cycles).toMatchObject({ predicted: 40, simulated: 30 });
    expect(layerErrors(report, 'g0').cycles).toBeCloseTo(1 / 3, 12);
  });
});
