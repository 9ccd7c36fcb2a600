// The CLI's progress bar: cli-progress on a TTY stream (stderr), driven by the run's `progress` events.
// On a pipe or file it draws nothing, so redirected output stays clean.
import cliProgress from 'cli-progress';
import type { SystoleEmitter, SystoleEvents } from './events.ts';

/** Draws a progress bar on `stream` while the run emits events; returns a function that stops and detaches it. */
export function attachProgressBar(
  emitter: SystoleEmitter,
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
): () => void {
  if (stream.isTTY !== true) return () => {};
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | {layer}',
      hideCursor: true,
      clearOnComplete: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let layer = '';
  const onLayer = (e: SystoleEvents['layer:start']): void => {
    layer = e.name;
    if (started) bar.update({ layer });
  };
  const onProgress = (e: SystoleEvents['progress']): void => {
    if (!started) {
      bar.start(e.total, e.done, { layer });
      started = true;
    } else {
      bar.setTotal(e.total);
      bar.update(e.done, { layer });
    }
  };
  const stop = (): void => {
    emitter.off('layer:start', onLayer);
    emitter.off('progress', onProgress);
    emitter.off('run:done', stop);
    if (started) bar.stop();
    started = false;
  };
  emitter.on('layer:start', onLayer);
  emitter.on('progress', onProgress);
  emitter.on('run:done', stop);
  return stop;
}
