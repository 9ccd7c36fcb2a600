// The Chrome trace-event format (the JSON that Perfetto and chrome://tracing open): the event shapes Systole writes,
// and the clock that turns simulated cycles into its microseconds. No node-only imports (the browser uses this too).

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
  aggregation: { maxEvents: number; aggregated: boolean; note: string; layers: { name: string; foldsPerWindow: number; reason: string }[] };
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

/** Metadata events naming a process and its tracks, in the given order. */
export function nameTracks(pid: number, process: string, tracks: readonly { tid: number; name: string }[]): MetadataEvent[] {
  const out: MetadataEvent[] = [{ ph: 'M', name: 'process_name', pid, args: { name: process } }];
  tracks.forEach((t, i) => {
    out.push({ ph: 'M', name: 'thread_name', pid, tid: t.tid, args: { name: t.name } });
    out.push({ ph: 'M', name: 'thread_sort_index', pid, tid: t.tid, args: { sort_index: i } });
  });
  return out;
}
