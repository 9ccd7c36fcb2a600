// The report's figures (model.ts) → Apache ECharts options, one per chart. Pure data: app.ts hands them to ECharts in
// the page. Chart ids are the element ids of the HTML report and the keys tests count bars by.
import type { EChartsCoreOption } from 'echarts/core';
import { formatEnergy } from '../energy/format.ts';
import { groupThousands } from '../report/format.ts';
import type { ReportView, Series } from './model.ts';

export const CHART_IDS = ['cycles', 'utilization', 'roofline', 'energy', 'sram', 'dram', 'validation', 'einsums'] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** A chart to draw: its section title, what its axes hold, and the ECharts option. */
export interface ChartSpec {
  id: ChartId;
  title: string;
  note: string;
  option: EChartsCoreOption;
}

const PALETTE = ['#3b6ea8', '#e07b39', '#c9453f', '#8a62b5', '#5a9e6f', '#999999', '#d4a72c', '#4bb3c4'];

/** The x axis of per-layer charts: layer names, rotated; a zoom slider when there are many layers. */
function layerAxes(layers: string[], yName: string, yFormat?: (v: number) => string): EChartsCoreOption {
  return {
    grid: { left: 70, right: 20, top: 52, bottom: layers.length > 40 ? 110 : 90 },
    xAxis: { type: 'category', data: layers, axisLabel: { rotate: 60, fontSize: 9, interval: 0, hideOverlap: true } },
    yAxis: yFormat ? { type: 'value', name: yName, axisLabel: { formatter: yFormat } } : { type: 'value', name: yName },
    dataZoom: layers.length > 40 ? [{ type: 'slider', height: 14, bottom: 4 }] : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { top: 0, type: 'scroll' },
    color: PALETTE,
    animation: false,
  };
}

const compact = (v: number): string => (Math.abs(v) >= 1e6 ? `${(v / 1e6).toPrecision(3)}M` : Math.abs(v) >= 1e3 ? `${(v / 1e3).toPrecision(3)}k` : String(v));

const stackedBars = (series: Series[], stack: string) =>
  series.map((s) => ({ name: s.name, type: 'bar', stack, data: s.values, emphasis: { focus: 'series' } }));

function cyclesChart(v: ReportView): ChartSpec {
  return {
    id: 'cycles',
    title: 'Cycles per layer: compute and stalls by cause',
    note: 'Stacked: the layer\'s compute cycles (the array advancing) and its stall cycles by cause (waiting for ifmap or filter words from DRAM, for ofmap buffer space, for SRAM bank ports). The stack\'s height is the layer\'s simulated cycles.',
    option: { ...layerAxes(v.layers, 'cycles', compact), series: stackedBars(v.cycles, 'cycles') },
  };
}

function utilizationChart(v: ReportView): ChartSpec {
  const pct = (xs: number[]) => xs.map((x) => Number((x * 100).toFixed(2)));
  return {
    id: 'utilization',
    title: 'Utilization per layer',
    note: 'Bars: overall utilization = MACs ÷ (cycles × rows × cols). Lines: mapping efficiency (PEs a fold uses) and compute utilization (busy PE-cycles while folds run).',
    option: {
      ...layerAxes(v.layers, '%'),
      yAxis: { type: 'value', name: '%', max: 100 },
      series: [
        { name: 'overall', type: 'bar', data: pct(v.utilization.overall) },
        { name: 'mapping', type: 'line', data: pct(v.utilization.mapping), symbolSize: 4 },
        { name: 'compute', type: 'line', data: pct(v.utilization.compute), symbolSize: 4 },
      ],
    },
  };
}

/** Log axes end on powers of ten. */
const decadeBelow = (x: number): number => 10 ** Math.floor(Math.log10(x));
const decadeAbove = (x: number): number => 10 ** Math.ceil(Math.log10(x));

