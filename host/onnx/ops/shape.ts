// Shape-only operators: no layer, only the tensor's dimensions change (and constants' integer values are computed,
// so shape computations such as Shape → Gather → Unsqueeze → Concat → Reshape resolve). Reshape, Flatten, Transpose,
// Squeeze, Unsqueeze, Concat, Identity, Dropout, Cast, Constant, Shape, and Gather of constants.
import { type NodeContext, type TensorInfo, axisOf, derived, fmtDims, product } from '../node.ts';

/** Constant integer values of input i (axes, shapes), failing when they are computed at run time. */
function constValues(ctx: NodeContext, i: number, what: string): number[] {
  const t = ctx.input(i);
  if (!t.constant || t.values === null) ctx.fail(`its ${what} (input ${i}) is not a constant integer tensor`, 'export the model with static shapes (e.g. torch.onnx.export without dynamic_axes, then onnx-simplifier)');
  return t.values;
}

/** The axes of Squeeze/Unsqueeze: an attribute before opset 13, input 1 from opset 13. */
function axesOf(ctx: NodeContext): number[] | null {
  if (ctx.opset < 13) return ctx.attr.ints('axes');
  return ctx.optional(1) === null ? null : constValues(ctx, 1, 'axes');
}

export function reshape(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  const target = ctx.opset < 5 ? ctx.attr.ints('shape') ?? ctx.fail('the shape attribute is missing', 'fix the model') : constValues(ctx, 1, 'target shape');
  const allowZero = ctx.attr.int('allowzero', 0) === 1;
  const dims = target.map((d, i) => (d === 0 && !allowZero ? (x.dims[i] ?? ctx.fail(`target dim ${i} is 0 (copy) beyond the input's rank ${x.dims.length}`, 'fix the model')) : d));
  const unknown = dims.filter((d) => d === -1).length;
  if (unknown > 1 || dims.some((d) => d < -1)) ctx.fail(`target shape [${target.join(',')}] has more than one -1 or a negative dimension`, 'fix the model');
  const known = product(dims.filter((d) => d !== -1));
  const total = product(x.dims);
  if (unknown === 1) {
    if (known === 0 || total % known !== 0) ctx.fail(`cannot reshape ${fmtDims(x.dims)} to [${target.join(',')}]`, 'fix the target shape');
    dims[dims.indexOf(-1)] = total / known;
  } else if (known !== total) {
    ctx.fail(`cannot reshape ${fmtDims(x.dims)} (${total} elements) to ${fmtDims(dims)} (${known})`, 'fix the target shape');
  }
  return [derived(x, dims, x.values)];
}

export function flatten(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  const r = x.dims.length;
  const raw = ctx.attr.int('axis', 1);
  const axis = raw < 0 ? raw + r : raw;
  if (axis < 0 || axis > r) ctx.fail(`axis ${raw} is out of range for a tensor of rank ${r}`, `use an axis in ${-r}..${r}`);
  return [derived(x, [product(x.dims.slice(0, axis)), product(x.dims.slice(axis))], x.values)];
}

export function transpose(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  const r = x.dims.length;
  const perm = ctx.attr.ints('perm') ?? x.dims.map((_, i) => r - 1 - i);
  const sorted = [...perm].sort((p, q) => p - q);
  if (perm.length !== r || sorted.some((p, i) => p !== i)) ctx.fail(`perm [${perm.join(',')}] is not a permutation of 0..${r - 1}`, 'fix the model');
  return [derived(x, perm.map((p) => x.dims[p]), r <= 1 ? x.values : null)];
}

export function squeeze(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  const axes = axesOf(ctx)?.map((a) => axisOf(ctx, a, x.dims.length, 'axes'));
  if (axes !== undefined && axes.some((a) => x.dims[a] !== 1)) ctx.fail(`squeezes an axis of ${fmtDims(x.dims)} whose size is not 1`, 'fix the axes');
  return [derived(x, x.dims.filter((d, i) => (axes === undefined ? d !== 1 : !axes.includes(i))), x.values)];
}

export function unsqueeze(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  const given = axesOf(ctx) ?? ctx.fail('axes are missing', 'give the axes to insert');
  const rank = x.dims.length + given.length;
  const axes = given.map((a) => axisOf(ctx, a, rank, 'axes'));
  const dims: number[] = [];
  let next = 0;
  for (let i = 0; i < rank; i++) dims.push(axes.includes(i) ? 1 : x.dims[next++]);
  return [derived(x, dims, x.values)];
}

/** Concat: the dims add up along the axis. Constants (shape computations) are joined; a computed tensor may be
 *  joined with constants (e.g. a class token), keeping its producer. Two or more computed tensors (a channel
 *  concatenation, as in Inception or DenseNet) are refused: a Systole layer reads one producer per operand. */
