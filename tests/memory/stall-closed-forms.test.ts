// Stall cycles and DRAM counts of the native memory system against closed forms derived by hand from the model in README
// ("Memory system"), at bandwidths where the channel is the only thing that matters.
import { describe, expect, test } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';

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

  test.each(['os', 'ws', 'is'] as const)('%s, any layer: total − stall is the ideal-memory schedule (stalls freeze the whole array)', async (df) => {
    // With and without fold pipelining (and WS/IS stationary double buffering, whose early loads hide their waits in
    // the slack before the stream), on non-square arrays, several folds, small bandwidths.
    for (const [rows, cols, m, n, k] of [[4, 8, 13, 20, 30], [8, 4, 20, 9, 70], [3, 5, 10, 11, 9]]) {
      for (const [foldPipelining, stationaryDoubleBuffer] of [[false, false], [true, false], [false, true], [true, true]]) {
        if (df === 'os' && stationaryDoubleBuffer) continue;
        const micro = { microarch: { foldPipelining, stationaryDoubleBuffer } };
        const ideal = (await simulate(archOf({ ...micro, memory: { model: 'ideal' } }, rows, cols), gemm(m, n, k), { dataflow: df })).layers[0];
        for (const B of [0.5, 2, 7]) {
          const a = archOf({ ...micro, dram: { bandwidthWordsPerCycle: B }, memory: { sliceSteps: 8 } }, rows, cols);
          const l = (await simulate(a, gemm(m, n, k), { dataflow: df })).layers[0];
          const what = `${rows}×${cols} ${m},${n},${k} pipe ${foldPipelining} sdb ${stationaryDoubleBuffer} B ${B}`;
          expect(l.cycles.stall, what).toBeGreaterThan(0);
          expect(l.cycles.total - l.cycles.stall, what).toBe(ideal.cycles.total);
        }
      }
    }
  });
});