/** The roofline: two roofs over the intensity range of the points (log-log), and one point per layer. */
function rooflineChart(v: ReportView, note: string): ChartSpec {
  const r = v.roofline;
  const xs = r.points.map((p) => p.intensity);
  const ridge = r.computeRoof / r.bandwidth;
  const lo = decadeBelow(Math.min(ridge, ...xs));
  const hi = decadeAbove(Math.max(ridge, ...xs) * 1.5);
  const ys = r.points.map((p) => p.attained);
  const yLo = decadeBelow(Math.min(r.bandwidth * lo, ...ys));
  const yHi = decadeAbove(r.computeRoof * 1.5);
  return {
    id: 'roofline',
    title: 'Roofline',
    note,
    option: {
      grid: { left: 70, right: 30, top: 52, bottom: 50 },
      xAxis: { type: 'log', name: 'MACs per DRAM word', nameLocation: 'middle', nameGap: 28, min: lo, max: hi },
      yAxis: { type: 'log', name: 'MACs per cycle', min: yLo, max: yHi },
      tooltip: { trigger: 'item', confine: true },
      legend: { top: 0 },
      color: PALETTE,
      animation: false,
      series: [
        { name: 'layers', type: 'scatter', symbolSize: 7, data: r.points.map((p) => ({ name: p.layer, value: [p.intensity, p.attained] })) },
        { name: 'compute roof', type: 'line', showSymbol: false, data: [[ridge, r.computeRoof], [hi, r.computeRoof]], lineStyle: { color: '#333' }, tooltip: { show: false } },
        { name: 'DRAM roof', type: 'line', showSymbol: false, data: [[lo, r.bandwidth * lo], [ridge, r.computeRoof]], lineStyle: { color: '#c9453f', type: 'dashed' }, tooltip: { show: false } },
      ],
    },
  };
}

function energyChart(v: ReportView): ChartSpec {
  return {
    id: 'energy',
    title: 'Energy per layer by component',
    note: 'Stacked pJ: MACs, PE registers, SRAM and DRAM accesses (and the vector unit\'s operations), each the run\'s counts times the energy table echoed in the report.',
    option: {
      ...layerAxes(v.layers, 'energy', (x) => formatEnergy(x)),
      series: stackedBars(v.energy, 'energy'),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (x: unknown) => formatEnergy(Number(x)) },
    },
  };
}

function trafficChart(id: 'sram' | 'dram', series: Series[], layers: string[]): ChartSpec {
  const what = id === 'sram' ? 'SRAM' : 'DRAM';
  return {
    id,
    title: `${what} traffic per layer`,
    note: `Stacked words by access kind, as counted by the simulated ${what === 'SRAM' ? 'scratchpads' : 'DRAM channel'}.`,
    option: {
      ...layerAxes(layers, 'words', compact),
      series: stackedBars(series, id),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (x: unknown) => groupThousands(Number(x)) },
    },
  };
}

function validationChart(v: ReportView): ChartSpec | null {
  const val = v.validation;
  if (val === null) return null;
  const tol = Number((val.tolerance * 100).toPrecision(6));
  return {
    id: 'validation',
    title: `Validation: model ${val.model} against the simulation`,
    note: `Signed relative error (predicted − simulated) ÷ simulated per layer and metric, in %; dashed lines: the ±${tol}% tolerance. Undefined errors (simulated 0) are left blank.`,
    option: {
      ...layerAxes(v.layers, 'error %'),
      series: val.metrics.map((m, i) => ({
        name: m,
        type: 'bar',
        data: val.errors[m].map((e) => (e === null ? null : Number((e * 100).toPrecision(6)))),
        markLine: i === 0 ? { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#c9453f' }, data: [{ yAxis: tol }, { yAxis: -tol }] } : undefined,
      })),
    },
  };
}

/** Contract: the charts of a report, in page order; DRAM and validation only when the report has them. */
export function chartSpecs(v: ReportView, rooflineNote: string): ChartSpec[] {
  const charts: (ChartSpec | null)[] = [
    cyclesChart(v),
    utilizationChart(v),
    v.roofline.points.length > 0 ? rooflineChart(v, rooflineNote) : null,
    energyChart(v),
    trafficChart('sram', v.sram, v.layers),
    v.dram === null ? null : trafficChart('dram', v.dram, v.layers),
    validationChart(v),
  ];
  return charts.filter((c): c is ChartSpec => c !== null);
}
