// The figures a model can predict and a report holds, by one name each. These names are the CSV header names of
// `--model preds.csv`, the keys of `validation.metrics` in the JSON report and the order of the table's columns.
import type { LayerReport } from '../report/types.ts';
import type { Prediction } from './types.ts';

/** Keys of each group of figures (Prediction.utilization, .sram, .dram; LayerReport likewise). */
export const METRIC_GROUPS = {
  utilization: ['mapping', 'compute', 'overall'],
  sram: ['ifmapReads', 'filterReads', 'ofmapWrites', 'ofmapReads'],
  dram: ['ifmapReads', 'filterReads', 'ofmapWrites'],
} as const;

type Group = keyof typeof METRIC_GROUPS;
type GroupMetric<G extends Group> = `${G}.${(typeof METRIC_GROUPS)[G][number]}`;

/** A metric: `cycles` (a layer's total cycles) or `group.key`, e.g. `utilization.overall`, `sram.ifmapReads`. */
export type MetricName = 'cycles' | { [G in Group]: GroupMetric<G> }[Group];

/** Every metric name, cycles first. */
export const METRIC_NAMES: readonly MetricName[] = [
  'cycles',
  ...(Object.keys(METRIC_GROUPS) as Group[]).flatMap((g) => METRIC_GROUPS[g].map((k) => `${g}.${k}` as MetricName)),
];

/** True when `s` is one of METRIC_NAMES. */
export const isMetricName = (s: string): s is MetricName => (METRIC_NAMES as readonly string[]).includes(s);

function split(metric: MetricName): [Group, string] {
  const [group, key] = metric.split('.');
  return [group as Group, key];
}

/** The simulated figure of `metric` in a layer report, or null when the report has none (e.g. dram: null). */
export function simulatedValue(layer: LayerReport, metric: MetricName): number | null {
  if (metric === 'cycles') return layer.cycles.total;
  const [group, key] = split(metric);
  const figures = layer[group] as Record<string, number> | null;
  return figures?.[key] ?? null;
}

/** The predicted figure of `metric`, or undefined when the model does not predict it. */
export function predictedValue(p: Prediction, metric: MetricName): number | undefined {
  if (metric === 'cycles') return p.cycles;
  const [group, key] = split(metric);
  return (p[group] as Record<string, number> | undefined)?.[key];
}

/** Sets `metric` in a prediction (creating its group). */
export function setPredicted(p: Prediction, metric: Exclude<MetricName, 'cycles'>, value: number): void {
  const [group, key] = split(metric);
  const figures = (p[group] ?? {}) as Record<string, number>;
  figures[key] = value;
  (p as unknown as Record<string, unknown>)[group] = figures;
}
