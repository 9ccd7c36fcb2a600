// Raw layer → normalised Layer: shorthands expanded (kernel, stride, padding incl. 'same'), groups and filters
// derived per kind, and the per-layer checks (filter within the padded input, groups dividing channels).
import { InputError } from '../../errors.ts';
import type { ConvLayer, Layer, PoolLayer } from '../types.ts';
import type { RawConv, RawLayer, RawPadding, RawPool, RawStride } from './workload-schema.ts';

/** Where a layer key is, e.g. `net.yaml: layers[3] (conv2).filter.h`. */
export type KeyLocator = (key: string) => string;

/** Defaults from the file's `defaults` block, applied to conv-like layers that do not set the key. */
export interface LayerDefaults {
  stride?: RawStride;
  padding?: RawPadding;
}

const hwOf = (v: number | { h: number; w: number }) => (typeof v === 'number' ? { h: v, w: v } : v);

/** TensorFlow 'SAME': output ceil(H/s); total pad max((out−1)·s + R − H, 0), the odd pixel at the bottom/right. */
function samePad(size: number, window: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + window - size, 0);
  const first = Math.floor(total / 2);
  return [first, total - first];
}

function resolvePadding(p: RawPadding, layer: Pick<ConvLayer, 'ifmap' | 'filter' | 'stride'>): ConvLayer['padding'] {
  if (typeof p === 'number') return { top: p, bottom: p, left: p, right: p };
  if (p === 'same') {
    const [top, bottom] = samePad(layer.ifmap.h, layer.filter.h, layer.stride.h);
    const [left, right] = samePad(layer.ifmap.w, layer.filter.w, layer.stride.w);
    return { top, bottom, left, right };
  }
  if ('h' in p) return { top: p.h, bottom: p.h, left: p.w, right: p.w };
  return { ...p };
}

function normaliseConv(raw: RawConv, inputs: string[], defaults: LayerDefaults, at: KeyLocator): ConvLayer {
  if (raw.filter !== undefined && raw.kernel !== undefined) {
    throw new InputError(at('kernel'), 'both filter and kernel are given', 'keep one of them');
  }
  const size = raw.filter ?? raw.kernel;
  if (size === undefined) throw new InputError(at('filter'), 'missing required key', 'add filter: {h, w} (or kernel: 3)');
  const filterKey = raw.filter !== undefined ? 'filter' : 'kernel';
  const filter = hwOf(size);
  const stride = hwOf(raw.stride ?? defaults.stride ?? 1);
  const { ifmap } = raw;
  const padding = resolvePadding(raw.padding ?? defaults.padding ?? 0, { ifmap, filter, stride });

  let groups: number;
  let filters: number;
  if (raw.kind === 'conv') [groups, filters] = [1, raw.filters];
  else if (raw.kind === 'dwconv') [groups, filters] = [ifmap.c, ifmap.c * raw.multiplier];
  else {
    [groups, filters] = [raw.groups, raw.filters];
    if (ifmap.c % groups !== 0) {
      throw new InputError(at('groups'), `${groups} groups do not divide ifmap.c = ${ifmap.c}`, 'use a divisor of the channel count');
    }
    if (filters % groups !== 0) {
      throw new InputError(at('groups'), `${groups} groups do not divide filters = ${filters}`, 'use a divisor of the filter count');
    }
  }
  const paddedH = ifmap.h + padding.top + padding.bottom;
  const paddedW = ifmap.w + padding.left + padding.right;
  if (filter.h > paddedH) {
    throw new InputError(at(`${filterKey}${filterKey === 'filter' ? '.h' : ''}`), `filter height ${filter.h} is larger than the padded input height ${paddedH}`, `use a filter of at most ${paddedH} rows or pad more`);
  }
  if (filter.w > paddedW) {
    throw new InputError(at(`${filterKey}${filterKey === 'filter' ? '.w' : ''}`), `filter width ${filter.w} is larger than the padded input width ${paddedW}`, `use a filter of at most ${paddedW} columns or pad more`);
  }
  return { name: raw.name, kind: raw.kind, inputs, ifmap: { ...ifmap }, filter, filters, stride, padding, groups };
}

/** A pooling layer: a window like a convolution's (kernel/filter, stride, padding; workload `defaults` do not
 *  apply), or `global: true`, the whole ifmap (then no window keys). */
function normalisePool(raw: RawPool, inputs: string[], at: KeyLocator): PoolLayer {
  const { name, op, ifmap } = raw;
  if (raw.global) {
    const extra = (['filter', 'kernel', 'stride', 'padding'] as const).find((k) => raw[k] !== undefined);
    if (extra !== undefined) throw new InputError(at(extra), 'a global pool has no window settings (its window is the whole ifmap)', `remove ${extra}, or set global: false`);
    const none = { top: 0, bottom: 0, left: 0, right: 0 };
    return { name, kind: 'pool', op, global: true, inputs, ifmap: { ...ifmap }, filter: { h: ifmap.h, w: ifmap.w }, stride: { h: 1, w: 1 }, padding: none };
  }
  const window = normaliseConv({ ...raw, kind: 'conv', filters: 1 }, inputs, {}, at);
  return { name, kind: 'pool', op, global: false, inputs, ifmap: window.ifmap, filter: window.filter, stride: window.stride, padding: window.padding };
}

/** Normalise one validated raw layer; `inputs` are already resolved (default: the previous layer). */
export function normaliseLayer(raw: RawLayer, inputs: string[], defaults: LayerDefaults, at: KeyLocator): Layer {
  switch (raw.kind) {
    case 'gemm':
      return { name: raw.name, kind: 'gemm', inputs, m: raw.m, n: raw.n, k: raw.k, groups: raw.groups };
    case 'add':
      return { name: raw.name, kind: 'eltwise', op: 'add', inputs, shape: { ...raw.shape } };
    case 'eltwise':
      return { name: raw.name, kind: 'eltwise', op: raw.op, inputs, shape: { ...raw.shape } };
    case 'activation':
      return { name: raw.name, kind: 'activation', op: raw.op, inputs, shape: { ...raw.shape } };
    case 'softmax':
    case 'layernorm':
      return { name: raw.name, kind: raw.kind, inputs, length: raw.length, rows: raw.rows };
    case 'pool':
      return normalisePool(raw, inputs, at);
    default:
      return normaliseConv(raw, inputs, defaults, at);
  }
}
