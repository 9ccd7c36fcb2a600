// Stall cycles of the native memory system against closed forms derived by hand from the model in README
// ("Memory system"), at bandwidths where the channel is the only thing that matters.
import { describe, expect, test } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch.ts';
import { parseWorkload } from '../../host/spec/workload.ts';

const gemm = (m: number, n: number, k: number) => parseWorkload({ name: 'g', layers: [{ name: 'g', kind: 'gemm', m, n, k }] }, 'test');

describe('a stall costs O(1) to simulate, not O(its cycles)', () => {
  test('B = 2^-40 words/cycle finishes at once with the closed-form stall', async () => {
    // OS, M = N = 8 on an 8×8 array, K = 16 ≤ sliceSteps: one fold, one slice. Both operands' words are requested
    // at cycle 0 (the first slice of a double buffer), ifmap first: the channel sends MK = 128 ifmap words in
    // 128/B cycles, then KN = 128 filter words in another 128/B; the fold computes K + r + c − 2 + R = 38 cycles,
    // then its MN = 64 outputs go back in 64/B. B is a power of two so every time is a whole number, and
    // 320/B = 320·2^40 ≈ 3.5·10^14 cycles stays below 2^53 (exact in a double). A simulator that stepped the
    // waiting cycles (or the channel's 1024-cycle bandwidth windows) one by one would not finish this test.
    const B = 2 ** -40;
    const a = parseArch({ name: 't', array: { rows: 8, cols: 8 }, dram: { bandwidthWordsPerCycle: B } }, 'test');
    const l = (await simulate(a, gemm(8, 8, 16), { dataflow: 'os' })).layers[0];
    expect(l.cycles.stallBy).toEqual({ ifmap: 128 / B, filter: 128 / B, ofmap: 64 / B, bank: 0, unattributed: 0 });
    expect(l.cycles.stall).toBe(320 / B);
    expect(l.cycles.total).toBe(320 / B + 38);
    // The channel is busy in every 1024-cycle window of the transfers: the peak is B itself.
    expect(l.dramBandwidth!.peak).toBe(B);
  }, 10_000);
});

const archOf = (over: Record<string, unknown>, rows: number, cols: number) => parseArch({ name: 't', array: { rows, cols }, ...over }, 'test');

describe('single and double buffering', () => {
  test('single buffering: every slice waits for its whole transfer, n·w/B + MN/B', async () => {
    // OS, M = N = 8 on 8×8, K = 16 in n = 4 slices of s = 4 steps, w = (8 + 8)·4 = 64 words a slice. Without double
    // buffering slice j + 1 is requested only when slice j is done, so each slice waits its full w/B (the channel is
    // idle while the array computes); then the MN = 64 outputs go back in 64/B. Double buffering (the test in
    // native.test.ts) hides all but the first slice when w/B ≤ s: at B = 64, 2 cycles against 5 here.
    for (const B of [1, 2, 4, 8, 16, 32, 64]) {
      const a = archOf({ sram: { doubleBuffer: false }, dram: { bandwidthWordsPerCycle: B }, memory: { sliceSteps: 4 } }, 8, 8);
      const l = (await simulate(a, gemm(8, 8, 16), { dataflow: 'os' })).layers[0];
      expect(l.cycles.stall, `B=${B}`).toBe(4 * (64 / B) + 64 / B);
      const d = archOf({ dram: { bandwidthWordsPerCycle: B }, memory: { sliceSteps: 4 } }, 8, 8);
      const dl = (await simulate(d, gemm(8, 8, 16), { dataflow: 'os' })).layers[0];
      expect(dl.cycles.stall, `B=${B}`).toBe(64 / B + 3 * Math.max(0, 64 / B - 4) + 64 / B);
    }
  });
});

