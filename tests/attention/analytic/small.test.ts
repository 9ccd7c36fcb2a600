// The analytic model on a small machine, against cycle counts derived by hand, and its bad-input contract.
import { describe, expect, it } from 'vitest';
import { ANALYTIC_MACHINES, analyticAttention, type AnalyticParams } from '../../../host/attention/analytic/index.ts';
import { InputError } from '../../../host/errors.ts';

const tiny: AnalyticParams = { ...ANALYTIC_MACHINES['fusemax-cloud'], name: 'tiny', rows2d: 4, cols2d: 4, pes1d: 4, bufferBytes: 1 << 20 };
const model = { name: 'toy', heads: 1, qkDim: 2, vDim: 3, modelDim: 2 };

describe('by hand: seq 8, batch 1, E = 2, F = 3 on a 4×4 + 4 machine', () => {
  // Tiles: 2 query tiles × 2 key tiles of the 2D array = 4 steps; 1D: 2 query tiles × 2 key tiles = 4 steps.
  // 2D: QK 4·2 = 8, LM 4, SLN 4·7 = 28, SLD 4, SLNV 4·3 = 12 (56). 1D: RM 4, PRM 28, SPD 4, SPNV 12, RD 4, RNV 12,
  // AV 2 query tiles · 3 = 6 (70).
  it('FuseMax interleaved: max(8+4, 4+12+6) + 4 + max(28+4, 28+4) + max(12, 12) = 70 cycles', () => {
    const r = analyticAttention(tiny, model, 8, 1, 'fusemax');
    expect(r.cycles.compute).toBe(70);
    expect(r.cycles.busy2d).toBe(56);
    expect(r.cycles.busy1d).toBe(70);
    expect(Object.fromEntries(r.einsums.map((e) => [e.name, e.busyCycles]))).toEqual({
      QK: 8, LM: 4, SLN: 28, SLD: 4, SLNV: 12, RM: 4, PRM: 28, SPD: 4, SPNV: 12, RD: 4, RNV: 12, AV: 6,
    });
    // Actions: 64 scores; MACs 64·2 (QK) + 64·3 (SLNV) + 16 (SPD) + 16·3 (SPNV) = 384; exps 64 + 16.
    const sum = (k: 'mac' | 'exp' | 'divide') => r.einsums.reduce((a, e) => a + e.actions[k], 0);
    expect(sum('mac')).toBe(384);
    expect(sum('exp')).toBe(80);
    expect(sum('divide')).toBe(24);
    // DRAM words: Q 16, K 16, V 24 (one query block holds all 8 queries), output 24.
    expect(r.dram.bytes).toBe((16 + 16 + 24 + 24) * 2);
  });

  it('FuseMax without interleaving: max(12, 4+6) + 4·4 + 4 + 32 + max(12, 24) = 88 cycles', () => {
    expect(analyticAttention(tiny, model, 8, 1, 'fusemax', { interleave: false }).cycles.compute).toBe(88);
  });

  it('FLAT: max(2D 4·2 + 4·3 = 20, 1D 4 Einsums · 8 rows · 2 = 64) = 64 cycles', () => {
    expect(analyticAttention(tiny, model, 8, 1, 'flat').cycles.compute).toBe(64);
  });

  it('a non-square array: rows are queries, columns keys (the attention arch spec\'s convention)', () => {
    // 2 query rows × 4 key columns, 2 1D PEs, seq 8: 2D steps = 4 query tiles × 2 key tiles = 8; 1D steps 4 × 2 = 8.
    // 2D: QK 16, LM 8, SLN 56, SLD 8, SLNV 24; 1D: RM 8, PRM 56, SPD 8, SPNV 24, RD 8, RNV 24, AV 4 · 3 = 12.
    const narrow = { ...tiny, rows2d: 2, cols2d: 4, pes1d: 2 };
    // Interleaved: max(16+8, 8+24+12) + 8 + max(56+8, 56+8) + max(24, 24) = 140.
    expect(analyticAttention(narrow, model, 8, 1, 'fusemax').cycles.compute).toBe(140);
    // Not interleaved: max(24, 8+12) + LM·M0 = 8·4 + 8 + 64 + max(24, 24+24) = 176.
    expect(analyticAttention(narrow, model, 8, 1, 'fusemax', { interleave: false }).cycles.compute).toBe(176);
  });

  it('a length that does not fill the last tile rounds the tiles up: seq 5 costs what seq 8 costs on the arrays', () => {
    expect(analyticAttention(tiny, model, 5, 1, 'fusemax').cycles.busy2d).toBe(56);
  });
});

describe('bad input: one InputError line', () => {
  const bad = (f: () => unknown, re: RegExp) => {
    expect(f).toThrow(InputError);
    expect(f).toThrow(re);
  };
  it('sequence, batch, cascade, machine fields', () => {
    bad(() => analyticAttention(tiny, model, 0, 1, 'fusemax'), /^seq: expected a positive integer, got 0/);
    bad(() => analyticAttention(tiny, model, 8, 1.5, 'fusemax'), /^batch: expected a positive integer, got 1.5/);
    bad(() => analyticAttention(tiny, model, 8, 1, 'flash' as never), /^cascade: unknown cascade 'flash'; use one of fusemax, flat, unfused/);
    bad(() => analyticAttention({ ...tiny, rows2d: 0 }, model, 8, 1, 'flat'), /^machine tiny: rows2d: expected a positive integer, got 0/);
    bad(() => analyticAttention({ ...tiny, dramGBps: -1 }, model, 8, 1, 'flat'), /^machine tiny: dramGBps: expected a positive number/);
  });
  it('a buffer too small for one key tile', () => {
    bad(() => analyticAttention({ ...tiny, bufferBytes: 16 }, model, 8, 1, 'fusemax'), /machine tiny: a 16-byte global buffer cannot hold/);
  });
});
