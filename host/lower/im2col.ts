// Operand layout of a lowered convolution, for one group g of `groups`:
//   A (M×K, row-major): row m = oh·Ew + ow (output pixel), column k = (r·S + s)·Cg + ci, value
//     ifmap[oh·stride_h + r − top][ow·stride_w + s − left][g·Cg + ci], zero outside the input (padding);
//   B (K×N, row-major): B[k][n] = weights[g·Ng + n][r][s][ci]  (output channels of a group are contiguous);
//   A·B is the group's output: out[oh][ow][g·Ng + n].
// ifmap is h×w×c (HWC), weights filters×R×S×Cg, with Cg = c/groups and Ng = filters/groups.
import type { ConvLayer } from '../spec/types.ts';
import { lowerLayer } from './shape.ts';

function checkGroup(layer: ConvLayer, group: number): void {
  if (!Number.isInteger(group) || group < 0 || group >= layer.groups) {
    throw new RangeError(`group ${group} out of range 0..${layer.groups - 1} for layer ${layer.name}`);
  }
}

/**
 * im2col of one group: A (M×K row-major, K ordered (r, s, c_in-of-group)), zero padding applied.
 * Writes into `out` (M·K words, e.g. a view of the core's operand buffer) when given, else into a new array.
 */
export function im2col(layer: ConvLayer, ifmap: Int32Array, group: number, out?: Int32Array): Int32Array {
  checkGroup(layer, group);
  const { h: H, w: W, c: C } = layer.ifmap;
  if (ifmap.length !== H * W * C) throw new RangeError(`ifmap has ${ifmap.length} values, expected ${H}×${W}×${C}`);
  const { M, K, eh, ew } = lowerLayer(layer);
  const { h: R, w: S } = layer.filter;
  const cg = C / layer.groups;
  const c0 = group * cg;
  if (out !== undefined && out.length !== M * K) throw new RangeError(`out has ${out.length} words, expected ${M}×${K}`);
  const a = out === undefined ? new Int32Array(M * K) : out.fill(0);
  const { h: sh, w: sw } = layer.stride;
  // Loop order: one (filter row r, filter column s) column block of A at a time; for each output pixel the block
  // is cg consecutive channels of one input pixel (or zeros in the padding, which `a` already holds).
  for (let r = 0; r < R; r++) {
    for (let s = 0; s < S; s++) {
      const col = (r * S + s) * cg;
      // Output columns whose input column iw = ow·sw + s − left lies inside the input.
      const owLo = Math.max(0, Math.ceil((layer.padding.left - s) / sw));
      const owHi = Math.min(ew - 1, Math.floor((W - 1 + layer.padding.left - s) / sw));
      for (let oh = 0; oh < eh; oh++) {
        const ih = oh * sh + r - layer.padding.top;
        if (ih < 0 || ih >= H) continue;
        let dst = (oh * ew + owLo) * K + col;
        let src = (ih * W + owLo * sw + s - layer.padding.left) * C + c0;
        if (cg < 32) {
          for (let ow = owLo; ow <= owHi; ow++, dst += K, src += sw * C) for (let ci = 0; ci < cg; ci++) a[dst + ci] = ifmap[src + ci];
        } else {
          for (let ow = owLo; ow <= owHi; ow++, dst += K, src += sw * C) a.set(ifmap.subarray(src, src + cg), dst);
        }
      }
    }
  }
  return a;
}

/** One group's filters as B (K×N row-major, K ordered (r, s, c_in-of-group), N = filters of the group), into `out` if given. */
export function filtersToB(layer: ConvLayer, weights: Int32Array, group: number, out?: Int32Array): Int32Array {
  checkGroup(layer, group);
  const { N, K } = lowerLayer(layer);
  if (weights.length !== layer.filters * K) {
    throw new RangeError(`weights have ${weights.length} values, expected ${layer.filters}×${layer.filter.h}×${layer.filter.w}×${K / (layer.filter.h * layer.filter.w)}`);
  }
  if (out !== undefined && out.length !== K * N) throw new RangeError(`out has ${out.length} words, expected ${K}×${N}`);
  const b = out ?? new Int32Array(K * N);
  for (let n = 0; n < N; n++) {
    const src = (group * N + n) * K;
    for (let k = 0; k < K; k++) b[k * N + n] = weights[src + k];
  }
  return b;
}
