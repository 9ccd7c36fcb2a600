// The human-readable output of `systole validate`: per layer predicted vs simulated cycles and the signed error of
// every compared metric, a mark on layers beyond tolerance, then mean |error|, largest error and network totals.
import { renderHeader } from '../report/table.ts';
import { groupThousands } from '../report/format.ts';
import type { LayerReport, Report, ValidationSummary } from '../report/types.ts';
import { METRIC_NAMES } from './metrics.ts';

/** A signed relative error as a percentage with two decimals: 0.0123 → "+1.23%"; null → "n/a". */
export function signedPercent(error: number | null): string {
  if (error === null) return 'n/a';
  const s = (error * 100).toFixed(2);
  return `${error < 0 && s !== '-0.00' ? '' : '+'}${s === '-0.00' ? '0.00' : s}%`;
}

/** A non-negative fraction as a percentage with two decimals: 0.07137 → "7.14%". */
const pct = (f: number): string => `${(f * 100).toFixed(2)}%`;

/** The tolerance as the user wrote it, more or less: 0.05 → "5%", 0.005 → "0.5%". */
const tolerancePct = (f: number): string => `${Number((f * 100).toPrecision(12))}%`;

/** Short column titles: `utilization.mapping` → `mapping`, `sram.ifmapReads` → `sram.ifmap rd`. */
const short = (metric: string): string =>
  metric.replace('utilization.', '').replace(/Reads$/, ' rd').replace(/Writes$/, ' wr');

function columnsOf(summary: ValidationSummary) {
  const others = METRIC_NAMES.filter((m) => m !== 'cycles' && Object.hasOwn(summary.metrics, m));
  const hasCycles = Object.hasOwn(summary.metrics, 'cycles');
  return { hasCycles, others };
}

function layerCells(l: LayerReport, hasCycles: boolean, others: string[]): string[] {
  const v = l.validation!;
  const c = v.metrics.cycles;
  const cycles = hasCycles ? [c ? groupThousands(c.predicted) : '', c ? groupThousands(c.simulated) : '', c ? signedPercent(c.error) : ''] : [];
  const rest = others.map((m) => (v.metrics[m] ? signedPercent(v.metrics[m].error) : ''));
  return [l.name, ...cycles, ...rest, v.beyondTolerance ? '!' : ''];
}

/** Contract: the validation table of a report produced by validate() (throws if it has no `validation`). */
export function renderValidationTable(report: Report): string {
  const summary = report.validation;
  if (summary === undefined) throw new Error('renderValidationTable: the report has no validation');
  const { hasCycles, others } = columnsOf(summary);
  const head = ['layer', ...(hasCycles ? ['cycles pred', 'sim', 'err'] : []), ...others.map((m) => `${short(m)} err`), ''];
  const rows = report.layers.map((l) => layerCells(l, hasCycles, others));
  const metricsShown = [...(hasCycles ? ['cycles'] : []), ...others];
  const stat = (label: string, cell: (m: string) => string): string[] => {
    const cells = metricsShown.map(cell);
    return hasCycles ? [label, '', '', ...cells, ''] : [label, ...cells, ''];
  };
  const meanRow = stat('mean |err|', (m) => pct(summary.metrics[m].meanAbsError));
  const maxRow = stat('max err', (m) => signedPercent(summary.metrics[m].maxError));
  const total = summary.metrics.cycles?.total;
  const totalRow = hasCycles && total
    ? ['total', groupThousands(total.predicted), groupThousands(total.simulated), ...metricsShown.map((m) => {
        const t = summary.metrics[m].total;
        return t ? signedPercent(t.error) : '';
      }), '']
    : null;
  const footer = [meanRow, maxRow, ...(totalRow ? [totalRow] : [])];
  const all = [head, ...rows, ...footer];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((s, i) => (i === 0 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join('  ').trimEnd();
  const rule = widths.slice(0, -1).map((w) => '-'.repeat(w)).join('  '); // no rule under the flag column
  const beyond = summary.layersBeyondTolerance;
  const verdict = beyond.length === 0
    ? `every layer within ${tolerancePct(summary.tolerance)}`
    : `${beyond.length} of ${report.layers.length} layers beyond ${tolerancePct(summary.tolerance)} (!): ${beyond.join(', ')}`;
  return [
    renderHeader(report),
    `model ${summary.model} vs the cycle-level run · error = (predicted − simulated) / simulated`,
    '',
    line(head),
    rule,
    ...rows.map(line),
    rule,
    ...footer.map(line),
    '',
    verdict,
    '',
  ].join('\n');
}