export function concat(ctx: NodeContext): TensorInfo[] {
  const inputs = ctx.node.inputs.map((_, i) => ctx.input(i));
  const computed = inputs.filter((t) => !t.constant);
  if (computed.length > 1) {
    const from = [...new Set(computed.flatMap((t) => t.sources))];
    ctx.fail(`it concatenates ${computed.length} computed tensors${from.length > 0 ? ` (from ${from.map((n) => `'${n}'`).join(', ')})` : ''}`, 'Systole\'s layers read one producer per operand: a concatenation of activations is not supported yet');
  }
  const first = inputs[0];
  if (!ctx.attr.has('axis')) ctx.fail('the axis attribute is missing', 'give the axis to concatenate along');
  const axis = axisOf(ctx, ctx.attr.int('axis', 0), first.dims.length);
  for (const t of inputs) {
    if (t.dims.length !== first.dims.length || t.dims.some((d, i) => i !== axis && d !== first.dims[i])) {
      ctx.fail(`inputs ${inputs.map((u) => fmtDims(u.dims)).join(', ')} differ outside axis ${axis}`, 'fix the model');
    }
  }
  const dims = first.dims.map((d, i) => (i === axis ? inputs.reduce((s, t) => s + t.dims[axis], 0) : d));
  const constant = inputs.every((t) => t.constant);
  const values = constant && inputs.every((t) => t.values !== null) && dims.length === 1 ? inputs.flatMap((t) => t.values!) : null;
  return [{ dims, sources: [...new Set(inputs.flatMap((t) => t.sources))], constant, values, layer: null }];
}

/** Identity, Dropout (inference: the identity; its mask output is not provided), Cast: the same tensor (no longer a
 *  layer's own output: a BatchNormalization after it is not folded, as the layer's output may have other readers). */
export function identity(ctx: NodeContext): TensorInfo[] {
  return [{ ...ctx.input(0), layer: null }];
}

/** Constant: value (a tensor), value_int(s) or value_float(s). */
export function constant(ctx: NodeContext): TensorInfo[] {
  const { attr } = ctx;
  const t = attr.tensor('value');
  if (t !== null) {
    if (t.external) ctx.fail('its value is stored in an external data file', 'save the model with its data inside the .onnx file');
    return [{ dims: t.dims, sources: [], constant: true, values: t.ints, layer: null }];
  }
  if (attr.has('value_int')) return [{ dims: [], sources: [], constant: true, values: [attr.int('value_int', 0)], layer: null }];
  const ints = attr.ints('value_ints');
  if (ints !== null) return [{ dims: [ints.length], sources: [], constant: true, values: ints, layer: null }];
  if (attr.has('value_float')) return [{ dims: [], sources: [], constant: true, values: null, layer: null }];
  if (attr.has('value_floats')) {
    const n = ctx.node.attributes.find((a) => a.name === 'value_floats')!.floats.length;
    return [{ dims: [n], sources: [], constant: true, values: null, layer: null }];
  }
  return ctx.fail(`has no value attribute Systole reads (it has ${attr.names().join(', ') || 'none'})`, 'give value, value_int(s) or value_float(s)');
}

/** Shape: the input's (static) dims as a constant, sliced by start/end (opset 15). */
export function shape(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  const r = x.dims.length;
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
  const values = x.dims.slice(clamp(ctx.attr.int('start', 0)), clamp(ctx.attr.int('end', r)));
  return [{ dims: [values.length], sources: [], constant: true, values, layer: null }];
}

/** Gather of constants (shape computations: pick one dimension of a Shape). Gathering computed tensors (an
 *  embedding lookup) is not supported. */
export function gather(ctx: NodeContext): TensorInfo[] {
  const data = ctx.input(0);
  const indices = ctx.input(1);
  if (!data.constant || !indices.constant) ctx.fail('it gathers from a computed tensor (an embedding lookup, a slice of activations)', 'Systole imports Gather only in shape computations (constant data and indices)');
  const axis = axisOf(ctx, ctx.attr.int('axis', 0), data.dims.length);
  const dims = [...data.dims.slice(0, axis), ...indices.dims, ...data.dims.slice(axis + 1)];
  const values = data.values !== null && indices.values !== null && data.dims.length === 1
    ? indices.values.map((i) => data.values![i < 0 ? i + data.dims[0] : i] ?? ctx.fail(`index ${i} is out of range for ${data.dims[0]} values`, 'fix the model'))
    : null;
  return [{ dims, sources: [], constant: true, values, layer: null }];
}
