// The default table against the published figures (published.ts) and the stated derivations; the shipped YAML copy;
// SRAM interpolation against its closed form; energy formatting.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENERGY_TABLE } from '../../host/energy/defaults.ts';
import { formatEnergy } from '../../host/energy/format.ts';
import { loadEnergyTable } from '../../host/energy/load.ts';
import { sramPJPer64Bit } from '../../host/energy/sram.ts';
import { MAC_PRECISIONS } from '../../host/energy/types.ts';
import { OPERAND_BITS, OPERAND_PRECISIONS } from '../../host/spec/types.ts';
import { A_REGISTER_PJ_PER_BIT, H, intMacPJ } from './published.ts';

const HOROWITZ_YAML = fileURLToPath(new URL('../../host/energy/horowitz-45nm.yaml', import.meta.url));

describe('default table', () => {
  it('covers int4, int8, int16, fp16, bf16, fp32; every other precision the simulator runs is 1–8 bits (the a·w rule)', () => {
    expect(Object.keys(DEFAULT_ENERGY_TABLE.macPJ).sort()).toEqual(['bf16', 'fp16', 'fp32', 'int16', 'int4', 'int8']);
    for (const p of OPERAND_PRECISIONS) expect((MAC_PRECISIONS as readonly string[]).includes(p) || OPERAND_BITS[p] <= 8, p).toBe(true);
  });

  it('MACs: integer mult (width² from 8-bit) + int32 add; fp mult + fp32 add; bf16 as fp16', () => {
    const mac = DEFAULT_ENERGY_TABLE.macPJ;
    expect(mac.int4).toBeCloseTo(intMacPJ(4), 12); // 0.05 + 0.1
    expect(mac.int8).toBeCloseTo(H.mult8 + H.add32, 12); // published as is
    expect(mac.int16).toBeCloseTo(intMacPJ(16), 12); // 0.8 + 0.1
    expect(mac.fp16).toBeCloseTo(H.fpMult16 + H.fpAdd32, 12);
    expect(mac.bf16).toBe(mac.fp16);
    expect(mac.fp32).toBeCloseTo(H.fpMult32 + H.fpAdd32, 12); // Horowitz's own "4.6 pJ FP32 MAC"
  });

  it('the width² rule from 8 bits lands within 4% of the published 32-bit multiply (3.2 vs 3.1 pJ)', () => {
    expect(Math.abs(H.mult8 * 4 ** 2 - 3.1) / 3.1).toBeLessThan(0.04);
  });

  it('registers, SRAM and DRAM are the published figures', () => {
    expect(DEFAULT_ENERGY_TABLE.registerPJPerBit).toBe(A_REGISTER_PJ_PER_BIT);
    const published = [{ sizeKiB: 8, pJ: H.sram8KiB }, { sizeKiB: 32, pJ: H.sram32KiB }, { sizeKiB: 1024, pJ: H.sram1MiB }];
    expect(DEFAULT_ENERGY_TABLE.sramPJPer64Bit).toEqual({ read: published, write: published });
    expect(DEFAULT_ENERGY_TABLE.dramPJPer64Bit).toEqual({ read: H.dramLow, write: H.dramLow });
  });

  it('host/energy/horowitz-45nm.yaml, loaded as an override file, is exactly the default table', () => {
    expect(loadEnergyTable(HOROWITZ_YAML)).toEqual(DEFAULT_ENERGY_TABLE);
  });
});

describe('SRAM energy by size (log-log between published sizes)', () => {
  const curve = DEFAULT_ENERGY_TABLE.sramPJPer64Bit.read;

  it('returns the published figure at a published size', () => {
    expect([8, 32, 1024].map((s) => sramPJPer64Bit(curve, s))).toEqual([10, 20, 100]);
  });

  it('follows E ∝ size^α per segment: α = 1/2 on 8–32 KiB, 32 → 1024 KiB is ×5 over 5 doublings', () => {
    expect(sramPJPer64Bit(curve, 16)).toBeCloseTo(10 * Math.SQRT2, 9);
    expect(sramPJPer64Bit(curve, 64)).toBeCloseTo(20 * 5 ** (1 / 5), 9);
    expect(sramPJPer64Bit(curve, 256)).toBeCloseTo(20 * 5 ** (3 / 5), 9);
  });

  it("extends the nearest segment's power law outside the published sizes", () => {
    expect(sramPJPer64Bit(curve, 2)).toBeCloseTo(5, 9); // 10 · (2/8)^(1/2)
    expect(sramPJPer64Bit(curve, 4096)).toBeCloseTo(100 * 5 ** (2 / 5), 9); // two doublings past 1 MiB
  });

  it('a one-point curve is a constant', () => {
    expect(sramPJPer64Bit([{ sizeKiB: 64, pJ: 7 }], 1)).toBe(7);
    expect(sramPJPer64Bit([{ sizeKiB: 64, pJ: 7 }], 4096)).toBe(7);
  });
});

describe('formatEnergy', () => {
  it('three significant digits with the largest prefix that keeps ≥ 1 unit', () => {
    expect(formatEnergy(0)).toBe('0 pJ');
    expect(formatEnergy(0.15)).toBe('0.150 pJ');
    expect(formatEnergy(648)).toBe('648 pJ');
    expect(formatEnergy(92136.12)).toBe('92.1 nJ');
    expect(formatEnergy(3.6e8)).toBe('360 µJ');
    expect(formatEnergy(999_600)).toBe('1.00 µJ');
    expect(formatEnergy(2.5e12)).toBe('2.50 J');
  });
});
