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
  const header = ['method', 'non-compulsory B', 'total B', 'peak', 'frag max', 'frag mean', 'compactions', 'serial cycles', 'overlapped cycles'];
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
  ]);
  lines.push(...align([header, ...rows]));
  const red = (x: number | null, what: string) => (x === null ? `${what} has none` : `${percent(x)} less than ${what}`);
  lines.push(`non-compulsory traffic of the greedy: ${red(r.reduction.vsNaive, 'naive')}, ${red(r.reduction.vsRoundTrip, 'round-trip')}`);
  const lat = r.methods[0].latency;
  if (lat) lines.push(...wrap(`latency: serial = transfers then compute; overlapped = ${lat.overlapModel}`));
  else lines.push(r.dramBytesPerCycle === null ? 'latency: not computed (give a DRAM bandwidth: --arch or --dram-bytes-per-cycle)' : 'latency: not computed (some ops have no cycle count)');
  const shown = r.order.slice(0, ORDER_SHOWN).join(' ');
  lines.push(`search budget: ${groupThousands(r.search.evaluations)} plan evaluations per local search (--evaluations)`);
  const wall = Object.entries(r.timing.wallMs).map(([m, ms]) => `${m} ${ms.toFixed(1)}`);
  lines.push(`wall time ms (this run only, not part of the result): ${wall.join(', ')}`);
  lines.push(...wrap(`op order (greedy): ${shown}${r.order.length > ORDER_SHOWN ? ` … (${r.order.length - ORDER_SHOWN} more; --json lists all)` : ''}`));
  return lines.join('\n') + '\n';
}

const percent = (x: number): string => `${pct(x)}%`;

/** Columns of the text output. */
const WIDTH = 120;

/** Break a line at spaces so that no piece is wider than WIDTH (continuations indented by two). */
function wrap(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (cur !== '' && cur.length + 1 + word.length > WIDTH) {
      out.push(cur);
      cur = `  ${word}`;
    } else cur = cur === '' ? word : `${cur} ${word}`;
  }
  out.push(cur);
  return out;
}

function align(table: string[][]): string[] {
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  return table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}
