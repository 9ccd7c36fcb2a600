// The library's simulate() (host/api.ts): options checked, plain spec objects read through the file schemas.
import { describe, expect, it } from 'vitest';
import { createEmitter, DEFAULT_ENERGY_TABLE, InputError, loadArch, loadWorkload, simulate } from '../../host/index.ts';

const ARCH = { name: 'tiny', array: { rows: 4, cols: 4 }, memory: { model: 'ideal' } };
const WORKLOAD = { name: 'w', layers: [{ name: 'c', kind: 'conv', ifmap: { h: 6, w: 6, c: 2 }, kernel: 3, filters: 4 }] };

const rejection = async (p: Promise<unknown>): Promise<string> => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  return (e as Error).message;
};

describe('simulate() from the library', () => {
  it('accepts plain objects as a spec file holds them, with defaults filled in', async () => {
    const report = await simulate(ARCH, WORKLOAD);
    expect(report.arch.dataflow).toBe('os'); // the default, filled in by the arch schema
    expect(report.arch.sram.ofmapKiB).toBe(64);
    // 6×6 input, 3×3 window: 16 output pixels × 4 filters × 18 taps.
    expect(report.layers[0].macs).toBe(16 * 4 * 18);
  });

  it('accepts normalised specs (loaded ones, or a report\'s echo) and gives the same report', async () => {
    const arch = loadArch('array-64');
    const w = loadWorkload('mobilenet_v1');
    const few = { ...w, layers: w.layers.slice(0, 3) }; // conv, dwconv, conv: groups written out by the loader
    const a = await simulate(arch, few, { timing: 'scalesim' });
    const b = await simulate(a.arch, few, { timing: 'scalesim' });
    expect(b.layers).toEqual(a.layers);
  });

  it("accepts a loaded global pool (its window is derived by the loader, not written) and gives the raw layer's report", async () => {
    // Found by bench/big.ts: simulate(loadArch(..), loadWorkload('resnet50')) refused pool5 with
    // "a global pool has no window settings", because the loader writes the derived whole-ifmap window back.
    const pool5 = loadWorkload('resnet50').layers.find((l) => l.name === 'pool5')!;
    expect(pool5.kind).toBe('pool');
    const { inputs: _inputs, ...loaded } = pool5 as typeof pool5 & { inputs?: string[] };
    const raw = { name: 'pool5', kind: 'pool', op: 'avg', global: true, ifmap: { h: 7, w: 7, c: 2048 } };
    const a = await simulate(loadArch('array-64'), { name: 'w', layers: [loaded] });
    const b = await simulate(loadArch('array-64'), { name: 'w', layers: [raw] });
    expect(a.layers).toEqual(b.layers);
    expect(a.totals.cycles).toBeGreaterThan(0);
  });

  it('refuses an unknown option value, an unknown option and a bad type, each naming the option', async () => {
    expect(await rejection(simulate(ARCH, WORKLOAD, { timing: 'bogus' as never }))).toBe(
      "simulate options: timing: expected one of native, scalesim, got \"bogus\"; set timing to one of native, scalesim",
    );
    expect(await rejection(simulate(ARCH, WORKLOAD, { timimg: 'native' } as never))).toMatch(/^simulate options: timimg: unknown option; use timing, /);
    expect(await rejection(simulate(ARCH, WORKLOAD, { verify: 'yes' } as never))).toContain('verify: expected true or false');
    expect(await rejection(simulate(ARCH, WORKLOAD, { emitter: {} } as never))).toContain('emitter: expected an emitter');
    expect(await rejection(simulate(ARCH, WORKLOAD, { energy: { macPJ: { int8: -1 } } } as never))).toMatch(/^simulate options: energy: macPJ\.int8/);
    await expect(simulate(ARCH, WORKLOAD, { emitter: createEmitter(), verify: true })).resolves.toBeDefined();
    // A full table (as loadEnergyTable returns it) is read through the same schema and echoed in the report.
    const table = { ...DEFAULT_ENERGY_TABLE, registerPJPerBit: 0 };
    expect((await simulate(ARCH, WORKLOAD, { energy: table })).energyTable).toEqual(table);
  });

  it('a wrong raw arch or workload is one InputError naming the key, not a TypeError', async () => {
    expect(await rejection(simulate({ array: { rows: 4 } }, WORKLOAD))).toMatch(/^arch: array\.cols: missing required key/);
    expect(await rejection(simulate(ARCH, { layers: [{ name: 'c', kind: 'conv' }] }))).toMatch(/^workload: layers\[0\] \(c\)\.ifmap: missing required key/);
    expect(await rejection(simulate(ARCH, {}))).toMatch(/^workload: layers: missing required key/);
  });
});
