// attentionTraceOf(report, timeline): an attention run as a Chrome trace (chrome.ts). Tracks: the 2D and the 1D
// array, one slice per Einsum instance (its query block and key tile in the args), and the fast-forward jumps (whole
// periods the core added at once instead of simulating them op by op: no slices on the arrays there). Timestamps in
// µs at the arch's clock. Past the core's record cap the trace ends early and the metadata says so.
import type { AttentionReport } from '../attention/report.ts';
import type { AttentionTimeline } from '../attention/run.ts';
import { type ChromeTrace, TRACE_SCHEMA, TraceClock, type TraceBuild, collectTrace, nameTracks } from './chrome.ts';
import { DEFAULT_MAX_EVENTS } from './systolic.ts';

/**
 * Tracks: lane 0 of each array keeps the tids below; Einsums overlap on an array (each PE starts an Einsum when its
 * inputs reach it: the wavefront, and key tiles interleave), so overlapping slices go to further lanes of the same
 * array (tid = LANE_TID_BASE[array] + lane), a slice to the first lane free at its start (interval partitioning).
 */
export const ATTENTION_TID = { array2d: 1, array1d: 2, fastForward: 3 } as const;
const LANE_TID_BASE = [1000, 2000] as const;
/** Lanes per array the metadata budget reserves (the cascades shipped need at most a handful). */
const RESERVED_LANES = 16;

/** Contract: the array ('2d' | '1d') whose lane `tid` is, or undefined for other tracks. */
export function attentionArrayOfTid(tid: number): '2d' | '1d' | undefined {
  if (tid === ATTENTION_TID.array2d || (tid > LANE_TID_BASE[0] && tid < LANE_TID_BASE[0] + 1000)) return '2d';
  if (tid === ATTENTION_TID.array1d || (tid > LANE_TID_BASE[1] && tid < LANE_TID_BASE[1] + 1000)) return '1d';
  return undefined;
}

/** Metadata events an attention trace reserves (process name, 2 per track: up to RESERVED_LANES lanes per array). */
export const ATTENTION_METADATA_EVENTS = 1 + 2 * (2 * RESERVED_LANES + 1);
const METADATA_EVENTS = ATTENTION_METADATA_EVENTS;

/** Contract: the timeline records to ask the core for so that the trace has at most `maxEvents` events. */
export const attentionRecordsFor = (maxEvents: number = DEFAULT_MAX_EVENTS): number => Math.max(1, maxEvents - METADATA_EVENTS);

/**
 * Contract: the Chrome trace of an attention run from the records its core kept (runAttentionWithTimeline, asked for
 * attentionRecordsFor(maxEvents) records).
 */
export function attentionTraceOf(report: AttentionReport, timeline: AttentionTimeline, maxEvents: number = DEFAULT_MAX_EVENTS): ChromeTrace {
  return collectTrace(attentionTrace(report, timeline, maxEvents));
}

/** Contract: the builder of attentionTraceOf's trace (chrome.ts: collect it, or stream it into a file). */
export const attentionTrace = (report: AttentionReport, timeline: AttentionTimeline, maxEvents: number = DEFAULT_MAX_EVENTS): TraceBuild => (out) => {
  const clock = new TraceClock(report.arch.clockMHz / 1000);
  const laneEnds: number[][] = [[], []];
  const laneTid = (array: number, lane: number) => (lane === 0 ? (array === 0 ? ATTENTION_TID.array2d : ATTENTION_TID.array1d) : LANE_TID_BASE[array] + lane);
  let lastEnd = 0;
  const records = [...timeline.records].sort((x, y) => x.cycle - y.cycle || y.end - x.end);
  // the lanes first (the track names come before the slices)
  const tids = records.map((r) => {
    if (r.array === 2) return ATTENTION_TID.fastForward;
    const a = clock.ns(r.cycle);
    const ends = laneEnds[r.array];
    let lane = ends.findIndex((end) => end <= a);
    if (lane < 0) lane = ends.push(0) - 1;
    ends[lane] = clock.ns(r.end);
    return laneTid(r.array, lane);
  });
  const arrayName = [`2D array (${report.arch.array2d.rows}×${report.arch.array2d.cols})`, `1D array (${report.arch.array1d.pes} PEs)`];
  const tracks = [0, 1].flatMap((array) =>
    Array.from({ length: Math.max(1, laneEnds[array].length) }, (_, lane) => ({ tid: laneTid(array, lane), name: lane === 0 ? arrayName[array] : `${arrayName[array]} lane ${lane + 1}` })),
  );
  tracks.push({ tid: ATTENTION_TID.fastForward, name: 'fast-forward (whole periods, not op by op)' });
  nameTracks(out, `systole attention: ${report.model} seq ${report.seq}, ${report.cascade} on ${report.arch.name}`, tracks);
  records.forEach((r, k) => {
    lastEnd = Math.max(lastEnd, r.end);
    if (r.array === 2) {
      out.slice(tids[k], 'fast-forward', 'period', clock.ns(r.cycle), clock.ns(r.end)).num('keyTiles', r.q).num('cycles', r.end - r.cycle).end();
      return;
    }
    const e = report.einsums[r.op];
    out.slice(tids[k], e.name, 'einsum', clock.ns(r.cycle), clock.ns(r.end))
      .str('einsum', e.name).num('op', r.op).num('unit', r.unit).num('queryBlock', r.q).num('keyTile', r.m1).num('cycles', r.end - r.cycle)
      .end();
  });
  const truncated = timeline.lost > 0;
  return {
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
        arrays: 'one slice per Einsum instance: its query block and key tile (for once-per-block Einsums: the number of key tiles) in the args; Einsums that overlap in time on one array (the wavefront: a PE starts an Einsum when its inputs reach it) are drawn on further lanes of that array',
        'fast-forward': 'the core found the pipeline state repeating and added whole periods at once: cycles there are counted in the report, not shown op by op (run with --no-fast-forward to see every instance)',
      },
    },
  };
};
