// The end-to-end linear layers as the FuseMax artifact's matmul.py models them: per transformer layer the Q, K, V
// projections (B·P × D times D × H·E, H·F), the output projection (B·P × H·F times H·F × D) and the FFN
// (B·P × D × S, then B·P × S × D), each a GEMM on the 2D array, latency max(memory, compute) per GEMM, summed.
import type { AttentionModel } from '../models.ts';
import { memoryCycles } from './einsum.ts';
import type { AnalyticParams, RegisterAccounting } from './types.ts';

export interface LinearGemm {
  name: string;
  m: number;
  k: number;
  n: number;
}

export interface AnalyticLinearResult {
  gemms: (LinearGemm & { computeCycles: number; memoryCycles: number; cycles: number; dramBytes: number })[];
  cycles: number;
  seconds: number;
  dramBytes: number;
  macs: number;
  energy: { mac: number; registers2d: number; globalBuffer: number; dram: number; total: number };
}

/** The six GEMMs of one layer (m = batch · seq rows). */
export function linearGemms(model: Pick<AttentionModel, 'heads' | 'qkDim' | 'vDim' | 'modelDim' | 'ffnDim'>, seq: number, batch: number): LinearGemm[] {
  const m = batch * seq;
  const D = model.modelDim;
  return [
    { name: 'Q', m, k: D, n: model.heads * model.qkDim },
    { name: 'K', m, k: D, n: model.heads * model.qkDim },
    { name: 'V', m, k: D, n: model.heads * model.vDim },
    { name: 'Z', m, k: model.heads * model.vDim, n: D },
    { name: 'FFN1', m, k: D, n: model.ffnDim },
    { name: 'FFN2', m, k: model.ffnDim, n: D },
  ];
}

/**
 * Contract: the analytic cost of the linear layers. Compute: output tiles of rows2d rows × cols2d columns, K cycles
 * each, every PE busy (no fill, drain or skew). Memory: each operand read once and the output written once (the
 * compulsory traffic; the artifact's mapper-chosen mappings may re-read a little more). Energy: MACs, 3 register
 * reads + 1 write per MAC, global buffer (each input staged once and re-read once per output tile across it), DRAM.
 */
export function analyticLinear(
  p: AnalyticParams,
  model: Pick<AttentionModel, 'heads' | 'qkDim' | 'vDim' | 'modelDim' | 'ffnDim'>,
  seq: number,
  batch: number,
  accounting: RegisterAccounting = 'all-pes',
): AnalyticLinearResult {
  const e = p.energy;
  let macs = 0;
  let gbRead = 0;
  let gbWrite = 0;
  let dramRead = 0;
  let dramWrite = 0;
  const gemms = linearGemms(model, seq, batch).map((g) => {
    const mt = Math.ceil(g.m / p.rows2d);
    const nt = Math.ceil(g.n / p.cols2d);
    const computeCycles = mt * nt * g.k;
    const reads = g.m * g.k + g.k * g.n;
    const writes = g.m * g.n;
    const dramBytes = (reads + writes) * p.bytesPerWord;
    macs += g.m * g.n * g.k;
    dramRead += reads;
    dramWrite += writes;
    gbWrite += reads + writes;
    gbRead += g.m * g.k * nt + g.k * g.n * mt + writes;
    const mem = memoryCycles(p, dramBytes);
    return { ...g, computeCycles, memoryCycles: mem, cycles: Math.max(mem, computeCycles), dramBytes };
  });
  const cycles = gemms.reduce((a, g) => a + g.cycles, 0);
  const share = accounting === 'artifact' ? 1 / (p.rows2d * p.cols2d) : 1;
  const energy = {
    mac: macs * e.macPJ,
    registers2d: macs * (3 * e.register2dPJPerWord.read + e.register2dPJPerWord.write) * share,
    globalBuffer: gbRead * e.globalBufferPJPerWord.read + gbWrite * e.globalBufferPJPerWord.write,
    dram: dramRead * e.dramPJPerWord.read + dramWrite * e.dramPJPerWord.write,
    total: 0,
  };
  energy.total = energy.mac + energy.registers2d + energy.globalBuffer + energy.dram;
  return { gemms, cycles, seconds: cycles / (p.clockGHz * 1e9), dramBytes: (dramRead + dramWrite) * p.bytesPerWord, macs, energy };
}
