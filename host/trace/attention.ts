// attentionTraceOf(report, timeline): an attention run as a Chrome trace (chrome.ts). Tracks: the 2D and the 1D
// array, one slice per Einsum instance (its query block and key tile in the args), and the fast-forward jumps (whole
// periods the core added at once instead of simulating them op by op: no slices on the arrays there). Timestamps in
// µs at the arch's clock. A run whose instances would exceed `maxEvents` shows each array in windows of instances
// (aggregateInstances below), and the metadata says so; past the core's record limit the rest of the run is one
// slice per array.
import { TraceArray } from '../../assembly/shared/attention.ts';
import type { AttentionReport } from '../attention/report.ts';
import type { AttentionTimeline } from '../attention/run.ts';
import type { TraceEntry } from '../core/attention.ts';
import { type ChromeTrace, TRACE_SCHEMA, TraceClock, type TraceBuild, collectTrace, nameTracks } from './chrome.ts';
import type { EventWriter } from './json.ts';
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

/** Records the core keeps (56 bytes each in its memory): every instance of any run with fast-forward (BERT at 64K
 *  tokens: 91k), windows past the trace's cap; past this the rest of the run is one slice per array. */
export const ATTENTION_RECORD_LIMIT = 1 << 19;

/** Contract: the timeline records to ask the core for (runAttentionWithTimeline's timelineRecords). */
export const attentionRecordsFor = (): number => ATTENTION_RECORD_LIMIT;

/**
 * Contract: the Chrome trace of an attention run from the records its core kept (runAttentionWithTimeline, asked for
 * attentionRecordsFor() records): every instance if they fit in `maxEvents` events, else windows of instances.
 */
export function attentionTraceOf(report: AttentionReport, timeline: AttentionTimeline, maxEvents: number = DEFAULT_MAX_EVENTS): ChromeTrace {
  return collectTrace(attentionTrace(report, timeline, maxEvents));
}

const ARRAY_TID = [ATTENTION_TID.array2d, ATTENTION_TID.array1d] as const;
const laneTid = (array: number, lane: number): number => (lane === 0 ? ARRAY_TID[array] : LANE_TID_BASE[array] + lane);

/** Contract: the builder of attentionTraceOf's trace (chrome.ts: collect it, or stream it into a file). */
export const attentionTrace = (report: AttentionReport, timeline: AttentionTimeline, maxEvents: number = DEFAULT_MAX_EVENTS): TraceBuild => (out) => {
  const clock = new TraceClock(report.arch.clockMHz / 1000);
  const records = [...timeline.records].sort((x, y) => x.cycle - y.cycle || y.end - x.end);
  const byArray: TraceEntry[][] = [[], []];
  const jumps: TraceEntry[] = [];
  for (const r of records) {
    if (r.array === TraceArray.DramRead || r.array === TraceArray.DramWrite) continue; // DRAM transfers: not drawn (yet)
    (r.array === TraceArray.Jump ? jumps : byArray[r.array]).push(r);
  }
  const perWindow = windowSize(byArray, jumps.length, timeline.lost, maxEvents);
  const arrayName = [`2D array (${report.arch.array2d.rows}×${report.arch.array2d.cols})`, `1D array (${report.arch.array1d.pes} PEs)`];
  const title = `systole attention: ${report.model} seq ${report.seq}, ${report.cascade} on ${report.arch.name}`;
  const jumpTrack = { tid: ATTENTION_TID.fastForward, name: 'fast-forward (whole periods, not op by op)' };
  if (perWindow === 0) {
    // every instance: lanes first (the track names come before the slices)
    const lanes = byArray.map((rs) => assignLanes(rs, clock));
    const tracks = [0, 1].flatMap((a) =>
      Array.from({ length: Math.max(1, lanes[a].count) }, (_, lane) => ({ tid: laneTid(a, lane), name: lane === 0 ? arrayName[a] : `${arrayName[a]} lane ${lane + 1}` })),
    );
    nameTracks(out, title, [...tracks, jumpTrack]);
    byArray.forEach((rs, a) =>
      rs.forEach((r, k) => {
        const e = report.einsums[r.op];
        out.slice(laneTid(a, lanes[a].of[k]), e.name, 'einsum', clock.ns(r.cycle), clock.ns(r.end))
          .str('einsum', e.name).num('op', r.op).num('unit', r.unit).num('queryBlock', r.q).num('keyTile', r.m1).num('cycles', r.end - r.cycle)
          .end();
      }),
    );
  } else {
    nameTracks(out, title, [{ tid: ARRAY_TID[0], name: arrayName[0] }, { tid: ARRAY_TID[1], name: arrayName[1] }, jumpTrack]);
    byArray.forEach((rs, a) => aggregateInstances(out, report, clock, ARRAY_TID[a], rs, perWindow, timeline));
  }
  for (const r of jumps) out.slice(ATTENTION_TID.fastForward, 'fast-forward', 'period', clock.ns(r.cycle), clock.ns(r.end)).num('keyTiles', r.q).num('cycles', r.end - r.cycle).end();
  const aggregated = perWindow > 0;
  return {
    displayTimeUnit: 'ns',
    metadata: {
      schema: TRACE_SCHEMA,
      tool: report.tool,
      run: { model: report.model, seq: report.seq, batch: report.batch, heads: report.heads, cascade: report.cascade, arch: report.arch.name, idealized: report.idealized, cycles: report.cycles.total },
      clock: { GHz: clock.GHz, assumed: false, note: `timestamps are µs at the arch's ${report.arch.clockMHz} MHz (1 cycle = ${clock.nsPerCycle} ns, rounded to whole ns)` },
      aggregation: {
        maxEvents,
        aggregated,
        note: aggregated
          ? `each array shows its Einsum instances in windows of ${perWindow} (by start; ${records.length - jumps.length} instances would exceed ${maxEvents} events): a window lasts from its first instance's start to the next window's, the windows of an array add up to the run's ${report.cycles.total} cycles, and its args give the instances and their cycles per Einsum${timeline.lost > 0 ? `; the core kept its first ${timeline.records.length} records (limit ${ATTENTION_RECORD_LIMIT}): the ${timeline.lost} after them are one slice per array to the end of the run` : ''}`
          : 'every op instance the core simulated, and every fast-forward jump',
        layers: [],
        ...(aggregated && { instancesPerWindow: perWindow }),
      },
      tracks: {
        arrays: aggregated
          ? 'one slice per window of Einsum instances (see aggregation)'
          : 'one slice per Einsum instance: its query block and key tile (for once-per-block Einsums: the number of key tiles) in the args; Einsums that overlap in time on one array (the wavefront: a PE starts an Einsum when its inputs reach it) are drawn on further lanes of that array',
        'fast-forward': 'the core found the pipeline state repeating and added whole periods at once: cycles there are counted in the report, not shown op by op (run with --no-fast-forward to see every instance)',
      },
    },
  };
};

