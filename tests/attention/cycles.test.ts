// Register-level runs on 4×4 and 16×16 arrays against cycle counts derived by hand (below, one derivation per
// cascade), and their outputs against the reference attention (--verify). Machine: tests/attention/helpers.ts
// (exp = 7 cycles, divide = 1, DRAM so fast that a read issued at cycle t is usable at t + 1).
//
// Rules the derivations use (README "The attention machine"; assembly/attention/timing.ts): each array runs its
// Einsums in the cascade's order, and each PE runs them in that order: PE (i, j) of an instance started at T is busy
// over [T + off(i, j), T + off(i, j) + w). An instance may start at T_B when, at every PE, the array's previous
// instance A is done there (T_B + off_B ≥ T_A + off_A + w_A), every tile operand it reads there is (the same bound
// with A its producer; a 1D reader needs the whole row), every row operand (scalar, vector) of row i is out
// (T_B + in_B(i) ≥ T_A + out_A(i)), its pass's barrier has passed (later passes: every instance of the previous
// pass ended) and its DRAM words are there. The bounds are affine, so the least T_B − T_A, the lag, is at a corner of
// the array. DRAM reads of an Einsum are requested when its previous instance starts (double buffering); a first
// instance's read is requested once every PE is free for it and its other inputs are known (so it waits 1 cycle).
// A read of a [p, m0] tile spilled to DRAM is requested once the write-back that put the tile there is written (and
// the Einsum's previous instance has started), whether or not the array is free.
// A write-back is queued when its Einsum ends on its last PE (+1 cycle); the channel holds each transfer for whole
// cycles. An instance's span is from T to its last PE's end (its last row result out).
//
// Idealized (no fill, skew, drain; one-cycle reductions) every offset is 0: an Einsum waits for the previous one to
// end everywhere. Durations: QK E, LM/SLD 1, SLN 7, SLNV/AV F; 1D (one PE per query): RM, SPD, RD 1; PRM 7; SPNV,
// RNV, AV F; M, SD, A c; SN 7c.
//
// As configured (fill, skew, drain, chain reductions), r = c = n (k = n − 1):
//   op          off(i, j)        w      row i out     span
//   QK          i + j            E      –             2k + E
//   LM, SLD     i + j (chain)    1      i + n         k + n
//   SLN         i + (k − j)      7      –             2k + 7   (the running max enters at the row end, hops left)
//   SLNV, AV2d  i + j            F      i + F + k     2k + F   (V moves down the rows, sums ride the row)
//   1D ops      i                w1d    i + w1d       k + w1d  (w1d: the idealized duration above)
// Lags (max over the corners of producer end − consumer offset): same shape: w (QK→LM 8 on 4×4); QK→SLN
// E − k + 2k = E + k; LM→SLN (PE order) 1 − k + 2k = k + 1; SLN→SLD, SLN→SLNV 7 + k; SLD→SLNV 1; LM→RM, SLD→RD n;
// SLNV→RNV F + k; RM→SLN 1; 1D→1D: the producer's w; QK→M (1D reads a whole row) E + k; A→AV w1d(A).
import { describe, expect, it } from 'vitest';
import { ANALYTIC_MACHINES, analyticAttention } from '../../host/attention/analytic/index.ts';
import { loadCascade } from '../../host/attention/cascade.ts';
import { loadAttentionModel } from '../../host/attention/models.ts';
import { runAttention } from '../../host/attention/run.ts';
import { FUSEMAX_ENERGY_TABLE } from '../../host/energy/attention.ts';
import { loadAttentionArch } from '../../host/spec/arch/arch.ts';
import { IDEAL, shape, smallArch } from './helpers.ts';

function cycles(cascade: string, rows: number, seq: number, e: number, f: number, idealized: boolean) {
  const r = runAttention(smallArch(rows, rows, idealized ? IDEAL : {}), loadCascade(cascade), shape(seq, e, f), { verify: true });
  expect(r.verified, `max error ${r.verifyError}`).toBe(true);
  return r.cycles.total;
}

