// The human-readable per-layer table printed by `systole run` (the default output).
import { formatEnergy } from '../energy/format.ts';
import { groupThousands, percent } from './format.ts';
import type { DramCounts, LayerReport, Report } from './types.ts';

export interface TableOptions {
  /** Emit ANSI colour codes (bold header, red failed checks). Default false: callers pass `stream.isTTY`. */
  color?: boolean;
  /** Every column, however wide; default: columns are left out, least important first, to fit `width`. */
  wide?: boolean;
  /** The width the default table fits in (characters); default 120. */
  width?: number;
}

/** The width the default table fits in, unless --wide. */
export const TABLE_WIDTH = 120;

type Align = 'left' | 'right';

interface Column {
  title: string;
  /** The unit of the column's figures, printed under the title ('' for none; energy cells carry their own, pJ…J). */
  unit: string;
  align: Align;
  /** Left out first when the table is too wide: higher drops earlier; 0 never. */
  drop: number;
  cell: (layer: LayerReport) => string;
}

const BOLD = '\u001b[1m';
const RED = '\u001b[31m';
const RESET = '\u001b[0m';

/** M×N×K, then ×Gg for G groups, then (P/fold) when P groups were packed into each fold; '-' for a vector layer. */
function shape(layer: LayerReport): string {
  if (layer.vector !== undefined) return '-';
  const { M, N, K, groups } = layer.gemm;
  const base = `${M}×${N}×${K}`;
  if (groups <= 1) return base;
  const perFold = layer.grouping.groupsPerFold;
  return perFold > 1 ? `${base}×${groups}g (${perFold}/fold)` : `${base}×${groups}g`;
}

function verified(v: boolean | null): string {
  return v === null ? '-' : v ? 'yes' : 'NO';
}

const sramReads = (s: LayerReport['sram']): number => s.ifmapReads + s.filterReads + s.ofmapReads;

/** DRAM words both ways. */
const dramWords = (d: DramCounts): number => d.ifmapReads + d.filterReads + d.ofmapWrites + d.ofmapReads;

const COLUMNS: Column[] = [
  { title: 'layer', unit: '', align: 'left', drop: 0, cell: (l) => l.name },
  { title: 'kind', unit: '', align: 'left', drop: 5, cell: (l) => l.kind },
  { title: 'df', unit: '', align: 'left', drop: 0, cell: (l) => l.dataflow },
  { title: 'M×N×K', unit: '', align: 'right', drop: 4, cell: shape },
  { title: 'folds', unit: '', align: 'right', drop: 8, cell: (l) => (l.vector !== undefined ? '-' : `${l.folds.rows}×${l.folds.cols}`) },
  { title: 'MACs', unit: '', align: 'right', drop: 9, cell: (l) => groupThousands(l.macs) },
  { title: 'cycles', unit: 'cycles', align: 'right', drop: 0, cell: (l) => groupThousands(l.cycles.total) },
  { title: 'stall', unit: 'cycles', align: 'right', drop: 0, cell: (l) => groupThousands(l.cycles.stall) },
  { title: 'map%', unit: '%', align: 'right', drop: 7, cell: (l) => (l.vector !== undefined ? '-' : percent(l.utilization.mapping)) },
  { title: 'comp%', unit: '%', align: 'right', drop: 6, cell: (l) => (l.vector !== undefined ? '-' : percent(l.utilization.compute)) },
  { title: 'util%', unit: '%', align: 'right', drop: 0, cell: (l) => percent(l.utilization.overall) },
  { title: 'SRAM rd', unit: 'words', align: 'right', drop: 2, cell: (l) => groupThousands(sramReads(l.sram)) },
  { title: 'SRAM wr', unit: 'words', align: 'right', drop: 3, cell: (l) => groupThousands(l.sram.ofmapWrites) },
  { title: 'DRAM', unit: 'words', align: 'right', drop: 1, cell: (l) => (l.dram === null ? '-' : groupThousands(dramWords(l.dram))) },
  { title: 'energy', unit: '', align: 'right', drop: 0, cell: (l) => formatEnergy(l.energy.total) },
  { title: 'verified', unit: '', align: 'left', drop: 0, cell: (l) => verified(l.verified) },
];

/** Totals row cells, keyed by column title; columns without a meaningful total stay blank. */
function totalsRow(report: Report, columns: Column[]): string[] {
  const t = report.totals;
  const byTitle: Record<string, string> = {
    layer: 'total',
    MACs: groupThousands(t.macs),
    cycles: groupThousands(t.cycles),
    stall: groupThousands(Object.values(t.stallBy).reduce((a, b) => a + b, 0)),
    'util%': percent(t.utilization),
    'SRAM rd': groupThousands(sramReads(t.sram)),
    'SRAM wr': groupThousands(t.sram.ofmapWrites),
    ...(t.dram === null ? {} : { DRAM: groupThousands(dramWords(t.dram)) }),
    energy: formatEnergy(t.energy.total),
  };
  const checked = report.layers.filter((l) => l.verified !== null);
  if (checked.length > 0) byTitle.verified = checked.every((l) => l.verified) ? 'yes' : 'NO';
  return columns.map((c) => byTitle[c.title] ?? '');
}

