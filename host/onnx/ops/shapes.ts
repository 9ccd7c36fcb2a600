// Shape helpers shared by the operator handlers: per-sample sizes, the h×w×c a vector layer is given, and numpy
// broadcasting.
import { type NodeContext, type Shape3, type TensorInfo, fmtDims, product } from '../node.ts';

/** Elements of one sample of a tensor whose dimension 0 is the batch (a whole tensor divided by the batch). */
export function perSample(ctx: NodeContext, total: number, what: string): number {
  if (total % ctx.batch !== 0) ctx.fail(`${what} (${total}) is not a multiple of the batch ${ctx.batch}`, 'keep the batch as the first dimension of every tensor');
  return total / ctx.batch;
}

/** The per-sample h×w×c of a tensor a vector layer reads: its producer's output layout when it is that layer's
 *  output (possibly reshaped: same element count), else NCHW → H×W×C, [N, S, D] → S×1×D, [N, D] → 1×1×D, and
 *  any other rank → (elements / last)×1×last. */
export function layerShape(ctx: NodeContext, t: TensorInfo): Shape3 {
  const elements = perSample(ctx, product(t.dims), `the ${fmtDims(t.dims)} tensor's element count`);
  if (t.sources.length === 1) {
    const out = ctx.layerOutput(t.sources[0]);
    if (out !== null && out.h * out.w * out.c === elements) return out;
  }
  const d = t.dims;
  if (d.length === 4 && d[0] === ctx.batch) return { h: d[2], w: d[3], c: d[1] };
  const last = d.length === 0 ? 1 : d[d.length - 1];
  return { h: elements / last, w: 1, c: last };
}

/** Numpy (multidirectional) broadcasting of two shapes, failing naming both. */
export function broadcast(ctx: NodeContext, a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) ctx.fail(`shapes ${fmtDims(a)} and ${fmtDims(b)} do not broadcast`, 'fix the model');
    out.push(x === 1 ? y : x);
  }
  return out;
}