// FuseMax, one unit of G query blocks × M1 key tiles, n = G·M1 tiles in the order m1 outer, q inner.
// Idealized: let T_k be the cycle RM of tile k starts. After it: 2D SLN [T+1, +SLN), SLD, SLNV, then QK and LM of
// tile k+1; 1D PRM [T+1, T+8), SPD, RD (after SLD), SPNV (F), RNV (after SLNV, F). RM(k+1) starts at
// max(end of LM(k+1), end of RNV(k)) = max(T+10+E+F, T+10+2F): period P = 10 + F + max(E, F).
// T_0 = 1 + QK + LM (QK waits 1 cycle for its first read); T_1 = T_0 + P + 1 (SLNV(0)'s first V read waits 1);
// T_k = T_1 + (k−1)P. The run ends after RNV(n−1), the G deferred divisions AV (F cycles each, once per query
// block) and the last output write (+1).
// As configured, with the lags above (Q = T_QK(k)): LM = Q + E; RM = max(RNV(k−1) + F, LM + n);
// SLN = max(LM + k + 1, Q + E + k, RM + 1); SLD = SLN + 7 + k; SLNV = max(SLD + 1, SLN + 7 + k) = SLN + 8 + k;
// 1D: PRM = RM + 1, SPD = PRM + 7, RD = max(SPD + 1, SLD + n), SPNV = max(RD + 1, PRM + 7), RNV = max(SPNV + F,
// SLNV + F + k); QK(k+1) = SLNV + F. The first tile: QK(0) = 1, SLNV(0) + 1 (its first V read).
describe('fusemax: hand-derived cycles', () => {
  it('4×4, seq 16 (G = 4 blocks × 4 key tiles), E = F = 8, idealized: 460', () => {
    // P = 10 + 8 + 8 = 26; T_0 = 1 + 8 + 1 = 10; T_1 = 37; T_15 = 37 + 14·26 = 401;
    // end = T_15 + 10 + 2F (RNV end) + G·F + 1 = 401 + 26 + 32 + 1 = 460
    expect(cycles('fusemax', 4, 16, 8, 8, true)).toBe(460);
  });
  it('4×4, seq 16, E = F = 8, as configured: 562', () => {
    // n = 4, k = 3: lags QK→LM 8, LM→SLN 4, QK→SLN 11, SLN→SLD 10, LM→RM 4, SLD→RD 4, SLNV→RNV 11.
    // tile 0: QK 1, LM 9, RM 13, SLN max(13, 12, 14) = 14, SLD 24, SLNV 25 + 1 (V read) = 26; PRM 14, SPD 21,
    //   RD max(22, 28) = 28, SPNV 29, RNV max(37, 37) = 37.
    // tile 1: QK 26 + 8 = 34, LM 42, RM max(37 + 8, 42 + 4) = 46, SLN 47, SLD 57, SLNV 58; RD max(55, 61) = 61,
    //   SPNV 62, RNV max(70, 69) = 70.
    // From then on RM = max(RNV(k−1) + 8, LM + 4) = Q + 12 (both terms), SLN = Q + 13, SLNV = Q + 24, RNV = Q + 36,
    // QK(k+1) = Q + 32: period 32 (was 47 with Einsums one at a time). QK(15) = 34 + 14·32 = 482, RNV(15) = 518.
    // AV of the 4 blocks on the 1D array after RNV(15): 518 + 8 = 526, 534, 542, 550; AV spans 3 + 8 = 11: 561;
    // its output write: 562
    expect(cycles('fusemax', 4, 16, 8, 8, false)).toBe(562);
  });
  it('16×16, seq 64 (4 × 4 tiles), E = F = 16, idealized: 756', () => {
    // P = 10 + 16 + 16 = 42; T_0 = 18; T_1 = 61; T_15 = 61 + 14·42 = 649; end = 649 + 42 + 4·16 + 1 = 756
    expect(cycles('fusemax', 16, 64, 16, 16, true)).toBe(756);
  });
  it('16×16, seq 64, E = F = 16, as configured: 1266', () => {
    // n = 16, k = 15: lags QK→LM 16, LM→SLN 16, QK→SLN 31, SLN→SLD 22, LM→RM 16, SLD→RD 16, SLNV→RNV 31.
    // tile 0: QK 1, LM 17, RM 33, SLN max(33, 32, 34) = 34, SLD 56, SLNV 57 + 1 = 58; PRM 34, SPD 41,
    //   RD max(42, 72) = 72, SPNV 73, RNV max(89, 89) = 89.
    // tile 1: QK 74, LM 90, RM max(105, 106) = 106; then RM = Q + 32, SLN = Q + 33, SLD = Q + 55, SLNV = Q + 56,
    //   RD = SLD + 16, SPNV = RD + 1, RNV = max(SPNV + 16, SLNV + 31) = Q + 88, QK(k+1) = SLNV + 16 = Q + 72, and
    //   RNV(k) + 16 = Q + 104 = LM(k+1) + 16: period 72 (was 147). QK(15) = 74 + 14·72 = 1082, RNV(15) = 1170.
    // AV: 1186, 1202, 1218, 1234, spans 15 + 16 = 31: 1265; write: 1266
    expect(cycles('fusemax', 16, 64, 16, 16, false)).toBe(1266);
  });
});

