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