/** One line naming what was run: arch, array size, dataflow(s) the layers ran, timing mode, workload. */
export function renderHeader(report: Report): string {
  const { arch } = report;
  const layers = report.layers.length;
  const dataflows = layers > 0 ? [...new Set(report.layers.map((l) => l.dataflow))].join('/') : arch.dataflow;
  return (
    `arch ${arch.name} (${arch.array.rows}×${arch.array.cols}, ${dataflows})` +
    ` · timing ${report.timing} · workload ${report.workload.name} (${layers} layer${layers === 1 ? '' : 's'})`
  );
}

/** Column widths of `columns` over the title, unit, layer and totals rows (cells are rendered, measured, dropped). */
function widthsOf(report: Report, columns: Column[]): number[] {
  const widths = columns.map((c) => Math.max(c.title.length, c.unit.length));
  for (const l of report.layers) columns.forEach((c, i) => (widths[i] = Math.max(widths[i], c.cell(l).length)));
  totalsRow(report, columns).forEach((s, i) => (widths[i] = Math.max(widths[i], s.length)));
  return widths;
}

const lineWidth = (widths: number[]): number => widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);

/**
 * The per-layer table: a header line, titles with their units, a row per layer and a totals row; numbers
 * right-aligned with thousands separators. By default it fits options.width (120) by leaving out columns, least
 * important first, and says so; `wide` keeps them all. The verified column shows only when something was checked.
 * Cells are rendered twice (to measure, then to print) so no per-layer row is held: a long workload's table costs
 * its text only.
 */
export function renderTable(report: Report, options: TableOptions = {}): string {
  const color = options.color ?? false;
  const width = options.width ?? TABLE_WIDTH;
  let columns = COLUMNS.filter((c) => c.title !== 'verified' || report.layers.some((l) => l.verified !== null));
  let widths = widthsOf(report, columns);
  const hidden: string[] = [];
  if (options.wide !== true) {
    const byDrop = columns.filter((c) => c.drop > 0).sort((a, b) => a.drop - b.drop);
    while (lineWidth(widths) > width && byDrop.length > 0) {
      const c = byDrop.pop()!;
      const i = columns.indexOf(c);
      hidden.push(c.title);
      columns = columns.filter((_, j) => j !== i);
      widths = widths.filter((_, j) => j !== i);
    }
  }
  const line = (cells: string[]): string =>
    cells
      .map((s, i) => (columns[i].align === 'right' ? s.padStart(widths[i]) : s.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const paint = (code: string, s: string): string => (color ? `${code}${s}${RESET}` : s);
  const out: string[] = [paint(BOLD, renderHeader(report))];
  if (hidden.length > 0) out.push(`(${hidden.length} column${hidden.length === 1 ? '' : 's'} left out to fit ${width} characters: ${hidden.join(', ')}; --wide shows them)`);
  out.push('', paint(BOLD, line(columns.map((c) => c.title))), line(columns.map((c) => c.unit)), rule);
  for (const l of report.layers) {
    const cells = columns.map((c) => c.cell(l));
    const text = line(cells);
    out.push(l.verified === false ? paint(RED, text) : text);
  }
  out.push(rule, paint(BOLD, line(totalsRow(report, columns))), '');
  const sim = simulationLine(report);
  if (sim) out.push(sim, '');
  return out.join('\n');
}

/** --values given: which folds computed values, over the run (timing and counters always come from every fold). */
function simulationLine(report: Report): string | null {
  const runs = report.layers.map((l) => l.simulation).filter((s) => s !== undefined);
  if (runs.length === 0) return null;
  const folds = runs.reduce((a, s) => a + s.folds, 0);
  const valued = runs.reduce((a, s) => a + s.foldsWithValues, 0);
  const advanced = runs.reduce((a, s) => a + s.foldsAdvanced, 0);
  const periods = runs.reduce((a, s) => a + s.foldsInPeriods, 0);
  const pct = (n: number) => (folds > 0 ? ((100 * n) / folds).toFixed(1) : '0');
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `--values ${runs[0].values}: of ${n(folds)} folds, ${n(valued)} computed values (${pct(valued)}%), ` +
    `${n(folds - advanced)} stepped (${pct(folds - advanced)}%) and ${n(advanced)} advanced (${pct(advanced)}%, ${n(periods)} in periods);\ntiming and counters come from every fold`
  );
}
