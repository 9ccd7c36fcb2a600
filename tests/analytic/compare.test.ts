// The comparison itself, on a hand-made report: signed relative errors, tolerance flags (inclusive bound, rounding
// noise ignored), metrics compared only when both sides have them, undefined errors, per-metric summaries.
import { describe, expect, test } from 'vitest';
import { attachValidation, relativeError } from '../../host/analytic/index.ts';
import type { LayerReport, Report } from '../../host/report/types.ts';

const NO_ENERGY = { ifmap: 0, filter: 0, ofmap: 0, total: 0 };

function layer(
  name: string, cycles: number, overall: number, dram: Omit<NonNullable<LayerReport['dram']>, 'ofmapReads'> | null, ofmapReads = 0,
): LayerReport {
  return {
    name, kind: 'gemm', dataflow: 'os', gemm: { M: 1, N: 1, K: 1, groups: 1 }, grouping: { strategy: 'sequential', groupsPerFold: 1 },
    folds: { rows: 1, cols: 1 }, macs: 1,
    cycles: { total: cycles, compute: cycles, stall: 0, stallBy: { ifmap: 0, filter: 0, ofmap: 0, bank: 0, unattributed: 0 } },
    utilization: { mapping: 1, compute: overall, overall },
    sram: { ifmapReads: 10, filterReads: 10, ofmapWrites: 10, ofmapReads, ifmapWrites: 0, filterWrites: 0 },
    dram: dram === null ? null : { ...dram, ofmapReads: 0 }, dramBandwidth: null,
    energy: { mac: 0, registers: 0, sram: NO_ENERGY, dram: NO_ENERGY, vector: 0, total: 0 },
    verified: null,
  };
}

const report = (layers: LayerReport[]): Report => ({ layers } as unknown as Report);

describe('relativeError', () => {
  test('(pred − sim)/sim, signed; 0/0 is 0; x/0 is undefined', () => {
    expect(relativeError(110, 100)).toBeCloseTo(0.1, 15);
    expect(relativeError(90, 100)).toBeCloseTo(-0.1, 15);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(5, 0)).toBeNull();
  });
});

describe('attachValidation', () => {
  const sim = report([
    layer('a', 100, 0.5, null),
    layer('b', 200, 0.25, { ifmapReads: 4, filterReads: 4, ofmapWrites: 4 }),
    layer('c', 400, 0.125, null),
  ]);
  const out = attachValidation(
    sim,
    [
      { cycles: 105, utilization: { overall: 0.5 * (1 + 1e-15) } }, // +5% exactly: within a 5% tolerance
      { cycles: 180, dram: { ifmapReads: 6 } }, // −10%; dram +50%
      { cycles: 400, sram: { ofmapReads: 3 } }, // sim 0 reads: undefined error
    ],
    'hand',
    0.05,
  );

  test('per layer: only the metrics both sides have', () => {
    expect(Object.keys(out.layers[0].validation!.metrics)).toEqual(['cycles', 'utilization.overall']);
    expect(Object.keys(out.layers[1].validation!.metrics)).toEqual(['cycles', 'dram.ifmapReads']);
    expect(out.layers[2].validation!.metrics['sram.ofmapReads']).toEqual({ predicted: 3, simulated: 0, error: null });
  });

  test('signed errors and flags: the bound is inclusive, undefined errors are flagged', () => {
    expect(out.layers[0].validation!.metrics.cycles.error).toBeCloseTo(0.05, 15);
    expect(out.layers[1].validation!.metrics.cycles.error).toBeCloseTo(-0.1, 15);
    expect(out.layers.map((l) => l.validation!.beyondTolerance)).toEqual([false, true, true]);
    expect(out.validation!.layersBeyondTolerance).toEqual(['b', 'c']);
    expect(out.validation!.pass).toBe(false);
    expect(out.validation).toMatchObject({ model: 'hand', tolerance: 0.05 });
  });

  test('summary per metric: mean |error|, signed largest error and its layer, totals for counts only', () => {
    const cycles = out.validation!.metrics.cycles;
    expect(cycles.layers).toBe(3);
    expect(cycles.meanAbsError).toBeCloseTo((0.05 + 0.1 + 0) / 3, 15);
    expect(cycles.maxError).toBeCloseTo(-0.1, 15);
    expect(cycles.maxErrorLayer).toBe('b');
    // Σ predicted 105 + 180 + 400 = 685 vs Σ simulated 700: −15/700.
    expect(cycles.total!.predicted).toBe(685);
    expect(cycles.total!.simulated).toBe(700);
    expect(cycles.total!.error).toBeCloseTo(-15 / 700, 15);
    expect(out.validation!.metrics['utilization.overall'].total).toBeUndefined();
    const reads = out.validation!.metrics['sram.ofmapReads'];
    expect(reads).toMatchObject({ layers: 1, undefinedErrors: 1, meanAbsError: 0, maxErrorLayer: null });
    expect(Object.keys(out.validation!.metrics)).toEqual(['cycles', 'utilization.overall', 'sram.ofmapReads', 'dram.ifmapReads']);
  });

  test('a 0% tolerance passes exact counts and fractions equal up to rounding', () => {
    const exact = attachValidation(report([layer('a', 100, 0.3, null)]), [{ cycles: 100, utilization: { overall: 0.1 + 0.2 } }], 'x', 0);
    expect(exact.validation!.pass).toBe(true);
  });

  test('the input report is left as it was', () => {
    expect(sim.layers[0].validation).toBeUndefined();
    expect((sim as Report).validation).toBeUndefined();
  });
});
