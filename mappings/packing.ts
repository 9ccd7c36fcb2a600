// Block-diagonal packing of p equal GEMMs (groups) into one GEMM, derived from the dataflow's axes.
//
// A dimension the dataflow lays out in space (array rows or columns) is private to each group, so the packed GEMM
// stacks it p times; the temporal dimension is shared (every group streams the same length). Group g's block of
// each operand sits at block row g (if that operand's row dimension is spatial) and block column g (likewise):
//   OS (rows M, cols N, time K): A = [A_0; A_1; …] (stacked rows), B = [B_0 B_1 …], C = diag(C_g)
//   WS (rows K, cols N, time M): A = [A_0 A_1 …], B = diag(B_g), C = [C_0 C_1 …]
//   IS (rows K, cols M, time N): A = diag(A_g), B = [B_0; B_1; …], C = [C_0; C_1; …]
// On the array group g occupies rows g·sr … and columns g·sc …, and the core lets only those PEs work
// (packBlocks(sr, sc)): every row and column of a systolic array carries its own operand stream (or holds its own
// stationary word), so disjoint blocks never see each other's operands, in all three dataflows.
import type { Dataflow, GemmDim, GemmShape } from './types.ts';

type Operand = 'A' | 'B' | 'C';
const DIMS: Record<Operand, [GemmDim, GemmDim]> = { A: ['M', 'K'], B: ['K', 'N'], C: ['M', 'N'] };

const spatial = (df: Dataflow, d: GemmDim): boolean => df.axes.time !== d;

/** Which dimensions of a packed GEMM are stacked per group (the spatial ones), for p > 1. */
export function stackedDims(df: Dataflow, p: number): Record<GemmDim, boolean> {
  return { M: p > 1 && spatial(df, 'M'), N: p > 1 && spatial(df, 'N'), K: p > 1 && spatial(df, 'K') };
}

/** The packed GEMM of p groups of shape g. */
export function packedShape(df: Dataflow, g: GemmShape, p: number): GemmShape {
  const out = { ...g };
  for (const d of ['M', 'N', 'K'] as const) if (spatial(df, d)) out[d] = g[d] * p;
  return out;
}

/** Rows and columns of one group's block on the array (the core's packBlocks arguments). */
export function blockShape(df: Dataflow, g: GemmShape): { rows: number; cols: number } {
  return { rows: g[df.axes.rows], cols: g[df.axes.cols] };
}

/** Where group `index`'s block of `operand` sits in the packed operand (row-major), and the packed row length. */
function placement(df: Dataflow, operand: Operand, g: GemmShape, p: number, index: number) {
  const [rd, cd] = DIMS[operand];
  const rows = g[rd];
  const cols = g[cd];
  const stride = spatial(df, cd) ? cols * p : cols;
  const r0 = spatial(df, rd) ? index * rows : 0;
  const c0 = spatial(df, cd) ? index * cols : 0;
  return { rows, cols, stride, r0, c0 };
}

/** Contract: copies group `index`'s operand (row-major, unpacked) into its block of the packed operand `dst`. */
export function placeBlock(
  df: Dataflow, operand: 'A' | 'B', g: GemmShape, p: number, index: number, src: Int32Array, dst: Int32Array,
): void {
  const { rows, cols, stride, r0, c0 } = placement(df, operand, g, p, index);
  for (let r = 0; r < rows; r++) dst.set(src.subarray(r * cols, (r + 1) * cols), (r0 + r) * stride + c0);
}

/** Contract: group `index`'s output (M×N, row-major) out of the packed result. */
export function takeBlock(df: Dataflow, g: GemmShape, p: number, index: number, c: Int32Array): Int32Array {
  const { rows, cols, stride, r0, c0 } = placement(df, 'C', g, p, index);
  const out = new Int32Array(rows * cols);
  for (let r = 0; r < rows; r++) out.set(c.subarray((r0 + r) * stride + c0, (r0 + r) * stride + c0 + cols), r * cols);
  return out;
}