// Tile interleaving (binding.stages: SLN, SLD, SLNV in stage 1): at step k the 2D array issues QK(k), LM(k), then
// SLN, SLD, SLNV of tile k − 1; the 1D array keeps its order. Idealized, 4×4, seq 16, E = F = 8 (16 tiles).
describe('fusemax with tile interleaving: hand-derived cycles', () => {
  it('4×4, seq 16, E = F = 8, idealized: 467', () => {
    // step 0: QK(0) 1, LM(0) 9; RM(0) 10. step 1: QK(1) 10, LM(1) 18, SLN(0) 19, SLD(0) 26, SLNV(0) 27 + 1 (V) = 28;
    // 1D: PRM(0) 11, SPD 18, RD 27, SPNV 28, RNV 36, RM(1) 44. From then on the 1D chain RM → PRM (1) → SPD (7) →
    // RD (1, SLD is there) → SPNV (1) → RNV (8) → RM (8) is the period, 26: RM(k) = 70 + 26(k − 2) for k ≥ 2,
    // SLN(k) = RM(k) + 1, SLNV(k) = RM(k) + 9, RNV(k) = RM(k) + 18. RM(15) = 408; the last step has only stage 1:
    // SLN(15) 409, SLD 416, SLNV 417; RD(15) 417, SPNV 418, RNV 426 (ends 434); AV × 4: 434, 442, 450, 458, ends
    // 466; write → 467 (460 without interleaving: the first tile's SLN waits for QK(1) and LM(1))
    const c = loadCascade('fusemax');
    c.binding.stages = { ...c.binding.stages, SLN: 1, SLD: 1, SLNV: 1 };
    const r = runAttention(smallArch(4, 4, IDEAL), c, shape(16, 8, 8), { verify: true });
    expect(r.verified, `max error ${r.verifyError}`).toBe(true);
    expect(r.cycles.total).toBe(467);
  });
});

// FLAT, one head of 2 query blocks × 2 key tiles (the scores fit on chip: head granularity, one unit). Tiles in
// the order q outer, m1 inner. Pass 1: QK(k) on the 2D array from cycle 1, M(k) on the 1D array as soon as QK(k)
// has reached it. Pass 2 (after pass 1 ended): SN, SD per tile on the 1D array. Pass 3: A per tile on the 1D array;
// AV(k) on the 2D array after A(k) (its first V read is requested when A(0) starts, so it is there). The output
// leaves after the last key tile of each block (+1 for the last write).
describe('flat: hand-derived cycles', () => {
  it('4×4, seq 8, E = F = 4, idealized: 170', () => {
    // QK [1,5) [5,9) [9,13) [13,17); M [5,9) … [17,21); SN+SD = 28+4 per tile: [21, 149);
    // A [149,153) … [161,165); AV [153,157) … [165,169); write → 170
    expect(cycles('flat', 4, 8, 4, 4, true)).toBe(170);
  });
  it('4×4, seq 8, E = F = 4, as configured: 185', () => {
    // QK (w 4, span 10) starts 1, 5, 9, 13 (ends 23); M (w 4, span 7; QK→M lag 4 + 3 = 7): 8, 12, 16, 20 (ends 27).
    // Pass 2 from 27: SN (w 28) 27, SD 55 (SN→SD 28), SN 59, SD 87, SN 91, SD 119, SN 123, SD 151 (ends 158).
    // Pass 3 from 158: A (w 4, span 7) 158, 162, 166, 170; AV (w 4, span 10; A→AV lag 4): 162, 166, 170, 174,
    // ends 184; write → 185
    expect(cycles('flat', 4, 8, 4, 4, false)).toBe(185);
  });
  it('16×16, seq 32, E = F = 16, idealized: 674', () => {
    // QK 16: [1,17) … [49,65); M 16: ends 81; SN+SD = 112+16 per tile: [81, 593); A 16: [593, 657);
    // AV 16: [609,625) [625,641) [641,657) [657,673); write → 674
    expect(cycles('flat', 16, 32, 16, 16, true)).toBe(674);
  });
  it('16×16, seq 32, E = F = 16, as configured: 749', () => {
    // QK (w 16, span 46): 1, 17, 33, 49 (ends 95); M (w 16, span 31; QK→M 16 + 15 = 31): 32, 48, 64, 80 (ends 111).
    // Pass 2 from 111: SN (w 112) 111, SD 223, SN 239, SD 351, SN 367, SD 479, SN 495, SD 607 (ends 638).
    // Pass 3 from 638: A 638, 654, 670, 686; AV (A→AV 16): 654, 670, 686, 702, ends 748; write → 749
    expect(cycles('flat', 16, 32, 16, 16, false)).toBe(749);
  });
});

