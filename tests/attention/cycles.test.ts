// Register-level runs on 4×4 and 16×16 arrays against cycle counts derived by hand (below, one derivation per
// cascade), and their outputs against the reference attention (--verify). Machine: tests/attention/helpers.ts
// (exp = 7 cycles, divide = 1, DRAM so fast that a read issued at cycle t is usable at t + 1).
//
// Rules the derivations use (README "The attention machine"): each array runs its Einsums in the cascade's order,
// one at a time; an Einsum starts when its array is free, its operands' producers have finished, its pass's barrier
// has passed (later passes) and its DRAM words are there. DRAM reads of an Einsum are requested when its previous
// instance starts (double buffering); a first instance's read is requested once its array is free and its other
// inputs are known (so it waits 1 cycle). A write-back is queued when its Einsum ends (+1 cycle); the channel holds
// each transfer for whole cycles.
//
// Durations, R×C array (r = R rows, c = C columns), E, F widths. Idealized: QK E, LM/SLD 1, SLN 7, SLNV/AV F.
// As configured (fill, skew, drain, chain): QK E + (r−1) + (c−1); LM, SLD c; SLN 7 + (c−1) (the running max
// hops along the row); SLNV, AV F + (r−1) + (c−1) (V moves down the rows, sums ride the chain along the row).
// 1D (one PE per query): RM, SPD, RD 1; PRM 7; SPNV, RNV, AV F; M, SD, A c; SN 7c.
import { describe, expect, it } from 'vitest';
import { loadCascade } from '../../host/attention/cascade.ts';
import { runAttention } from '../../host/attention/run.ts';
import { IDEAL, shape, smallArch } from './helpers.ts';

function cycles(cascade: string, rows: number, seq: number, e: number, f: number, idealized: boolean) {
  const r = runAttention(smallArch(rows, rows, idealized ? IDEAL : {}), loadCascade(cascade), shape(seq, e, f), { verify: true });
  expect(r.verified, `max error ${r.verifyError}`).toBe(true);
  return r.cycles.total;
}

// FuseMax, one unit of G query blocks × M1 key tiles, n = G·M1 tiles in the order m1 outer, q inner. Let T_k be
// the cycle RM of tile k starts. After it: 2D SLN [T+1, +SLN), SLD, SLNV, then QK and LM of tile k+1; 1D PRM
// [T+1, T+8), SPD, RD (after SLD), SPNV (F), RNV (after SLNV, F). RM(k+1) starts at
//   max(end of LM(k+1), end of RNV(k)):
//   idealized:     max(T+10+E+F, T+10+2F)                      period P = 10 + F + max(E, F)
//   as configured: T + 1 + SLN + SLD + SLNV + QK + LM          (the 2D array bounds it when E = F)
// T_0 = 1 + QK + LM (QK waits 1 cycle for its first read); T_1 = T_0 + P + 1 (SLNV(0)'s first V read waits 1);
// T_k = T_1 + (k−1)P. The run ends after RNV(n−1), the G deferred divisions AV (F cycles each, once per query
// block) and the last output write (+1).
describe('fusemax: hand-derived cycles', () => {
  it('4×4, seq 16 (G = 4 blocks × 4 key tiles), E = F = 8, idealized: 460', () => {
    // P = 10 + 8 + 8 = 26; T_0 = 1 + 8 + 1 = 10; T_1 = 37; T_15 = 37 + 14·26 = 401;
    // end = T_15 + 10 + 2F (RNV end) + G·F + 1 = 401 + 26 + 32 + 1 = 460
    expect(cycles('fusemax', 4, 16, 8, 8, true)).toBe(460);
  });
  it('4×4, seq 16, E = F = 8, as configured: 795', () => {
    // QK = 8+3+3 = 14, LM = 4, SLN = 7+3 = 10, SLD = 4, SLNV = 8+3+3 = 14; P = 1+10+4+14+14+4 = 47
    // T_0 = 1 + 14 + 4 = 19; T_1 = 19 + 48 = 67; T_15 = 67 + 14·47 = 725;
    // end = T_15 + 1 + SLN + SLD + SLNV + F (RNV) + G·F + 1 = 725 + 1 + 10 + 4 + 14 + 8 + 32 + 1 = 795
    expect(cycles('fusemax', 4, 16, 8, 8, false)).toBe(795);
  });
  it('16×16, seq 64 (4 × 4 tiles), E = F = 16, idealized: 756', () => {
    // P = 10 + 16 + 16 = 42; T_0 = 18; T_1 = 61; T_15 = 61 + 14·42 = 649; end = 649 + 42 + 4·16 + 1 = 756
    expect(cycles('fusemax', 16, 64, 16, 16, true)).toBe(756);
  });
  it('16×16, seq 64, E = F = 16, as configured: 2435', () => {
    // QK = 16+15+15 = 46, LM = 16, SLN = 22, SLD = 16, SLNV = 46; P = 1+22+16+46+46+16 = 147
    // T_0 = 1 + 46 + 16 = 63; T_1 = 63 + 148 = 211; T_15 = 211 + 14·147 = 2269;
    // end = 2269 + 1 + 22 + 16 + 46 + 16 + 4·16 + 1 = 2435
    expect(cycles('fusemax', 16, 64, 16, 16, false)).toBe(2435);
  });
});

