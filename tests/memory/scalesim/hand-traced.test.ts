// Tiny SCALE-Sim v2 runs traced by hand from its code (README.md gives the rules; file/function named per step).
import { describe, expect, test } from 'vitest';
import { CalcReadBuffer } from '../../../host/memory/scalesim/calc-read-buffer.ts';
import { UserReadBuffer } from '../../../host/memory/scalesim/user-read-buffer.ts';
import { ScaleSimWriteBuffer } from '../../../host/memory/scalesim/write-buffer.ts';
import { cfgArch, convTopology, run } from './helpers.ts';

// Layer "T, 3, 3, 2, 2, 1, 2, 1,": a 3×3×1 ifmap, two 2×2 filters, stride 1 → Eh = Ew = 2, M = 4, K = 4, N = 2.
// ifmap address (operand_matrix.calc_ifmap_elem_addr) of output pixel m = (oh, ow) and tap k = (r, s):
//   (oh + r)·3 + ow + s:   m0: 0 1 3 4   m1: 1 2 4 5   m2: 3 4 6 7   m3: 4 5 7 8   (k0..k3)
// filter address (k, n) = n·4 + k. On a 2×2 array with 1 kB SRAMs (1024 words): CALC sets hold floor(1024/100) = 10
// words, so 9 (ifmap) or 8 (filter) distinct words fill no set: no prefetch window ever closes; the one prefetch
// (complete_all_prefetches) is ceil(1 set·10/10) = 1 cycle ending at −1 → DRAM window [−1, −1], bandwidth = words.
// The ofmap buffer (1024 words) drains only at the end (it drains past 512 held words), ArrayWidth = 2 words per
// cycle from the last line's cycle.
describe('hand-traced 2×2 layers (CALC)', () => {
  const [layer] = convTopology('T, 3, 3, 2, 2, 1, 2, 1,');
  const arch = (dataflow: 'os' | 'ws' | 'is') => cfgArch({ rows: 2, cols: 2, kib: [1, 1, 1], dataflow, mode: 'CALC' });

  test('OS', () => {
    // Folds Fr = ceil(M/2) = 2, Fc = ceil(N/2) = 1; L = K + R + C − 2 = 6 lines. Line t of fold fr, ifmap lane r
    // (m = 2fr + r) demands k = t − r; filter lane c (n = c) demands k = t − c:
    //   fold 0: ifmap 0 | 1 1 | 3 2 | 4 4 | 5 | —   filter 0 | 1 4 | 2 5 | 3 6 | 7 | —
    //   fold 1: ifmap 3 | 4 4 | 6 5 | 7 7 | 8 | —   filter the same as fold 0 (all hits)
    // ifmap misses 0..8 = 9 words, filter 8. ofmap: prefix T − 1 = 3 lines, then the 2 flipped rows, skewed:
    // 1, 2, 1 words at t = 3, 4, 5 → 8 words = 4 lines of 2, drained at cycles 11..14 (last line = 11).
    const r = run(arch('os'), layer);
    expect(r.dram).toEqual({ ifmapReads: 9, filterReads: 8, ofmapWrites: 8 });
    expect(r.dramWindows).toEqual({ ifmap: { start: -1, stop: -1 }, filter: { start: -1, stop: -1 }, ofmap: { start: 11, stop: 14 } });
    expect(r.avgBandwidth).toEqual({ ifmapRead: 9, filterRead: 8, ofmapWrite: 2 });
    // SRAM: reads served a cycle after their line (hit latency 1), writes in their line.
    expect(r.sramWindows).toEqual({ ifmap: { start: 1, stop: 11 }, filter: { start: 1, stop: 11 }, ofmap: { start: 3, stop: 11 } });
    expect(r.cycles).toEqual({ total: 11, stall: 0 });
  });

  test('WS', () => {
    // Fr = ceil(K/2) = 2, Fc = 1; L = 2R + C + T − 2 = 8. Filter (stationary): line t < 2 holds k = 2fr + 1 − t,
    // lanes n = 0, 1: fold 0: 1 5 | 0 4; fold 1: 3 7 | 2 6 (8 words). ifmap lane r (k = 2fr + r) demands
    // m = t − 2 − r: fold 0: 0 | 1 1 | 3 2 | 4 4 | 5; fold 1: 3 | 4 4 | 6 5 | 7 7 | 8 (9 words, lines 2..6).
    // ofmap lane c (n = c) writes m = t − 3 − c: 1, 2, 2, 2, 1 words at t = 3..7, per fold: 16 words = 8 lines,
    // drained at 15..22.
    const r = run(arch('ws'), layer);
    expect(r.dram).toEqual({ ifmapReads: 9, filterReads: 8, ofmapWrites: 16 });
    expect(r.dramWindows).toEqual({ ifmap: { start: -1, stop: -1 }, filter: { start: -1, stop: -1 }, ofmap: { start: 15, stop: 22 } });
    expect(r.sramWindows).toEqual({ ifmap: { start: 3, stop: 15 }, filter: { start: 1, stop: 10 }, ofmap: { start: 3, stop: 15 } });
    expect(r.cycles).toEqual({ total: 15, stall: 0 });
  });

  test('IS', () => {
    // Fr = ceil(K/2) = 2, Fc = ceil(M/2) = 2 (column folds outer); L = 8. ifmap (stationary): line t < 2 holds
    // k = 2fr + 1 − t, lanes m = 2fc + c: (fc0,fr0) 1 2 | 0 1; (fc0,fr1) 4 5 | 3 4; (fc1,fr0) 4 5 | 3 4;
    // (fc1,fr1) 7 8 | 6 7 → 9 words. filter lane r (k = 2fr + r) demands n = t − 2 − r: fr0: 0 | 4 1 | 5;
    // fr1: 2 | 6 3 | 7 → 8 words. ofmap lane c (m = 2fc + c) writes n = t − 3 − c: 1, 2, 1 words per fold →
    // 16 words = 8 lines, drained at 23..30 from the last line (23).
    const r = run(arch('is'), layer);
    expect(r.dram).toEqual({ ifmapReads: 9, filterReads: 8, ofmapWrites: 16 });
    expect(r.dramWindows).toEqual({ ifmap: { start: -1, stop: -1 }, filter: { start: -1, stop: -1 }, ofmap: { start: 23, stop: 30 } });
    expect(r.sramWindows).toEqual({ ifmap: { start: 1, stop: 20 }, filter: { start: 3, stop: 23 }, ofmap: { start: 3, stop: 23 } });
    expect(r.cycles).toEqual({ total: 23, stall: 0 });
  });
});

