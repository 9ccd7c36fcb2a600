// attentionTraceOf(report, timeline): an attention run as a Chrome trace (chrome.ts). Tracks: the 2D and the 1D
// array, one slice per Einsum instance (its query block and key tile in the args), and the fast-forward jumps (whole
// periods the core added at once instead of simulating them op by op: no slices on the arrays there). Timestamps in
// µs at the arch's clock. Past the core's record cap the trace ends early and the metadata says so.
import type { AttentionReport } from '../attention/report.ts';
import type { AttentionTimeline } from '../attention/run.ts';
import { type ChromeTrace, type SliceEvent, TRACE_SCHEMA, TraceClock, type TraceEvent, nameTracks } from './chrome.ts';
import { DEFAULT_MAX_EVENTS } from './systolic.ts';

const PID = 1;
export const ATTENTION_TID = { array2d: 1, array1d: 2, fastForward: 3 } as const;

/** Metadata events of an attention trace (process name, 2 per track). */
const METADATA_EVENTS = 7;

/** Contract: the timeline records to ask the core for so that the trace has at most `maxEvents` events. */
export const attentionRecordsFor = (maxEvents: number = DEFAULT_MAX_EVENTS): number => Math.max(1, maxEvents - METADATA_EVENTS);

/**
 * Contract: the Chrome trace of an attention run from the records its core kept (runAttentionWithTimeline, asked for
 * attentionRecordsFor(maxEvents) records).
 */
export function attentionTraceOf(report: AttentionReport, timeline: AttentionTimeline, maxEvents: number = DEFAULT_MAX_EVENTS): ChromeTrace {
  const clock = new TraceClock(report.arch.clockMHz / 1000);
  const out: TraceEvent[] = [];
  const tids = [ATTENTION_TID.array2d, ATTENTION_TID.array1d, ATTENTION_TID.fastForward];
  let lastEnd = 0;
  for (const r of timeline.records) {
    const a = clock.ns(r.cycle);
    const base = { ph: 'X' as const, pid: PID, tid: tids[r.array], ts: a / 1000, dur: (clock.ns(r.end) - a) / 1000 };
    lastEnd = Math.max(lastEnd, r.end);
    if (r.array === 2) {
      out.push({ ...base, name: 'fast-forward', cat: 'period', args: { keyTiles: r.q, cycles: r.end - r.cycle } } satisfies SliceEvent);
      continue;
    }
    const e = report.einsums[r.op];
    out.push({ ...base, name: e.name, cat: 'einsum', args: { einsum: e.name, op: r.op, unit: r.unit, queryBlock: r.q, keyTile: r.m1, cycles: r.end - r.cycle } } satisfies SliceEvent);
  }
  const truncated = timeline.lost > 0;
  const tracks = [
    { tid: ATTENTION_TID.array2d, name: `2D array (${report.arch.array2d.rows}×${report.arch.array2d.cols})` },
    { tid: ATTENTION_TID.array1d, name: `1D array (${report.arch.array1d.pes} PEs)` },
    { tid: ATTENTION_TID.fastForward, name: 'fast-forward (whole periods, not op by op)' },
  ];
  return {
    traceEvents: [...nameTracks(PID, `systole attention: ${report.model} seq ${report.seq}, ${report.cascade} on ${report.arch.name}`, tracks), ...out],
    displayTimeUnit: 'ns',
    metadata: {
      schema: TRACE_SCHEMA,
      tool: report.tool,
      run: { model: report.model, seq: report.seq, batch: report.batch, heads: report.heads, cascade: report.cascade, arch: report.arch.name, idealized: report.idealized, cycles: report.cycles.total },
      clock: { GHz: clock.GHz, assumed: false, note: `timestamps are µs at the arch's ${report.arch.clockMHz} MHz (1 cycle = ${clock.nsPerCycle} ns, rounded to whole ns)` },
      aggregation: {
        maxEvents,
        aggregated: truncated,
        note: truncated
          ? `the core kept its first ${timeline.records.length} records: ${timeline.lost} later op instances and jumps are not shown (the trace stops at cycle ${lastEnd} of ${report.cycles.total})`
          : 'every op instance the core simulated, and every fast-forward jump',
        layers: [],
      },
      tracks: {
        arrays: 'one slice per Einsum instance: its query block and key tile (for once-per-block Einsums: the number of key tiles) in the args',
        'fast-forward': 'the core found the pipeline state repeating and added whole periods at once: cycles there are counted in the report, not shown op by op (run with --no-fast-forward to see every instance)',
      },
    },
  };
}
