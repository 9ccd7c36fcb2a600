// The event bus of a run (mitt). The CLI subscribes for its progress bar; library users may subscribe too.
import mitt, { type Emitter } from 'mitt';
import type { LayerReport, Report } from './report/types.ts';

export type SystoleEvents = {
  'run:start': { workload: string; layers: number; timing: string };
  'layer:start': { index: number; name: string };
  'layer:done': { index: number; report: LayerReport };
  /** Fraction of the run's MACs simulated so far, in [0, 1]. */
  progress: { done: number; total: number };
  warning: { message: string };
  'run:done': { report: Report };
};

export type SystoleEmitter = Emitter<SystoleEvents>;
export const createEmitter = (): SystoleEmitter => mitt<SystoleEvents>();
