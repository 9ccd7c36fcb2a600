// traceOf(report, timelines): a systolic run as a Chrome trace (chrome.ts), from the report and the timelines the
// core recorded (timeline.ts). Tracks: the array (a slice per layer, fold slices inside it), one track per stall
// cause, DRAM reads and write-backs; counters: scratchpad words on chip per buffer, DRAM words per cycle. Layers
// follow each other on one clock (each starts where the previous one's reported cycles end). Runs whose detail
// would exceed `maxEvents` show folds in aggregated windows (aggregateWindows), and the metadata says so.
// Every string written is Latin-1 (no Σ, −, –), so V8 keeps the file's JSON one byte per character.
import type { Report } from '../report/types.ts';
import { type ChromeTrace, TRACE_SCHEMA, TraceClock, type TraceBuild, collectTrace, nameTracks } from './chrome.ts';
import type { EventWriter } from './json.ts';
import { type FoldPieces, type Span, type StallColumns, aggregateWindows, foldStretches, stallColumns, subtractStalls } from './folds.ts';
import { EVENT_FIELDS, EventField, EventKind, type FoldRecord, type LayerTimeline } from './timeline.ts';

/** Default cap on the events of one trace: about 140 bytes each in the file (MobileNetV1: 182k events, 25 MB), so a
 *  file stays under ~50 MB. */
export const DEFAULT_MAX_EVENTS = 320_000;

/** The DRAM channel's bandwidth windows (assembly/memory/dram.ts WINDOW). */
const DRAM_WINDOW = 1024;

export interface TraceOptions {
  /** Most events in the trace before folds are aggregated into windows (default DEFAULT_MAX_EVENTS). */
  maxEvents?: number;
}

export const TID = { array: 1, ifmap: 2, filter: 3, ofmap: 4, bank: 5, unattributed: 6, dramRead: 7, dramWrite: 8, vector: 9 } as const;

/** The arch's clock: dram.clockGHz when the spec gave one, else 1 GHz (assumed, and the metadata says so). */
function clockOf(report: Report): { clock: TraceClock; assumed: boolean } {
  const ghz = report.arch.dram.clockGHz;
  return { clock: new TraceClock(ghz ?? 1), assumed: ghz === undefined };
}

/** Output events per recorded event in full detail, at most: a stall cuts a fold slice and is a slice; a write-back
 *  is a slice; an occupancy record a sample; a DRAM window run may need a 0 sample after it. */
const PER_EVENT: Record<EventKind, number> = {
  [EventKind.StallIfmap]: 2, [EventKind.StallFilter]: 2, [EventKind.StallOfmap]: 2, [EventKind.StallBank]: 2,
  [EventKind.DramRead]: 1, [EventKind.DramWrite]: 3, [EventKind.Occupancy]: 1, [EventKind.DramWindow]: 2,
};
/** An upper bound on the events a layer shows in full detail. */
function detailedSize(t: LayerTimeline): number {
  let n = t.folds.length + 6;
  for (let p = 0; p < t.events.length; p += EVENT_FIELDS) n += PER_EVENT[t.events[p + EventField.Kind] as EventKind];
  return n;
}

/** The offsets of a layer's event records of one kind, by start (the core writes most kinds in start order). */
function ofKind(events: Float64Array, kind: EventKind): number[] {
  const out: number[] = [];
  let sorted = true;
  for (let p = 0; p < events.length; p += EVENT_FIELDS) {
    if (events[p + EventField.Kind] !== kind) continue;
    if (out.length > 0 && events[p + EventField.Start] < events[out[out.length - 1] + EventField.Start]) sorted = false;
    out.push(p);
  }
  if (!sorted) out.sort((x, y) => events[x + EventField.Start] - events[y + EventField.Start]);
  return out;
}
/** Events a layer shows in windows of w folds, at most: per window an array slice, 4 stall slices and an occupancy
 *  sample; 2 DRAM counter samples per window run; the layer slice, its last write-backs and unattributed stall, and
 *  3 counter samples at its ends. */
