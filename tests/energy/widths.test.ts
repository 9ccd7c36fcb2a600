// Prices and words by operand width (arch precision int1 … int8, and an activation width apart from the weights'):
// a multiplier by the a·w rule, words per bit, scratchpads of bit-packed words. Every expected value is derived by
// hand below from Horowitz's published figures (published.ts), not from host/energy/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_ENERGY_TABLE, applyEnergyOverride, layerEnergy } from '../../host/energy/index.ts';
import { intMacPJ } from '../../host/energy/widths.ts';
import { memoryConfig } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { expectBadCli } from '../helpers/bad-input.ts';
import { A_REGISTER_PJ_PER_BIT, H } from './published.ts';

const T = DEFAULT_ENERGY_TABLE;

describe('a MAC by operand widths', () => {
  test("the a·w rule: [H]'s 8-bit multiply 0.2 pJ × a·w / 64, plus [H]'s 32-bit add 0.1 pJ", () => {
    // By hand: 1×8 → 0.2·8/64 + 0.1 = 0.125; 3×8 → 0.2·24/64 + 0.1 = 0.175; 5×8 → 0.2·40/64 + 0.1 = 0.225;
    // 2×2 → 0.2·4/64 + 0.1 = 0.1125; 7×7 → 0.2·49/64 + 0.1 = 0.253125.
    expect(intMacPJ(T, 1, 8)).toBeCloseTo(0.125, 12);
    expect(intMacPJ(T, 3, 8)).toBeCloseTo(0.175, 12);
    expect(intMacPJ(T, 5, 8)).toBeCloseTo(0.225, 12);
    expect(intMacPJ(T, 2, 2)).toBeCloseTo(0.1125, 12);
    expect(intMacPJ(T, 7, 7)).toBeCloseTo(0.253125, 12);
    expect(intMacPJ(T, 8, 8)).toBeCloseTo(H.mult8 + H.add32, 12);
  });

  test('a width the table lists keeps its entry, overrides included; the rule scales from the int8 entry', () => {
    const t = applyEnergyOverride(T, { macPJ: { int4: 1, int8: 0.5 } });
    expect(intMacPJ(t, 4, 4)).toBe(1);
    expect(intMacPJ(t, 8, 8)).toBe(0.5);
    expect(intMacPJ(t, 2, 8)).toBeCloseTo(((0.5 - 0.1) * 16) / 64 + 0.1, 12); // multiply 0.4 × 16/64, plus the add
  });
});

describe('a layer at int8 weights and int3 activations', () => {
  const arch = parseArch(
    { array: { rows: 4, cols: 4 }, precision: { operand: 'int8', activation: 'int3' }, sram: { ifmapKiB: 8, filterKiB: 32, ofmapKiB: 1024 } },
    'w.yaml',
  );

  test('energy: MACs at 3×8 bits, registers 3 + 8 + 32 bits, ifmap and ofmap words of 3 bits, filter words of 8', () => {
    const e = layerEnergy(arch, {
      macs: 1000,
      sram: { ifmapReads: 64, filterReads: 64, ofmapWrites: 64, ofmapReads: 0 },
      dram: { ifmapReads: 64, filterReads: 64, ofmapWrites: 64 },
    }, T);
    // By hand: MACs 1000 × 0.175 = 175 pJ; registers 1000 × (3 + 8 + 32) bits × 0.009 = 387 pJ.
    expect(e.mac).toBeCloseTo(175, 9);
    expect(e.registers).toBeCloseTo(1000 * 43 * A_REGISTER_PJ_PER_BIT, 9);
    // SRAM ([H] per 64 bits at 8, 32, 1024 KiB): ifmap 64 × 3 bits × 10/64 = 30; filter 64 × 8 × 20/64 = 160;
    // ofmap 64 × 3 × 100/64 = 300.
    expect(e.sram.ifmap).toBeCloseTo(30, 9);
    expect(e.sram.filter).toBeCloseTo(160, 9);
    expect(e.sram.ofmap).toBeCloseTo(300, 9);
    // DRAM: (64·3 + 64·8 + 64·3) bits × 1300/64 = 896 × 20.3125 = 18200.
    expect(e.dram.total).toBeCloseTo(18200, 6);
  });

  test('scratchpads hold bit-packed words: KiB · 8192 / width', () => {
    const m = memoryConfig(arch, 'native', 'os')!;
    expect(m.ifmapWords).toBe((8 * 8192) / 3 - ((8 * 8192) % 3) / 3); // 21845 whole 3-bit words in 8 KiB
    expect(m.filterWords).toBe(32 * 1024); // 8-bit words
    expect(m.ofmapWords).toBe(Math.floor((1024 * 8192) / 3));
    const unified = parseArch({ array: { rows: 4, cols: 4 }, precision: { operand: 'int4', activation: 'int2' }, sram: { unifiedKiB: 2, ofmapKiB: 1 } }, 'u.yaml');
    const u = memoryConfig(unified, 'native', 'os')!;
    expect(u.unifiedWords).toBe(4096); // 2 KiB at the wider operand's 4 bits
    expect(u.ofmapWords).toBe(4096); // 1 KiB at 2 bits
  });
});

describe('a bad width: one line, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'widths-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  test.each([
    ['operand: int9', /precision\.operand: expected one of int1\|int2\|.*\|int8\|int16, got 'int9'/],
    ['operand: int8, activation: int0', /precision\.activation: expected one of int1\|.*got 'int0'/],
  ])('precision { %s }', async (precision, message) => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, `array: { rows: 4, cols: 4 }\nprecision: { ${precision} }\n`);
    expect(await expectBadCli(['run', '--arch', file, '--workload', 'mobilenet_v1'])).toMatch(message);
  });
});
