// A queue worker (`systole worker --queue URL [--jobs N]`): takes points from the sweep queue, N at a time, and runs
// each on a pool thread (pool.ts, the same evaluatePoint as a local sweep), so the main thread stays free to renew
// the points' locks; the outcome is the job's return value, which the collector journals.
import { availableParallelism } from 'node:os';
import { Worker } from 'bullmq';
import { InputError } from '../../errors.ts';
import { TOOL } from '../../version.ts';
import type { PointOutcome } from '../evaluate.ts';
import { pointPool } from '../pool.ts';
import { LOCK_MS, MAX_STALLED, QUEUE_NAME, type QueuedPoint, STALLED_CHECK_MS, bullConnection, parseQueueUrl, probeQueue } from './connection.ts';

/** A point taken (`start`) or finished (`done`, with its wall time) by this worker. */
export interface WorkerPointEvent {
  key: string;
  phase: 'start' | 'done';
  wallMs?: number;
}

export interface SweepWorkerOptions {
  /** redis://HOST:PORT of the sweep's queue. */
  queue: string;
  /** Points run at once, each on its own thread (default: the machine's cores). */
  jobs?: number;
  onPoint?: (e: WorkerPointEvent) => void;
}

export interface SweepWorker {
  threads: number;
  /** Stops taking points, waits for the ones in progress to finish, and frees the threads. */
  close(): Promise<void>;
}

/** Starts a worker on the queue; checks the URL and reaches Redis first (InputError when it cannot). */
export async function startSweepWorker(options: SweepWorkerOptions): Promise<SweepWorker> {
  const threads = options.jobs ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) throw new InputError('--jobs', `${String(threads)} is not a positive integer`, 'give the number of points to run at once, e.g. --jobs 2');
  const target = parseQueueUrl(options.queue);
  await probeQueue(target);
  const pool = pointPool(threads);
  const worker = new Worker<QueuedPoint, PointOutcome>(
    QUEUE_NAME,
    async (job) => {
      const { version, task } = job.data;
      if (version !== TOOL.version) throw new Error(`this worker runs systole ${TOOL.version}, the sweep was enqueued by systole ${version}; run workers of the same version`);
      options.onPoint?.({ key: task.key, phase: 'start' });
      const outcome = (await pool.run(task)) as PointOutcome;
      options.onPoint?.({ key: task.key, phase: 'done', wallMs: outcome.wallMs });
      return outcome;
    },
    { connection: bullConnection(target), concurrency: threads, lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: MAX_STALLED },
  );
  worker.on('error', () => {}); // connection blips: ioredis reconnects; a lost lock is BullMQ's to handle
  await worker.waitUntilReady();
  return {
    threads,
    close: async () => {
      await worker.close();
      await pool.destroy();
    },
  };
}
