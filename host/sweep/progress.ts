// The sweep's progress bar on a TTY (stderr): points done, the rate and an ETA; nothing on a pipe or file.
import cliProgress from 'cli-progress';
import type { SweepEmitter, SweepEvents } from './events.ts';

/** Draws a bar on `stream` while the sweep emits events; returns a function that stops and detaches it. */
export function attachSweepProgress(emitter: SweepEmitter, stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): () => void {
  if (stream.isTTY !== true) return () => {};
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} points | {rate} points/s | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true, barsize: 30, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  let started = 0;
  const onStart = (e: SweepEvents['sweep:start']): void => {
    started = performance.now();
    bar.start(e.total - e.skipped, 0, { rate: '0.0' });
  };
  const onPoint = (e: SweepEvents['point:done']): void => {
    const rate = e.done / ((performance.now() - started) / 1e3);
    bar.update(e.done, { rate: rate.toFixed(1) });
  };
  const stop = (): void => {
    emitter.off('sweep:start', onStart);
    emitter.off('point:done', onPoint);
    emitter.off('sweep:done', stop);
    bar.stop();
  };
  emitter.on('sweep:start', onStart);
  emitter.on('point:done', onPoint);
  emitter.on('sweep:done', stop);
  return stop;
}
