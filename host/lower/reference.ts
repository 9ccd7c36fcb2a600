// Direct convolution (nested loops, no im2col), the independent check of im2col + GEMM.
import type { ConvLayer } from '../spec/types.ts';
import { convOutput } from './shape.ts';

/** Direct convolution of an h×w×c ifmap (HWC) with filters×R×S×(c/groups) weights → Eh×Ew×filters, int32 wrap. */
export function referenceConv(layer: ConvLayer, ifmap: Int32Array, weights: Int32Array): Int32Array {
  const { h: H, w: W, c: C } = layer.ifmap;
  const { h: R, w: S } = layer.filter;
  const F = layer.filters;
  const cg = C / layer.groups;
  const ng = F / layer.groups;
  const { eh, ew } = convOutput(layer);
  const out = new Int32Array(eh * ew * F);
  for (let oh = 0; oh < eh; oh++) {
    for (let ow = 0; ow < ew; ow++) {
      for (let f = 0; f < F; f++) {
        const g = Math.floor(f / ng);
        let acc = 0;
        for (let r = 0; r < R; r++) {
          const ih = oh * layer.stride.h + r - layer.padding.top;
          if (ih < 0 || ih >= H) continue;
          for (let s = 0; s < S; s++) {
            const iw = ow * layer.stride.w + s - layer.padding.left;
            if (iw < 0 || iw >= W) continue;
            for (let ci = 0; ci < cg; ci++) {
              const x = ifmap[(ih * W + iw) * C + g * cg + ci];
              const wt = weights[((f * R + r) * S + s) * cg + ci];
              acc = (acc + Math.imul(x, wt)) | 0;
            }
          }
        }
        out[(oh * ew + ow) * F + f] = acc;
      }
    }
  }
  return out;
}
