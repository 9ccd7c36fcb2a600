// Test helpers: a small GEMM run on an 8×8 arch, and a relative-tolerance comparison of energy breakdowns.
import { expect } from 'vitest';
import type { EnergyTable } from '../../host/energy/types.ts';
import type { Report } from '../../host/report/types.ts';
import { simulate } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import type { OperandPrecision } from '../../host/spec/types.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';
import { PUBLISHED_SRAM } from './published.ts';

/** Two GEMM layers; MACs are M·N·K: 20·12·9 = 2160 and 12·16·12 = 2304. */
export const GEMMS = [
  { name: 'g1', kind: 'gemm', m: 20, n: 12, k: 9 },
  { name: 'g2', kind: 'gemm', m: 12, n: 16, k: 12 },
] as const;

/** Simulates GEMMS on an 8×8 OS array with buffers at [H]'s published sizes and `operand` precision. */
export function runGemms(operand: OperandPrecision, energy?: EnergyTable): Promise<Report> {
  const arch = parseArch({ array: { rows: 8, cols: 8 }, precision: { operand }, sram: { ...PUBLISHED_SRAM } }, 'a8.yaml');
  const workload = parseWorkload({ name: 'two-gemms', layers: GEMMS }, 'two-gemms.yaml');
  return simulate(arch, workload, { energy });
}

/** Every number in `actual` equals the one at the same key in `expected` to a relative 1e-12. */
export function expectEnergy(actual: unknown, expected: unknown, path = 'energy'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const tolerance = 1e-12 * Math.max(1, Math.abs(expected));
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
    return;
  }
  const e = expected as Record<string, unknown>;
  expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(e).sort());
  for (const k of Object.keys(e)) expectEnergy((actual as Record<string, unknown>)[k], e[k], `${path}.${k}`);
}
