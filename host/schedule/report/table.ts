// The human-readable output of `systole schedule`: a header, one row per method, the reductions, the latency
// note and the greedy's op order.
import { groupThousands, percent as pct } from '../../report/format.ts';
import type { ScheduleReport } from './compare.ts';
import { formatBytes } from './size.ts';

/** Ops of the order printed in the table; --json has them all. */
const ORDER_SHOWN = 40;

/** Render a schedule report as text. */
export function renderScheduleTable(r: ScheduleReport): string {
  const lines: string[] = [];
  lines.push(
    `graph ${r.graph.name} (${r.graph.ops} ops, ${r.graph.tensors} tensors) · scratchpad ${formatBytes(r.scratchpad.bytes)}, ` +
      `alignment ${r.scratchpad.alignment} B · compulsory traffic ${groupThousands(r.methods[0].traffic.compulsory)} B`,
  );
  const header = ['method', 'non-compulsory B', 'total B', 'peak', 'frag max', 'frag mean', 'compaction steps', 'latency serial', 'latency overlapped', 'time ms'];
  const rows = r.methods.map((m) => [
    m.method,
    groupThousands(m.traffic.nonCompulsory),
    groupThousands(m.traffic.total),
    `${formatBytes(m.stats.peakBytes)} (${percent(m.stats.peakFraction)})`,
    percent(m.stats.maxFragmentation),
    percent(m.stats.meanFragmentation),
    String(m.stats.compactionSteps),
    m.latency ? groupThousands(m.latency.serialCycles) : '-',
    m.latency ? groupThousands(m.latency.overlappedCycles) : '-',
    m.wallMs.toFixed(1),
  ]);
  lines.push(...align([header, ...rows]));
  const red = (x: number | null, what: string) => (x === null ? `${what} has none` : `${percent(x)} less than ${what}`);
  lines.push(`non-compulsory traffic of the greedy: ${red(r.reduction.vsNaive, 'naive')}, ${red(r.reduction.vsRoundTrip, 'round-trip')}`);
  const lat = r.methods[0].latency;
  if (lat) lines.push(`latency in cycles; serial = transfers then compute, overlapped = ${lat.overlapModel}`);
  else lines.push(r.dramBytesPerCycle === null ? 'latency: not computed (give a DRAM bandwidth: --arch or --dram-bytes-per-cycle)' : 'latency: not computed (some ops have no cycle count)');
  const shown = r.order.slice(0, ORDER_SHOWN).join(' ');
  lines.push(`op order (greedy): ${shown}${r.order.length > ORDER_SHOWN ? ` … (${r.order.length - ORDER_SHOWN} more; --json lists all)` : ''}`);
  return lines.join('\n') + '\n';
}

const percent = (x: number): string => `${pct(x)}%`;

function align(table: string[][]): string[] {
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  return table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}
