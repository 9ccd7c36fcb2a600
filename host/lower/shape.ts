// Layer → GEMM shape. A convolution becomes `groups` independent GEMMs (A: M×K im2col rows, B: K×N filters):
//   H' = H + top + bottom, Eh = floor((H' − R)/stride_h) + 1   (likewise Ew), M = Eh·Ew,
//   N = filters/groups, K = R·S·C/groups.
// SCALE-Sim writes Eh = ceil((H' − R + s)/s) on pre-padded H'. That is NOT always the same number: it equals ours
// when s divides H' − R and is one more otherwise (it counts a last, partial window). host/spec/scalesim/scalesim-topology.ts
// reproduces SCALE-Sim's count by adding that missing bottom/right zero padding; tests/lower/shape.test.ts checks
// both. A gemm layer is M = m, N = n, K = k with eh = m, ew = 1, which is how
// SCALE-Sim treats a GEMM row (an ifmap of height M and width K, a 1×K filter).
// A batch of B samples (issue 14): a convolution's samples share its filters, so they stack in M = B·Eh·Ew; a gemm
// with weights (one input) stacks them too, M = B·m; a gemm of two activations (its B operand is a producer's
// output, e.g. attention's scores and context) has a B operand per sample, so the batch multiplies its groups.
import type { ComputeLayer, ConvLayer, Layer, TensorShape } from '../spec/types.ts';

/** One layer's GEMM work: `groups` independent M×K by K×N products; M = samples·eh·ew (eh·ew output pixels or gemm
 *  rows per sample, `samples` of the batch stacked in M). */
export interface LoweredGemm {
  M: number;
  N: number;
  K: number;
  groups: number;
  eh: number;
  ew: number;
  samples: number;
}

/** Output height and width of a convolution or pooling window (padding applied). */
export function convOutput(layer: Pick<ConvLayer, 'ifmap' | 'filter' | 'stride' | 'padding'>): { eh: number; ew: number } {
  const { ifmap, filter, stride, padding } = layer;
  const eh = Math.floor((ifmap.h + padding.top + padding.bottom - filter.h) / stride.h) + 1;
  const ew = Math.floor((ifmap.w + padding.left + padding.right - filter.w) / stride.w) + 1;
  return { eh, ew };
}

/** A gemm whose B operand is another layer's output (two inputs), not weights. */
export const isActivationGemm = (layer: ComputeLayer): boolean => layer.kind === 'gemm' && layer.inputs.length >= 2;

/** Lower a conv/dwconv/gconv or gemm layer to its GEMM shape, for a batch of `batch` samples (default 1). */
export function lowerLayer(layer: ComputeLayer, batch = 1): LoweredGemm {
  if (layer.kind === 'gemm') {
    const [samples, groups] = isActivationGemm(layer) ? [1, layer.groups * batch] : [batch, layer.groups];
    return { M: samples * layer.m, N: layer.n, K: layer.k, groups, eh: layer.m, ew: 1, samples };
  }
  const { eh, ew } = convOutput(layer);
  return {
    M: batch * eh * ew,
    N: layer.filters / layer.groups,
    K: (layer.filter.h * layer.filter.w * layer.ifmap.c) / layer.groups,
    groups: layer.groups,
    eh,
    ew,
    samples: batch,
  };
}

/** Multiply-accumulates of a layer: M·N·K per group (for a batch of `batch` samples). */
export function layerMacs(layer: ComputeLayer, batch = 1): number {
  const g = lowerLayer(layer, batch);
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
