// A layer's energy: its simulated counts (MACs, SRAM and DRAM words) times the energy table, split by component.
//
// SRAM: each buffer's reads and writes, the array's and the DRAM fills (ifmap/filter writes), at the read or write
// energy of that buffer's size. DRAM: reads and writes per operand (ofmap reads are partial sums read back).
//
// Word widths: an SRAM or DRAM word has its operand's width, bit-packed, as the memory system sizes its buffers
// (words = KiB · 8192 / bits, host/simulate/buffer-sizes.ts) and counts its traffic: ifmap and ofmap words at the
// activation width (precision.activation, else the operand's), filter words at the operand width. MACs at those two
// widths: the table's entry, or its width rule (widths.ts).
// (Partial sums kept at the int32 accumulator width would cost 32 / operand bits times more per ofmap word.)
//
// PE registers, per MAC (one count for every dataflow):
//   - 2 operand-register accesses at the operand width: the ifmap and the filter word each latched into this PE's
//     register as they move one PE, read by the multiplier and by the next PE;
//   - 1 accumulator access at the accumulator width: the partial sum read, added to and written back.
// This is exact for OS (both operands move, the partial sum stays). In WS and IS one operand stays in the PE for a
// whole fold, so it is latched once per fold, not once per MAC, while the partial sum moves one PE: the count above
// overstates WS/IS by one operand-width access per MAC, and leaves out the once-per-fold stationary loads.
// MACs are the busy PE-cycles; PEs that only pass operands along (fill and drain skew) are not counted.
import { InputError } from '../errors.ts';
import { OPERAND_BITS, VECTOR_OPS, type ArchSpec, type VectorOp } from '../spec/types.ts';
import { intMacPJ } from './widths.ts';
import { MAX_PJ_PER_ACTION } from './schema.ts';
import { sramPJPer64Bit } from './sram.ts';
import type { EnergyBreakdown, EnergyTable, MacPrecision, OperandEnergy } from './types.ts';

/** Width in bits of each precision the table covers. */
export const PRECISION_BITS: Record<MacPrecision, number> = {
  int4: 4, int8: 8, int16: 16, fp16: 16, bf16: 16, fp32: 32,
};

/** Width in bits of each accumulator the arch spec allows. */
export const ACCUMULATOR_BITS: Record<ArchSpec['precision']['accumulator'], number> = { int32: 32 };

/** PE register accesses per MAC (see the comment at the top of this file). */
export const REGISTER_ACCESSES_PER_MAC = { operand: 2, accumulator: 1 } as const;

/** The counts a layer's energy is computed from, in words (a LayerReport has them all). */
export interface EnergyCounts {
  macs: number;
  /** The array's reads and writes; ifmapWrites/filterWrites: words DRAM fills into those buffers (0 if absent). */
  sram: {
    ifmapReads: number; filterReads: number; ofmapWrites: number; ofmapReads: number;
    ifmapWrites?: number; filterWrites?: number;
  };
  /** null when memory is not simulated: DRAM energy is then 0. ofmapReads: partial sums read back (0 if absent). */
  dram: { ifmapReads: number; filterReads: number; ofmapWrites: number; ofmapReads?: number } | null;
  /** The vector unit's operations by kind (absent: none). */
  vectorOps?: Record<VectorOp, number>;
}

/** Word widths in bits of the three operands' SRAM and DRAM words on `arch`: ifmap and ofmap at the activation
 *  width (precision.activation, else the operand's), filter at the operand (weight) width; words bit-packed. */
export function wordBits(arch: ArchSpec): { ifmap: number; filter: number; ofmap: number } {
  const w = OPERAND_BITS[arch.precision.operand];
  const a = OPERAND_BITS[arch.precision.activation ?? arch.precision.operand];
  return { ifmap: a, filter: w, ofmap: a };
}

const operandEnergy = (ifmap: number, filter: number, ofmap: number): OperandEnergy => ({
  ifmap,
  filter,
  ofmap,
  total: ifmap + filter + ofmap,
});