// Unfused: five passes in sequence (QK | M | SN, SD | A | AV), every [p, m0] tensor through DRAM. A pass's first
// read is requested once the barrier's end is known (the previous pass's last Einsum has started) and its array
// is free: +1 cycle after whichever comes last. The channel holds every transfer for whole cycles, so SD(0)'s first
// read of SN, issued as SN(0) ends, queues behind SN(0)'s write-back of the same cycle and is usable 2 cycles later.
// Unfused: every [p, m0] tile goes through DRAM (scores: dram) and every Einsum that reads one reads it back from
// DRAM (spill: per-pass, the helper's default). A spilled tile's read is requested once the write-back that put it
// there is written (and its Einsum's previous instance has started: one instance ahead), so an Einsum that reads its
// own pass's tile (SD reads SN) waits for SN's write-back (1 cycle) and its read (1 cycle) after SN ends.
describe('unfused: hand-derived cycles', () => {
  it('4×4, seq 8, E = F = 4, idealized: 202', () => {
    // QK [1,5), [5,9), [9,13), [13,17) (write-backs at their ends). M: read at 13 (the channel holds QK(2)'s
    // write-back: → 15), starts at the barrier 17: [17,33). SN(0): read at 29 (barrier known), starts at the barrier 33:
    // [33,61); its write-back [61,62), SD(0)'s read [62,63): SD(0) [63,67); SN, SD repeat every 28 + 2 + 4 = 34
    // (SN(k+1)'s read was requested at SN(k)'s start): SD(3) ends 67 + 3·34 = 169. A [169,185) (its reads one ahead;
    // write-backs at each end). AV: read at 181 (barrier known; behind A(2)'s write-back: → 183), starts at the
    // barrier 185: [185,201); AV(3)'s output write → 202
    expect(cycles('unfused', 4, 8, 4, 4, true)).toBe(202);
  });
  it('4×4, seq 8, E = F = 4, as configured: 235', () => {
    // QK (w 4, span 10): 1, 5, 9, 13 (ends 23; write-backs at their ends). M (w 4, span 7): read at 13 → 14, starts at
    // the barrier 23: 23, 27, 31, 35 (ends 42). SN (w 28, span 31): SN(0)'s read at 35 → 36, starts at the barrier
    // 42, ends 73; write-back → 74, SD(0)'s read → 75: SD(0) at 75; SN(1) at SD(0) + 4 = 79 (PE by PE), ends 110;
    // SN → SN every 31 + 2 + 4 = 37: SD(3) at 75 + 3·37 = 186, ends 193. A (w 4, span 7) from the barrier 193: 193,
    // 197, 201, 205 (ends 212). AV (w 4, span 10): read at 205 → 206, from the barrier 212: 212, 216, 220, 224, ends
    // 234; write → 235
    expect(cycles('unfused', 4, 8, 4, 4, false)).toBe(235);
  });
  it('16×16, seq 32, E = F = 16, idealized: 778', () => {
    // QK [1,65); M [65,129); SN(0) [129,241), write-back → 242, SD(0)'s read → 243: [243,259); SN → SN every
    // 112 + 2 + 16 = 130: SD(3) ends 259 + 3·130 = 649; A [649,713); AV [713,777); → 778
    expect(cycles('unfused', 16, 32, 16, 16, true)).toBe(778);
  });
  it('16×16, seq 32, E = F = 16, as configured: 943', () => {
    // QK (w 16, span 46): 1, 17, 33, 49 (ends 95). M (w 16, span 31) from the barrier 95: 95, 111, 127, 143 (ends
    // 174). SN (w 112, span 127) from 174, ends 301; write-back → 302, SD(0)'s read → 303: SD(0) at 303; SN(1) at
    // 303 + 16 = 319; SN → SN every 127 + 2 + 16 = 145: SD(3) at 303 + 3·145 = 738, ends 769. A from 769: 769, 785,
    // 801, 817 (ends 848). AV from the barrier 848: 848, 864, 880, 896, ends 942; write → 943
    expect(cycles('unfused', 16, 32, 16, 16, false)).toBe(943);
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

// A sequence that is not a multiple of the array: the machine runs whole tiles, the last query block's extra rows and
// the last key tile's extra columns masked (padded keys score −∞, padded queries' outputs are dropped). Timing is the
// padded run's (every tile takes a whole tile's cycles); work counts only the real queries × keys.
describe('ragged sequences: the last tiles masked', () => {
  for (const cascade of ['fusemax', 'flat', 'unfused']) {
    it(`${cascade}: seq 13 on 4×4 (2 heads, E 8, F 4): verified, the cycles of seq 16, the work of 13 × 13`, () => {
      const arch = smallArch(4, 4);
      const r = runAttention(arch, loadCascade(cascade), shape(13, 8, 4, 2), { verify: true });
      expect(r.verified, `max error ${r.verifyError}`).toBe(true);
      expect(r.plan.padded).toEqual({ queries: 16, keys: 16 });
      expect(r.cycles.total).toBe(runAttention(arch, loadCascade(cascade), shape(16, 8, 4, 2)).cycles.total);
      // 2D MACs: QK 2 heads · 13 · 13 · E 8 = 2,704 and AV/SLNV 2 · 169 · F 4 = 1,352; FuseMax's SLN exp on the 2D
      // array is 6 MACs + 1 add per score: + 6 · 338 = 2,028
      const macs = r.energyPJ.array2d.mac / FUSEMAX_ENERGY_TABLE.macPJ;
      expect(macs).toBeCloseTo(cascade === 'fusemax' ? 6084 : 4056, 6);
      // 2D busy PE-cycles (utilization × cycles × 16 PEs): FuseMax QK 2,704 + LM 338 + SLN 7 · 338 + SLD 338 +
      // SLNV 1,352 = 7,098; FLAT and unfused QK + AV = 4,056
      expect(r.utilization.array2d * r.cycles.total * 16).toBeCloseTo(cascade === 'fusemax' ? 7098 : 4056, 6);
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

// PE register words, counted by the core per element step (a MAC reads its two operands and the partial sum and
// writes the sum; every other op reads 2 words and writes 1), against counts by hand.
describe('PE register words', () => {
  it('fusemax, 4×4, seq 16 (4 blocks × 4 key tiles = 16 tiles), E = F = 8', () => {
    const r = runAttention(smallArch(4, 4, IDEAL), loadCascade('fusemax'), shape(16, 8, 8));
    // per tile, 2D: QK and SLNV 16 PEs × 8 MACs (3 reads, 1 write each), LM, SLN, SLD 16 elements (2, 1):
    //   reads 2·128·3 + 3·16·2 = 864, writes 2·128 + 3·16 = 304; × 16 tiles = 13,824 and 4,864
    // per tile, 1D (4 queries): RM, PRM, RD 4 elements (2, 1), SPD 4 MACs (3, 1), SPNV 4·8 MACs, RNV 4·8 adds:
    //   reads 3·4·2 + 4·3 + 32·3 + 32·2 = 196, writes 4·4 + 32 + 32 = 80; × 16 = 3,136 and 1,280;
    //   AV once per block: 4 blocks × 32 divides (2, 1): + 256 and + 128
    const p = FUSEMAX_ENERGY_TABLE;
    expect(r.energyPJ.registers.array2d).toBeCloseTo(13824 * p.register2dPJPerWord.read + 4864 * p.register2dPJPerWord.write, 6);
    expect(r.energyPJ.registers.array1d).toBeCloseTo(3392 * p.register1dPJPerWord.read + 1408 * p.register1dPJPerWord.write, 6);
  });
  it('the study machines: every register word the analytic model counts (all PEs), FuseMax and FLAT at 4K tokens', () => {
    const m = loadAttentionModel('bert');
    const s = { model: m.name, heads: m.heads, qkDim: m.qkDim, vDim: m.vDim, seq: 4096, batch: 64 };
    for (const [c, arch] of [['fusemax', 'fusemax-cloud'], ['flat', 'flat-cloud']] as const) {
      const r = runAttention(loadAttentionArch(arch), loadCascade(c), s); // as configured: every PE's (idealized: one PE's, register-accounting.test.ts)
      const a = analyticAttention(ANALYTIC_MACHINES[arch], m, 4096, 64, c);
      expect(r.energyPJ.registers.array2d / a.energy.registers2d).toBeCloseTo(1, 9);
      expect(r.energyPJ.registers.array1d / a.energy.registers1d).toBeCloseTo(1, 9);
    }
  });
});
