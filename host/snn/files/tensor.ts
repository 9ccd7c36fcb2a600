// The JSON tensor format of --dump and of input/weight files: { shape, layout, data }. `layout` names the axes of
// `shape` in order, the last varying fastest (row-major): spikes 't,h,w,c', potentials 'h,w,c', weights
// 'filters,r,s,c' (a gemm layer's 'n,k'), input intensities 'h,w,c'. A gemm layer's activations are h = m rows,
// w = 1, c = k.
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.ts';

export interface TensorFile {
  shape: number[];
  layout: string;
  data: number[];
}

/** Contract: the tensor as a plain JSON-able object. */
export function tensorJson(shape: number[], layout: string, data: ArrayLike<number>): TensorFile {
  return { shape, layout, data: Array.from(data) };
}

/**
 * Contract: reads a tensor file and checks its layout, shape and values (each within [lo, hi]); any mismatch is an
 * InputError naming the file and what to change.
 */
export function readTensor(path: string, layout: string, shape: number[], lo: number, hi: number): Float64Array {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(e as Error).message})`;
    throw new InputError(path, why, `write a JSON tensor { shape, layout: '${layout}', data }`);
  }
  const t = raw as Partial<TensorFile>;
  if (typeof t !== 'object' || t === null || t.layout !== layout) {
    throw new InputError(`${path}: layout`, `expected '${layout}', got ${JSON.stringify(t?.layout)}`, `write layout: '${layout}' with the data in that order`);
  }
  if (!Array.isArray(t.shape) || t.shape.join(',') !== shape.join(',')) {
    throw new InputError(`${path}: shape`, `expected [${shape.join(', ')}], got ${JSON.stringify(t.shape)}`, 'give the tensor of the layer this file is for');
  }
  const n = shape.reduce((a, b) => a * b, 1);
  if (!Array.isArray(t.data) || t.data.length !== n) {
    throw new InputError(`${path}: data`, `expected ${n} numbers, got ${Array.isArray(t.data) ? t.data.length : typeof t.data}`, `give ${shape.join('×')} numbers`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = t.data[i];
    if (typeof v !== 'number' || !(v >= lo && v <= hi)) {
      throw new InputError(`${path}: data[${i}]`, `expected a number in ${lo}..${hi}, got ${JSON.stringify(v)}`, `keep every value in ${lo}..${hi}`);
    }
    out[i] = v;
  }
  return out;
}
