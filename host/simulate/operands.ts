// Real operand values. Every run computes with deterministic pseudo-random tensors of the arch's precision, so
// outputs can be checked against a reference and two runs give identical reports.
import type { OperandPrecision } from '../spec/types.ts';

/** Signed range of each operand precision. */
export const OPERAND_RANGE: Record<OperandPrecision, { min: number; max: number }> = {
  int4: { min: -8, max: 7 },
  int8: { min: -128, max: 127 },
  int16: { min: -32768, max: 32767 },
};

/** A seeded xorshift32 stream of operand values in the precision's range (every range spans a power of two). */
export class OperandSource {
  private s: number;
  private readonly mask: number;
  private readonly min: number;

  constructor(precision: OperandPrecision, seed = 0x5eed) {
    this.s = seed | 0 || 1;
    const r = OPERAND_RANGE[precision];
    this.min = r.min;
    this.mask = r.max - r.min; // 2^bits − 1
  }

  /** Contract: fills `out` with values in range and returns it. */
  fill(out: Int32Array): Int32Array {
    let s = this.s;
    const { min, mask } = this;
    for (let i = 0; i < out.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      out[i] = min + ((s >>> 8) & mask);
    }
    this.s = s;
    return out;
  }
}
