import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../host/events.ts';
import { attachProgressBar } from '../../host/progress.ts';

/** A stream that records what is written to it, claiming to be a terminal or not. */
function fakeStream(isTTY: boolean): PassThrough & { isTTY: boolean; columns: number; text: () => string } {
  const chunks: string[] = [];
  const s = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; text: () => string };
  s.isTTY = isTTY;
  s.columns = 100;
  s.on('data', (c: Buffer) => chunks.push(c.toString()));
  s.text = () => chunks.join('');
  return s;
}

function drive(emitter: ReturnType<typeof createEmitter>): void {
  emitter.emit('layer:start', { index: 0, name: 'conv_first' });
  emitter.emit('progress', { done: 25, total: 100 });
  emitter.emit('layer:start', { index: 1, name: 'conv_second' });
  emitter.emit('progress', { done: 100, total: 100 });
}

describe('attachProgressBar', () => {
  it('draws nothing on a stream that is not a terminal', async () => {
    const emitter = createEmitter();
    const stream = fakeStream(false);
    const stop = attachProgressBar(emitter, stream);
    drive(emitter);
    stop();
    await new Promise((r) => setImmediate(r));
    expect(stream.text()).toBe('');
  });

  it('draws the percentage and the current layer on a terminal, and detaches on run:done', async () => {
    const emitter = createEmitter();
    const stream = fakeStream(true);
    attachProgressBar(emitter, stream);
    drive(emitter);
    emitter.emit('run:done', { report: undefined as never });
    await new Promise((r) => setImmediate(r));
    const text = stream.text();
    expect(text).toContain('25%');
    expect(text).toContain('conv_first');
    expect(emitter.all.get('progress') ?? []).toHaveLength(0);
    expect(emitter.all.get('layer:start') ?? []).toHaveLength(0);
  });
});