// FLAT, one head of 2 query blocks × 2 key tiles (the scores fit on chip: head granularity, one unit). Tiles in
// the order q outer, m1 inner. Pass 1: QK(k) back to back on the 2D array from cycle 1, M(k) on the 1D array as
// soon as QK(k) ends. Pass 2 (after pass 1): SN, SD per tile back to back on the 1D array. Pass 3: A per tile on
// the 1D array; AV(k) on the 2D array after A(k) (its first V read is requested when A(0) starts, so it is there).
// The output leaves after the last key tile of each block (+1 for the last write).
describe('flat: hand-derived cycles', () => {
  it('4×4, seq 8, E = F = 4, idealized: 170', () => {
    // QK [1,5) [5,9) [9,13) [13,17); M [5,9) … [17,21); SN+SD = 28+4 per tile: [21, 149);
    // A [149,153) … [161,165); AV [153,157) … [165,169); write → 170
    expect(cycles('flat', 4, 8, 4, 4, true)).toBe(170);
  });
  it('4×4, seq 8, E = F = 4, as configured: 218', () => {
    // QK = 10: [1,11) … [31,41); M ends 45; SN+SD: [45, 173); A [173,177) … [185,189);
    // AV = 10: [177,187) [187,197) [197,207) [207,217); write → 218
    expect(cycles('flat', 4, 8, 4, 4, false)).toBe(218);
  });
  it('16×16, seq 32, E = F = 16, idealized: 674', () => {
    // QK 16: [1,17) … [49,65); M 16: ends 81; SN+SD = 112+16 per tile: [81, 593); A 16: [593, 657);
    // AV 16: [609,625) [625,641) [641,657) [657,673); write → 674
    expect(cycles('flat', 16, 32, 16, 16, true)).toBe(674);
  });
  it('16×16, seq 32, E = F = 16, as configured: 914', () => {
    // QK 46: [1,47) … [139,185); M ends 201; SN+SD: [201, 713); A: [713, 777);
    // AV 46: [729,775) [775,821) [821,867) [867,913); write → 914
    expect(cycles('flat', 16, 32, 16, 16, false)).toBe(914);
  });
});

// Unfused: five passes in sequence (QK | M | SN, SD | A | AV), every [p, m0] tensor through DRAM. A pass's first
// read is requested once the barrier's end is known (the previous pass's last Einsum has started) and its array
// is free: +1 cycle after whichever comes last. The channel holds every transfer for whole cycles, so SD(0)'s first
// read of SN, issued as SN(0) ends, queues behind SN(0)'s write-back of the same cycle and is usable 2 cycles later.
describe('unfused: hand-derived cycles', () => {
  it('4×4, seq 8, E = F = 4, idealized: 198', () => {
    // QK [1,17); M: read at 13 (1D free), starts at the barrier 17: [17,33); SN(0): barrier known at 29, 1D free at
    // 33, read → 34: [34,62); SD(0) [64,68); then SN, SD back to back: SD(3) ends 164; A: read at 164 → [165,181);
    // AV: read at 177, starts at the barrier 181: [181,197); write → 198
    expect(cycles('unfused', 4, 8, 4, 4, true)).toBe(198);
  });
  it('4×4, seq 8, E = F = 4, as configured: 246', () => {
    // QK 10: [1,41); M [41,57); SN(0) [58,86); SD(0) [88,92); … SD(3) ends 188; A [189,205); AV 10: [205,245); → 246
    expect(cycles('unfused', 4, 8, 4, 4, false)).toBe(246);
  });
  it('16×16, seq 32, E = F = 16, idealized: 774', () => {
    // QK [1,65); M [65,129); SN(0) [130,242); SD(0) [244,260); … SD(3) ends 644; A [645,709); AV [709,773); → 774
    expect(cycles('unfused', 16, 32, 16, 16, true)).toBe(774);
  });
  it('16×16, seq 32, E = F = 16, as configured: 1014', () => {
    // QK 46: [1,185); M [185,249); SN(0) [250,362); SD(0) [364,380); … SD(3) ends 764; A [765,829);
    // AV 46: [829,1013); → 1014
    expect(cycles('unfused', 16, 32, 16, 16, false)).toBe(1014);
  });
});

