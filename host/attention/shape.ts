// The attention workload of one run: heads, widths, sequence length and batch. From a model (loadAttentionModel) or
// given explicitly (--heads/--e/--f); checked against the arch here.
import { InputError } from '../errors.ts';
import type { AttentionArchSpec } from '../spec/arch/attention-arch.ts';
import { loadAttentionModel } from './models.ts';

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

/** A positive integer flag; anything else is an InputError. */
export function parseCount(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InputError(flag, `${JSON.stringify(value)} is not a positive integer`, `give a positive integer, e.g. ${flag} 64`);
  }
  return n;
}

/** The flags of `systole attention` that give the shape, as typed. */
export interface ShapeFlags {
  model?: string;
  heads?: string;
  e?: string;
  f?: string;
  seq: string;
  batch?: string;
}

/** The shape from --model (a preset or file) or from --heads/--e/--f, with --seq and --batch (the CLI and the playground). */
export function shapeFromFlags(f: ShapeFlags): AttentionShape {
  const seq = parseCount('--seq', f.seq);
  const explicit = [f.heads, f.e, f.f].some((x) => x !== undefined);
  if (f.model !== undefined && explicit) throw new InputError('--model', 'given together with --heads/--e/--f', 'give a model, or the shape');
  if (f.model === undefined && !explicit) throw new InputError('--model', 'missing', 'give --model (bert, trxl, t5, xlm or a file) or --heads, --e and --f');
  if (f.model !== undefined) {
    const m = loadAttentionModel(f.model);
    return { model: m.name, heads: m.heads, qkDim: m.qkDim, vDim: m.vDim, seq, batch: f.batch === undefined ? m.batch : parseCount('--batch', f.batch) };
  }
  for (const [flag, v] of [['--heads', f.heads], ['--e', f.e], ['--f', f.f]] as const) {
    if (v === undefined) throw new InputError(flag, 'missing', `give --heads, --e and --f together (or --model)`);
  }
  return {
    model: 'custom',
    heads: parseCount('--heads', f.heads!),
    qkDim: parseCount('--e', f.e!),
    vDim: parseCount('--f', f.f!),
    seq,
    batch: f.batch === undefined ? 1 : parseCount('--batch', f.batch),
  };
}
