// The attention workload of one run: heads, widths, sequence length and batch. From a model (loadAttentionModel) or
// given explicitly (--heads/--e/--f); checked against the arch here.
import { InputError } from '../errors.ts';
import type { AttentionArchSpec } from '../spec/attention-arch.ts';

export interface AttentionShape {
  /** The model's name, or `custom` for a shape given explicitly. */
  model: string;
  heads: number; // H
  qkDim: number; // E
  vDim: number; // F
  seq: number; // P = M (self-attention)
  batch: number; // B
}

/** Checks the shape against the arch: whole query blocks and key tiles (the machine runs full tiles only). */
export function checkShape(shape: AttentionShape, arch: AttentionArchSpec): void {
  for (const [k, v] of Object.entries({ heads: shape.heads, e: shape.qkDim, f: shape.vDim, seq: shape.seq, batch: shape.batch })) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`--${k}`, `expected a positive integer, got ${v}`, `set --${k} to a positive integer`);
  }
  const { rows, cols } = arch.array2d;
  if (shape.seq % rows !== 0 || shape.seq % cols !== 0) {
    throw new InputError('--seq', `${shape.seq} is not a multiple of the ${arch.name} array's ${rows} rows and ${cols} columns`, `use a multiple of ${lcm(rows, cols)}`);
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;
