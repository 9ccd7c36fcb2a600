// The energy table (what one action costs) and the energy report (what a layer's actions cost). All in pJ.
import type { VectorOp } from '../spec/types.ts';

/** MAC precisions the table covers: the simulator's operand precisions (spec/types.ts) plus floating point.
 *  compute.ts indexes the table by the arch's operand precision, so tsc fails if a new one is missing here. */
export const MAC_PRECISIONS = ['int4', 'int8', 'int16', 'fp16', 'bf16', 'fp32'] as const;
export type MacPrecision = (typeof MAC_PRECISIONS)[number];

/** One point of an SRAM energy curve: the energy of one 64-bit access to an SRAM of `sizeKiB`. */
export interface SramPoint {
  sizeKiB: number;
  pJ: number;
}

/** SRAM energy by size: at least one point, sorted by size, sizes distinct (sram.ts interpolates it). */
export type SramCurve = readonly SramPoint[];

/** Energy per action, pJ. Defaults and their sources: defaults.ts; file format: schema.ts. */
export interface EnergyTable {
  /** pJ per multiply-accumulate at each operand precision (multiply plus the add at the accumulator width). */
  macPJ: Record<MacPrecision, number>;
  /** pJ per bit of one PE register access (one word latched into a PE register, then read from it). */
  registerPJPerBit: number;
  /** pJ per 64-bit SRAM access, by buffer size; a word costs this × word bits / 64. */
  sramPJPer64Bit: { read: SramCurve; write: SramCurve };
  /** pJ per 64 bits moved from (read) or to (write) DRAM; a word costs this × word bits / 64. */
  dramPJPer64Bit: { read: number; write: number };
  /** pJ per operation of the vector unit (fp32 datapath), by kind. */
  vectorOpPJ: Record<VectorOp, number>;
}

/** An override file's content: any subset of the table's entries (an SRAM curve is replaced whole). */
export interface EnergyOverride {
  macPJ?: Partial<Record<MacPrecision, number>>;
  registerPJPerBit?: number;
  sramPJPer64Bit?: { read?: SramCurve; write?: SramCurve };
  dramPJPer64Bit?: { read?: number; write?: number };
  vectorOpPJ?: Partial<Record<VectorOp, number>>;
}

/** Energy of one operand's traffic, per operand, pJ. */
export interface OperandEnergy {
  ifmap: number;
  filter: number;
  ofmap: number;
  total: number;
}

/**
 * A layer's (or the run's) energy by component, pJ: the simulated counts times the table (compute.ts).
 * `dram` is all zeros while the memory system is not simulated (the report's `dram` counts are null).
 */
export interface EnergyBreakdown {
  mac: number;
  registers: number;
  sram: OperandEnergy;
  dram: OperandEnergy;
  /** The vector unit's operations (0 for layers on the array). */
  vector: number;
  total: number;
}
