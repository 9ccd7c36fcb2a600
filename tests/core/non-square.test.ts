// Counters and report totals on non-square arrays (R ≠ C), against closed forms derived by hand, so that a rows/cols
// mix-up anywhere (R·R for R·C, a row count for a word count) changes a number here.
import { describe, expect, test } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import type { DataflowKind } from '../../host/spec/types.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';

const gemm = (m: number, n: number, k: number) => parseWorkload({ name: 'g', layers: [{ name: 'g', kind: 'gemm', m, n, k }] }, 'test');
const ideal = (rows: number, cols: number) => parseArch({ name: 't', array: { rows, cols }, memory: { model: 'ideal' } }, 'test');

describe('WS/IS partial sums: SRAM ofmap words per fold of K', () => {
  test.each([
    // R × C array, GEMM M × N × K. WS: K on rows, N on columns, M streamed; IS: K on rows, M on columns, N streamed.
    // Every fold of K after the first reads back the partial sums of its t × c output block before adding to them:
    // (Fr − 1)·M·N words in all (Fr = ceil(K/R) folds of K), and every fold writes its block: Fr·M·N.
    { df: 'ws', R: 4, C: 8, M: 10, N: 20, K: 9 }, // Fr = 3: 400 reads, 600 writes
    { df: 'is', R: 4, C: 8, M: 10, N: 20, K: 9 },
    { df: 'ws', R: 8, C: 3, M: 7, N: 5, K: 30 }, // Fr = 4: 105 reads, 140 writes
    { df: 'is', R: 8, C: 3, M: 7, N: 5, K: 30 },
    { df: 'ws', R: 4, C: 8, M: 10, N: 1, K: 9 }, // one-column folds (their own loop): 20 reads, 30 writes
    { df: 'is', R: 4, C: 8, M: 1, N: 10, K: 9 },
  ] as const)('$df on $R×$C, $M×$N×$K', async ({ df, R, C, M, N, K }) => {
    const l = (await simulate(ideal(R, C), gemm(M, N, K), { dataflow: df as DataflowKind })).layers[0];
    const Fr = Math.ceil(K / R);
    expect(l.sram.ofmapReads).toBe((Fr - 1) * M * N);
    expect(l.sram.ofmapWrites).toBe(Fr * M * N);
  });
});

describe('utilization = MACs / (cycles · R · C), per layer and in the totals', () => {
  // Array 4 × 16, GEMM M = 6, N = 20, K = 10: 1200 MACs.
  const [R, C, M, N, K] = [4, 16, 6, 20, 10];
  const macs = M * N * K;

  test('native OS, ideal memory', async () => {
    // Folds r ∈ {4, 2} × c ∈ {16, 4}, serial, each K + r + c − 2 + R = 12 + r + c cycles: 4·12 + 2·(4 + 2) + 2·(16 + 4) = 100.
    const r = await simulate(ideal(R, C), gemm(M, N, K), { dataflow: 'os' });
    expect(r.totals.cycles).toBe(100);
    expect(r.totals.macs).toBe(macs);
    expect(r.totals.utilization).toBe(1200 / (100 * 64)); // 0.1875 (with R·R it would be 0.75)
    expect(r.layers[0].utilization.overall).toBe(1200 / (100 * 64));
  });

  test('scalesim OS', async () => {
    // Fr = ceil(6/4) = 2, Fc = ceil(20/16) = 2, L = K + R + C − 2 = 28: total 4·28 − 1 = 111 cycles.
    const r = await simulate(ideal(R, C), gemm(M, N, K), { dataflow: 'os', timing: 'scalesim' });
    expect(r.totals.cycles).toBe(111);
    expect(r.totals.utilization).toBe(1200 / (111 * 64));
    expect(r.layers[0].utilization.overall).toBe(1200 / (111 * 64));
    // Mapping efficiency Sr·Sc / (R·C·Fr·Fc) = 120 / 256.
    expect(r.layers[0].utilization.mapping).toBe(120 / 256);
  });

  test('two layers: the totals weigh each by its cycles', async () => {
    // The layer above (100 cycles) and M = 4, N = 16, K = 3 (one full fold: 3 + 4 + 16 − 2 + 4 = 25 cycles, 192 MACs).
    const w = parseWorkload({ name: 'w', layers: [{ name: 'a', kind: 'gemm', m: M, n: N, k: K }, { name: 'b', kind: 'gemm', m: 4, n: 16, k: 3 }] }, 'test');
    const r = await simulate(ideal(R, C), w, { dataflow: 'os' });
    expect(r.totals.cycles).toBe(125);
    expect(r.totals.utilization).toBe((1200 + 192) / (125 * 64));
  });
});
