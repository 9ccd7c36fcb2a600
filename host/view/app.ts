// The HTML report's script (browser only): draws the charts of reportBody() with Apache ECharts (SVG renderer) and
// makes its tables sortable. Bundled with ECharts into build/web/report-app.js by web/build.mjs; the playground
// imports mountReport() from here too, so the CLI's file and the page draw the same charts from the same code.
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { attentionCharts } from './attention.ts';
import { chartSpecs, type ChartSpec } from './charts.ts';
import { type AnyReport, isAttentionReport, REPORT_DATA_ID, rooflineNote } from './html.ts';
import { reportView } from './model.ts';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, MarkLineComponent, SVGRenderer]);

export type ChartInstance = echarts.ECharts;

/** Sorts a table's body by the data-v keys of one column: numbers numerically, text alphabetically. */
function sortBy(table: HTMLTableElement, col: number, th: HTMLElement): void {
  const descending = th.getAttribute('aria-sort') === 'ascending';
  for (const other of Array.from(table.tHead!.rows[0].cells)) other.removeAttribute('aria-sort');
  th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  const body = table.tBodies[0];
  const key = (r: HTMLTableRowElement) => r.cells[col].dataset.v ?? '';
  const rows = Array.from(body.rows);
  const numeric = rows.every((r) => key(r) === '' || !Number.isNaN(Number(key(r))) || key(r) === 'NaN');
  rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const c = numeric ? (Number(x) || 0) - (Number(y) || 0) : x.localeCompare(y);
    return descending ? -c : c;
  });
  body.append(...rows);
}

function makeSortable(root: ParentNode): void {
  for (const table of Array.from(root.querySelectorAll<HTMLTableElement>('table.sortable'))) {
    table.tHead?.addEventListener('click', (ev: MouseEvent) => {
      const th = (ev.target as HTMLElement).closest('th');
      if (th !== null) sortBy(table, Number(th.dataset.col), th);
    });
  }
}

/**
 * Contract: draws every chart slot of `root` (made by reportBody(report) or attentionBody(report)) and makes its tables sortable; returns
 * the ECharts instances by chart id. Call dispose() on them before removing `root`'s content.
 */
export function mountReport(root: ParentNode, report: AnyReport): Record<string, ChartInstance> {
  const charts: Record<string, ChartInstance> = {};
  const specs: ChartSpec[] = isAttentionReport(report) ? attentionCharts(report) : chartSpecs(reportView(report), rooflineNote(report));
  for (const spec of specs) {
    const el = root.querySelector<HTMLElement>(`[data-chart="${spec.id}"]`);
    if (el === null) continue;
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(spec.option);
    charts[spec.id] = chart;
  }
  makeSortable(root);
  return charts;
}

declare global {
  interface Window {
    /** The drawn report (for scripts and tests): the report and its chart instances by id. */
    systole?: { report: AnyReport; charts: Record<string, ChartInstance> };
  }
}

// In a report file: read the embedded report and draw it; resize the charts with the window.
const data = typeof document === 'undefined' ? null : document.getElementById(REPORT_DATA_ID);
if (data !== null) {
  const report = JSON.parse(data.textContent ?? 'null') as AnyReport;
  const charts = mountReport(document, report);
  window.systole = { report, charts };
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
}
