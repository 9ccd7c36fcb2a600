// Report → HTML. Pure string functions (no DOM, no file system), used by `--html` under Node and by the playground in
// the browser: reportBody() is the page's content (summary, chart slots, validation, the per-layer table), which
// app.ts brings to life (charts, sorting); htmlDocument() wraps it into one self-contained file with the report's
// data and the app's script inline, and a Content-Security-Policy that lets the page load nothing from anywhere.
import { formatEnergy } from '../energy/format.ts';
import { groupThousands, percent } from '../report/format.ts';
import { renderHeader } from '../report/table.ts';
import type { AttentionReport } from '../attention/report.ts';
import type { LayerReport, Report } from '../report/types.ts';
import { attentionBody } from './attention.ts';
import { chartSpecs } from './charts.ts';
import { DERIVATIONS, intensityOf, reportView, STALL_CAUSES } from './model.ts';
import { REPORT_CSS } from './style.ts';
import { escapeHtml } from './text.ts';

/** A report the HTML report draws: a systolic run's (run, validate) or the attention machine's. */
export type AnyReport = Report | AttentionReport;

export const isAttentionReport = (r: AnyReport): r is AttentionReport => r.schema === 'systole.attention-report/1';

/** The element id of the report's JSON inside the document (app.ts reads it). */
export const REPORT_DATA_ID = 'systole-report';

export { escapeHtml } from './text.ts';

/** The roofline's note: how intensity was derived for this report. */
export const rooflineNote = (report: Report): string =>
  reportView(report).roofline.traffic === 'dram' ? DERIVATIONS.intensityDram : DERIVATIONS.intensityOperands;

interface Column {
  title: string;
  /** The sort key (a number) and the cell's text. */
  cell: (l: LayerReport, i: number) => [number | string, string];
}

const num = (x: number): [number, string] => [x, groupThousands(x)];
const pct = (x: number): [number, string] => [x, percent(x)];
const sum = (o: object): number => Object.values(o).reduce((a: number, b) => a + (typeof b === 'number' ? b : 0), 0);

function columns(report: Report): Column[] {
  const traffic = reportView(report).roofline.traffic;
  const cols: Column[] = [
    { title: '#', cell: (_l, i) => [i, String(i)] },
    { title: 'layer', cell: (l) => [l.name, l.name] },
    { title: 'kind', cell: (l) => [l.kind, l.kind] },
    { title: 'dataflow', cell: (l) => [l.dataflow, l.dataflow] },
    { title: 'M', cell: (l) => num(l.gemm.M) },
    { title: 'N', cell: (l) => num(l.gemm.N) },
    { title: 'K', cell: (l) => num(l.gemm.K) },
    { title: 'groups', cell: (l) => num(l.gemm.groups) },
    { title: 'MACs', cell: (l) => num(l.macs) },
    { title: 'cycles', cell: (l) => num(l.cycles.total) },
    { title: 'compute', cell: (l) => num(l.cycles.compute) },
    { title: 'stall', cell: (l) => num(l.cycles.stall) },
    ...STALL_CAUSES.filter((c) => report.totals.stallBy[c.key] !== 0).map((c) => ({ title: c.label, cell: (l: LayerReport) => num(l.cycles.stallBy[c.key]) })),
    { title: 'util %', cell: (l) => pct(l.utilization.overall) },
    { title: 'map %', cell: (l) => pct(l.utilization.mapping) },
    { title: 'compute util %', cell: (l) => pct(l.utilization.compute) },
    { title: 'SRAM words', cell: (l) => num(sum(l.sram)) },
    { title: 'DRAM words', cell: (l) => (l.dram === null ? [-1, '—'] : num(sum(l.dram))) },
    { title: 'MACs/word', cell: (l) => { const x = intensityOf(l, traffic); return Number.isFinite(x) ? [x, x.toFixed(1)] : [Infinity, '∞']; } },
    { title: 'energy', cell: (l) => [l.energy.total, formatEnergy(l.energy.total)] },
  ];
  if (report.validation !== undefined) {
    cols.push({ title: 'cycles error %', cell: (l) => { const e = l.validation?.metrics.cycles?.error; return e == null ? [Number.NaN, '—'] : [e, (e * 100).toFixed(2)]; } });
    cols.push({ title: 'beyond tolerance', cell: (l) => (l.validation?.beyondTolerance ? [1, 'yes'] : [0, '']) });
  }
  return cols;
}

