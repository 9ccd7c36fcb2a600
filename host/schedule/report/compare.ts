// One run of `systole schedule`: the greedy and both baselines on the same graph and scratchpad, with their
// traffic, figures and latency (when cycles and bandwidth are known) in one report document. Everything but
// `timing` depends only on the input; wall times sit apart in `timing` so that two reports can be compared.
import { naiveSchedule, roundTripSchedule } from '../reference/baselines.ts';
import { greedySearch, type ScheduleOptions } from '../search/greedy.ts';
import { scheduleLatency, type Latency } from './latency.ts';
import { scheduleStats, type ScheduleStats } from './stats.ts';
import type { Graph, Schedule, Traffic } from '../types.ts';

/** One scheduler's figures in a report. */
export interface MethodResult {
  method: string;
  traffic: Traffic;
  stats: ScheduleStats;
  latency: Latency | null;
}

/** The document `systole schedule --json` prints (schema systole.schedule-report/2; /1 had a wallMs per method). */
export interface ScheduleReport {
  schema: 'systole.schedule-report/2';
  graph: { name: string; ops: number; tensors: number };
  scratchpad: { bytes: number; alignment: number };
  /** The greedy's search budget: plan evaluations of each local search. */
  search: { evaluations: number };
  /** Bytes per cycle used for latency, or null when unknown. */
  dramBytesPerCycle: number | null;
  methods: MethodResult[];
  /** Fraction of each baseline's non-compulsory traffic the greedy removes (null when the baseline has none). */
  reduction: { vsRoundTrip: number | null; vsNaive: number | null };
  /** The greedy's op order. */
  order: string[];
  /** Wall-clock time of each method in this run (ms): not part of the result, it differs from run to run. */
  timing: { wallMs: Record<string, number> };
}

/** Greedy options plus the DRAM bandwidth for latency (bytes per cycle). */
export interface CompareOptions extends Omit<ScheduleOptions, 'onProgress'> {
  dramBytesPerCycle?: number;
  /** Progress of the whole comparison: steps done and expected, and the method running (greedy, naive,
   *  round-trip). For a progress bar; it does not change the result. */
  onProgress?: (done: number, total: number, method: string) => void;
}

/** Schedule `graph` with the greedy and both baselines. */
export function compareSchedules(graph: Graph, opts: CompareOptions): { report: ScheduleReport; schedules: Schedule[] } {
  const pad = { bytes: opts.scratchpadBytes, alignment: opts.alignment };
  const timed = (f: () => Schedule) => {
    const t0 = performance.now();
    const s = f();
    return { s, ms: performance.now() - t0 };
  };
  let evaluations = 0;
  let greedySteps = 0;
  const progress = opts.onProgress;
  const greedy = () => {
    const r = greedySearch(graph, {
      ...opts,
      onProgress: (done, total) => {
        greedySteps = total;
        progress?.(done, total + 2, 'greedy');
      },
    });
    evaluations = r.evaluations;
    return r.schedule;
  };
  const after = (step: number, method: string, f: () => Schedule) => () => {
    progress?.(greedySteps + step - 1, greedySteps + 2, method);
    const s = f();
    progress?.(greedySteps + step, greedySteps + 2, method);
    return s;
  };
  const runs = [timed(greedy), timed(after(1, 'naive', () => naiveSchedule(graph, pad))), timed(after(2, 'round-trip', () => roundTripSchedule(graph, pad)))];
  const bw = opts.dramBytesPerCycle ?? null;
  const methods = runs.map(({ s, ms }) => ({
    method: s.method,
    traffic: s.traffic,
    stats: scheduleStats(graph, s),
    latency: bw === null ? null : scheduleLatency(graph, s, bw),
  }));
  const greedyNc = runs[0].s.traffic.nonCompulsory;
  const reductionVs = (s: Schedule) => (s.traffic.nonCompulsory === 0 ? null : 1 - greedyNc / s.traffic.nonCompulsory);
  const report: ScheduleReport = {
    schema: 'systole.schedule-report/2',
    graph: { name: graph.name, ops: graph.ops.length, tensors: Object.keys(graph.tensors).length },
    scratchpad: pad,
    search: { evaluations },
    dramBytesPerCycle: bw,
    methods,
    reduction: { vsRoundTrip: reductionVs(runs[2].s), vsNaive: reductionVs(runs[1].s) },
    order: runs[0].s.steps.map((st) => st.op),
    timing: { wallMs: Object.fromEntries(runs.map(({ s, ms }) => [s.method, Math.round(ms * 10) / 10])) },
  };
  return { report, schedules: runs.map((r) => r.s) };
}
