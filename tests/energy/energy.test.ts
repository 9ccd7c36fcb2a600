// Energy of simulated layers = their simulated counts × the published prices, recomputed here from the counts and
// the figures in published.ts (Horowitz ISSCC 2014, Aladdin ISCA 2014), never by calling host/energy/ again.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENERGY_TABLE } from '../../host/energy/defaults.ts';
import { layerEnergy } from '../../host/energy/compute.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { GEMMS, expectEnergy, runGemms } from './helpers.ts';
import { A_REGISTER_PJ_PER_BIT, H, PUBLISHED_SRAM, expectedEnergy } from './published.ts';

describe('energy of a simulated run', () => {
  for (const [operand, bits] of [['int8', 8], ['int4', 4], ['int16', 16]] as const) {
    it(`${operand}: each layer's energy is its counts × the table; totals are the layer sums`, async () => {
      const report = await runGemms(operand);
      // The counts are the simulated ones: MACs are M·N·K of each GEMM (the array has no idle-PE MACs).
      expect(report.layers.map((l) => l.macs)).toEqual(GEMMS.map((g) => g.m * g.n * g.k));
      for (const layer of report.layers) expectEnergy(layer.energy, expectedEnergy(layer, bits), layer.name);
      const [a, b] = report.layers.map((l) => expectedEnergy(l, bits));
      expectEnergy(report.totals.energy, {
        mac: a.mac + b.mac,
        registers: a.registers + b.registers,
        sram: {
          ifmap: a.sram.ifmap + b.sram.ifmap, filter: a.sram.filter + b.sram.filter,
          ofmap: a.sram.ofmap + b.sram.ofmap, total: a.sram.total + b.sram.total,
        },
        dram: {
          ifmap: a.dram.ifmap + b.dram.ifmap, filter: a.dram.filter + b.dram.filter,
          ofmap: a.dram.ofmap + b.dram.ofmap, total: a.dram.total + b.dram.total,
        },
        vector: 0,
        total: a.total + b.total,
      }, 'totals');
    });
  }

  it('int8 g1 by hand: MACs 2160 × (0.2 + 0.1) pJ, registers 2160 × (2·8 + 32) bits × 0.009 pJ', async () => {
    const g1 = (await runGemms('int8')).layers[0];
    expect(g1.energy.mac).toBeCloseTo(648, 9);
    expect(g1.energy.registers).toBeCloseTo(933.12, 9);
  });

  it('a table passed to simulate() prices the same counts', async () => {
    const table = { ...DEFAULT_ENERGY_TABLE, macPJ: { ...DEFAULT_ENERGY_TABLE.macPJ, int8: 1 }, registerPJPerBit: 0 };
    const report = await runGemms('int8', table);
    for (const l of report.layers) {
      expect(l.energy.mac).toBe(l.macs * 1);
      expect(l.energy.registers).toBe(0);
      expectEnergy(l.energy.sram, expectedEnergy(l, 8).sram, `${l.name}.sram`);
    }
  });
});

describe('layerEnergy on given counts', () => {
  const arch = parseArch({ array: { rows: 8, cols: 8 }, sram: { ...PUBLISHED_SRAM } }, 'a8.yaml');
  const sram = { ifmapReads: 100, filterReads: 200, ofmapWrites: 30, ofmapReads: 4, ifmapWrites: 50, filterWrites: 60 };

  it('DRAM words cost 1300 pJ per 64 bits: int8 words 162.5 pJ each; writes like reads', () => {
    const dram = { ifmapReads: 10, filterReads: 20, ofmapWrites: 30, ofmapReads: 2 };
    const e = layerEnergy(arch, { macs: 0, sram, dram }, DEFAULT_ENERGY_TABLE);
    expectEnergy(e.dram, { ifmap: 10 * 162.5, filter: 20 * 162.5, ofmap: 32 * 162.5, total: 62 * 162.5 }, 'dram');
  });

  it('no DRAM counts (memory not simulated): DRAM energy is 0, the rest is unchanged', () => {
    const e = layerEnergy(arch, { macs: 64, sram, dram: null }, DEFAULT_ENERGY_TABLE);
    expectEnergy(e.dram, { ifmap: 0, filter: 0, ofmap: 0, total: 0 }, 'dram');
    // SRAM int8 words: 8 KiB 10/8 = 1.25 pJ, 32 KiB 20/8 = 2.5 pJ, 1 MiB 100/8 = 12.5 pJ, reads and writes alike.
    expectEnergy(e.sram, { ifmap: 150 * 1.25, filter: 260 * 2.5, ofmap: 34 * 12.5, total: 187.5 + 650 + 425 }, 'sram');
    const macAndRegisters = 64 * (H.mult8 + H.add32) + 64 * 48 * A_REGISTER_PJ_PER_BIT;
    expect(e.total).toBeCloseTo(macAndRegisters + 187.5 + 650 + 425, 9);
  });

  it('an SRAM between published sizes is priced on the log-log line: 64 KiB = 20 · 5^(1/5) pJ per 64 bits', () => {
    const big = parseArch({ array: { rows: 8, cols: 8 }, sram: { ifmapKiB: 64 } }, 'a8.yaml');
    const e = layerEnergy(big, { macs: 0, sram: { ...sram, ifmapWrites: 0 }, dram: null }, DEFAULT_ENERGY_TABLE);
    // 32 → 1024 KiB is 5 doublings for a ×5 energy, so each doubling is ×5^(1/5).
    expect(e.sram.ifmap).toBeCloseTo(100 * 20 * 5 ** (1 / 5) * (8 / 64), 9);
  });
});

describe('energies are always finite', () => {
  it('an SRAM curve whose power law extrapolates past 1 µJ per access is refused, naming the size', () => {
    // Two points 10⁻⁷ KiB apart, 1e-6 → 1e6 pJ: exponent ln(10¹²)/ln(1 + 10⁻⁷) ≈ 2.8·10⁸, so at 64 KiB the
    // curve gives 64^(2.8·10⁸) = Infinity pJ. Every point is within the schema's bound; the price at the size used is not.
    const arch = parseArch({ array: { rows: 8, cols: 8 } }, 'a8.yaml');
    const table = { ...DEFAULT_ENERGY_TABLE, sramPJPer64Bit: { ...DEFAULT_ENERGY_TABLE.sramPJPer64Bit, read: [{ sizeKiB: 1, pJ: 1e-6 }, { sizeKiB: 1.0000001, pJ: 1e6 }] } };
    const counts = { macs: 1, sram: { ifmapReads: 1, filterReads: 1, ofmapWrites: 1, ofmapReads: 0 }, dram: null };
    expect(() => layerEnergy(arch, counts, table)).toThrow(/^energy table: sramPJPer64Bit\.read: the curve gives Infinity pJ per 64-bit access at 64 KiB/);
  });
});