/** Lanes of one array's instances (by start): each to the first lane free at its start (interval partitioning). */
function assignLanes(rs: readonly TraceEntry[], clock: TraceClock): { of: number[]; count: number } {
  const ends: number[] = [];
  const of = rs.map((r) => {
    const a = clock.ns(r.cycle);
    let lane = ends.findIndex((end) => end <= a);
    if (lane < 0) lane = ends.push(0) - 1;
    ends[lane] = clock.ns(r.end);
    return lane;
  });
  return { of, count: ends.length };
}

/** Events of the cap a window counts for (its bytes in the file / an instance slice's, rounded up). */
const WINDOW_WEIGHT = 2;

/**
 * Instances per window: 0 (every instance, on lanes) when they fit in `max` events and the core kept them all, else
 * the smallest power of 2 whose windows fit (per array: its windows and, past the record limit, a slice to the end).
 */
function windowSize(byArray: readonly TraceEntry[][], jumps: number, lost: number, max: number): number {
  const fixed = ATTENTION_METADATA_EVENTS + jumps;
  if (lost === 0 && fixed + byArray[0].length + byArray[1].length <= max) return 0;
  let w = 1;
  // a window's args name every Einsum it holds: about twice an instance's bytes, so it counts as two events
  const size = (w: number) => fixed + byArray.reduce((n, rs) => n + WINDOW_WEIGHT * Math.ceil(rs.length / w) + (lost > 0 ? 1 : 0), 0);
  while (w < 2 ** 30 && size(w) > max) w *= 2;
  return w;
}

/**
 * One array's instances (sorted by start) in windows of `perWindow`: window j from its first instance's start
 * (the first from cycle 0) to the next window's first start (the last: to the end of the run, or of the records the
 * core kept, then one slice to the end). The slices tile [0, cycles) without overlap, so they add up to the run's
 * cycles; args: instances and Σ instance cycles per Einsum.
 */
function aggregateInstances(out: EventWriter, report: AttentionReport, clock: TraceClock, tid: number, rs: readonly TraceEntry[], perWindow: number, timeline: AttentionTimeline): void {
  if (rs.length === 0) return;
  const total = report.cycles.total;
  let keptEnd = 0;
  for (const r of rs) keptEnd = Math.max(keptEnd, r.end);
  const lastEnd = timeline.lost > 0 ? Math.min(keptEnd, total) : total;
  for (let first = 0; first < rs.length; first += perWindow) {
    const next = first + perWindow;
    const start = first === 0 ? 0 : rs[first].cycle;
    const end = next < rs.length ? rs[next].cycle : lastEnd;
    const last = Math.min(rs.length, next) - 1;
    const instances = new Map<number, { n: number; cycles: number }>();
    for (let k = first; k <= last; k++) {
      const s = instances.get(rs[k].op) ?? { n: 0, cycles: 0 };
      s.n++;
      s.cycles += rs[k].end - rs[k].cycle;
      instances.set(rs[k].op, s);
    }
    const e = out.slice(tid, `instances ${first}-${last}`, 'window', clock.ns(start), clock.ns(end)).num('instances', last - first + 1).num('firstInstance', first).bool('aggregated', true);
    for (const [op, s] of [...instances].sort((x, y) => x[0] - y[0])) e.num(`${report.einsums[op].name} instances`, s.n).num(`${report.einsums[op].name} cycles`, s.cycles);
    e.end();
  }
  if (lastEnd < total) {
    out.slice(tid, 'not recorded', 'window', clock.ns(lastEnd), clock.ns(total))
      .num('recordsLost', timeline.lost).bool('aggregated', true)
      .str('note', `the core kept its first ${timeline.records.length} records (op instances and jumps of both arrays); the rest of the run is counted in the report, not placed in time`)
      .end();
  }
}
