// The Chrome trace-event format (the JSON that Perfetto and chrome://tracing open): the event shapes Systole writes,
// and the clock that turns simulated cycles into its microseconds. No node-only imports (the browser uses this too).
import { EventWriter, JsonBytes } from './json.ts';

/** A complete slice on one track (tid): [ts, ts + dur). Slices on one track must nest or be disjoint. */
export interface SliceEvent {
  ph: 'X';
  name: string;
  cat: string;
  pid: number;
  tid: number;
  ts: number;
  dur: number;
  args: Record<string, number | string | boolean>;
}

/** A counter sample: each numeric arg is a series that holds its value until the next sample of that counter. */
export interface CounterEvent {
  ph: 'C';
  name: string;
  pid: number;
  ts: number;
  args: Record<string, number>;
}

/** Metadata: process and thread (track) names and their order. */
export interface MetadataEvent {
  ph: 'M';
  name: 'process_name' | 'thread_name' | 'thread_sort_index' | 'process_sort_index';
  pid: number;
  tid?: number;
  args: { name?: string; sort_index?: number };
}

export type TraceEvent = SliceEvent | CounterEvent | MetadataEvent;

/** The document: the JSON object format with Systole's metadata (shown by chrome://tracing's Metadata button). */
export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ns';
  metadata: TraceMetadata;
}

export const TRACE_SCHEMA = 'systole.trace/1';

export interface TraceMetadata {
  schema: typeof TRACE_SCHEMA;
  tool: { name: string; version: string };
  /** What ran: the workload (or attention model) on the arch, under which timing. */
  run: Record<string, string | number | boolean>;
  /** Timestamps: µs at this clock; `assumed` when the arch gives no clock (1 GHz is used). */
  clock: { GHz: number; assumed: boolean; note: string };
  /** Whether anything is shown coarser than recorded, and how. */
  aggregation: {
    maxEvents: number;
    aggregated: boolean;
    note: string;
    /** Systolic runs: the layers shown in windows of folds. */
    layers: { name: string; foldsPerWindow: number; reason: string }[];
    /** Attention runs shown in windows: Einsum instances per window. */
    instancesPerWindow?: number;
  };
  /** What each track and counter shows. */
  tracks: Record<string, string>;
}

/**
 * Cycles → the trace's microseconds, through whole nanoseconds: every boundary is rounded once to a whole ns, so a
 * slice that ends where the next begins gives both the same number and viewers (which read µs × 1000 as ns) see
 * them touch, never overlap.
 */
export class TraceClock {
  readonly nsPerCycle: number;
  constructor(readonly GHz: number) {
    this.nsPerCycle = 1 / GHz;
  }
  /** Whole ns of a cycle count. */
  ns(cycle: number): number {
    return Math.round(cycle * this.nsPerCycle);
  }
  /** µs of a cycle count (a whole number of ns). */
  us(cycle: number): number {
    return this.ns(cycle) / 1000;
  }
  /** A slice's ts and dur from its first cycle and the cycle after it. */
  span(start: number, end: number): { ts: number; dur: number } {
    const a = this.ns(start);
    return { ts: a / 1000, dur: (this.ns(end) - a) / 1000 };
  }
}

/** Everything in a trace but its events (the builder knows it once every event is out). */
export interface TraceHead {
  displayTimeUnit: 'ns';
  metadata: TraceMetadata;
}

/**
 * A trace builder: writes the events one by one (json.ts) and returns the rest. One builder per machine kind; its
 * text goes straight into the file (streamTrace), so a million events never sit in memory as objects.
 */
export type TraceBuild = (events: EventWriter) => TraceHead;

const PID = 1;

/**
 * Contract: the trace's JSON text (UTF-8), in chunks to `write` (a view, valid until it returns):
 * {"traceEvents":[...],"displayTimeUnit":"ns","metadata":{...}}.
 */
export function streamTrace(build: TraceBuild, write: (chunk: Uint8Array) => void): void {
  const out = new JsonBytes(write);
  out.raw('{"traceEvents":[');
  const head = build(new EventWriter(out, PID));
  out.raw('],');
  out.text(JSON.stringify(head).slice(1));
  out.end();
}

/** Contract: the trace's JSON text as one string (a download in the browser; tests). */
export function traceText(build: TraceBuild): string {
  const parts: Uint8Array[] = [];
  streamTrace(build, (chunk) => parts.push(chunk.slice()));
  const all = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new TextDecoder().decode(all);
}

/** Contract: the trace as one document: its text parsed (the library's traceOf; tests). */
export const collectTrace = (build: TraceBuild): ChromeTrace => JSON.parse(traceText(build)) as ChromeTrace;

/** Contract: writes the metadata events naming the process and its tracks, in the given order. */
export function nameTracks(w: EventWriter, process: string, tracks: readonly { tid: number; name: string }[]): void {
  w.meta({ ph: 'M', name: 'process_name', pid: w.pid, args: { name: process } });
  tracks.forEach((t, i) => {
    w.meta({ ph: 'M', name: 'thread_name', pid: w.pid, tid: t.tid, args: { name: t.name } });
    w.meta({ ph: 'M', name: 'thread_sort_index', pid: w.pid, tid: t.tid, args: { sort_index: i } });
  });
}