const windowedSize = (t: LayerTimeline, w: number): number =>
  6 * Math.ceil(t.folds.length / w) + 2 * ofKind(t.events, EventKind.DramWindow).length + 6;
/** Metadata events: the process name and 2 per track. */
const METADATA_EVENTS = 1 + 2 * Object.keys(TID).length;

/** Folds per window for every layer: 1 = full detail unless dropped events force windows; the smallest power of 2 that fits. */
function windowSize(timelines: readonly LayerTimeline[], max: number): number {
  const present = timelines.filter((t) => t !== undefined);
  if (METADATA_EVENTS + timelines.length + present.reduce((a, t) => a + detailedSize(t), 0) <= max) return 0; // 0: full detail
  let w = 1;
  while (w < 2 ** 30 && METADATA_EVENTS + timelines.length + present.reduce((a, t) => a + windowedSize(t, w), 0) > max) w *= 2;
  return w;
}

/** Contract: the Chrome trace of `report`'s run from the timelines the core recorded, one per layer in order. */
export function traceOf(report: Report, timelines: readonly LayerTimeline[], options: TraceOptions = {}): ChromeTrace {
  return collectTrace(systolicTrace(report, timelines, options));
}

/** Contract: the builder of traceOf's trace (chrome.ts: collect it, or stream it into a file). */
export function systolicTrace(report: Report, timelines: readonly LayerTimeline[], options: TraceOptions = {}): TraceBuild {
  if (timelines.length > report.layers.length) throw new Error(`traceOf: ${timelines.length} timelines for ${report.layers.length} layers`);
  return (events) => buildTrace(report, timelines, options, events);
}

