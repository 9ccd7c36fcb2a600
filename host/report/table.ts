// The human-readable per-layer table printed by `systole run` (the default output).
import { formatEnergy } from '../energy/format.ts';
import { groupThousands, percent } from './format.ts';
import type { DramCounts, LayerReport, Report } from './types.ts';

export interface TableOptions {
  /** Emit ANSI colour codes (bold header, red failed checks). Default false: callers pass `stream.isTTY`. */
  color?: boolean;
}

type Align = 'left' | 'right';

interface Column {
  title: string;
  align: Align;
  cell: (layer: LayerReport) => string;
}

const BOLD = '\u001b[1m';
const RED = '\u001b[31m';
const RESET = '\u001b[0m';

/** M×N×K, then ×Gg for G groups, then (P/fold) when P groups were packed into each fold. */
function shape(layer: LayerReport): string {
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
  { title: 'layer', align: 'left', cell: (l) => l.name },
  { title: 'kind', align: 'left', cell: (l) => l.kind },
  { title: 'df', align: 'left', cell: (l) => l.dataflow },
  { title: 'M×N×K', align: 'right', cell: shape },
  { title: 'folds', align: 'right', cell: (l) => `${l.folds.rows}×${l.folds.cols}` },
  { title: 'MACs', align: 'right', cell: (l) => groupThousands(l.macs) },
  { title: 'cycles', align: 'right', cell: (l) => groupThousands(l.cycles.total) },
  { title: 'stall', align: 'right', cell: (l) => groupThousands(l.cycles.stall) },
  { title: 'map%', align: 'right', cell: (l) => percent(l.utilization.mapping) },
  { title: 'comp%', align: 'right', cell: (l) => percent(l.utilization.compute) },
  { title: 'util%', align: 'right', cell: (l) => percent(l.utilization.overall) },
  { title: 'SRAM rd', align: 'right', cell: (l) => groupThousands(sramReads(l.sram)) },
  { title: 'SRAM wr', align: 'right', cell: (l) => groupThousands(l.sram.ofmapWrites) },
  { title: 'DRAM', align: 'right', cell: (l) => (l.dram === null ? '-' : groupThousands(dramWords(l.dram))) },
  { title: 'energy', align: 'right', cell: (l) => formatEnergy(l.energy.total) },
  { title: 'verified', align: 'left', cell: (l) => verified(l.verified) },
];

/** Totals row cells, keyed by column title; columns without a meaningful total stay blank. */
function totalsRow(report: Report): string[] {
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
  return COLUMNS.map((c) => byTitle[c.title] ?? '');
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

/** The per-layer table with a header line and a totals row; numbers right-aligned with thousands separators. */
export function renderTable(report: Report, options: TableOptions = {}): string {
  const color = options.color ?? false;
  const rows = report.layers.map((l) => COLUMNS.map((c) => c.cell(l)));
  const totals = totalsRow(report);
  const all = [COLUMNS.map((c) => c.title), ...rows, totals];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((s, i) => (COLUMNS[i].align === 'right' ? s.padStart(widths[i]) : s.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const paint = (code: string, s: string): string => (color ? `${code}${s}${RESET}` : s);
  const body = rows.map((cells) => {
    const text = line(cells);
    return cells[cells.length - 1] === 'NO' ? paint(RED, text) : text;
  });
  return [
    paint(BOLD, renderHeader(report)),
    '',
    paint(BOLD, line(all[0])),
    rule,
    ...body,
    rule,
    paint(BOLD, line(totals)),
    '',
  ].join('\n');
}