describe('outputs match the reference attention', () => {
  for (const cascade of ['fusemax', 'flat', 'unfused']) {
    it(`${cascade}: 2 heads × batch 2, seq 48 on 4×4 (tree reductions), and E ≠ F`, () => {
      for (const [e, f] of [
        [8, 4],
        [4, 12],
      ]) {
        const r = runAttention(smallArch(4, 4, { reduction: 'tree' }), loadCascade(cascade), shape(48, e, f, 2, 2), { verify: true });
        expect(r.verified, `max error ${r.verifyError}`).toBe(true);
      }
    });
  }
});

// DRAM words, counted by the channel, against the memory plan by hand (2-byte words).
describe('DRAM traffic', () => {
  const bytes = (cascade: string, seq: number, e: number, f: number) => {
    const r = runAttention(smallArch(4, 4, IDEAL), loadCascade(cascade), shape(seq, e, f));
    return [r.dram.readBytes / 2, r.dram.writeBytes / 2];
  };
  it('fusemax: Q, K and V read once per unit (one unit here), the output written once', () => {
    // seq 16, E = F = 8: Q 16·8 + K 16·8 + V 16·8 = 384 words read; AV 16·8 = 128 written
    expect(bytes('fusemax', 16, 8, 8)).toEqual([384, 128]);
  });
  it('flat: K and V tiles read again for each query block, scores on chip', () => {
    // seq 8, E = F = 4: Q 32 + (K 16 + V 16) per tile × 2 blocks × 2 tiles = 160 read; output 32 written
    expect(bytes('flat', 8, 4, 4)).toEqual([160, 32]);
  });
  it('unfused: every score tile through DRAM', () => {
    // inputs 160 as flat; tiles of 16 words × 4: read by M, SN, SD, A, AV (320); written by QK, SN, A (192) + output 32
    expect(bytes('unfused', 8, 4, 4)).toEqual([480, 224]);
  });
  // FLAT with a 192-byte buffer (96 words): a head's scores (2 blocks) need 2·4·8 + 2·4·8 + 2·(K+V tile 32) = 192
  // words, so the unit is one block of 4 rows; one block's Q, K, V take 4·8 + 64 = 96 words, leaving no room for a
  // score tile: every [p, m0] tile is spilled (plan.scores 'dram'). 4 instances (2 blocks × 2 key tiles) of 16 words.
  const spilled = (spill: string) => {
    const arch = smallArch(4, 4, { ...IDEAL, spill }, { globalBuffer: { sizeKiB: 192 / 1024 } });
    const r = runAttention(arch, loadCascade('flat'), shape(8, 4, 4), { verify: true });
    expect(r.verified).toBe(true);
    expect(r.plan.scores).toBe('dram');
    return [r.dram.readBytes / 2, r.dram.writeBytes / 2];
  };
  it('flat, scores spilled, spill: per-pass: every read and write of a score tile goes to DRAM', () => {
    // inputs 160 (as above); reads of QK by M and SN, of SN by SD and A, of A by AV: 5 · 4 · 16 = 320;
    // writes of QK, SN, A: 3 · 4 · 16 = 192, + the output 32
    expect(spilled('per-pass')).toEqual([480, 224]);
  });
  it('flat, scores spilled, spill: artifact: what crosses a pass goes to DRAM once (2 writes + 2 reads per score)', () => {
    // passes: QK, M = 1; SN, SD = 2; A, AV = 3. DRAM: QK written (SN reads it in pass 2) and read by SN; SN written
    // (A reads it in pass 3) and read by A; M, SD and AV read their tile in its producer's pass, from the buffer, and
    // A is not written to DRAM (only AV, in pass 3, reads it). Reads 160 + 2 · 64 = 288, writes 2 · 64 + 32 = 160.
    expect(spilled('artifact')).toEqual([288, 160]);
  });
});