function buildTrace(report: Report, timelines: readonly LayerTimeline[], options: TraceOptions, out: EventWriter): ReturnType<TraceBuild> {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const { clock, assumed } = clockOf(report);
  const w = windowSize(timelines, maxEvents);
  const tracks = [
    { tid: TID.array, name: 'array: layers and folds' },
    { tid: TID.ifmap, name: 'stall: ifmap (DRAM)' },
    { tid: TID.filter, name: 'stall: filter (DRAM)' },
    { tid: TID.ofmap, name: 'stall: ofmap (write-back)' },
    { tid: TID.bank, name: 'stall: SRAM bank' },
    ...(report.totals.stallBy.unattributed > 0 ? [{ tid: TID.unattributed, name: 'stall: unattributed (SCALE-Sim)' }] : []),
    { tid: TID.dramRead, name: 'DRAM reads' },
    { tid: TID.dramWrite, name: 'DRAM write-backs' },
    ...(report.layers.some((_, i) => timelines[i] === undefined) ? [{ tid: TID.vector, name: 'vector unit (layers off the array)' }] : []),
  ];
  nameTracks(out, `systole: ${report.workload.name} on ${report.arch.name} (${report.timing})`, tracks);
  const aggregatedLayers: { name: string; foldsPerWindow: number; reason: string }[] = [];
  let offset = 0;
  report.layers.forEach((layer, i) => {
    const t = timelines[i];
    if (t === undefined) {
      // a layer of the vector unit (pooling, elementwise, ...): not on the array, no core timeline
      out.slice(TID.vector, layer.name, 'vector', clock.ns(offset), clock.ns(offset + layer.cycles.total))
        .num('layer', i).str('kind', layer.kind).num('cycles', layer.cycles.total).num('stallCycles', layer.cycles.stall)
        .str('note', 'the vector unit: its stalls are counted, not placed in time')
        .end();
      offset += layer.cycles.total;
      return;
    }
    const perWindow = w > 0 ? w : t.dropped > 0 ? 1 : 0;
    if (perWindow > 0) {
      const reason = w > 0 ? `the run's detail exceeds ${maxEvents} events` : `the core kept its first events only (${t.dropped} not recorded)`;
      aggregatedLayers.push({ name: layer.name, foldsPerWindow: perWindow, reason });
    }
    const unattributed = layer.cycles.stallBy.unattributed;
    const computeEnd = layer.cycles.total - unattributed;
    const stretches = foldStretches(t.folds, computeEnd);
    const lastBegin = stretches.length > 0 ? stretches[stretches.length - 1].start : 0;
    // The last fold's stretch ends where the folds end (the write-backs after it are a stall of their own).
    let foldsEnd = lastBegin;
    for (const f of t.folds) if (f.end > foldsEnd) foldsEnd = f.end;
    foldsEnd = Math.min(computeEnd, foldsEnd);
    if (stretches.length > 0) stretches[stretches.length - 1].end = foldsEnd;
    const lo = new LayerOut(out, clock, offset);
    const layerSlice = lo.slice(TID.array, layer.name, 'layer', 0, layer.cycles.total)
      .num('layer', i).str('kind', layer.kind).str('dataflow', layer.dataflow).num('cycles', layer.cycles.total).num('computeCycles', layer.cycles.compute)
      .num('stallCycles', layer.cycles.stall).num('macs', layer.macs).num('folds', t.folds.length);
    if (perWindow > 0) layerSlice.num('foldsPerWindow', perWindow);
    if (report.timing === 'scalesim') layerSlice.str('note', 'scalesim: the reported cycles are the sum of fold cycles - 1 (the last demand row\'s index); the last fold is shown 1 cycle short');
    layerSlice.end();
    if (perWindow > 0) windowSlices(lo, t.folds, stretches, perWindow, foldsEnd, computeEnd);
    else {
      const stalls = stallColumns(t.events);
      foldSlices(lo, t.folds, subtractStalls(stretches, stalls));
      stallSlices(lo, stalls);
      dramSlices(lo, t.events);
    }
    if (unattributed > 0) {
      lo.slice(TID.unattributed, 'stall (SCALE-Sim USER bandwidth)', 'stall', computeEnd, layer.cycles.total).str('note', 'SCALE-Sim does not say when; shown at the end of the layer').end();
    }
    const windowStarts = perWindow > 0 ? stretches.filter((_, k) => k % perWindow === 0).map((st) => st.start) : null;
    occupancy(lo, t.events, windowStarts);
    dramRate(lo, t.events, layer.cycles.total);
    offset += layer.cycles.total;
  });
  const aggregated = aggregatedLayers.length > 0;
  return {
    displayTimeUnit: 'ns',
    metadata: {
      schema: TRACE_SCHEMA,
      tool: report.tool,
      run: { workload: report.workload.name, arch: report.arch.name, timing: report.timing, layers: report.layers.length, cycles: report.totals.cycles },
      clock: {
        GHz: clock.GHz,
        assumed,
        note: `timestamps are µs at ${clock.GHz} GHz (1 cycle = ${clock.nsPerCycle} ns, rounded to whole ns)${assumed ? '; the arch gives no clock (dram.clockGHz), 1 GHz is assumed' : ''}`,
      },
      aggregation: {
        maxEvents,
        aggregated,
        note: aggregated
          ? 'some layers show folds in windows: one array slice per window (its folds\' time minus their stalls), then its stall cycles by cause back to back; no DRAM slices there (the DRAM counter stays exact)'
          : 'every fold, stall and DRAM transfer as recorded',
        layers: aggregatedLayers,
      },
      tracks: {
        array: 'a slice per layer (its reported cycles), inside it the folds: each fold from when it begins on the array to when the next begins, minus the stalls; fold slices + stall slices add up to the layer\'s cycles',
        stalls: 'the array frozen, by cause; bank stalls are summed per slice of steps and placed at its end; a WS/IS load stall the stream sees is placed at the stream\'s start',
        dram: 'the DRAM channel sending words (reads sent back to back are one slice); write-backs from the fold that finished them',
        'scratchpad words on chip': 'sampled when each slice of operands has arrived (unchanged samples left out): ifmap and filter words in their buffers; ofmap: output words finished by a fold and not yet written back',
        'DRAM words per cycle': `words moved per ${DRAM_WINDOW}-cycle window (the windows the report's peak bandwidth is taken over)`,
      },
    },
  };
}

