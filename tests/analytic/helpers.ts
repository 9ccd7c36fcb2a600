// Shared by the analytic tests: small spec builders, a validate() shorthand and the "zero error" assertion.
import { expect } from 'vitest';
import { MODELS, type ModelName, validate } from '../../host/analytic/index.ts';
import { lowerLayer } from '../../host/lower/shape.ts';
import type { Report } from '../../host/report/types.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { isComputeLayer, type ArchSpec, type DataflowKind, type TimingMode, type Workload } from '../../host/spec/types.ts';
import { loadWorkload, parseWorkload } from '../../host/spec/workload/workload.ts';

/**
 * An R×C array with ideal memory (the analytic models here predict the array's own timing) and every other arch
 * field at its default; `microarch` overrides the native knobs.
 */
export function arch(rows: number, cols: number, microarch: Partial<ArchSpec['microarch']> = {}): ArchSpec {
  return parseArch({ name: `test-${rows}x${cols}`, array: { rows, cols }, microarch, memory: { model: 'ideal' } }, 'test arch');
}

/** A workload of gemm layers g0, g1, ... from [M, N, K, groups] rows. */
export function gemms(shapes: [number, number, number, number][]): Workload {
  const layers = shapes.map(([m, n, k, groups], i) => ({ name: `g${i}`, kind: 'gemm', m, n, k, groups }));
  return parseWorkload({ name: 'gemms', layers }, 'test workload');
}

export const network = (name: 'mobilenet_v1' | 'resnet50'): Workload => loadWorkload(name);

/** Simulates `workload` and validates built-in `model` against it (tolerance 0: every error must be exact). */
export function validated(
  model: ModelName, a: ArchSpec, workload: Workload, timing: TimingMode, dataflow: DataflowKind,
): Promise<Report> {
  return validate(a, workload, { name: model, file: null, model: MODELS[model] }, { timing, dataflow, tolerance: 0 });
}

/** The validation of layer `name`, by metric. */
export function layerErrors(report: Report, name: string): Record<string, number | null> {
  const layer = report.layers.find((l) => l.name === name);
  if (layer?.validation === undefined) throw new Error(`no validated layer ${name}`);
  return Object.fromEntries(Object.entries(layer.validation.metrics).map(([m, c]) => [m, c.error]));
}

/** Every compared metric of every layer has zero error: counts exactly, fractions up to rounding (1e-12). */
export function expectZeroError(report: Report, metrics: string[]): void {
  for (const layer of report.layers) {
    const v = layer.validation!;
    expect(Object.keys(v.metrics).sort(), layer.name).toEqual([...metrics].sort());
    for (const [m, c] of Object.entries(v.metrics)) {
      if (m.startsWith('utilization.')) expect(Math.abs(c.error!), `${layer.name} ${m}`).toBeLessThan(1e-12);
      else expect(c.predicted, `${layer.name} ${m}`).toBe(c.simulated);
    }
  }
  expect(report.validation!.pass).toBe(true);
}

/** The metrics the SCALE-Sim model predicts (and the report has). */
export const SCALESIM_METRICS = [
  'cycles', 'utilization.mapping', 'utilization.compute', 'utilization.overall',
  'sram.ifmapReads', 'sram.filterReads', 'sram.ofmapWrites',
];

/**
 * The workload's compute layers with one layer per distinct lowered GEMM (M, N, K, groups): the first of each.
 * A layer's timing and counts depend on its GEMM shape only, so this keeps every case and drops repeats.
 */
export function distinctShapes(workload: Workload): Workload {
  const seen = new Set<string>();
  const layers = workload.layers.filter(isComputeLayer).filter((l) => {
    const g = lowerLayer(l);
    const key = `${g.M},${g.N},${g.K},${g.groups}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { name: `${workload.name} (distinct shapes)`, batch: 1, layers };
}
