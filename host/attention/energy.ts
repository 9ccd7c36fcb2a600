// Prices the attention core's action counts (pJ). Per-action figures from the FuseMax artifact's Accelergy energy
// reference tables, FPSG-UIUC/micro24-fusemax-artifact workspace/inputs/yamls/area_energy/outputs-*/ERT*.yaml
// (45 nm, 16-bit words), as tabulated for the analytic model in host/energy/attention.ts once it lands:
//   MAC 17.1645, add 8.3395, max 0.028036, divide 36.251153, exp unit (FLAT's 1D) 94.6475 pJ per action;
//   global buffer 484.97271 read / 451.30271 write per 256-word row; DRAM 249.6 per 4-word access.
// Derived: per-word prices (row / 256, access / 4). An exp without an exp unit is counted as the MACs and add it runs.
import type { AttentionCoreStats } from '../core/attention.ts';

export interface AttentionPrices {
  macPJ: number;
  addPJ: number;
  maxPJ: number;
  expPJ: number;
  dividePJ: number;
  globalBufferPJPerWord: { read: number; write: number };
  dramPJPerWord: { read: number; write: number };
}

export const DEFAULT_ATTENTION_PRICES: AttentionPrices = {
  macPJ: 17.1645,
  addPJ: 8.3395,
  maxPJ: 0.028036,
  expPJ: 94.6475,
  dividePJ: 36.251153,
  globalBufferPJPerWord: { read: 484.97271 / 256, write: 451.30271 / 256 },
  dramPJPerWord: { read: 249.6 / 4, write: 249.6 / 4 },
};

export interface AttentionEnergy {
  array2d: { mac: number; max: number; add: number };
  array1d: { mac: number; max: number; add: number; exp: number; divide: number };
  globalBuffer: number;
  dram: number;
  total: number;
}

/** Energy of a run, pJ: simulated action counts × prices. */
export function attentionEnergy(s: AttentionCoreStats, p: AttentionPrices): AttentionEnergy {
  const array2d = { mac: s.macs2d * p.macPJ, max: s.max2d * p.maxPJ, add: s.add2d * p.addPJ };
  const array1d = { mac: s.macs1d * p.macPJ, max: s.max1d * p.maxPJ, add: s.add1d * p.addPJ, exp: s.exp1d * p.expPJ, divide: s.div1d * p.dividePJ };
  const globalBuffer = s.gbReads * p.globalBufferPJPerWord.read + s.gbWrites * p.globalBufferPJPerWord.write;
  const dram = s.dramReads * p.dramPJPerWord.read + s.dramWrites * p.dramPJPerWord.write;
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  return { array2d, array1d, globalBuffer, dram, total: sum(array2d) + sum(array1d) + globalBuffer + dram };
}
