// FLAT's fused attention (Kao et al., 2023) as the FuseMax artifact models it: QK and AV on the 2D array, the
// 3-pass stable softmax (max, exp with a subtract, sum, divide) on the 1D array with its own exp unit, all three
// overlapped (latency = max(memory, 2D, 1D)). Traffic follows where FLAT keeps each tensor (flat-configs.ts).
import { FLAT_CLOUD_CONFIGS, type FlatConfig } from './flat-configs.ts';
import { einsum, tiles } from './einsum.ts';
import type { AnalyticParams, EinsumCost, Shape } from './types.ts';

/** QK and AV on the 2D array (one MAC per PE per cycle, every PE busy); M, SN, SD, A on the 1D array, one cycle
 *  per element each (SN: the subtract-and-exp in FLAT's exp unit). */
export function flatEinsums(p: AnalyticParams, s: Shape): EinsumCost[] {
  const { B, H, P, M, E, F } = s;
  const { Pt, M1 } = tiles(p, s);
  const pm = B * H * P * M;
  const steps1d = B * H * P * Math.ceil(M / p.pes1d); // each query row's keys spread over the 1D PEs
  return [
    einsum('QK', '2d', B * H * Pt * M1, E, pm * E, { mac: 1 }, 3),
    einsum('AV', '2d', B * H * Pt * M1, F, pm * F, { mac: 1 }, 3),
    einsum('M', '1d', steps1d, 1, pm, { max: 1 }, 2),
    einsum('SN', '1d', steps1d, 1, pm, { exp: 1, add: 1 }, 2),
    einsum('SD', '1d', steps1d, 1, pm, { add: 1 }, 2),
    einsum('A', '1d', steps1d, 1, pm, { divide: 1 }, 2),
  ];
}

/** FLAT's choices for a point: the artifact's table where it has the point, else the rule in README.md. */
export function flatConfig(p: AnalyticParams, s: Shape, modelDim: number): FlatConfig {
  const known = FLAT_CLOUD_CONFIGS[`${s.H},${s.E},${s.F},${modelDim},${s.P}`];
  if (known !== undefined && p.bufferBytes === 32 * 2 ** 20 && p.rows2d === 256 && p.cols2d === 256) return known;
  const rowBytes = s.M * p.bytesPerWord; // one query row of QK
  const headFits = s.P * rowBytes <= p.bufferBytes;
  const rows = Math.floor(p.bufferBytes / rowBytes);
  const P1 = headFits ? s.P : Math.max(p.rows2d, 2 ** Math.floor(Math.log2(Math.max(1, rows))));
  const fits = headFits || rows >= p.rows2d;
  return {
    onchip: { Q: false, K: false, QK: fits, A: fits, V: false, AV: false },
    stationarity: { QK: 'output', AV: 'output' },
    granularity: headFits ? 'head' : 'row',
    P1,
    spilled: 0,
  };
}

/**
 * DRAM words. Off-chip operands stream from DRAM once per reuse of the dataflow (output-stationary QK: Q once per key
 * tile, K once per query tile; weight-stationary: the stationary operand once per block; input-stationary: Q once);
 * QK and A off chip are written and read back once. An on-chip tensor is read from DRAM once, but the spilled share
 * of its global-buffer accesses goes to DRAM instead (and that share of its DRAM read is not needed); the QK/SN/A
 * intermediates on chip make 7 global-buffer accesses per element (QK written, read by M and SN; SN written, read by
 * A; A written, read by AV).
 */
export function flatTraffic(p: AnalyticParams, s: Shape, c: FlatConfig) {
  const { B, H, P, M, E, F } = s;
  const { Pt, M1 } = tiles(p, s);
  const blocks = c.granularity === 'head' ? 1 : Math.ceil(P / c.P1);
  const sp = c.spilled;
  const q = B * H * P * E;
  const k = B * H * M * E;
  const v = B * H * M * F;
  const av = B * H * P * F;
  const pm = B * H * P * M;
  const qReuse = c.stationarity.QK === 'input' ? 1 : M1;
  const kReuse = c.stationarity.QK === 'weight' ? blocks : Pt;
  const vReuse = c.stationarity.AV === 'weight' ? blocks : Pt;
  const operand = (words: number, reuse: number, onchip: boolean) =>
    onchip ? { dram: words * (1 - sp) + words * reuse * sp, gbReads: words * reuse, gbWrites: words } : { dram: words * reuse, gbReads: 0, gbWrites: 0 };
  const parts = [operand(q, qReuse, c.onchip.Q), operand(k, kReuse, c.onchip.K), operand(v, vReuse, c.onchip.V)];
  const dramRead = parts.reduce((a, x) => a + x.dram, 0);
  let dramWrite = c.onchip.AV ? av * (1 - sp) + av * sp : av;
  let gbReads = parts.reduce((a, x) => a + x.gbReads, 0);
  let gbWrites = parts.reduce((a, x) => a + x.gbWrites, 0) + (c.onchip.AV ? av : 0);
  let spill = 0;
  let offchipIntermediates = 0;
  if (c.onchip.QK) {
    gbReads += 4 * pm;
    gbWrites += 3 * pm;
    spill = 7 * pm * sp;
  } else {
    offchipIntermediates = 4 * pm; // QK written and read back, A written and read back
  }
  dramWrite += offchipIntermediates / 2 + spill / 2;
  return { dramReadWords: dramRead + offchipIntermediates / 2 + spill / 2, dramWriteWords: dramWrite, gbReadWords: gbReads, gbWriteWords: gbWrites };
}
