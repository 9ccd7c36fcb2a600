// Gemm and MatMul → Systole gemm layers (per sample: the batch is the workload's).
//   Gemm: Y = A'·B' (+ C, absorbed in the output), A' = A or Aᵀ (transA), B' = B or Bᵀ (transB); A' is M×K with
//     the batch in M (after Flatten, M = batch), so the layer is m = M / batch, n = N, k = K.
//   MatMul (numpy semantics): A [..a, M, K] · B [..b, K, N].
//     B without batch dimensions (a weight, or any rank-2 B): one GEMM of all of A's rows: m = (∏a · M) / batch.
//     B with batch dimensions (activation × activation, e.g. attention's Q·Kᵀ and P·V per head): ∏ broadcast(a, b)
//     independent GEMMs; per sample these are the layer's `groups` (the heads), each M×K by K×N. A gemm with groups
//     runs them one after another on the array, which is how the per-head GEMMs of attention are mapped here
//     (one layer per MatMul, not one layer per head).
import { type NodeContext, type TensorInfo, fmtDims, product } from '../node.ts';
import { broadcast, perSample } from './shapes.ts';

function emitGemm(ctx: NodeContext, m: number, n: number, k: number, groups: number, from: TensorInfo[], dims: number[]): TensorInfo[] {
  const name = ctx.emit({ kind: 'gemm', m, n, k, groups }, from);
  return [{ dims, sources: [name], constant: false, values: null, layer: name }];
}

export function gemm(ctx: NodeContext): TensorInfo[] {
  const a = ctx.input(0);
  const b = ctx.input(1);
  ctx.optional(2);
  if (a.dims.length !== 2 || b.dims.length !== 2) ctx.fail(`operands ${fmtDims(a.dims)} and ${fmtDims(b.dims)} are not both rank 2`, 'Gemm multiplies matrices; use MatMul for other ranks');
  const [m, k] = ctx.attr.int('transA', 0) === 1 ? [a.dims[1], a.dims[0]] : a.dims;
  const [kb, n] = ctx.attr.int('transB', 0) === 1 ? [b.dims[1], b.dims[0]] : b.dims;
  if (k !== kb) ctx.fail(`inner dimensions differ: A is ${fmtDims(a.dims)}, B is ${fmtDims(b.dims)} (transA ${ctx.attr.int('transA', 0)}, transB ${ctx.attr.int('transB', 0)})`, 'fix the model');
  if (a.constant) ctx.fail('operand A is a constant', 'Systole maps Gemm with a computed A (the activations)');
  return emitGemm(ctx, perSample(ctx, m, "Gemm's M"), n, k, 1, [a, b], [m, n]);
}

export function matmul(ctx: NodeContext): TensorInfo[] {
  const a0 = ctx.input(0);
  const b0 = ctx.input(1);
  if (a0.dims.length === 0 || b0.dims.length === 0) ctx.fail('an operand is a scalar', 'MatMul needs rank ≥ 1 operands');
  if (a0.constant && b0.constant) ctx.fail('both operands are constants', 'fold the constant product out of the model');
  // Numpy: a rank-1 A is a row [1, K], a rank-1 B a column [K, 1]; the added dimension is dropped from the result.
  const a = a0.dims.length === 1 ? [1, a0.dims[0]] : a0.dims;
  const b = b0.dims.length === 1 ? [b0.dims[0], 1] : b0.dims;
  const [m, k] = a.slice(-2);
  const [kb, n] = b.slice(-2);
  if (k !== kb) ctx.fail(`inner dimensions differ: ${fmtDims(a0.dims)} · ${fmtDims(b0.dims)}`, 'fix the model');
  const batchA = a.slice(0, -2);
  const batchB = b.slice(0, -2);
  const batch = broadcast(ctx, batchA, batchB);
  const dims = [...batch, ...(a0.dims.length === 1 ? [] : [m]), ...(b0.dims.length === 1 ? [] : [n])];
  if (a0.constant) ctx.fail(`operand A ${fmtDims(a0.dims)} is a constant`, 'Systole maps MatMul with a computed A (the activations); write it as a MatMul of the transposed operands');
  if (batchB.length === 0 || product(batchB) === 1 && b0.constant) {
    return emitGemm(ctx, perSample(ctx, product(batchA) * m, 'the rows of A'), n, k, 1, [a0, b0], dims);
  }
  const groups = product(batch);
  return emitGemm(ctx, m, n, k, perSample(ctx, groups, 'the batch dimensions of the product'), [a0, b0], dims);
}
