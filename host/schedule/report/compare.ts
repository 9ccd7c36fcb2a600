// One run of `systole schedule`: the greedy and both baselines on the same graph and scratchpad, with their
// traffic, figures, latency (when cycles and bandwidth are known) and wall time, in one report document.
import { naiveSchedule, roundTripSchedule } from '../reference/baselines.ts';
import { schedule as greedySchedule, type ScheduleOptions } from '../search/greedy.ts';
import { scheduleLatency, type Latency } from './latency.ts';
import { scheduleStats, type ScheduleStats } from './stats.ts';
import type { Graph, Schedule, Traffic } from '../types.ts';

/** One scheduler's figures in a report. */
export interface MethodResult {
  method: string;
  traffic: Traffic;
  stats: ScheduleStats;
  latency: Latency | null;
  wallMs: number;
}

/** The document `systole schedule --json` prints (schema systole.schedule-report/1). */
export interface ScheduleReport {
  schema: 'systole.schedule-report/1';
  graph: { name: string; ops: number; tensors: number };
  scratchpad: { bytes: number; alignment: number };
  /** Bytes per cycle used for latency, or null when unknown. */
  dramBytesPerCycle: number | null;
  methods: MethodResult[];
  /** Fraction of each baseline's non-compulsory traffic the greedy removes (null when the baseline has none). */
  reduction: { vsRoundTrip: number | null; vsNaive: number | null };
  /** The greedy's op order. */
  order: string[];
}

/** Greedy options plus the DRAM bandwidth for latency (bytes per cycle). */
export interface CompareOptions extends ScheduleOptions {
  dramBytesPerCycle?: number;
}

/** Schedule `graph` with the greedy and both baselines. */
export function compareSchedules(graph: Graph, opts: CompareOptions): { report: ScheduleReport; schedules: Schedule[] } {
  const pad = { bytes: opts.scratchpadBytes, alignment: opts.alignment };
  const timed = (f: () => Schedule) => {
    const t0 = performance.now();
    const s = f();
    return { s, ms: performance.now() - t0 };
  };
  const runs = [timed(() => greedySchedule(graph, opts)), timed(() => naiveSchedule(graph, pad)), timed(() => roundTripSchedule(graph, pad))];
  const bw = opts.dramBytesPerCycle ?? null;
  const methods = runs.map(({ s, ms }) => ({
    method: s.method,
    traffic: s.traffic,
    stats: scheduleStats(graph, s),
    latency: bw === null ? null : scheduleLatency(graph, s, bw),
    wallMs: Math.round(ms * 10) / 10,
  }));
  const greedyNc = runs[0].s.traffic.nonCompulsory;
  const reductionVs = (s: Schedule) => (s.traffic.nonCompulsory === 0 ? null : 1 - greedyNc / s.traffic.nonCompulsory);
  const report: ScheduleReport = {
    schema: 'systole.schedule-report/1',
    graph: { name: graph.name, ops: graph.ops.length, tensors: Object.keys(graph.tensors).length },
    scratchpad: pad,
    dramBytesPerCycle: bw,
    methods,
    reduction: { vsRoundTrip: reductionVs(runs[2].s), vsNaive: reductionVs(runs[1].s) },
    order: runs[0].s.steps.map((st) => st.op),
  };
  return { report, schedules: runs.map((r) => r.s) };
}
