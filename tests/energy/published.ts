// The published figures the energy tests check against, typed here from the papers (not imported from host/energy/),
// and an independent recomputation of a layer's energy from its counts with them.
//
// [H] M. Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC 2014, 45 nm, 0.9 V:
//     8-bit add 0.03, 32-bit add 0.1, 8-bit mult 0.2, 32-bit mult 3.1, fp16 add 0.4, fp32 add 0.9, fp16 mult 1.1,
//     fp32 mult 3.7; 64-bit cache access 8 KB 10, 32 KB 20, 1 MB 100; 64-bit DRAM access 1.3–2.6 nJ (pJ throughout).
// [A] Shao et al., "Aladdin", ISCA 2014, 40 nm register: 0.009 pJ per bit per access.
import type { EnergyCounts } from '../../host/energy/compute.ts';

export const H = {
  add32: 0.1,
  mult8: 0.2,
  fpAdd32: 0.9,
  fpMult16: 1.1,
  fpMult32: 3.7,
  sram8KiB: 10,
  sram32KiB: 20,
  sram1MiB: 100,
  dramLow: 1300,
} as const;

export const A_REGISTER_PJ_PER_BIT = 0.009;

/** Integer MAC: multiply (8-bit figure × (bits/8)², the width² rule) plus the int32 accumulator's add. */
export const intMacPJ = (bits: number): number => H.mult8 * (bits / 8) ** 2 + H.add32;

/** Per MAC: 2 operand-register accesses (operand bits) + 1 accumulator access (32 bits), at [A]'s per-bit energy. */
export const registerPJPerMac = (bits: number): number => (2 * bits + 32) * A_REGISTER_PJ_PER_BIT;

/** SRAM sizes at which [H] publishes an energy, so the expected per-64-bit energy needs no interpolation. */
export const PUBLISHED_SRAM = { ifmapKiB: 8, filterKiB: 32, ofmapKiB: 1024 } as const;

/**
 * A layer's expected energy by component (pJ), from its counts, for an int `bits` operand precision and the SRAM
 * sizes of PUBLISHED_SRAM, with the default prices: SRAM and DRAM words cost the 64-bit figure × bits / 64.
 * SRAM fills from DRAM (ifmap/filter writes) and DRAM partial-sum reads count when the memory system reports them.
 */
export function expectedEnergy(l: EnergyCounts, bits: number) {
  const word = bits / 64;
  const sram = {
    ifmap: (l.sram.ifmapReads + (l.sram.ifmapWrites ?? 0)) * H.sram8KiB * word,
    filter: (l.sram.filterReads + (l.sram.filterWrites ?? 0)) * H.sram32KiB * word,
    ofmap: (l.sram.ofmapWrites + l.sram.ofmapReads) * H.sram1MiB * word,
  };
  const d = l.dram ?? { ifmapReads: 0, filterReads: 0, ofmapWrites: 0, ofmapReads: 0 };
  const dram = {
    ifmap: d.ifmapReads * H.dramLow * word,
    filter: d.filterReads * H.dramLow * word,
    ofmap: (d.ofmapWrites + (d.ofmapReads ?? 0)) * H.dramLow * word,
  };
  const mac = l.macs * intMacPJ(bits);
  const registers = l.macs * registerPJPerMac(bits);
  const sramTotal = sram.ifmap + sram.filter + sram.ofmap;
  const dramTotal = dram.ifmap + dram.filter + dram.ofmap;
  return {
    mac,
    registers,
    sram: { ...sram, total: sramTotal },
    dram: { ...dram, total: dramTotal },
    vector: 0, // GEMM layers: no vector-unit operations
    total: mac + registers + sramTotal + dramTotal,
  };
}
