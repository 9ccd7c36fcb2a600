// Layers of any size in bounded memory (issue 11): simulate() streams every GEMM fold by fold, so a layer whose
// operands the core could never hold runs, and --values says which folds compute values (timing and counters are
// the same whichever). Oracles: the report of the same run with values on every fold; the old core-memory bound
// (coreBytesFor, host/core) to show the layer is past it; for --verify, a reference per fold computed on the host.
import { describe, expect, it } from 'vitest';
import { CORE_MEMORY_LIMIT, coreBytesFor } from '../../host/core/index.ts';
import { InputError, simulate } from '../../host/index.ts';
import type { Report } from '../../host/report/types.ts';

const withMemory = (dataflow: string) => ({
  name: 'small', array: { rows: 8, cols: 6 }, dataflow,
  sram: { ifmapKiB: 1, filterKiB: 1, ofmapKiB: 1, banks: 2 }, dram: { bandwidthWordsPerCycle: 3, latencyCycles: 20 },
  memory: { sliceSteps: 8 }, microarch: { foldPipelining: true, stationaryDoubleBuffer: true },
});
const WORKLOAD = {
  name: 'mixed',
  layers: [
    { name: 'fc', kind: 'gemm', m: 70, n: 45, k: 83 },
    { name: 'conv', kind: 'conv', ifmap: { h: 12, w: 11, c: 5 }, kernel: 3, stride: 2, padding: 1, filters: 13 },
  ],
};

const withoutSimulation = (r: Report) => ({ ...r, layers: r.layers.map(({ simulation: _s, ...l }) => l) });

describe('bounded memory', () => {
  it.each(['os', 'ws', 'is'])('%s: --values sampled and off give the full run\'s report; each layer says how its folds ran', async (df) => {
    const arch = withMemory(df);
    const plain = await simulate(arch, WORKLOAD);
    const full = await simulate(arch, WORKLOAD, { values: 'full', verify: true });
    const sampled = await simulate(arch, WORKLOAD, { values: 'sampled', verify: true });
    const off = await simulate(arch, WORKLOAD, { values: 'off' });
    expect(plain.layers.every((l) => l.simulation === undefined)).toBe(true); // no --values: the report as before
    expect(withoutSimulation(full)).toEqual({ ...plain, layers: plain.layers.map((l) => ({ ...l, verified: true })) });
    expect(withoutSimulation(sampled)).toEqual(withoutSimulation(full));
    expect(withoutSimulation(off)).toEqual(plain);
    for (const [i, l] of full.layers.entries()) {
      const folds = l.simulation!.folds;
      expect(folds).toBeGreaterThan(1);
      expect(l.simulation).toEqual({ values: 'full', folds, foldsWithValues: folds, foldsAdvanced: 0, foldsInPeriods: 0 });
      expect(off.layers[i].simulation).toMatchObject({ values: 'off', folds, foldsWithValues: 0 });
      const s = sampled.layers[i].simulation!.foldsWithValues;
      expect(s).toBeGreaterThanOrEqual(2); // at least the first and the last fold
      expect(s).toBeLessThan(folds);
    }
  });

  it('a GEMM past the old core-memory limit runs, its sampled folds verified', async () => {
    const [M, N, K] = [20_000, 1, 25_000];
    expect(coreBytesFor(M, N, K, 512, 1)).toBeGreaterThan(CORE_MEMORY_LIMIT); // refused before issue 11
    const arch = { name: 'column', array: { rows: 512, cols: 1 }, memory: { model: 'ideal' } };
    const report = await simulate(arch, { name: 'big', layers: [{ name: 'g', kind: 'gemm', m: M, n: N, k: K }] }, { values: 'sampled', verify: true });
    const l = report.layers[0];
    expect(l.macs).toBe(M * N * K);
    expect(l.verified).toBe(true);
    expect(l.simulation).toMatchObject({ values: 'sampled', folds: Math.ceil(M / 512) });
    // OS, not pipelined: every fold K + r + c − 2 compute cycles + R drain cycles (tests/core/native.test.ts).
    const folds = Array.from({ length: Math.ceil(M / 512) }, (_, i) => Math.min(512, M - 512 * i));
    expect(l.cycles.total).toBe(folds.reduce((a, r) => a + K + r + 1 - 2 + 512, 0));
  });

  it('--verify with --values off is refused: there are no values to check', async () => {
    const e = await simulate(withMemory('os'), WORKLOAD, { values: 'off', verify: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/--values off/);
  });

  it('an unknown values mode is refused, naming the option', async () => {
    const e = await simulate(withMemory('os'), WORKLOAD, { values: 'most' } as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/^simulate options: values: expected one of full, sampled, off/);
  });
});