describe('SRAM bank conflicts', () => {
  test('a step costs ceil(ceil(lanes/banks)/ports) cycles: the busiest bank, rounded up', async () => {
    // OS on a 6×4 array, one fold of M = 6 rows × N = 4 columns, K = 16 steps, interleave 1 word: lane j is in bank
    // j mod banks, so the busiest bank serves ceil(lanes/banks) words a step, ports of them per cycle. The fold's
    // penalty is the worse of the ifmap side (6 lanes) and the filter side (4 lanes); every step pays it, so
    // stallBy.bank = 16 · (cycles per step − 1). Memory is otherwise unbounded, so no other stall.
    const cases = [
      { banks: 2, ports: 2, perStep: 2 }, // ifmap: ceil(3/2) = 2 (rounded down it would be 1); filter ceil(2/2) = 1
      { banks: 2, ports: 1, perStep: 3 }, // ifmap 3, filter 2
      { banks: 4, ports: 1, perStep: 2 }, // ifmap ceil(6/4) = 2, filter 1
      { banks: 4, ports: 3, perStep: 1 }, // ceil(2/3) = 1
      { banks: 1, ports: 4, perStep: 2 }, // ifmap ceil(6/4) = 2, filter 1
      { banks: 1, ports: 5, perStep: 2 }, // ifmap ceil(6/5) = 2, filter 1
    ];
    for (const { banks, ports, perStep } of cases) {
      const a = archOf(
        { sram: { banks, portsPerBank: ports, ifmapKiB: 1024, filterKiB: 1024, ofmapKiB: 1024 }, dram: { bandwidthWordsPerCycle: 1e9 } },
        6, 4,
      );
      const l = (await simulate(a, gemm(6, 4, 16), { dataflow: 'os' })).layers[0];
      expect(l.cycles.stallBy.bank, `banks ${banks}, ports ${ports}`).toBe(16 * (perStep - 1));
    }
  });
});

describe('fold pipelining with memory stalls', () => {
  test('OS: a stalled fold delays its pipelined successor by its stall (hand-derived schedule)', async () => {
    // OS on 4×8, M = 8 (two row folds of r = 4), N = 8, K = 16 (one slice each), B = 1 word/cycle, double buffered,
    // foldPipelining. Fold cycles = K + r + c − 2 + R = 30. Channel (in order, reads and write-backs):
    //   fold 0: ifmap 4·16 = 64 words at 0 → 64; filters 16·8 = 128 → 192. Stall 192 (ifmap 64, filter 128).
    //           Ends 0 + 30 + 192 = 222; its 32 outputs queue at 222 → 254.
    //   fold 1: planned at prevStart + max(K, R) + prevStall = 0 + 16 + 192 = 208. Its filters stayed on chip; its
    //           64 ifmap words were requested at 192 (double buffer: when fold 0's slice started) but queue behind the
    //           write-back: 254 → 318. Stall 318 − 208 = 110 (ifmap). Ends 208 + 30 + 110 = 348; outputs 348 → 380.
    //   total 380 = the last write-back; stall 192 + 110 + 32 (final write-back, ofmap) = 334; compute 46.
    // Without the + prevStall the successor would be planned at 16 and charged 302 stall cycles, 526 in all — more
    // than the 380 the layer lasts.
    const a = archOf({ dram: { bandwidthWordsPerCycle: 1 }, microarch: { foldPipelining: true } }, 4, 8);
    const l = (await simulate(a, gemm(8, 8, 16), { dataflow: 'os' })).layers[0];
    expect(l.cycles).toEqual({ total: 380, compute: 46, stall: 334, stallBy: { ifmap: 174, filter: 128, ofmap: 32, bank: 0, unattributed: 0 } });
  });

  test('OS, any layer: total − stall is the ideal-memory schedule (stalls freeze the whole array)', async () => {
    // With and without fold pipelining, on non-square arrays, several folds, small bandwidths.
    for (const [rows, cols, m, n, k] of [[4, 8, 13, 20, 30], [8, 4, 20, 9, 70], [3, 5, 10, 11, 9]]) {
      for (const foldPipelining of [false, true]) {
        const micro = { microarch: { foldPipelining } };
        const ideal = (await simulate(archOf({ ...micro, memory: { model: 'ideal' } }, rows, cols), gemm(m, n, k), { dataflow: 'os' })).layers[0];
        for (const B of [0.5, 2, 7]) {
          const a = archOf({ ...micro, dram: { bandwidthWordsPerCycle: B }, memory: { sliceSteps: 8 } }, rows, cols);
          const l = (await simulate(a, gemm(m, n, k), { dataflow: 'os' })).layers[0];
          expect(l.cycles.stall, `${rows}×${cols} ${m},${n},${k} pipe ${foldPipelining} B ${B}`).toBeGreaterThan(0);
          expect(l.cycles.total - l.cycles.stall, `${rows}×${cols} ${m},${n},${k} pipe ${foldPipelining} B ${B}`).toBe(ideal.cycles.total);
        }
      }
    }
  });
});