/** Contract: the energy (pJ) of `counts` on `arch` at the prices of `table`, by component. */
export function layerEnergy(arch: ArchSpec, counts: EnergyCounts, table: EnergyTable): EnergyBreakdown {
  const bits = wordBits(arch);
  const { sram: s, macs } = counts;
  const read = (kib: number) => sramPrice(table, 'read', kib) / 64;
  const write = (kib: number) => sramPrice(table, 'write', kib) / 64;
  const kib = arch.sram;
  const sram = operandEnergy(
    (s.ifmapReads * read(kib.ifmapKiB) + (s.ifmapWrites ?? 0) * write(kib.ifmapKiB)) * bits.ifmap,
    (s.filterReads * read(kib.filterKiB) + (s.filterWrites ?? 0) * write(kib.filterKiB)) * bits.filter,
    (s.ofmapWrites * write(kib.ofmapKiB) + s.ofmapReads * read(kib.ofmapKiB)) * bits.ofmap,
  );
  const d = counts.dram;
  const dramRead = table.dramPJPer64Bit.read / 64;
  const dramWrite = table.dramPJPer64Bit.write / 64;
  const dram = d === null
    ? operandEnergy(0, 0, 0)
    : operandEnergy(
      d.ifmapReads * dramRead * bits.ifmap,
      d.filterReads * dramRead * bits.filter,
      (d.ofmapWrites * dramWrite + (d.ofmapReads ?? 0) * dramRead) * bits.ofmap,
    );
  // One operand-register access per operand (REGISTER_ACCESSES_PER_MAC.operand = 2: the ifmap's and the filter's).
  const registerBitsPerMac =
    bits.ifmap + bits.filter + REGISTER_ACCESSES_PER_MAC.accumulator * ACCUMULATOR_BITS[arch.precision.accumulator];
  const mac = macs * intMacPJ(table, bits.ifmap, bits.filter);
  const registers = macs * registerBitsPerMac * table.registerPJPerBit;
  const ops = counts.vectorOps;
  const vector = ops === undefined ? 0 : VECTOR_OPS.reduce((a, op) => a + ops[op] * table.vectorOpPJ[op], 0);
  const total = mac + registers + sram.total + dram.total + vector;
  if (!Number.isFinite(total)) {
    // Unreachable with prices within MAX_PJ_PER_ACTION and counts below 2⁵³; kept so no report ever says Infinity.
    throw new InputError('energy table', `prices these counts at ${total} pJ, not a finite energy`, `keep every price at most ${MAX_PJ_PER_ACTION} pJ`);
  }
  return { mac, registers, sram, dram, vector, total };
}

/**
 * pJ per 64-bit access of an SRAM of `kib` on the table's curve. A curve's points are bounded by the schema, but the
 * power law between two close points can extrapolate to any value far from them: that too must stay a real price.
 */
function sramPrice(table: EnergyTable, op: 'read' | 'write', kib: number): number {
  const pJ = sramPJPer64Bit(table.sramPJPer64Bit[op], kib);
  if (!(pJ <= MAX_PJ_PER_ACTION)) {
    throw new InputError(
      `energy table: sramPJPer64Bit.${op}`,
      `the curve gives ${pJ} pJ per 64-bit access at ${kib} KiB (extrapolated by its power law), over the ${MAX_PJ_PER_ACTION} pJ bound`,
      `add a point near ${kib} KiB to the curve`,
    );
  }
  return pJ;
}

/** Contract: the component-wise sum of `parts` (all zeros for none). */
export function sumEnergy(parts: readonly EnergyBreakdown[]): EnergyBreakdown {
  const sum = (f: (e: EnergyBreakdown) => number) => parts.reduce((a, e) => a + f(e), 0);
  const op = (f: (e: EnergyBreakdown) => OperandEnergy) =>
    operandEnergy(sum((e) => f(e).ifmap), sum((e) => f(e).filter), sum((e) => f(e).ofmap));
  return {
    mac: sum((e) => e.mac),
    registers: sum((e) => e.registers),
    sram: op((e) => e.sram),
    dram: op((e) => e.dram),
    vector: sum((e) => e.vector),
    total: sum((e) => e.total),
  };
}