describe('more of the memory system by hand', () => {
  test('DRAM latency: each transfer is usable L cycles after the channel has sent it', async () => {
    // As the first test, at B = 1 and latency L: ifmap ready at 128 + L, filters (queued behind) at 256 + L, the
    // write-back done 64 + L after the fold ends. Stall 256 + L + 64 + L.
    for (const L of [0, 5, 100]) {
      const a = archOf({ dram: { bandwidthWordsPerCycle: 1, latencyCycles: L } }, 8, 8);
      const l = (await simulate(a, gemm(8, 8, 16), { dataflow: 'os' })).layers[0];
      expect(l.cycles.stallBy, `L=${L}`).toEqual({ ifmap: 128 + L, filter: 128, ofmap: 64 + L, bank: 0, unattributed: 0 });
    }
  });

  test('ofmap buffer: single buffered, the next fold waits for the previous write-back; double buffered, it does not', async () => {
    // OS on 4×8, M = 8 (two row folds of 4), N = 8, K = 16, B = 1, not pipelined; fold = 30 cycles.
    // Fold 0: ifmap 64 words → 64, filters 128 → 192 (stall 192); ends 222; 32 outputs written 222 → 254.
    // Fold 1 starts at 222. Single buffered: waits for that write (ofmap 32), then for its 64 ifmap words, requested
    //   when fold 0's slice was done (208), queued behind the write: 254 → 318 (ifmap 64). Ends 348, written → 380.
    // Double buffered: its outputs go to the other half (no wait); its ifmap words were requested at 192 but also
    //   queue behind the write: ready 318 (ifmap 96). Ends 348 too; only the causes differ.
    const run = async (doubleBuffer: boolean) => {
      const a = archOf({ sram: { doubleBuffer }, dram: { bandwidthWordsPerCycle: 1 } }, 4, 8);
      return (await simulate(a, gemm(8, 8, 16), { dataflow: 'os' })).layers[0].cycles;
    };
    expect(await run(false)).toEqual({ total: 380, compute: 60, stall: 320, stallBy: { ifmap: 128, filter: 128, ofmap: 64, bank: 0, unattributed: 0 } });
    expect(await run(true)).toEqual({ total: 380, compute: 60, stall: 320, stallBy: { ifmap: 160, filter: 128, ofmap: 32, bank: 0, unattributed: 0 } });
  });

  test('WS with stationary double buffering: an early load\'s wait is hidden by the slack before its stream', async () => {
    // WS on 4×4, M = 8 streamed in 2 slices of 4 steps (16 ifmap words each), N = 4, K = 8: two folds of K, 16
    // filter words each; B = 1, double buffered. A fold loads 4 cycles, then streams T + R + c − 2 = 14.
    // Fold 0: load from 0; its filters arrive at 16 (filter 16), loaded by 20; stream planned at 4 starts at 20.
    //   Slices requested at 16 and 32 arrive at 32 and 48 (ifmap 12 + 12). Stall 40; ends 4 + 14 + 40 = 58.
    // Fold 1: its load starts with fold 0's stream (4); its stream is planned at fold 0's end, 58: 50 cycles of slack.
    //   Its filters, requested at 48, arrive at 64 (a wait of 60, of which the slack hides 50: filter 10); loaded by
    //   68, the stream starts at 58 + 10 = 68. Slices requested at 64 and 80 arrive at 80 and 96 (ifmap 12 + 12).
    //   Stall 34; ends 58 + 14 + 34 = 106; its 32 outputs are written 106 → 138 (ofmap 32).
    // Total 138, stall 106, compute 32 (the ideal-memory schedule). Starting the stream after the whole wait (118)
    // would request the last slice at 118 and finish at 166.
    const a = archOf({ dram: { bandwidthWordsPerCycle: 1 }, memory: { sliceSteps: 4 }, microarch: { stationaryDoubleBuffer: true } }, 4, 4);
    const l = (await simulate(a, gemm(8, 4, 8), { dataflow: 'ws' })).layers[0];
    expect(l.cycles).toEqual({ total: 138, compute: 32, stall: 106, stallBy: { ifmap: 48, filter: 26, ofmap: 32, bank: 0, unattributed: 0 } });
  });

  test('WS partial sums spill through DRAM when an output block is larger than half the ofmap buffer', async () => {
    // WS on 4×8, M = 40 streamed, N = 8 (one column fold, c = 8), K = 12: Fr = 3 folds of K. The output block is
    // t·c = 40·8 = 320 words. Ofmap buffer 0.5 KiB = 512 words, double buffered: half 256 < 320, so every fold writes
    // its partial sums back and the next fold of K reads them again: DRAM ofmap writes Fr·M·N = 960, reads
    // (Fr − 1)·M·N = 640. With 1 KiB (half 512 ≥ 320) the block stays on chip: writes M·N = 320, reads 0.
    const run = async (ofmapKiB: number) => {
      const a = archOf({ sram: { ofmapKiB }, memory: { sliceSteps: 8 } }, 4, 8);
      return (await simulate(a, gemm(40, 8, 12), { dataflow: 'ws' })).layers[0].dram!;
    };
    expect(await run(0.5)).toMatchObject({ ofmapWrites: 960, ofmapReads: 640 });
    expect(await run(1)).toMatchObject({ ofmapWrites: 320, ofmapReads: 0 });
    // Single buffered, the whole 512 words hold the block: no spill at 0.5 KiB.
    const single = archOf({ sram: { ofmapKiB: 0.5, doubleBuffer: false }, memory: { sliceSteps: 8 } }, 4, 8);
    expect((await simulate(single, gemm(40, 8, 12), { dataflow: 'ws' })).layers[0].dram).toMatchObject({ ofmapWrites: 320, ofmapReads: 0 });
  });

  test('banks: interleaved lanes and the filter side', async () => {
    // OS, K = 16 steps. Interleave i words: lane j is in bank floor(j/i) mod banks.
    const cases = [
      // 6×4 array: ifmap 6 lanes, 2 banks × 2 words: banks {0,1,4,5}, {2,3} → 4 a step; filter 4 lanes → 2. 1 port.
      { rows: 6, cols: 4, banks: 2, il: 2, ports: 1, perStep: 4 },
      // 7 lanes, 2 banks × 2: {0,1,4,5}, {2,3,6} → 4 (not 5).
      { rows: 7, cols: 4, banks: 2, il: 2, ports: 1, perStep: 4 },
      // 4×6 array, no interleave: the filter side (6 lanes) is the busier: ceil(6/4) = 2 against ceil(4/4) = 1.
      { rows: 4, cols: 6, banks: 4, il: 1, ports: 1, perStep: 2 },
    ];
    for (const { rows, cols, banks, il, ports, perStep } of cases) {
      const a = archOf(
        { sram: { banks, portsPerBank: ports, interleaveWords: il, ifmapKiB: 1024, filterKiB: 1024, ofmapKiB: 1024 }, dram: { bandwidthWordsPerCycle: 1e9 } },
        rows, cols,
      );
      const l = (await simulate(a, gemm(rows, cols, 16), { dataflow: 'os' })).layers[0];
      expect(l.cycles.stallBy.bank, `${rows}×${cols}, ${banks} banks × ${il}`).toBe(16 * (perStep - 1));
    }
  });
});
