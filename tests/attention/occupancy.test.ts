// The global buffer's occupancy as the core simulates it (assembly/attention/occupancy.ts): the report's
// globalBuffer.peakBytes is the most the buffer held at once during the run, against peaks derived by hand from the
// rules and the run's timeline (idealized timing; DRAM so fast that a transfer holds the channel one cycle). Words
// are 2 bytes. Fast-forward exactness with the buffer's state: tests/attention/forward.test.ts (every report field).
import { describe, expect, it } from 'vitest';
import { loadCascade } from '../../host/attention/cascade.ts';
import { runAttention } from '../../host/attention/run.ts';
import { IDEAL, shape, smallArch } from './helpers.ts';

describe('global buffer: simulated peak occupancy', () => {
  it('fusemax, 4×4, seq 16 (4 query blocks × 4 key tiles), E = F = 8: 256 words', () => {
    // One unit of 4 blocks; the 1D state fits the 1D registers (64 words), scores stay in the 2D PEs. A query block Q
    // is 4·8 = 32 words, a K or V tile 4·8 = 32. Reads are requested one instance ahead of their Einsum: QK(q0, m0)
    // reads K0 and Q0 at 0 (64 words), Q1 at 1, Q2 at 28, Q3 at 54 (each when the previous QK starts); SLNV reads
    // V0 at 19 and, one instance ahead, V1 at 20 (only q0 reads a V tile); QK(q3, m0) starts at 80 and requests K1.
    // At 80 the buffer holds Q0–Q3 (128) + K0, K1 (64) + V0, V1 (64) = 256; K0 is freed when QK(q3, m0) ends (88),
    // V0 when SLNV(q3, m0) ends (106), Q0..Q3 when their last key tile's QK ends. Each later key tile repeats the
    // pattern (K2 at 106, V2 at 124: 256 again), never more. The plan reserves 448 (it counts the 1D state, 10 words
    // per query, in the buffer, and an output block).
    const r = runAttention(smallArch(4, 4, IDEAL), loadCascade('fusemax'), shape(16, 8, 8));
    expect(r.globalBuffer.peakBytes).toBe(256 * 2);
    expect(r.globalBuffer.planBytes).toBe(448 * 2);
  });

  it('flat, 4×4, seq 8 (one unit: the head, 2 blocks × 2 key tiles), E = F = 4: 112 words', () => {
    // Q block, K, V and score tiles are 16 words each. Pass 1: QK's 4 score tiles are allocated as each QK starts and
    // live until their last reader (SN) ends; pass 2: SN's tiles until A ends; pass 3: A's tiles until AV ends, V
    // tiles from their request to AV's end. At 153: SN(q0, m1), SN(q1, m0), SN(q1, m1) (48; SN(q0, m0) was freed when
    // A(q0, m0) ended at 153) + A(q0, m0), A(q0, m1) (32) + V0 (read at 149 for AV(q0, m0)), V1 (read at 153 for
    // AV(q0, m1)) (32) = 112. Before, QK's pass peaks at 96 (two score tiles, K tiles and Q blocks in flight); after,
    // tiles are freed faster than allocated.
    const r = runAttention(smallArch(4, 4, IDEAL), loadCascade('flat'), shape(8, 4, 4));
    expect(r.plan.scores).toBe('globalBuffer');
    expect(r.globalBuffer.peakBytes).toBe(112 * 2);
  });

  it('per-query state in the buffer (1D registers too small) is held per query block for the run', () => {
    // FuseMax's state per query: RM, RD (1 word each) and RNV (F = 8) = 10 words > 4 registers: in the buffer, 4·10 =
    // 40 words per query block, allocated when its first key tile's RM starts, freed when the deferred division AV
    // has read it. Everything else as in the first case: at 124 (Q0–Q3, K1, K2, V1, V2: 256, as at 80) every block's
    // state is held: 256 + 4 × 40 = 416 words (at 80, block 3's first RM has not started: 376).
    const arch = smallArch(4, 4, IDEAL, { array1d: { pes: 4, registerWords: 4, expCycles: 7, divideCycles: 1 } });
    const r = runAttention(arch, loadCascade('fusemax'), shape(16, 8, 8));
    expect(r.plan.stateInRegisters).toBe(false);
    expect(r.globalBuffer.peakBytes).toBe(416 * 2);
  });

  for (const cascade of ['fusemax', 'flat', 'unfused']) {
    it(`${cascade}: does not grow with the run (everything allocated is freed): the same peak for 2 and 6 heads (the next head's first reads overlap the last tiles of one: not with 1)`, () => {
      const peak = (heads: number) => runAttention(smallArch(4, 4, {}), loadCascade(cascade), shape(32, 4, 4, heads)).globalBuffer.peakBytes;
      expect(peak(6)).toBe(peak(2));
    });
  }
});