/** A layer's events: the writer, and the layer's cycles placed on the run's clock (it starts at `origin`). */
class LayerOut {
  constructor(
    readonly out: EventWriter,
    private readonly clock: TraceClock,
    private readonly origin: number,
  ) {}
  /** Whole ns of a cycle of the layer. */
  ns(cycle: number): number {
    return this.clock.ns(this.origin + cycle);
  }
  /** Opens a slice of the layer's cycles [s, e). */
  slice(tid: number, name: string, cat: string, s: number, e: number): EventWriter {
    return this.out.slice(tid, name, cat, this.ns(s), this.ns(e));
  }
}

const STALL_TID = { ifmap: TID.ifmap, filter: TID.filter, ofmap: TID.ofmap, bank: TID.bank } as const;
/** A slice's name per stall cause. */
const STALL_NAME = { ifmap: 'ifmap stall', filter: 'filter stall', ofmap: 'ofmap stall', bank: 'bank stall' } as const;

/** The fold slices of a layer in full detail. */
function foldSlices(lo: LayerOut, folds: readonly FoldRecord[], pieces: FoldPieces): void {
  for (let k = 0; k < pieces.fold.length; k++) {
    const f = folds[pieces.fold[k]];
    lo.slice(TID.array, `fold ${f.index}`, 'fold', pieces.start[k], pieces.end[k])
      .num('fold', f.index).num('gemm', f.gemm).num('rowFold', f.rowFold).num('colFold', f.colFold)
      .str('shape', `${f.rows}x${f.cols} PEs, ${f.steps} steps`)
      .num('busyPeCycles', f.busy).num('macs', f.busy).num('cycles', f.cycles)
      .num('stallCycles', f.stall.ifmap + f.stall.filter + f.stall.ofmap + f.stall.bank)
      .end();
  }
}

/** The stall slices of a layer in full detail, each on its cause's track. */
function stallSlices(lo: LayerOut, stalls: StallColumns): void {
  for (let k = 0; k < stalls.start.length; k++) {
    const fold = stalls.fold[k];
    const cause = stalls.cause[k];
    const e = lo.slice(STALL_TID[cause], STALL_NAME[cause], 'stall', stalls.start[k], stalls.end[k]).num('fold', fold);
    if (fold < 0) e.str('note', "the layer's last write-backs");
    e.end();
  }
}

/** A layer in windows of `perWindow` folds: a slice per window, then its stalls by cause (folds.ts). */
function windowSlices(lo: LayerOut, folds: readonly FoldRecord[], stretches: readonly Span[], perWindow: number, foldsEnd: number, computeEnd: number): void {
  const { pieces, stalls } = aggregateWindows(folds, stretches, perWindow);
  if (computeEnd > foldsEnd) stalls.push({ start: foldsEnd, end: computeEnd, cause: 'ofmap', fold: -1, aggregated: true });
  for (const p of pieces) {
    let busy = 0;
    for (let k = p.first; k <= p.last; k++) busy += folds[k].busy;
    lo.slice(TID.array, `folds ${p.first}-${p.last}`, 'fold', p.start, p.end)
      .num('folds', p.last - p.first + 1).num('firstFold', p.first).num('busyPeCycles', busy).num('macs', busy).bool('aggregated', true)
      .end();
  }
  for (const st of stalls) {
    const e = lo.slice(STALL_TID[st.cause], STALL_NAME[st.cause], 'stall', st.start, st.end).num('fold', st.fold).bool('aggregated', true);
    if (st.fold < 0) e.str('note', "the layer's last write-backs");
    e.end();
  }
}

function dramSlices(lo: LayerOut, events: Float64Array): void {
  const E = EventField;
  for (let p = 0; p < events.length; p += EVENT_FIELDS) {
    const kind = events[p + E.Kind];
    if (kind === EventKind.DramRead) {
      const a = events[p + E.A];
      const b = events[p + E.B];
      const c = events[p + E.C];
      const e = lo.slice(TID.dramRead, 'read', 'dram', events[p + E.Start], events[p + E.End]).num('words', a + b + c).num('fold', events[p + E.Fold]);
      if (a > 0) e.num('ifmap', a);
      if (b > 0) e.num('filter', b);
      if (c > 0) e.num('psum', c);
      e.end();
    } else if (kind === EventKind.DramWrite) {
      lo.slice(TID.dramWrite, 'write-back', 'dram', events[p + E.Start], events[p + E.End]).num('words', events[p + E.A]).num('fold', events[p + E.Fold]).end();
    }
  }
}