/** Feed lines of addresses to a read buffer, each line at its cycle; returns each line's served cycle. */
function feed(buf: CalcReadBuffer | UserReadBuffer, lines: [number, number[]][]): number[] {
  return lines.map(([cycle, addrs]) => {
    buf.beginLine(cycle);
    for (const a of addrs) buf.read(a);
    return buf.endLine();
  });
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('CALC read buffer (read_buffer_estimate_bw.py)', () => {
  test('the window tumbles: 50 sets fill, the window jumps past them, old words miss again', () => {
    // 200 words → sets of 2. Cycle 5: words 0..99 miss, fill sets 0..49; the 100th closes the window's last set:
    // window → sets 50..99 (empty), first prefetch = ceil(50·2/10) = 10 cycles ending at 5 − 1 − 1 (first request
    // cycle, port latency), trace (+1 latency) −5..4. Cycle 6: 100..119 miss (sets 50..59); 0..9 were in sets 0..4,
    // outside the window: they miss again (sets 60..64). Cycle 7: 100 is in set 50, in the window: a hit.
    // complete_all_prefetches: the window's sets go in one prefetch spanning cycles 4..5 → trace stops at 6.
    const buf = new CalcReadBuffer(200, 1000, 'test');
    expect(feed(buf, [[5, range(0, 100)], [6, [...range(100, 120), ...range(0, 10)]], [7, [100]]])).toEqual([6, 7, 8]);
    expect(buf.finish()).toEqual({ words: 130, start: -5, stop: 6 });
  });

  test('two windows closing in one line is the case SCALE-Sim divides by zero', () => {
    // 100 words → sets of 1: 100 new words in one line close two windows in the same cycle.
    const buf = new CalcReadBuffer(100, 1000, 'arch sram.ifmapKiB');
    feed(buf, [[0, range(0, 100)]]);
    expect(() => buf.finish()).toThrow(/arch sram\.ifmapKiB/);
  });
});

describe('USER read buffer (read_buffer.py)', () => {
  test('window steps, wrap-around and stalls', () => {
    // 100 words, B = 10: sets of ceil(100/100) = 1 entry; prefetch order 0..99 → 100 sets + 1 empty = 101. Window
    // min(101, ceil(50/1)) = 50 sets, step ceil(50/1) = 50. First fetch: min(ceil(50/10), ceil(100/10)) = 5 lines
    // (50 words) ending at cycle 0 − 1, trace from 0 − 5. Each step fetches ceil(50/10) = 5 lines (50 words) and ends
    // 5 + 1 cycles after the previous fetch.
    // Cycle 0: 0, 49 hit; 50 misses → window 50..99, fetch ends −1 + 6 = 5: served 5.
    // Cycle 6: 99 hits; 0 misses → window starts at 100: sets 100, 0..48 (wraps) → fetch ends 11: served 11.
    // Cycle 12: 49 misses → window 49..98 → fetch ends 17.  Cycle 18: 60 hits: served 19.
    const buf = new UserReadBuffer(100, 10, Int32Array.from(range(0, 100)), 100);
    expect(feed(buf, [[0, [0, 49, 50]], [6, [99, 0]], [12, [49]], [18, [60]]])).toEqual([5, 11, 17, 19]);
    expect(buf.finish()).toEqual({ words: 200, start: -5, stop: 17 });
  });

  test('a prefetch that ended before the line was issued adds no stall (SCALE-Sim v2 22f88b1, issue #100)', () => {
    // As above: cycle 0 moves the window to 50..99 (fetch ends 5). Cycle 100: 0 misses → window from set 100, the
    // fetch ends 5 + 6 = 11, long before the line: served at 100 + 1 (a hit's latency). At 48f6938 the line was
    // served when the fetch ended, 11 — a stall of 11 − 100 − 1 = −90 cycles.
    const buf = new UserReadBuffer(100, 10, Int32Array.from(range(0, 100)), 100);
    expect(feed(buf, [[0, [0, 49, 50]], [100, [0]]])).toEqual([5, 101]);
    expect(buf.finish()).toEqual({ words: 150, start: -5, stop: 11 });
  });
});

describe('write buffer (write_buffer.py)', () => {
  test('a half-filled line inside a drain counts as full', () => {
    // 100 words, 10 per line: drains start past 100 − ceil(100/2) = 50 held words, 5 lines each.
    // Cycle 0: 51 words → 5 full lines + 1 word; the 51st starts a drain at 0: the 1-word line is closed, lines
    // 0..4 drain at 0..4 (50 words). Cycle 1: 10 words → line 6 (a drain is in flight, the buffer is not full).
    // End at 2: lines 5 and 6 drain at 2..3, counted 2·10 − 0 empty slots in the LAST line = 20 (61 written).
    const buf = new ScaleSimWriteBuffer(100, 10);
    expect(buf.writeLine(0, 51)).toBe(0);
    expect(buf.writeLine(1, 10)).toBe(1);
    expect(buf.finish(2)).toEqual({ words: 70, start: 0, stop: 3 });
  });

  test('a full buffer waits for the drain in flight', () => {
    // 100 words, 1 per line: drains of 50 lines. Cycle 0: 51 words → drain of lines 0..49 at 0..49, 99 free.
    // Cycle 1: 100 words: the 99th fills it (0 free) during the drain → the line waits until 49; the 100th starts
    // the next drain at 49 (lines 50..99, ends 98). Served 49: the walk counts a stall of 49 − 1 = 48 cycles (write
    // port latency 0; SCALE-Sim v2 d78b477 — before it, 49 − 1 − 1 = 47).
    // End at 49: 51 lines left → 50 at 49..98, 1 at 99.
    const buf = new ScaleSimWriteBuffer(100, 1);
    expect(buf.writeLine(0, 51)).toBe(0);
    expect(buf.writeLine(1, 100)).toBe(49);
    expect(buf.finish(49)).toEqual({ words: 151, start: 0, stop: 99 });
  });
});
