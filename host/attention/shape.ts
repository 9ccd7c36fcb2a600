// The attention workload of one run: heads, widths, sequence length and batch. From a model (loadAttentionModel) or
// given explicitly (--heads/--e/--f); checked against the arch here.
import { InputError } from '../errors.ts';
import type { AttentionArchSpec } from '../spec/arch/attention-arch.ts';

export interface AttentionShape {
  /** The model's name, or `custom` for a shape given explicitly. */
  model: string;
  heads: number; // H
  qkDim: number; // E
  vDim: number; // F
  seq: number; // P = M (self-attention)
  batch: number; // B
}

/** Checks the shape: positive integers. */
export function checkShape(shape: AttentionShape): void {
  for (const [k, v] of Object.entries({ heads: shape.heads, e: shape.qkDim, f: shape.vDim, seq: shape.seq, batch: shape.batch })) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`--${k}`, `expected a positive integer, got ${v}`, `set --${k} to a positive integer`);
  }
}

/** The machine runs whole tiles: queries padded to whole query blocks (the 2D array's rows), keys to whole key tiles
 *  (its columns). The last block's extra rows and the last key tile's extra columns are masked: the padded keys'
 *  scores are −∞, the padded queries' outputs are dropped, and neither counts as work. */
export function paddedSeq(shape: AttentionShape, arch: AttentionArchSpec): { queries: number; keys: number } {
  const { rows, cols } = arch.array2d;
  return { queries: Math.ceil(shape.seq / rows) * rows, keys: Math.ceil(shape.seq / cols) * cols };
}
