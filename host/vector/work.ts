// A layer between the GEMMs as vector-unit work: work items (an output element, or a row for softmax and layer
// norm), how each reads its inputs (VectorPattern, shared with the core), and the operations one item takes, by
// kind. Shapes are per sample; a batch multiplies the items. Ops per item (L = row length, W = window size):
//   pool max: W − 1 add (compares); pool avg: W − 1 add, 1 mul (× 1/W). Padding positions count in W (the window
//     is a fixed circuit; a padded position compares against −∞ or adds 0).
//   eltwise over N operands (N = its inputs, at least 2: one input's other operand is the network input or a
//     constant): N − 1 add (add, sub) or N − 1 mul.
//   activation: relu 1 add (max with 0); clip 2 add (max, min); sigmoid, tanh 1 exp (one transcendental op each);
//     gelu 0.5·x·(1 + erf(x/√2)): 3 mul, 1 add, 1 exp (erf); silu x·σ(x): 1 exp, 1 mul.
//   softmax of a row: max L − 1 add, x − max L add, exp L, sum L − 1 add, one reciprocal (div), L mul:
//     3L − 2 add, L exp, 1 div, L mul.
//   layernorm of a row: mean L − 1 add + 1 mul; x − mean L add; squares L mul; their sum L − 1 add; variance 1 mul;
//     + ε 1 add; 1 rsqrt; × rstd L mul; × γ L mul; + β L add: 4L − 1 add, 3L + 2 mul, 1 rsqrt; weights γ, β: 2L.
import { convOutput } from '../lower/shape.ts';
import { VectorPattern } from '../../assembly/shared/kinds.ts';
import type { ActivationOp, ArchSpec, VectorLayer, VectorOp } from '../spec/types.ts';
import { VECTOR_OPS } from '../spec/types.ts';

export type VectorOps = Record<VectorOp, number>;

/** A vector layer's work for the core (assembly/vector/unit.ts). */
export interface VectorWork {
  pattern: VectorPattern;
  items: number;
  /** Operands per item (element-wise patterns). */
  operands: number;
  /** Row length (rows pattern). */
  rowLength: number;
  /** Weight words every item reads (layer norm's γ and β). */
  weights: number;
  outPerItem: number;
  /** Words of the input address space (every operand, every sample). */
  inputSpace: number;
  opsPerItem: VectorOps;
  /** Pooling: input h×w×c per sample, window, stride, top/left padding, output eh×ew. */
  pool?: { h: number; w: number; c: number; fh: number; fw: number; sh: number; sw: number; pt: number; pl: number; eh: number; ew: number };
}

const ops = (o: Partial<VectorOps>): VectorOps => ({ add: 0, mul: 0, div: 0, exp: 0, rsqrt: 0, ...o });

const ACTIVATION_OPS: Record<ActivationOp, VectorOps> = {
  relu: ops({ add: 1 }),
  clip: ops({ add: 2 }),
  sigmoid: ops({ exp: 1 }),
  tanh: ops({ exp: 1 }),
  gelu: ops({ mul: 3, add: 1, exp: 1 }),
  silu: ops({ exp: 1, mul: 1 }),
};

/** Contract: the vector-unit work of `layer` for a batch of `batch` samples. */
export function vectorWork(layer: VectorLayer, batch: number): VectorWork {
  const none = { operands: 1, rowLength: 1, weights: 0, outPerItem: 1 };
  switch (layer.kind) {
    case 'pool': {
      const { eh, ew } = convOutput(layer);
      const { h, w, c } = layer.ifmap;
      const window = layer.filter.h * layer.filter.w;
      return {
        ...none,
        pattern: VectorPattern.Pool,
        items: batch * eh * ew * c,
        inputSpace: batch * h * w * c,
        opsPerItem: layer.op === 'max' ? ops({ add: window - 1 }) : ops({ add: window - 1, mul: 1 }),
        pool: { h, w, c, fh: layer.filter.h, fw: layer.filter.w, sh: layer.stride.h, sw: layer.stride.w, pt: layer.padding.top, pl: layer.padding.left, eh, ew },
      };
    }
    case 'eltwise':
    case 'activation': {
      const items = batch * layer.shape.h * layer.shape.w * layer.shape.c;
      const n = layer.kind === 'eltwise' ? Math.max(2, layer.inputs.length) : 1;
      const perItem = layer.kind === 'activation' ? ACTIVATION_OPS[layer.op] : layer.op === 'mul' ? ops({ mul: n - 1 }) : ops({ add: n - 1 });
      return { ...none, pattern: VectorPattern.Elementwise, items, operands: n, inputSpace: n * items, opsPerItem: perItem };
    }
    case 'softmax':
    case 'layernorm': {
      const L = layer.length;
      const items = batch * layer.rows;
      const perItem = layer.kind === 'softmax' ? ops({ add: 3 * L - 2, exp: L, div: 1, mul: L }) : ops({ add: 4 * L - 1, mul: 3 * L + 2, rsqrt: 1 });
      return {
        ...none, pattern: VectorPattern.Rows, items, rowLength: L, weights: layer.kind === 'layernorm' ? 2 * L : 0,
        outPerItem: L, inputSpace: items * L, opsPerItem: perItem,
      };
    }
  }
}

/** Cycles one step takes on `arch`'s vector unit: each kind's ops one after another, ceil(ops / opsPerCycle)
 *  cycles each, at least 1 (a lane passes its item on even with nothing to compute). */
export function cyclesPerStep(arch: ArchSpec, perItem: VectorOps): number {
  const cycles = VECTOR_OPS.reduce((a, op) => a + (perItem[op] > 0 ? Math.ceil(perItem[op] / arch.vector.opsPerCycle[op]) : 0), 0);
  return Math.max(1, cycles);
}
