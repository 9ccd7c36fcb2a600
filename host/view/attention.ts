// The attention machine's report (systole.attention-report/1) → the HTML report's content and charts. Pure, like
// html.ts and charts.ts: `attention --html` under Node, app.ts in the page. Every figure is a field of the report.
import type { EChartsCoreOption } from 'echarts/core';
import type { AttentionReport } from '../attention/report.ts';
import { formatEnergy } from '../energy/format.ts';
import { groupThousands, percent } from '../report/format.ts';
import type { ChartSpec } from './charts.ts';
import { escapeHtml } from './text.ts';

const PALETTE = ['#3b6ea8', '#e07b39', '#c9453f', '#8a62b5', '#5a9e6f', '#999999', '#d4a72c', '#4bb3c4'];

const base = (categories: string[], yName: string, format: (v: number) => string): EChartsCoreOption => ({
  grid: { left: 80, right: 20, top: 52, bottom: 80 },
  xAxis: { type: 'category', data: categories, axisLabel: { rotate: 40, fontSize: 10, interval: 0 } },
  yAxis: { type: 'value', name: yName, axisLabel: { formatter: format } },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (x: unknown) => (x == null ? '—' : format(Number(x))) },
  legend: { top: 0 },
  color: PALETTE,
  animation: false,
});

/** The energy components of the report, flattened: '2D mac', …, '2D registers', '1D registers', 'global buffer', 'DRAM'
 *  (their sum is energyPJ.total). */
export function attentionEnergyParts(r: AttentionReport): [string, number][] {
  const e = r.energyPJ;
  return [
    ...Object.entries(e.array2d).map(([k, v]): [string, number] => [`2D ${k}`, v]),
    ...Object.entries(e.array1d).map(([k, v]): [string, number] => [`1D ${k}`, v]),
    ['2D registers', e.registers.array2d],
    ['1D registers', e.registers.array1d],
    ['global buffer', e.globalBuffer],
    ['DRAM', e.dram],
  ];
}

/** Contract: the attention report's charts: busy cycles per Einsum (one bar each, by array) and energy by component. */
export function attentionCharts(r: AttentionReport): ChartSpec[] {
  const names = r.einsums.map((e) => e.name);
  const byArray = (a: '2d' | '1d') => r.einsums.map((e) => (e.array === a ? e.busyCycles : null));
  const parts = attentionEnergyParts(r);
  const compact = (v: number) => (Math.abs(v) >= 1e6 ? `${(v / 1e6).toPrecision(3)}M` : Math.abs(v) >= 1e3 ? `${(v / 1e3).toPrecision(3)}k` : String(v));
  return [
    {
      id: 'einsums',
      title: 'Busy cycles per Einsum',
      note: `Cycles each Einsum of the ${r.cascade} cascade kept its array busy, summed over its instances (2D array or 1D array). The run took ${groupThousands(r.cycles.total)} cycles.`,
      option: {
        ...base(names, 'cycles', compact),
        series: [
          { name: '2D array', type: 'bar', stack: 'a', data: byArray('2d') },
          { name: '1D array', type: 'bar', stack: 'a', data: byArray('1d') },
        ],
      },
    },
    {
      id: 'energy',
      title: 'Energy by component',
      note: 'pJ: counted actions of each unit × energy per action (the arch\'s table).',
      option: { ...base(parts.map(([k]) => k), 'energy', formatEnergy), series: [{ name: 'energy', type: 'bar', data: parts.map(([, v]) => v) }] },
    },
  ];
}

/** Contract: the attention report's content as an HTML fragment (no scripts); app.ts draws its charts. */
export function attentionBody(r: AttentionReport): string {
  const items: [string, string][] = [
    ['total cycles', groupThousands(r.cycles.total)],
    ['DRAM-wait cycles', groupThousands(r.cycles.dramWait)],
    ['seconds (derived)', r.seconds.toPrecision(4)],
    ['2D utilization', `${percent(r.utilization.array2d)} %`],
    ['1D utilization', `${percent(r.utilization.array1d)} %`],
    ['energy', formatEnergy(r.energyPJ.total)],
    ['DRAM bytes', groupThousands(r.dram.readBytes + r.dram.writeBytes)],
  ];
  const dl = items.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd data-total="${escapeHtml(k)}">${escapeHtml(v)}</dd></div>`).join('');
  const sub = `arch ${r.arch.name} (${r.arch.clockMHz} MHz) · cascade ${r.cascade} · model ${r.model}: ${r.heads} heads × batch ${r.batch}, seq ${r.seq}, E ${r.qkDim}, F ${r.vDim}${r.idealized ? ' · idealized' : ''} · ${r.tool.name} ${r.tool.version} · ${r.schema}`;
  const charts = attentionCharts(r)
    .map((c) => `<section class="chart"><h2>${escapeHtml(c.title)}</h2><div class="plot" id="chart-${c.id}" data-chart="${c.id}"></div><p class="note">${escapeHtml(c.note)}</p></section>`)
    .join('\n');
  const rows = r.einsums
    .map((e, i) => `<tr><td class="n" data-v="${i}">${i}</td><td data-v="${escapeHtml(e.name)}">${escapeHtml(e.name)}</td><td data-v="${e.array}">${e.array}</td><td class="n" data-v="${e.busyCycles}">${groupThousands(e.busyCycles)}</td></tr>`)
    .join('\n');
  const plan = `memory plan: ${r.plan.blocksPerUnit} query block(s) per unit, scores in ${r.plan.scores}${r.plan.scores === 'partial' ? ` (${r.plan.scoreTilesOnChip} key tiles on chip)` : ''}, per-query state ${r.plan.stateInRegisters ? 'in 1D registers' : 'in the global buffer'}; global buffer peak ${groupThousands(r.globalBuffer.peakBytes)} bytes held (simulated), ${groupThousands(r.globalBuffer.readWords)} words read, ${groupThousands(r.globalBuffer.writeWords)} written; DRAM ${groupThousands(r.dram.readBytes)} bytes read, ${groupThousands(r.dram.writeBytes)} written.`;
  return (
    `<header><h1>${escapeHtml(`${r.model} attention on ${r.arch.name}`)}</h1><p class="sub">${escapeHtml(sub)}</p><dl class="totals">${dl}</dl><p class="note">${escapeHtml(plan)}</p></header>\n` +
    `<div class="charts">\n${charts}\n</div>\n` +
    '<section id="layers"><h2>Einsums</h2><p class="note">Click a column\'s title to sort by it.</p>' +
    '<table class="layers sortable" id="layer-table"><thead><tr><th data-col="0">#</th><th data-col="1">Einsum</th><th data-col="2">array</th><th data-col="3">busy cycles</th></tr></thead>' +
    `<tbody>\n${rows}\n</tbody></table></section>`
  );
}
