// The event bus of a run (mitt). The CLI subscribes for its progress bar; library users may subscribe too.
import mitt, { type Emitter } from 'mitt';
import type { CoreTimeline } from './core/index.ts';
import type { LayerReport, Report } from './report/types.ts';

export type SystoleEvents = {
  'run:start': { workload: string; layers: number; timing: string };
  'layer:start': { index: number; name: string };
  /** timeline: what the core recorded of the layer, when simulate() was asked for it (options.timeline). */
  'layer:done': { index: number; report: LayerReport; timeline?: CoreTimeline };
  /** Fraction of the run's MACs simulated so far, in [0, 1]. */
  progress: { done: number; total: number };
  warning: { message: string };
  'run:done': { report: Report };
};

export type SystoleEmitter = Emitter<SystoleEvents>;
export const createEmitter = (): SystoleEmitter => mitt<SystoleEvents>();
