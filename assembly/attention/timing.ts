// When each PE of an array works on one op instance, in closed form: the instance's wavefront. PE (i, j) of the 2D
// array (PE i of the 1D array, j = 0) is busy over [T + off(i, j), T + off(i, j) + w), off affine in i and j:
//
//   op         off(i, j)                       w            row result (scalar/vector) of row i ready at
//   Qk         fill·i + skew·j                 E            –
//   Pv         fill·i + chain·j                F            fill·i + F + pvTail (the sums leave the row end)
//   RowMax/Sum fill·i + chain·j                chain ? 1 : reduce   fill·i + reduce (chain: c; tree: log2 c; 1)
//   ExpDiff2   fill·i + drain·(c − 1 − j)      exp          (the scalar enters at the row end at T + fill·i and
//                                                            reaches column j after c − 1 − j hops)
//   1D ops     fill·i (one PE per query)       steps·cost   off + w       (PEs < rows: off 0, w over all passes)
//
// Consecutive Einsums are ordered PE by PE, not op by op: an instance B may start at T_B when every PE it uses has
// finished the previous instance A on its array, and every operand has reached it there:
//   same array   T_B + off_B(i, j) ≥ T_A + off_A(i, j) + w_A                  (a PE runs one op at a time, in order)
//   tile operand T_B + off_B(i, j) ≥ T_A + off_A(i, j) + w_A                  (the producer's value at that PE;
//                                                                             a 1D reader needs its whole row)
//   row operand  T_B + in_B(i) ≥ T_A + out_A(i)                               (in: fill·i, or off for 1D ops)
// The bounds are affine, so their maximum over the array is at a corner: lag(A, B) below. With fill, skew and drain
// off and one-cycle reductions every offset is 0 and an Einsum waits for the previous one to end everywhere.
// datapath.ts steps the Qk and Pv windows cycle by cycle when values are computed and checks their last active cycle
// against span() (AttnStat.StepMismatches).
import { OpField, OpKind } from '../shared/attention';

export class Machine {
  rows: i32 = 1; // R: queries per block
  cols: i32 = 1; // C: keys per tile (M0)
  pes: i32 = 1; // 1D PEs
  fill: bool = true;
  skew: bool = true;
  drain: bool = true;
  tree: bool = false;
  oneCycle: bool = false;
  e: i32 = 1;
  f: i32 = 1;
}

export const M = new Machine();

/** ceil(log2 n) for n ≥ 1. */
export function log2Ceil(n: i32): i32 {
  let l = 0;
  while ((1 << l) < n) l++;
  return l;
}

/** Cycles a row reduction over `c` columns takes: a chain passes one column per cycle, a tree halves per level. */
export function rowReduceCycles(c: i32): i32 {
  if (M.oneCycle) return 1;
  if (M.tree) return max(1, log2Ceil(c));
  return c;
}

/** Extra cycles after the last product of a Pv step before its sum leaves the row (chain: the skew the sums ride). */
export function pvTail(c: i32): i32 {
  if (M.oneCycle) return 0;
  if (M.tree) return log2Ceil(c);
  return c - 1;
}

/** Steps per query of a 1D op: 1 (scalars), F (vectors) or C (a tile row). */
export function steps1d(kind: OpKind): i32 {
  if (kind >= OpKind.SMax && kind <= OpKind.SDiv) return 1;
  if (kind >= OpKind.VMulS) return M.f;
  return M.cols;
}

export const is2d = (kind: OpKind): bool => kind <= OpKind.ExpDiff2;

/** Whether operand A of an op of this kind is a [p, m0] tile (operand B never is). */
export function readsTile(kind: OpKind): bool {
  return kind != OpKind.Qk && kind <= OpKind.Div1T;
}

/** One op's wavefront: off(i, j) = offI·i + offJ·j + off0, w; row results out(i) = outI·i + out0; row operands read
 *  at in(i) = inI·i. */
export class Shape {
  offI: i32 = 0;
  offJ: i32 = 0;
  off0: i32 = 0;
  w: i32 = 0;
  outI: i32 = 0;
  out0: i32 = 0;
  inI: i32 = 0;
}

