// Prices the attention core's action counts (pJ) with the attention energy table (host/energy/attention.ts: the
// FuseMax artifact's Accelergy figures, each with its source). An exp without an exp unit (expCycles > 1) is
// counted as the MACs and add it runs, priced as such; FLAT's 1D exp unit is priced per exp. PE register words are
// counted by the core (every PE's, per element step: compile.ts) and priced per array; with the arch's
// microarch.registerAccounting 'artifact' (set by --idealized) only one PE's share is priced, as the FuseMax artifact
// does (attention-arch.ts).
import type { AttentionCoreStats } from '../core/attention.ts';
import { FLAT_ENERGY_TABLE, FUSEMAX_ENERGY_TABLE, type AttentionEnergyTable } from '../energy/attention.ts';
import type { AttentionArchSpec, RegisterAccounting } from '../spec/arch/attention-arch.ts';

export interface AttentionEnergy {
  array2d: { mac: number; max: number; add: number };
  array1d: { mac: number; max: number; add: number; exp: number; divide: number };
  /** PE register files, read and write words × the array's price (registerAccounting 'artifact': ÷ the array's PEs). */
  registers: { array2d: number; array1d: number };
  globalBuffer: number;
  dram: number;
  total: number;
}

/** The default table for an arch: FLAT's (its exp unit, its registers) when the 1D array has an exp unit, else FuseMax's. */
export const energyTableFor = (arch: AttentionArchSpec): AttentionEnergyTable => (arch.array1d.expCycles === 1 ? FLAT_ENERGY_TABLE : FUSEMAX_ENERGY_TABLE);

/** How a run's register words are priced: every PE's, or (artifact) one PE's of each array (pes2d and pes1d PEs). */
export interface RegisterPricing {
  accounting: RegisterAccounting;
  pes2d: number;
  pes1d: number;
}

/** The register pricing an arch asks for. */
export const registerPricingOf = (arch: AttentionArchSpec): RegisterPricing => ({
  accounting: arch.microarch.registerAccounting,
  pes2d: arch.array2d.rows * arch.array2d.cols,
  pes1d: arch.array1d.pes,
});

/** Energy of a run, pJ: simulated action counts × prices (registers: every PE's unless `regs` says artifact). */
export function attentionEnergy(s: AttentionCoreStats, p: AttentionEnergyTable, regs?: RegisterPricing): AttentionEnergy {
  const artifact = regs?.accounting === 'artifact';
  const share2d = artifact ? 1 / regs.pes2d : 1;
  const share1d = artifact ? 1 / regs.pes1d : 1;
  const array2d = { mac: s.macs2d * p.macPJ, max: s.max2d * p.maxPJ, add: s.add2d * p.addPJ };
  const array1d = { mac: s.macs1d * p.macPJ, max: s.max1d * p.maxPJ, add: s.add1d * p.addPJ, exp: s.exp1d * p.expPJ, divide: s.div1d * p.dividePJ };
  const registers = {
    array2d: (s.regReads2d * p.register2dPJPerWord.read + s.regWrites2d * p.register2dPJPerWord.write) * share2d,
    array1d: (s.regReads1d * p.register1dPJPerWord.read + s.regWrites1d * p.register1dPJPerWord.write) * share1d,
  };
  const globalBuffer = s.gbReads * p.globalBufferPJPerWord.read + s.gbWrites * p.globalBufferPJPerWord.write;
  const dram = s.dramReads * p.dramPJPerWord.read + s.dramWrites * p.dramPJPerWord.write;
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  return { array2d, array1d, registers, globalBuffer, dram, total: sum(array2d) + sum(array1d) + sum(registers) + globalBuffer + dram };
}
