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

/** im2col of one group: A (M×K row-major, K ordered (r, s, c_in-of-group)), zero padding applied. */
export function im2col(layer: ConvLayer, ifmap: Int32Array, group: number): Int32Array {
  checkGroup(layer, group);
  const { h: H, w: W, c: C } = layer.ifmap;
  if (ifmap.length !== H * W * C) throw new RangeError(`ifmap has ${ifmap.length} values, expected ${H}×${W}×${C}`);
  const { M, K, eh, ew } = lowerLayer(layer);
  const { h: R, w: S } = layer.filter;
  const cg = C / layer.groups;
  const c0 = group * cg;
  const a = new Int32Array(M * K);
  for (let oh = 0; oh < eh; oh++) {
    for (let ow = 0; ow < ew; ow++) {
      const row = (oh * ew + ow) * K;
      for (let r = 0; r < R; r++) {
        const ih = oh * layer.stride.h + r - layer.padding.top;
        if (ih < 0 || ih >= H) continue;
        for (let s = 0; s < S; s++) {
          const iw = ow * layer.stride.w + s - layer.padding.left;
          if (iw < 0 || iw >= W) continue;
          const src = (ih * W + iw) * C + c0;
          const dst = row + (r * S + s) * cg;
          for (let ci = 0; ci < cg; ci++) a[dst + ci] = ifmap[src + ci];
        }
      }
    }
  }
  return a;
}

/** One group's filters as B (K×N row-major, K ordered (r, s, c_in-of-group), N = filters of the group). */
export function filtersToB(layer: ConvLayer, weights: Int32Array, group: number): Int32Array {
  checkGroup(layer, group);
  const { N, K } = lowerLayer(layer);
  if (weights.length !== layer.filters * K) {
    throw new RangeError(`weights have ${weights.length} values, expected ${layer.filters}×${layer.filter.h}×${layer.filter.w}×${K / (layer.filter.h * layer.filter.w)}`);
  }
  const b = new Int32Array(K * N);
  for (let n = 0; n < N; n++) {
    const src = (group * N + n) * K;
    for (let k = 0; k < K; k++) b[k * N + n] = weights[src + k];
  }
  return b;
}