export function shapeOf(kind: OpKind, cost: i32): Shape {
  const s = new Shape();
  const r = M.rows;
  const c = M.cols;
  const fi = M.fill ? 1 : 0;
  const chain = !M.oneCycle && !M.tree ? 1 : 0;
  s.offI = fi;
  s.inI = fi;
  s.outI = fi;
  switch (kind) {
    case OpKind.Qk:
      s.offJ = M.skew ? 1 : 0;
      s.w = M.e;
      s.out0 = s.offJ * (c - 1) + s.w;
      break;
    case OpKind.Pv:
      s.offJ = chain;
      s.w = M.f;
      s.out0 = M.f + pvTail(c);
      break;
    case OpKind.RowMax:
    case OpKind.RowSum:
      s.offJ = chain;
      s.w = chain == 1 ? 1 : rowReduceCycles(c);
      s.out0 = rowReduceCycles(c);
      break;
    case OpKind.ExpDiff2: {
      const d = M.drain ? 1 : 0;
      s.offJ = -d;
      s.off0 = d * (c - 1);
      s.w = cost;
      s.out0 = s.off0 + cost;
      break;
    }
    default: {
      const passes = (r + M.pes - 1) / M.pes;
      const f1 = passes == 1 ? fi : 0;
      s.offI = f1;
      s.inI = f1;
      s.outI = f1;
      s.w = passes * steps1d(kind) * cost;
      s.out0 = s.w;
    }
  }
  return s;
}

@inline function maxCorner(ci: i32, cj: i32, c0: i32): i32 {
  return c0 + max(0, ci * (M.rows - 1)) + max(0, cj * (M.cols - 1));
}

/** Cycles from an instance's start until its last PE is done and its last row result is out. */
export function span(s: Shape): i32 {
  return max(maxCorner(s.offI, s.offJ, s.off0 + s.w), s.out0 + max(0, s.outI * (M.rows - 1)));
}

/** Least T_B − T_A that lets every PE of B start after A's value (or A's use of the PE) is done there. */
export function tileLag(a: Shape, b: Shape): i32 {
  return maxCorner(a.offI - b.offI, a.offJ - b.offJ, a.off0 + a.w - b.off0);
}

/** Least T_B − T_A that lets every row of B read A's row result. */
export function rowLag(a: Shape, b: Shape): i32 {
  return a.out0 + max(0, (a.outI - b.inI) * (M.rows - 1));
}

/** Cycles one instance of an op of `kind` with `cost` cycles per element step spans (first PE start to last end). */
export function opCycles(kind: OpKind, cost: i32): i32 {
  return span(shapeOf(kind, cost));
}

/** Element steps one instance performs on `rows` queries × `cols` keys of its tile (the rest masked padding; PE-cycles
 *  of work = elements × cost). */
export function opElements(kind: OpKind, rows: i32, cols: i32): f64 {
  const r = <f64>rows;
  const c = <f64>cols;
  switch (kind) {
    case OpKind.Qk:
      return r * c * <f64>M.e;
    case OpKind.Pv:
      return r * c * <f64>M.f;
    case OpKind.RowMax:
    case OpKind.RowSum:
    case OpKind.ExpDiff2:
      return r * c;
    default:
      return r * (kind >= OpKind.Red1Max && kind <= OpKind.Div1T ? c : <f64>steps1d(kind)); // a tile row: its keys
  }
}

export const MAX_OPS_T: i32 = 32;
/** Per op: its span, w; per op pair (a·MAX_OPS_T + b): tile and row lags. Filled by buildLags from the op table. */
export const SPAN = new StaticArray<i32>(MAX_OPS_T);
export const WORK = new StaticArray<i32>(MAX_OPS_T);
export const TILE_LAG = new StaticArray<i32>(MAX_OPS_T * MAX_OPS_T);
export const ROW_LAG = new StaticArray<i32>(MAX_OPS_T * MAX_OPS_T);
/** The longest span: a start further back than this cannot constrain anything any more. */
export let maxSpan: i32 = 0;

export function buildLags(nOps: i32, ops: usize): void {
  const shapes: Array<Shape> = [];
  for (let o = 0; o < nOps; o++) {
    const row = ops + ((<usize>o * <usize>OpField.COUNT) << 3);
    const kind = <OpKind>(<i32>load<f64>(row + (<usize>OpField.Kind << 3)));
    const cost = <i32>load<f64>(row + (<usize>OpField.Cost << 3));
    shapes.push(shapeOf(kind, cost));
  }
  maxSpan = 0;
  for (let a = 0; a < nOps; a++) {
    SPAN[a] = span(shapes[a]);
    WORK[a] = shapes[a].w;
    maxSpan = max(maxSpan, SPAN[a]);
    for (let b = 0; b < nOps; b++) {
      TILE_LAG[a * MAX_OPS_T + b] = tileLag(shapes[a], shapes[b]);
      ROW_LAG[a * MAX_OPS_T + b] = rowLag(shapes[a], shapes[b]);
    }
  }
}