/** The per-layer table: every header sorts it (app.ts); each cell carries its sort key in data-v. */
export function layerTable(report: Report): string {
  const cols = columns(report);
  const head = cols.map((c, i) => `<th data-col="${i}" title="sort by ${escapeHtml(c.title)}">${escapeHtml(c.title)}</th>`).join('');
  const rows = report.layers.map((l, i) => {
    const cells = cols.map((c) => {
      const [key, text] = c.cell(l, i);
      const cls = typeof key === 'number' ? ' class="n"' : '';
      return `<td${cls} data-v="${escapeHtml(String(key))}">${escapeHtml(text)}</td>`;
    });
    return `<tr${l.validation?.beyondTolerance ? ' class="beyond"' : ''}>${cells.join('')}</tr>`;
  });
  return `<table class="layers sortable" id="layer-table"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function summary(report: Report): string {
  const t = report.totals;
  const e = t.energy;
  const items: [string, string][] = [
    ['total cycles', groupThousands(t.cycles)],
    ['stall cycles', groupThousands(report.layers.reduce((a, l) => a + l.cycles.stall, 0))],
    ['MACs', groupThousands(t.macs)],
    ['utilization', `${percent(t.utilization)} %`],
    ['energy', formatEnergy(e.total)],
    ['SRAM words', groupThousands(sum(t.sram))],
    ['DRAM words', t.dram === null ? 'not simulated' : groupThousands(sum(t.dram))],
  ];
  const dl = items.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd data-total="${escapeHtml(k)}">${escapeHtml(v)}</dd></div>`).join('');
  const energy = `MAC ${formatEnergy(e.mac)} · registers ${formatEnergy(e.registers)} · SRAM ${formatEnergy(e.sram.total)} (ifmap ${formatEnergy(e.sram.ifmap)}, filter ${formatEnergy(e.sram.filter)}, ofmap ${formatEnergy(e.sram.ofmap)}) · DRAM ${formatEnergy(e.dram.total)} (ifmap ${formatEnergy(e.dram.ifmap)}, filter ${formatEnergy(e.dram.filter)}, ofmap ${formatEnergy(e.dram.ofmap)})${(e.vector ?? 0) > 0 ? ` · vector ops ${formatEnergy(e.vector)}` : ''}`;
  return `<dl class="totals">${dl}</dl><p class="note">Energy by component over the run: ${escapeHtml(energy)}.</p>`;
}

function validationSection(report: Report): string {
  const v = report.validation;
  if (v === undefined) return '';
  const rows = Object.entries(v.metrics).map(([m, s]) => {
    const err = (x: number | null | undefined) => (x == null ? '—' : `${(x * 100).toFixed(2)}`);
    return `<tr><td>${escapeHtml(m)}</td><td class="n">${s.layers}</td><td class="n">${err(s.meanAbsError)}</td><td class="n">${err(s.maxError)}</td><td>${escapeHtml(s.maxErrorLayer ?? '—')}</td><td class="n">${s.undefinedErrors}</td><td class="n">${err(s.total?.error)}</td></tr>`;
  });
  const verdict = v.pass ? 'pass: every layer within tolerance' : `FAIL: ${v.layersBeyondTolerance.length} layer(s) beyond tolerance (${v.layersBeyondTolerance.slice(0, 8).join(', ')}${v.layersBeyondTolerance.length > 8 ? ', …' : ''})`;
  return (
    `<section id="validation-summary"><h2>Validation errors: model ${escapeHtml(v.model)}, tolerance ${(v.tolerance * 100).toPrecision(3)} %</h2>` +
    `<p class="${v.pass ? 'pass' : 'fail'}">${escapeHtml(verdict)}</p>` +
    '<table class="metrics"><thead><tr><th>metric</th><th>layers</th><th>mean |error| %</th><th>max error %</th><th>at layer</th><th>undefined</th><th>network total error %</th></tr></thead><tbody>' +
    `${rows.join('')}</tbody></table></section>`
  );
}

/** Contract: the report's content as an HTML fragment (no scripts); app.ts's mountReport() draws its charts. */
export function reportBody(report: Report): string {
  const specs = chartSpecs(reportView(report), rooflineNote(report));
  const charts = specs
    .map((c) => `<section class="chart"><h2>${escapeHtml(c.title)}</h2><div class="plot" id="chart-${c.id}" data-chart="${c.id}"></div><p class="note">${escapeHtml(c.note)}</p></section>`)
    .join('\n');
  const omitted = reportView(report).roofline.omitted;
  const omittedNote = omitted.length === 0 ? '' : `<p class="note">Not on the roofline (no traffic to divide by): ${escapeHtml(omitted.join(', '))}.</p>`;
  return (
    `<header><h1>${escapeHtml(`${report.workload.name} on ${report.arch.name}`)}</h1><p class="sub">${escapeHtml(renderHeader(report))} · ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)} · ${escapeHtml(report.schema)}</p>${summary(report)}</header>\n` +
    `${validationSection(report)}\n<div class="charts">\n${charts}\n</div>${omittedNote}\n` +
    `<section id="layers"><h2>Layers</h2><p class="note">Click a column's title to sort by it (again to reverse). Counts are the simulated run's; MACs/word is the roofline's intensity.</p>${layerTable(report)}</section>`
  );
}

/** JSON that is safe inside a <script> element (no `</script>`, no `<!--`). */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * Contract: one self-contained HTML document: the report's JSON, `appScript` (the bundled app.ts with the charting
 * library, build/web/report-app.js) and the styles inline; its CSP forbids every request, so it works offline.
 */
export function htmlDocument(report: AnyReport, appScript: string): string {
  const attention = isAttentionReport(report);
  const title = attention ? `Systole report: ${report.model} attention on ${report.arch.name}` : `Systole report: ${report.workload.name} on ${report.arch.name}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style></head>
<body><main id="report">
${attention ? attentionBody(report) : reportBody(report)}
</main>
<script type="application/json" id="${REPORT_DATA_ID}">${scriptJson(report)}</script>
<script>${appScript.replace(/<\/(script)/gi, '<\\/$1')}</script>
</body></html>
`;
}
