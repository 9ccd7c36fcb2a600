// Layer → GEMM shape. A convolution becomes `groups` independent GEMMs (A: M×K im2col rows, B: K×N filters):
//   H' = H + top + bottom, Eh = floor((H' − R)/stride_h) + 1   (likewise Ew), M = Eh·Ew,
//   N = filters/groups, K = R·S·C/groups.
// SCALE-Sim writes Eh = ceil((H' − R + s)/s) on pre-padded H'. That is NOT always the same number: it equals ours
// when s divides H' − R and is one more otherwise (it counts a last, partial window). host/spec/scalesim-topology.ts
// reproduces SCALE-Sim's count by adding that missing bottom/right zero padding; tests/lower/shape.test.ts checks
// both. A gemm layer is M = m, N = n, K = k with eh = m, ew = 1, which is how
// SCALE-Sim treats a GEMM row (an ifmap of height M and width K, a 1×K filter).
import type { ComputeLayer, ConvLayer, Layer, TensorShape } from '../spec/types.ts';

/** One layer's GEMM work: `groups` independent M×K by K×N products; eh·ew = M output pixels. */
export interface LoweredGemm {
  M: number;
  N: number;
  K: number;
  groups: number;
  eh: number;
  ew: number;
}

/** Output height and width of a convolution or pooling window (padding applied). */
export function convOutput(layer: Pick<ConvLayer, 'ifmap' | 'filter' | 'stride' | 'padding'>): { eh: number; ew: number } {
  const { ifmap, filter, stride, padding } = layer;
  const eh = Math.floor((ifmap.h + padding.top + padding.bottom - filter.h) / stride.h) + 1;
  const ew = Math.floor((ifmap.w + padding.left + padding.right - filter.w) / stride.w) + 1;
  return { eh, ew };
}

/** Lower a conv/dwconv/gconv or gemm layer to its GEMM shape. */
export function lowerLayer(layer: ComputeLayer): LoweredGemm {
  if (layer.kind === 'gemm') return { M: layer.m, N: layer.n, K: layer.k, groups: layer.groups, eh: layer.m, ew: 1 };
  const { eh, ew } = convOutput(layer);
  return {
    M: eh * ew,
    N: layer.filters / layer.groups,
    K: (layer.filter.h * layer.filter.w * layer.ifmap.c) / layer.groups,
    groups: layer.groups,
    eh,
    ew,
  };
}

/** Multiply-accumulates of a layer: M·N·K per group. */
export function layerMacs(layer: ComputeLayer): number {
  const g = lowerLayer(layer);
  return g.M * g.N * g.K * g.groups;
}

/** A layer's output per sample as h × w × c: a convolution's or pool's Eh × Ew × channels, a gemm's m × 1 × n·groups
 *  (rows × columns), an element-wise layer's shape, a softmax's or layer norm's rows × 1 × length. */
export function layerOutput(layer: Layer): TensorShape {
  switch (layer.kind) {
    case 'gemm':
      return { h: layer.m, w: 1, c: layer.n * layer.groups };
    case 'eltwise':
    case 'activation':
      return { ...layer.shape };
    case 'softmax':
    case 'layernorm':
      return { h: layer.rows, w: 1, c: layer.length };
    case 'pool': {
      const { eh, ew } = convOutput(layer);
      return { h: eh, w: ew, c: layer.ifmap.c };
    }
    default: {
      const { eh, ew } = convOutput(layer);
      return { h: eh, w: ew, c: layer.filters };
    }
  }
}

/** Elements of a tensor shape. */
export const elementsOf = (s: TensorShape): number => s.h * s.w * s.c;
