// The collector of a sweep on a queue (`systole sweep … --queue URL`): enqueues the points that are not in the
// output yet as BullMQ jobs, and hands each finished job's outcome to the sweep (which journals it) exactly once.
//   - a job's id is its point's key, so enqueuing a point that is already queued (by an earlier run of this collector
//     that was stopped) adds nothing, and its result is collected when it finishes;
//   - QueueEvents wakes the collector when a job finishes; every RECONCILE_MS it also asks for the state of each
//     point it still waits for, so an event lost (a reconnect) costs a little latency, never a point;
//   - a collected job is removed from Redis (the journal holds the result); a job that vanished before it was
//     collected (another collector of the same point took it) is enqueued again;
//   - a job that failed (a worker's bug, a worker of another version, a point whose workers kept dying) is reported
//     at the end and not journaled, so a rerun runs it again.
import { Job, Queue, QueueEvents } from 'bullmq';
import { TOOL } from '../../version.ts';
import type { PointOutcome, PointTask } from '../evaluate.ts';
import { QUEUE_NAME, type QueueTarget, type QueuedPoint, bullConnection, jobIdOf } from './connection.ts';

const RECONCILE_MS = 2_000;
/** Points per addBulk call. */
const BATCH = 500;
/** Finished jobs nobody collected (a collector that died) are dropped by Redis after a day. */
const KEEP = { age: 24 * 3600 };

/** Runs `tasks` on the queue's workers; `done` gets each outcome once, in completion order. */
export async function runOnQueue(target: QueueTarget, tasks: PointTask[], done: (task: PointTask, outcome: PointOutcome) => void): Promise<void> {
  if (tasks.length === 0) return;
  const connection = bullConnection(target);
  const queue = new Queue<QueuedPoint, PointOutcome, 'point'>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  let fatal: unknown;
  const quiet = (): void => {}; // ioredis reconnects on its own; a lasting outage shows as a failed command below
  queue.on('error', quiet);
  events.on('error', quiet);

  const pending = new Map(tasks.map((t) => [jobIdOf(t), t]));
  const failures: string[] = [];
  const busy = new Set<string>();
  const again = new Set<string>(); // asked about while busy: look again when the current look ends
  let wake: () => void = () => {};
  const enqueue = async (list: PointTask[]): Promise<void> => {
    for (let i = 0; i < list.length; i += BATCH) {
      const jobs = list.slice(i, i + BATCH).map((task) => ({
        name: 'point' as const,
        data: { version: TOOL.version, task },
        opts: { jobId: jobIdOf(task), removeOnComplete: KEEP, removeOnFail: KEEP },
      }));
      await queue.addBulk(jobs);
    }
  };
  /** Collects job `id` if it has finished (once, whoever calls first: an event or the reconcile pass). */
  const settle = async (id: string): Promise<void> => {
    const task = pending.get(id);
    if (task === undefined) return;
    if (busy.has(id)) {
      again.add(id);
      return;
    }
    busy.add(id);
    try {
      // The state first, then the job: a job read before its state is final may lack its return value.
      const state = await queue.getJobState(id);
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      const job = state === 'unknown' ? undefined : await Job.fromId<QueuedPoint, PointOutcome, 'point'>(queue, id);
      if (job === undefined) return await enqueue([task]); // gone before it was collected: enqueue it again
      pending.delete(id);
      if (state === 'completed') done(task, job.returnvalue);
      else failures.push(`point ${task.key}: ${job.failedReason}`);
      await job.remove();
    } finally {
      busy.delete(id);
      if (pending.size === 0) wake();
    }
    if (again.delete(id)) await settle(id);
  };
  const settleSafely = (id: string): void => {
    settle(id).catch((e: unknown) => {
      fatal ??= e;
      wake();
    });
  };

  try {
    await events.waitUntilReady(); // listening before the first job is added
    events.on('completed', ({ jobId }) => settleSafely(jobId));
    events.on('failed', ({ jobId }) => settleSafely(jobId));
    await enqueue(tasks);
    while (pending.size > 0 && fatal === undefined) {
      await Promise.all([...pending.keys()].map(settle));
      if (pending.size === 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RECONCILE_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    if (fatal !== undefined) throw fatal;
  } finally {
    await events.close();
    await queue.close();
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} point(s) failed on the workers and were not journaled (a rerun retries them); first: ${failures[0]}`);
  }
}
