// systole study snn: the sweep's rows, the prefix runs of --time-batch 1 against runs of their own, the break-even
// interpolation by hand, and the command (JSON shape, bad input).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { simulateSnn } from '../../host/snn/index.ts';
import { breakEvenRate, snnStudy, type SnnStudyRow } from '../../host/snn/study.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';
import { expectBadCli } from '../helpers/bad-input.ts';
import { runCli } from '../cli/run-cli.ts';

const LAYERS = [
  { name: 'c1', kind: 'conv', ifmap: { h: 8, w: 8, c: 3 }, kernel: 3, filters: 8, padding: 1 },
  { name: 'c2', kind: 'conv', ifmap: { h: 4, w: 4, c: 8 }, kernel: 3, filters: 8, padding: 1 },
  { name: 'fc', kind: 'gemm', m: 1, n: 10, k: 128 },
];
const ARCH = parseArch({ array: { rows: 8, cols: 8 }, sram: { ifmapKiB: 2, filterKiB: 2, ofmapKiB: 2 } }, 'test');
const WORKLOAD = parseWorkload({ name: 't', layers: LAYERS, snn: { threshold: 60 } }, 't.yaml');

describe('snnStudy', () => {
  test('rows per T, rate and front end; --time-batch 1 prefixes equal runs of their own', async () => {
    const s = await snnStudy(ARCH, WORKLOAD, { timesteps: [1, 2, 4], rates: [0.05, 0.5], timeBatch: 1 });
    expect(s.rows).toHaveLength(3 * 2 * 2);
    expect(s.breakEven).toHaveLength(3 * 2);
    for (const T of [1, 2, 4]) {
      for (const inputRate of [0.05, 0.5]) {
        const alone = (await simulateSnn(ARCH, WORKLOAD, { ...WORKLOAD.snn!, timesteps: T, timeBatch: 1, inputRate })).report.snn!.totals;
        const row = s.rows.find((r) => r.timesteps === T && r.inputRate === inputRate && r.frontEnd === 'rows')!;
        expect(row.snnEnergyPJ).toBeCloseTo(alone.energyPJ, 6);
        expect(row.snnCycles).toBe(alone.cycles);
        expect(row.spikeRate).toBe(alone.spikeRate);
        expect(row.qnnEnergyPJ).toBeCloseTo(alone.qnn.energyPJ, 6);
        expect(row.bitBudget).toBe(alone.bitBudget);
      }
    }
  });

  // The study runs the largest T with values and every smaller T's window again on the core without values (the
  // spikes of its first steps): each must equal a spiking run of its own, values and all, on every dataflow, with a
  // depthwise layer (groups) and a strided one.
  test.each(['os', 'ws', 'is'])('one time batch per inference: each T is one window, as a run of its own (%s)', async (df) => {
    const arch = parseArch({ array: { rows: 8, cols: 8 }, dataflow: df, sram: { ifmapKiB: 1, filterKiB: 1, ofmapKiB: 1 }, memory: { sliceSteps: 8 } }, 'test');
    const layers = [
      { name: 'c1', kind: 'conv', ifmap: { h: 8, w: 8, c: 3 }, kernel: 3, filters: 8, padding: 1 },
      { name: 'dw', kind: 'dwconv', ifmap: { h: 8, w: 8, c: 8 }, kernel: 3, padding: 1 },
      { name: 'c3', kind: 'conv', ifmap: { h: 8, w: 8, c: 8 }, kernel: 3, filters: 8, stride: 2, padding: 1 },
      { name: 'fc', kind: 'gemm', m: 1, n: 10, k: 128 },
    ];
    const w = parseWorkload({ name: 'g', layers, snn: { threshold: 40 } }, 'g.yaml');
    const s = await snnStudy(arch, w, { timesteps: [1, 2, 3], rates: [0.3] });
    for (const T of [1, 2, 3]) {
      const alone = (await simulateSnn(arch, w, { ...w.snn!, timesteps: T, timeBatch: T, inputRate: 0.3 })).report.snn!.totals;
      const row = s.rows.find((r) => r.timesteps === T && r.frontEnd === 'rows')!;
      expect(row.snnCycles).toBe(alone.cycles);
      expect(row.spikeRate).toBe(alone.spikeRate);
      expect(row.snnDramBytes).toBe(alone.dramBytes);
      expect(row.snnEnergyPJ).toBeCloseTo(alone.energyPJ, 6);
    }
  });

  test('break-even: linear between the measured points around SNN/QNN = 1', () => {
    const row = (spikeRate: number, ratio: number) => ({ spikeRate, snnEnergyPJ: ratio, qnnEnergyPJ: 1 }) as SnnStudyRow;
    // Between (0.1, 0.5) and (0.3, 1.5): 0.1 + 0.5 · 0.2 / 1 = 0.2.
    expect(breakEvenRate([row(0.3, 1.5), row(0.1, 0.5), row(0.5, 2)])).toBeCloseTo(0.2, 12);
    expect(breakEvenRate([row(0.1, 1.2), row(0.3, 1.5)])).toBeNull();
    expect(breakEvenRate([row(0.1, 0.2), row(0.3, 0.5)])).toBeNull();
  });
});

describe('systole study snn', () => {
  test('--json: rows and breakEven with spike rates as fractions', async () => {
    const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
    const r = await runCli(['study', 'snn', '--arch', join(fixtures, 'arch-8.yaml'), '--workload', join(fixtures, 'tiny-snn.yaml'), '--timesteps', '1', '--rates', '0.1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.rows).toHaveLength(2);
    for (const row of s.rows) {
      for (const k of ['timesteps', 'spikeRate', 'snnEnergyPJ', 'qnnEnergyPJ', 'snnCycles', 'qnnCycles', 'bitBudget']) expect(row).toHaveProperty(k);
      expect(row.spikeRate).toBeGreaterThan(0);
      expect(row.spikeRate).toBeLessThan(1);
    }
    expect(s.breakEven[0]).toHaveProperty('timesteps', 1);
    expect(s.breakEven[0]).toHaveProperty('spikeRate');
  });
  test.each([
    [['--timesteps', '0'], /--timesteps/],
    [['--timesteps', '2,x'], /--timesteps/],
    [['--rates', '1.5'], /--rates/],
    [['--time-batch', '3'], /--time-batch/],
  ])('bad input %j', async (args, message) => {
    expect(await expectBadCli(['study', 'snn', ...args])).toMatch(message);
  });
});
