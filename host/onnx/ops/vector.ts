// The layers between the GEMMs: element-wise arithmetic, activations, softmax and layer normalisation → Systole's
// eltwise, activation, softmax and layernorm layers (run on the vector unit). Arithmetic on constants only (shape
// computations) is folded: no layer, values kept when they are integers.
import { type NodeContext, type TensorInfo, axisOf, fmtDims, product } from '../node.ts';
import { broadcast, layerShape, perSample } from './shapes.ts';

const ELTWISE = { Add: 'add', Sub: 'sub', Mul: 'mul', Div: 'mul' } as const;

/** Integer arithmetic of two constants (a scalar broadcast over a vector, or two vectors of one length). */
function foldConstants(op: keyof typeof ELTWISE, a: number[] | null, b: number[] | null): number[] | null {
  if (a === null || b === null || (a.length !== b.length && a.length !== 1 && b.length !== 1)) return null;
  const len = Math.max(a.length, b.length);
  const f = { Add: (x: number, y: number) => x + y, Sub: (x: number, y: number) => x - y, Mul: (x: number, y: number) => x * y, Div: (x: number, y: number) => Math.trunc(x / y) }[op];
  return Array.from({ length: len }, (_, i) => f(a[a.length === 1 ? 0 : i], b[b.length === 1 ? 0 : i]));
}

/** Add, Sub, Mul → eltwise add/sub/mul; Div by a constant → eltwise mul (by its reciprocal). Every computed input
 *  must have the output's shape (a constant operand may broadcast: a bias, a scale). */
export function eltwise(ctx: NodeContext): TensorInfo[] {
  const opType = ctx.node.opType as keyof typeof ELTWISE;
  const a = ctx.input(0);
  const b = ctx.input(1);
  const dims = broadcast(ctx, a.dims, b.dims);
  if (a.constant && b.constant) {
    return [{ dims, sources: [], constant: true, values: foldConstants(opType, a.values, b.values), layer: null }];
  }
  if (opType === 'Div' && !b.constant) ctx.fail('the divisor is computed, not a constant', 'Systole maps Div by a constant (as a multiply); other divisions are not supported');
  const computed = [a, b].filter((t) => !t.constant);
  const partial = computed.find((t) => product(t.dims) !== product(dims));
  if (partial !== undefined) {
    ctx.fail(`a computed ${fmtDims(partial.dims)} operand is broadcast to ${fmtDims(dims)}`, 'Systole\'s element-wise layers read inputs of the output\'s shape (only a constant operand may broadcast)');
  }
  const out: TensorInfo = { dims, sources: [], constant: false, values: null, layer: null };
  const name = ctx.emit({ kind: 'eltwise', op: ELTWISE[opType], shape: layerShape(ctx, computed[0]) }, computed);
  return [{ ...out, sources: [name], layer: name }];
}

const ACTIVATIONS = { Relu: 'relu', Clip: 'clip', Sigmoid: 'sigmoid', Tanh: 'tanh', Gelu: 'gelu' } as const;

/** Relu, Clip, Sigmoid, Tanh, Gelu → activation (Clip's bounds may be inputs or attributes; they change no cost). */
export function activation(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  for (let i = 1; i < ctx.node.inputs.length; i++) {
    const bound = ctx.optional(i);
    if (bound !== null && !bound.constant) ctx.fail(`input ${i} (a bound) is computed, not a constant`, 'give Clip constant bounds');
  }
  if (x.constant) ctx.fail('its input is a constant', 'fold the constant out of the model');
  const op = ACTIVATIONS[ctx.node.opType as keyof typeof ACTIVATIONS];
  const name = ctx.emit({ kind: 'activation', op, shape: layerShape(ctx, x) }, [x]);
  return [{ dims: x.dims, sources: [name], constant: false, values: null, layer: name }];
}

/** Rows × length of a per-row op over dims[axis..] (LayerNormalization; Softmax before opset 13, which coerces its
 *  input to 2-D there) or over dims[axis] alone (Softmax from opset 13), rows per sample. */
function rowwise(ctx: NodeContext, kind: 'softmax' | 'layernorm', x: TensorInfo, axis: number, tail: boolean): TensorInfo[] {
  if (x.constant) ctx.fail('its input is a constant', 'fold the constant out of the model');
  const a = axisOf(ctx, axis, x.dims.length);
  const length = tail ? product(x.dims.slice(a)) : x.dims[a];
  const rows = perSample(ctx, product(x.dims) / length, `the rows of ${fmtDims(x.dims)} along axis ${axis}`);
  const name = ctx.emit({ kind, length, rows }, [x]);
  return [{ dims: x.dims, sources: [name], constant: false, values: null, layer: name }];
}

export function softmax(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  const modern = ctx.opset >= 13;
  return rowwise(ctx, 'softmax', x, ctx.attr.int('axis', modern ? -1 : 1), !modern);
}

/** LayerNormalization (opset 17): normalised over dims[axis..]; Mean and InvStdDev outputs are training outputs. */
export function layerNorm(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  ctx.input(1);
  return rowwise(ctx, 'layernorm', x, ctx.attr.int('axis', -1), true);
}
