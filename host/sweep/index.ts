// `sweep()`: a design-space sweep as a short list of stages.
//   1. validate the sweep (file or object) and expand its points (points.ts); read the output's journal, if any
//   2. run the points not in it: in this thread (jobs 1), on a tinypool of worker threads that share the core's
//      compiled WASM module, or on a BullMQ queue's workers (queue/); each finished point is appended to the journal
//      at once (results.ts), unless its key is there already, and emitted
//   3. mark the Pareto fronts and write results.csv
import { availableParallelism } from 'node:os';
import { InputError } from '../errors.ts';
import type { Report } from '../report/types.ts';
import { evaluatePoint, type PointOutcome, type PointRow, type PointTask } from './evaluate.ts';
import { createSweepEmitter, type SweepEmitter } from './events.ts';
import { expandPoints, type SweepPoint } from './points.ts';
import { pointPool } from './pool.ts';
import { parseQueueUrl, probeQueue } from './queue/connection.ts';
import type { SweepWorker, SweepWorkerOptions } from './queue/work.ts';
import { Journal, assertOutDir, markedRows, readJournal, writeTable } from './results.ts';
import { loadSweep, parseSweep, type SweepSpec } from './spec.ts';

export { createSweepEmitter, type SweepEmitter, type SweepEvents } from './events.ts';
export type { PointRow } from './evaluate.ts';
export { loadSweep, parseSweep, type SweepSpec } from './spec.ts';
export type { SweepWorker, SweepWorkerOptions, WorkerPointEvent } from './queue/work.ts';

export interface SweepOptions {
  /** Worker threads (default: the machine's cores); 1 runs every point in this thread. */
  jobs?: number;
  emitter?: SweepEmitter;
  /** Output directory (results.jsonl, results.csv, reports/); a rerun skips the points already in it. */
  out?: string;
  /** Also write each point's full report to out/reports/KEY.json. */
  reports?: boolean;
  /**
   * redis://HOST:PORT: enqueue the points there (BullMQ) and collect what `systole worker` processes (or
   * sweepWorker()) compute, instead of running them here; `jobs` is then refused (the workers have their own).
   */
  queue?: string;
}

export interface SweepResult {
  spec: SweepSpec;
  /** Every finished point (this run's and earlier runs' in `out`), in point order, with its Pareto marks. */
  rows: ReturnType<typeof markedRows>;
  ran: number;
  skipped: number;
  failed: number;
}

type Outcome = PointOutcome;
type Done = (task: PointTask, outcome: Outcome) => void;

/** Runs tasks and hands each outcome to `done` as it finishes; jobs 1 in this thread, else on a worker pool. */
async function runAll(tasks: PointTask[], jobs: number, done: Done): Promise<void> {
  if (jobs === 1 || tasks.length <= 1) {
    for (const t of tasks) done(t, await evaluatePoint(t));
    return;
  }
  const pool = pointPool(Math.min(jobs, tasks.length));
  try {
    await Promise.all(tasks.map(async (t) => done(t, (await pool.run(t)) as Outcome)));
  } finally {
    await pool.destroy();
  }
}

function rowOf(point: SweepPoint, outcome: Outcome): PointRow {
  const base = { key: point.key, workload: point.workload.name, params: point.params };
  const host = { wallMs: outcome.wallMs };
  if ('error' in outcome.figures) return { ...base, status: 'error', error: outcome.figures.error, host };
  return { ...base, status: 'ok', ...outcome.figures, host };
}

/** Run a sweep (a sweep file's path, or the same content as an object). */
export async function sweep(spec: string | SweepSpec | Record<string, unknown>, options: SweepOptions = {}): Promise<SweepResult> {
  // 1. Validate everything before any work or any file.
  if (options.queue !== undefined && options.jobs !== undefined) {
    throw new InputError('--jobs', 'has no effect with --queue: the points run on the queue\'s workers', 'drop --jobs, and give it to `systole worker --queue URL --jobs N` instead');
  }
  const target = options.queue === undefined ? null : parseQueueUrl(options.queue);
  const jobs = target === null ? (options.jobs ?? availableParallelism()) : 0;
  if (target === null && (!Number.isInteger(jobs) || jobs < 1)) throw new InputError('--jobs', `${String(jobs)} is not a positive integer`, 'give the number of worker threads, e.g. --jobs 2');
  const s = typeof spec === 'string' ? loadSweep(spec) : 'source' in spec && Array.isArray(spec.axes) ? (spec as SweepSpec) : parseSweep(spec, 'sweep spec');
  if (options.out !== undefined) assertOutDir(options.out);
  const points = expandPoints(s);
  if (points.length === 0) throw new InputError(`${s.source}: where`, 'leaves no point to run', 'loosen the where expression');
  if (target !== null) await probeQueue(target);
  const done = options.out === undefined ? new Map<string, PointRow>() : readJournal(options.out);
  const axes = s.axes.map(([p]) => p);
  const seen = new Set<string>(); // two points whose values normalise to the same arch run once
  const todo = points.filter((p) => !done.has(p.key) && !seen.has(p.key) && seen.add(p.key));
  const emitter = options.emitter ?? createSweepEmitter();

  // 2. Run what is left, journaling each point as it finishes.
  const journal = options.out === undefined ? null : new Journal(options.out);
  if (options.out !== undefined && done.size > 0) writeTable(options.out, axes, markedRows(points, done));
  const byKey = new Map(todo.map((p) => [p.key, p]));
  const tasks = todo.map((p): PointTask => ({ key: p.key, arch: p.arch, workload: p.workload, timing: p.timing, withReport: options.reports === true }));
  emitter.emit('sweep:start', { total: points.length, skipped: points.length - todo.length, jobs, ...(target === null ? {} : { queue: target.url }) });
  let ran = 0;
  let failed = 0;
  // BullMQ is loaded only by sweeps that use a queue (it adds most of a second to the CLI's start).
  const run = target === null ? (d: Done) => runAll(tasks, jobs, d) : async (d: Done) => (await import('./queue/collect.ts')).runOnQueue(target, tasks, d);
  try {
    await run((task, outcome) => {
      if (done.has(task.key)) return; // already journaled: never twice
      const row = rowOf(byKey.get(task.key)!, outcome);
      journal?.append(row, outcome.report as Report | undefined);
      done.set(row.key, row);
      ran++;
      if (row.status === 'error') failed++;
      emitter.emit('point:done', { row, done: ran, remaining: tasks.length - ran });
    });
  } finally {
    journal?.close();
  }

  // 3. The table, in point order, with the Pareto fronts marked.
  const rows = markedRows(points, done);
  if (options.out !== undefined) writeTable(options.out, axes, rows);
  const skipped = points.length - todo.length;
  emitter.emit('sweep:done', { ran, skipped, failed });
  return { spec: s, rows, ran, skipped, failed };
}

/** Start a queue worker: it runs the points of sweeps enqueued on `options.queue` until closed (queue/work.ts). */
export async function sweepWorker(options: SweepWorkerOptions): Promise<SweepWorker> {
  return (await import('./queue/work.ts')).startSweepWorker(options);
}
