// Predicted vs simulated, per layer and metric: the signed relative error (pred − sim)/sim, layers beyond the
// tolerance, and per metric the mean |error|, the largest error and (for counts) the error of the network totals.
// Pure: takes a finished report and the predictions, returns the report with `validation` filled in.
import type { LayerReport, LayerValidation, MetricComparison, MetricSummary, Report, ValidationSummary } from '../report/types.ts';
import { METRIC_NAMES, type MetricName, predictedValue, simulatedValue } from './metrics.ts';
import type { Prediction } from './types.ts';

/** |error| up to tolerance + this counts as within: absorbs floating-point rounding of fractions (e.g. 0% exact). */
const ROUNDING = 1e-12;

/** (pred − sim)/sim; 0 when both are 0; null when only sim is 0. */
export function relativeError(predicted: number, simulated: number): number | null {
  if (simulated === 0) return predicted === 0 ? 0 : null;
  return (predicted - simulated) / simulated;
}

const compare = (predicted: number, simulated: number): MetricComparison => ({
  predicted,
  simulated,
  error: relativeError(predicted, simulated),
});

const beyond = (error: number | null, tolerance: number): boolean => error === null || Math.abs(error) > tolerance + ROUNDING;

/** Utilizations are fractions: their network "total" is not a sum. */
const isCount = (m: MetricName): boolean => !m.startsWith('utilization.');

function layerValidation(layer: LayerReport, p: Prediction, tolerance: number): LayerValidation {
  const metrics: Record<string, MetricComparison> = {};
  for (const m of METRIC_NAMES) {
    const sim = simulatedValue(layer, m);
    const pred = predictedValue(p, m);
    if (sim !== null && pred !== undefined) metrics[m] = compare(pred, sim);
  }
  const beyondTolerance = Object.values(metrics).some((c) => beyond(c.error, tolerance));
  return { metrics, beyondTolerance };
}

function metricSummary(metric: MetricName, layers: LayerReport[]): MetricSummary | null {
  const rows = layers.flatMap((l) => {
    const c = l.validation?.metrics[metric];
    return c === undefined ? [] : [{ name: l.name, c }];
  });
  if (rows.length === 0) return null;
  const defined = rows.filter((r) => r.c.error !== null);
  let max: (typeof rows)[number] | null = null;
  for (const r of defined) if (max === null || Math.abs(r.c.error!) > Math.abs(max.c.error!)) max = r;
  const summary: MetricSummary = {
    layers: rows.length,
    meanAbsError: defined.length === 0 ? 0 : defined.reduce((a, r) => a + Math.abs(r.c.error!), 0) / defined.length,
    maxError: max?.c.error ?? 0,
    maxErrorLayer: max?.name ?? null,
    undefinedErrors: rows.length - defined.length,
  };
  if (isCount(metric)) {
    summary.total = compare(
      rows.reduce((a, r) => a + r.c.predicted, 0),
      rows.reduce((a, r) => a + r.c.simulated, 0),
    );
  }
  return summary;
}

/** Contract: `report` with `validation` per layer and a summary; predictions[i] is report.layers[i]'s. */
export function attachValidation(report: Report, predictions: Prediction[], model: string, tolerance: number): Report {
  if (predictions.length !== report.layers.length) {
    throw new Error(`attachValidation: ${predictions.length} predictions for ${report.layers.length} layers`);
  }
  const layers = report.layers.map((l, i) => ({ ...l, validation: layerValidation(l, predictions[i], tolerance) }));
  const metrics: Record<string, MetricSummary> = {};
  for (const m of METRIC_NAMES) {
    const s = metricSummary(m, layers);
    if (s !== null) metrics[m] = s;
  }
  const layersBeyondTolerance = layers.filter((l) => l.validation.beyondTolerance).map((l) => l.name);
  const validation: ValidationSummary = { model, tolerance, metrics, layersBeyondTolerance, pass: layersBeyondTolerance.length === 0 };
  return { ...report, layers, validation };
}
