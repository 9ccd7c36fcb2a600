// Progress of a study: one step per simulation, reported on the run's event bus (events.ts) so the CLI's progress
// bar (progress.ts) draws it: `layer:start` names the simulation, `progress` counts simulations done of `total`,
// no `run:done`: the caller stops the bar when the study ends.
import type { SystoleEmitter } from '../events.ts';

/** Contract: returns `step(name, run)`, which announces `name`, runs and awaits `run()` and reports one more step done. */
export function studyProgress(emitter: SystoleEmitter | undefined, total: number) {
  let done = 0;
  return async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    emitter?.emit('layer:start', { index: done, name });
    emitter?.emit('progress', { done, total });
    const result = await run();
    done++;
    emitter?.emit('progress', { done, total });
    return result;
  };
}
