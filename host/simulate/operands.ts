// Real operand values. Every run computes with deterministic pseudo-random tensors of the arch's precision, so
// outputs can be checked against a reference and two runs give identical reports.
//
// The stream is xorshift32, a linear map T over GF(2)^32, so the state n draws ahead is T^n applied to the state:
// a matrix (32 columns of 32 bits) built from the powers T^(2^j). That lets a layer's operand matrices be read
// panel by panel, in any order, with exactly the values a front-to-back fill of the whole matrices draws
// (OperandSource.matrix): the core never needs a whole operand, and reports do not depend on how it was read.
import { OPERAND_BITS, OPERAND_PRECISIONS, type OperandPrecision } from '../spec/types.ts';

/** Signed range of each operand precision. */
export const OPERAND_RANGE = Object.fromEntries(
  OPERAND_PRECISIONS.map((p) => [p, { min: -(2 ** (OPERAND_BITS[p] - 1)), max: 2 ** (OPERAND_BITS[p] - 1) - 1 }]),
) as Record<OperandPrecision, { min: number; max: number }>;

/** One xorshift32 step (the state before → after). */
function step(s: number): number {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return s;
}

/** A linear map on 32-bit states, as four byte-indexed tables (apply: four lookups). */
class Jump {
  readonly cols: Int32Array; // image of bit i
  private readonly bytes: Int32Array; // [byte b][value v]: image of v << 8b

  constructor(cols: Int32Array) {
    this.cols = cols;
    this.bytes = new Int32Array(4 * 256);
    for (let b = 0; b < 4; b++) {
      for (let v = 1; v < 256; v++) {
        const low = v & -v; // lowest set bit
        const bit = 31 - Math.clz32(low) + 8 * b;
        this.bytes[b * 256 + v] = this.bytes[b * 256 + (v ^ low)] ^ cols[bit];
      }
    }
  }

  apply(s: number): number {
    const t = this.bytes;
    return t[s & 255] ^ t[256 + ((s >>> 8) & 255)] ^ t[512 + ((s >>> 16) & 255)] ^ t[768 + (s >>> 24)];
  }

  /** this ∘ other: other first. */
  after(other: Jump): Jump {
    return new Jump(other.cols.map((c) => this.apply(c)));
  }
}

const POW2: Jump[] = [new Jump(Int32Array.from({ length: 32 }, (_, i) => step(1 << i)))]; // T^(2^j)
const JUMPS = new Map<number, Jump>();

/** T^n (n a whole number below 2^53), cached: a panel jumps by the same stride from row to row. */
function jumpOf(n: number): Jump {
  let j = JUMPS.get(n);
  if (j) return j;
  let bit = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2), bit++) {
    while (POW2.length <= bit) POW2.push(POW2[POW2.length - 1].after(POW2[POW2.length - 1]));
    if (rest % 2 === 1) j = j ? POW2[bit].after(j) : POW2[bit];
  }
  j ??= new Jump(Int32Array.from({ length: 32 }, (_, i) => 1 << i));
  if (JUMPS.size > 256) JUMPS.clear();
  JUMPS.set(n, j);
  return j;
}

/** The state `n` draws after `s`. */
function advance(s: number, n: number): number {
  let bit = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2), bit++) {
    while (POW2.length <= bit) POW2.push(POW2[POW2.length - 1].after(POW2[POW2.length - 1]));
    if (rest % 2 === 1) s = POW2[bit].apply(s);
  }
  return s;
}

/**
 * A rows × cols matrix of the stream, row-major, as the whole-matrix fill draws it: any panel of it can be
 * written on demand.
 */
export class OperandMatrix {
  constructor(
    private readonly start: number, // the state before the first word
    readonly rows: number,
    readonly cols: number,
    private readonly min: number,
    private readonly mask: number,
  ) {}

  /** Contract: writes rows [row0, row0+rows) × columns [col0, col0+width) into `out` (row stride `stride`). */
  fill(row0: number, rows: number, col0: number, width: number, out: Int32Array, stride = width): Int32Array {
    const { min, mask } = this;
    let s = advance(this.start, row0 * this.cols + col0);
    const gap = jumpOf(this.cols - width);
    for (let i = 0; i < rows; i++) {
      let o = i * stride;
      for (let j = 0; j < width; j++) {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        out[o++] = min + ((s >>> 8) & mask);
      }
      if (i + 1 < rows) s = gap.apply(s);
    }
    return out;
  }

  /** Contract: the panel as a new array (row stride `width`). */
  panel(row0: number, rows: number, col0: number, width: number): Int32Array {
    return this.fill(row0, rows, col0, width, new Int32Array(rows * width));
  }
}

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

  /**
   * Contract: the next rows × cols words of the stream as a matrix read on demand, without drawing them: the
   * stream continues after them, as if fill() had drawn the whole matrix.
   */
  matrix(rows: number, cols: number): OperandMatrix {
    const m = new OperandMatrix(this.s, rows, cols, this.min, this.mask);
    this.s = advance(this.s, rows * cols);
    return m;
  }
}