/** The record offsets `at`, ordered by their field `f` (the core writes them in that order almost always: then as given). */
function byCycle(events: Float64Array, at: readonly number[], f: EventField): readonly number[] {
  for (let i = 1; i < at.length; i++) if (events[at[i] + f] < events[at[i - 1] + f]) return [...at].sort((x, y) => events[x + f] - events[y + f]);
  return at;
}

/**
 * Scratchpad words on chip, sampled when each slice's operands have arrived: ifmap/filter as recorded; ofmap: the
 * output words finished by a fold and not yet written back at that cycle (from the write-back records).
 */
function occupancy(lo: LayerOut, events: Float64Array, windows: readonly number[] | null): void {
  const E = EventField;
  let samples = ofKind(events, EventKind.Occupancy);
  if (windows) {
    // aggregated: the last sample of each window of folds (windows: the cycles the windows begin, ascending)
    const windowOf = (at: number) => {
      let lo = 0;
      let hi = windows.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (windows[mid] <= at) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    samples = samples.filter((p, i) => i + 1 === samples.length || windowOf(events[samples[i + 1] + E.Start]) !== windowOf(events[p + E.Start]));
  }
  const writes = ofKind(events, EventKind.DramWrite);
  // output words entering the ofmap buffer (B: the cycle a fold finished them) and leaving it (C: written back)
  const finished = byCycle(events, writes, E.B);
  const written = byCycle(events, writes, E.C);
  let fi = 0;
  let wi = 0;
  let ofmap = 0;
  let lastIfmap = -1;
  let lastFilter = -1;
  let lastOfmap = -1;
  const sample = (at: number, ifmap: number, filter: number) => {
    for (; fi < finished.length && events[finished[fi] + E.B] <= at; fi++) ofmap += events[finished[fi] + E.A];
    for (; wi < written.length && events[written[wi] + E.C] <= at; wi++) ofmap -= events[written[wi] + E.A];
    if (lastIfmap === ifmap && lastFilter === filter && lastOfmap === ofmap) return;
    lastIfmap = ifmap;
    lastFilter = filter;
    lastOfmap = ofmap;
    lo.out.counter('scratchpad words on chip', lo.ns(at)).num('ifmap', ifmap).num('filter', filter).num('ofmap', ofmap).end();
  };
  sample(0, 0, 0);
  for (const p of samples) sample(events[p + E.Start], events[p + E.A], events[p + E.B]);
  // the end of the layer: every write-back done
  if (written.length > 0) sample(events[written[written.length - 1] + E.C], Math.max(0, lastIfmap), Math.max(0, lastFilter));
}

/** DRAM words per cycle over the channel's 1024-cycle windows (0 where no window has words), from 0 to `end`. */
function dramRate(lo: LayerOut, events: Float64Array, end: number): void {
  const runs = ofKind(events, EventKind.DramWindow).map((p) => ({ start: events[p + EventField.Start], end: events[p + EventField.End], a: events[p + EventField.A] }));
  let samples = 0;
  const sample = (cycle: number, v: number) => {
    lo.out.counter('DRAM words per cycle', lo.ns(cycle)).num('words', v).end();
    samples++;
  };
  let next = 0; // first window not yet covered
  for (const r of runs) {
    if (r.start > next) sample(next * DRAM_WINDOW, 0);
    if (r.start * DRAM_WINDOW < end) sample(r.start * DRAM_WINDOW, r.a / DRAM_WINDOW);
    next = r.end + 1;
  }
  if (next * DRAM_WINDOW < end || samples === 0) sample(Math.min(next * DRAM_WINDOW, end), 0);
}
