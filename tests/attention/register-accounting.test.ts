// microarch.registerAccounting: the FuseMax artifact prices one PE's register-file accesses (cascade.py hands
// Accelergy a single reg_file instance with Timeloop's per-instance counts); --idealized sets it, as configured every
// PE's are priced. Oracles: the accounting's closed form (one PE's share = the array's count / its PEs: 256 × 256 on
// the 2D array, 256 on the 1D) and the analytic model (host/attention/analytic/, a separate closed-form
// implementation whose register counts the artifact's energies are checked against in tests/attention/analytic/;
// every PE's counts against it: tests/attention/cycles.test.ts).
import { describe, expect, it } from 'vitest';
import { ANALYTIC_MACHINES, analyticAttention } from '../../host/attention/analytic/index.ts';
import { loadCascade } from '../../host/attention/cascade.ts';
import { loadAttentionModel } from '../../host/attention/models.ts';
import { runAttention } from '../../host/attention/run.ts';
import { loadAttentionArch } from '../../host/spec/arch/arch.ts';

const bert = loadAttentionModel('bert');
const shape = { model: bert.name, heads: bert.heads, qkDim: bert.qkDim, vDim: bert.vDim, seq: 4096, batch: 64 };
const rel = (a: number, b: number) => Math.abs(a / b - 1);
const CASES = [
  ['fusemax', 'fusemax-cloud', 'fusemax-cloud'],
  ['flat', 'flat-cloud', 'flat-cloud'],
] as const;

describe('register accounting', () => {
  for (const [cascade, arch, machine] of CASES) {
    it(`${cascade}, BERT 4K: artifact prices the array's register words / its PEs, nothing else changes`, () => {
      const base = loadAttentionArch(arch);
      const all = runAttention(base, loadCascade(cascade), shape);
      const one = runAttention({ ...base, microarch: { ...base.microarch, registerAccounting: 'artifact' } }, loadCascade(cascade), shape);
      expect(all.arch.microarch.registerAccounting).toBe('all-pes');
      expect(rel(one.energyPJ.registers.array2d * 256 * 256, all.energyPJ.registers.array2d)).toBeLessThan(1e-12);
      expect(rel(one.energyPJ.registers.array1d * 256, all.energyPJ.registers.array1d)).toBeLessThan(1e-12);
      expect(one.cycles).toEqual(all.cycles);
      expect(one.energyPJ.array2d).toEqual(all.energyPJ.array2d);
      expect(one.energyPJ.dram).toBe(all.energyPJ.dram);
      const regs = (r: typeof all) => r.energyPJ.registers.array2d + r.energyPJ.registers.array1d;
      expect(rel(all.energyPJ.total - regs(all), one.energyPJ.total - regs(one))).toBeLessThan(1e-12);
    });
    it(`${cascade}, BERT 4K: idealized uses the artifact's accounting, as the analytic model's 'artifact' mode prices it`, () => {
      const ideal = runAttention(loadAttentionArch(arch), loadCascade(cascade), shape, { idealized: true });
      expect(ideal.arch.microarch.registerAccounting).toBe('artifact');
      const a = analyticAttention(ANALYTIC_MACHINES[machine], bert, 4096, 64, cascade, { registerAccounting: 'artifact' });
      expect(rel(ideal.energyPJ.registers.array2d, a.energy.registers2d)).toBeLessThan(1e-9);
      expect(rel(ideal.energyPJ.registers.array1d, a.energy.registers1d)).toBeLessThan(1e-9);
    });
  }
});
