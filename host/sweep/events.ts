// The sweep's event bus (mitt), one event per point: for progress bars, notebooks and scripts.
import mitt, { type Emitter } from 'mitt';
import type { PointRow } from './evaluate.ts';

export type SweepEvents = {
  /**
   * `total` points in the sweep, `skipped` of them already in the output (resumed), run on `jobs` threads here, or
   * (jobs 0) enqueued on `queue` for its workers.
   */
  'sweep:start': { total: number; skipped: number; jobs: number; queue?: string };
  /** A point finished (ok or refused); `done` counts the points finished in this run. */
  'point:done': { row: PointRow; done: number; remaining: number };
  'sweep:done': { ran: number; skipped: number; failed: number };
};

export type SweepEmitter = Emitter<SweepEvents>;
export const createSweepEmitter = (): SweepEmitter => mitt<SweepEvents>();
