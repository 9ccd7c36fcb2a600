// The trace's byte writer (host/trace/json.ts) against JSON.stringify, V8's own JSON, as the oracle: numbers, µs
// from whole ns, strings (escapes, non-ASCII, lone surrogates), events and their separators, texts longer than a
// chunk; and a whole systolic trace streamed in chunks is one JSON document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';
import { EventWriter, JsonBytes } from '../../host/trace/json.ts';
import { streamTrace, traceText } from '../../host/trace/chrome.ts';
import { simulateWithTimeline } from '../../host/trace/record.ts';
import { systolicTrace } from '../../host/trace/systolic.ts';
import { ARCH_DEFAULTS } from '../helpers/arch.ts';

/** What `write` puts out, as text. */
function written(write: (out: JsonBytes) => void): string {
  const parts: Uint8Array[] = [];
  const out = new JsonBytes((b) => parts.push(b.slice()));
  write(out);
  out.end();
  return Buffer.concat(parts).toString('utf8');
}

describe('JsonBytes', () => {
  it('writes numbers as JSON.stringify does', () => {
    const edge = [0, -0, 1, -1, 9, 10, 99, 100, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53 - 1, -(2 ** 53), 0.1, 1e21, 1e-7, -3.25, NaN, Infinity, -Infinity];
    for (const n of edge) expect(written((o) => o.num(n)), String(n)).toBe(JSON.stringify(n));
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.double(), fc.maxSafeInteger()), (n) => written((o) => o.num(n)) === JSON.stringify(n)));
  });

  it('writes whole ns as the µs JS gives ns / 1000', () => {
    for (const ns of [0, 1, 10, 100, 999, 1000, 1001, 1010, 1100, 123456789, 2 ** 31 - 1, 2 ** 31, 2 ** 40 + 7]) {
      expect(written((o) => o.us(ns)), String(ns)).toBe(JSON.stringify(ns / 1000));
    }
    fc.assert(fc.property(fc.nat(), (ns) => written((o) => o.us(ns)) === JSON.stringify(ns / 1000)));
    fc.assert(fc.property(fc.maxSafeNat(), (ns) => written((o) => o.us(ns)) === JSON.stringify(ns / 1000)));
  });

  it('writes strings as JSON.stringify does (escapes, non-ASCII as UTF-8, lone surrogates)', () => {
    for (const s of ['', 'fold 12', 'a"b', 'back\\slash', 'tab\there', 'nl\n', '\u0000\u001f\u007f', 'Σ − –', '😀', '\ud800', 'x\udc00y']) {
      expect(written((o) => o.str(s)), s).toBe(JSON.stringify(s));
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => written((o) => o.str(s)) === JSON.stringify(s)));
  });

  it('hands texts longer than a chunk over whole, in order', () => {
    const long = 'x'.repeat(3 << 20);
    const text = written((o) => {
      o.raw('[');
      for (let i = 0; i < 200_000; i++) o.num(i);
      o.str(long);
      o.raw(']');
    });
    expect(text.length).toBe(1 + [...Array(200_000).keys()].join('').length + long.length + 3);
    expect(text.endsWith(`"${long}"]`)).toBe(true);
  });
});

describe('EventWriter', () => {
  it('writes slices, counters and metadata that parse to what they were given', () => {
    const text = written((o) => {
      const w = new EventWriter(o, 7);
      o.raw('[');
      w.meta({ ph: 'M', name: 'thread_name', pid: 7, tid: 2, args: { name: 'stall: "ifmap"' } });
      w.slice(2, 'a "quoted" name', 'stall', 1500, 4001).num('fold', -1).str('note', 'é').bool('aggregated', true).end();
      w.slice(3, 'empty', 'x', 0, 0).end();
      w.counter('words', 2_000_000_001).num('ifmap', 3).num('rate', 0.125).end();
      o.raw(']');
    });
    expect(JSON.parse(text)).toEqual([
      { ph: 'M', name: 'thread_name', pid: 7, tid: 2, args: { name: 'stall: "ifmap"' } },
      { ph: 'X', name: 'a "quoted" name', cat: 'stall', pid: 7, tid: 2, ts: 1.5, dur: 2.501, args: { fold: -1, note: 'é', aggregated: true } },
      { ph: 'X', name: 'empty', cat: 'x', pid: 7, tid: 3, ts: 0, dur: 0, args: {} },
      { ph: 'C', name: 'words', pid: 7, ts: 2_000_000.001, args: { ifmap: 3, rate: 0.125 } },
    ]);
  });
});

describe('a whole trace', () => {
  it('the streamed text, chunk by chunk, is one JSON document (a user\'s names in UTF-8)', async () => {
    const arch = parseArch({ ...ARCH_DEFAULTS, name: 't', array: { rows: 8, cols: 8 }, dataflow: 'ws', dram: { ...ARCH_DEFAULTS.dram, bandwidthWordsPerCycle: 2 } }, 'test');
    const workload = parseWorkload({ name: 'w "quoted"', layers: [{ name: 'c1 ünï', kind: 'conv', ifmap: { h: 10, w: 10, c: 8 }, kernel: 3, filters: 12 }] }, 'test');
    const { report, timelines } = await simulateWithTimeline(arch, workload);
    const chunks: Uint8Array[] = [];
    streamTrace(systolicTrace(report, timelines), (c) => chunks.push(c.slice()));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toBe(traceText(systolicTrace(report, timelines)));
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['traceEvents', 'displayTimeUnit', 'metadata']);
    expect(doc.traceEvents.length).toBeGreaterThan(50);
    expect(doc.traceEvents.some((e: { name: string }) => e.name === 'c1 ünï')).toBe(true);
  });
});
