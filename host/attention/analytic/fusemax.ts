// FuseMax's 1-pass cascade (online softmax, division deferred) on the 2D + 1D arrays, as the artifact's analytic
// model combines it (README.md, "FuseMax").
import { busy, einsum, tiles } from './einsum.ts';
import type { AnalyticParams, EinsumCost, Shape } from './types.ts';

/** The 12 Einsums: 2D = QK, LM, SLN, SLD, SLNV; 1D = RM, PRM, SPD, SPNV, RD, RNV, AV. exp = 6 MACs + 1 add = 7 cycles. */
export function fusemaxEinsums(p: AnalyticParams, s: Shape): EinsumCost[] {
  const { B, H, P, M, E, F } = s;
  const { Pt, M1, P1d } = tiles(p, s);
  const tile2d = B * H * Pt * M1; // array-wide steps of one op per (query, key) element
  const pm = B * H * P * M; // (query, key) elements
  const tile1d = B * H * P1d * M1; // 1D steps of one op per (query, key tile)
  const pm1 = B * H * P * M1; // (query, key tile) elements
  return [
    einsum('QK', '2d', tile2d, E, pm * E, { mac: 1 }, 3),
    einsum('LM', '2d', tile2d, 1, pm, { max: 1 }, 2),
    einsum('SLN', '2d', tile2d, 7, pm, { exp: 1 }, 2),
    einsum('SLD', '2d', tile2d, 1, pm, { add: 1 }, 2),
    einsum('SLNV', '2d', tile2d, F, pm * F, { mac: 1 }, 3),
    einsum('RM', '1d', tile1d, 1, pm1, { max: 1 }, 2),
    einsum('PRM', '1d', tile1d, 7, pm1, { exp: 1 }, 2),
    einsum('SPD', '1d', tile1d, 1, pm1, { mac: 1 }, 3),
    einsum('SPNV', '1d', tile1d, F, pm1 * F, { mac: 1 }, 3),
    einsum('RD', '1d', tile1d, 1, pm1, { add: 1 }, 2),
    einsum('RNV', '1d', tile1d, F, pm1 * F, { add: 1 }, 2),
    einsum('AV', '1d', B * H * P1d, F, B * H * P * F, { divide: 1 }, 2),
  ];
}

/**
 * The compute critical path. Interleaved ("+Binding"): the 2D array's QK+LM of the next block overlaps the 1D
 * array's RD+RNV(+AV), then RM, then SLN+SLD beside PRM+SPD, then SLNV beside SPNV:
 *   max(QK+LM, RD+RNV+AV) + RM + max(SLN+SLD, PRM+SPD) + max(SLNV, SPNV).
 * Not interleaved ("+Architecture"): the 2D array waits for the row max to travel the key tile (LM · M0), and
 * RNV runs after SPNV:
 *   max(QK+LM, RD+AV) + LM·M0 + RM + max(SLN+SLD, PRM+SPD) + max(SLNV, SPNV+RNV).
 */
export function fusemaxComputeCycles(p: AnalyticParams, es: readonly EinsumCost[], interleave: boolean): number {
  const b = (...n: string[]) => busy(es, ...n);
  if (interleave) {
    return Math.max(b('QK', 'LM'), b('RD', 'RNV', 'AV')) + b('RM') + Math.max(b('SLN', 'SLD'), b('PRM', 'SPD')) + Math.max(b('SLNV'), b('SPNV'));
  }
  return Math.max(b('QK', 'LM'), b('RD', 'AV')) + b('LM') * p.cols2d + b('RM') + Math.max(b('SLN', 'SLD'), b('PRM', 'SPD')) + Math.max(b('SLNV'), b('SPNV', 'RNV'));
}

/**
 * "+Cascade" (attn-cascade.csv): the same cascade bound as FLAT binds it, on a machine whose 1D array has an exp
 * unit: only QK and SLNV on the 2D array; LM, SLN (exp + add: 2 cycles), SLD over every score and the per-tile
 * Einsums on the 1D array (PRM: exp + add, 2 cycles). The two arrays overlap: latency max(memory, 2D, 1D).
 */
export function fusemaxOnFlatEinsums(p: AnalyticParams, s: Shape): EinsumCost[] {
  const { B, H, P, M, F } = s;
  const { P1d, M1 } = tiles(p, s);
  const onTwoD = fusemaxEinsums(p, s).filter((e) => e.name === 'QK' || e.name === 'SLNV');
  const scores = B * H * P1d * M; // 1D steps over every score
  const pm = B * H * P * M;
  const tile1d = B * H * P1d * M1;
  const pm1 = B * H * P * M1;
  return [
    ...onTwoD,
    einsum('LM', '1d', scores, 1, pm, { max: 1 }, 2),
    einsum('SLN', '1d', scores, 2, pm, { exp: 1, add: 1 }, 2),
    einsum('SLD', '1d', scores, 1, pm, { add: 1 }, 2),
    einsum('RM', '1d', tile1d, 1, pm1, { max: 1 }, 2),
    einsum('PRM', '1d', tile1d, 2, pm1, { exp: 1, add: 1 }, 2),
    einsum('SPD', '1d', tile1d, 1, pm1, { mac: 1 }, 3),
    einsum('SPNV', '1d', tile1d, F, pm1 * F, { mac: 1 }, 3),
    einsum('RD', '1d', tile1d, 1, pm1, { add: 1 }, 2),
    einsum('RNV', '1d', tile1d, F, pm1 * F, { add: 1 }, 2),
    einsum('AV', '1d', B * H * P1d, F, B * H * P * F, { divide: 1 }, 2),
  ];
}

/** Query rows kept on chip per pass over K and V (P1 · rows2d), as the artifact sizes it: the buffer, less one key
 *  tile of K and V, holds Q, RM, RD and RNV per query (and, bound as FLAT binds, a key tile of QK and of SLN);
 *  P1 is the largest divisor of the query-tile count that fits. */
export function fusemaxQueryBlock(p: AnalyticParams, s: Shape, flatBinding = false): number {
  const w = p.bytesPerWord;
  const keyTile = p.cols2d * (s.E + s.F) * w;
  const perQuery = (s.E + 1 + 1 + s.F + (flatBinding ? 2 * p.cols2d : 0)) * w;
  const queryTiles = Math.ceil(s.P / p.rows2d);
  const fit = Math.min(Math.floor((p.bufferBytes - keyTile) / (perQuery * p.rows2d)), queryTiles);
  if (fit < 1) return 0;
  for (let f = fit; f >= 1; f--) if (queryTiles % f === 0) return f * p.rows2d;
  return p.rows2d;
}

/** DRAM and global-buffer words: Q read once, K and V once per query block, the output written once; the running
 *  state (RM, RD, RNV) lives in the global buffer. */
export function fusemaxTraffic(p: AnalyticParams, s: Shape, flatBinding = false) {
  const { B, H, P, M, E, F } = s;
  const { Pt, M1 } = tiles(p, s);
  const block = fusemaxQueryBlock(p, s, flatBinding);
  const passes = Math.ceil(P / block);
  const q = B * H * P * E;
  const kv = B * H * M * (E + F);
  const out = B * H * P * F;
  const state = B * H * P * M1 * (2 + F); // RM, RD, RNV per key tile
  return {
    dramReadWords: q + kv * passes,
    dramWriteWords: out,
    gbReadWords: q * M1 + kv * Pt + state + B * H * P * (F + 1),
    gbWriteWords: q + kv * passes + state,
  };
}
