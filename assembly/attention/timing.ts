// How long one op instance keeps its array busy, and how much work it does, from the PE windows of datapath.ts:
// PE (i, j) of the 2D array is active over [start(i, j), start(i, j) + steps) and the op ends after its last active
// cycle (plus the reduction tail of Pv). datapath.ts steps these windows cycle by cycle when values are computed; the
// scheduler uses the closed forms below. tests/attention/timing.test.ts checks the two agree (the stepped run
// measures its last active cycle).
import { OpKind } from '../shared/attention';

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

/** Cycles one instance of an op of `kind` with `cost` cycles per element step occupies its array. */
export function opCycles(kind: OpKind, cost: i32): i32 {
  const r = M.rows;
  const c = M.cols;
  const fillD = M.fill ? r - 1 : 0;
  switch (kind) {
    case OpKind.Qk:
      return M.e + fillD + (M.skew ? c - 1 : 0);
    case OpKind.Pv:
      return M.f + fillD + pvTail(c);
    case OpKind.RowMax:
    case OpKind.RowSum:
      return rowReduceCycles(c);
    case OpKind.ExpDiff2:
      return cost + (M.drain ? c - 1 : 0);
    default: {
      const passes = (r + M.pes - 1) / M.pes;
      return passes * steps1d(kind) * cost;
    }
  }
}

/** Element steps one instance performs (PE-cycles of work = elements × cost). */
export function opElements(kind: OpKind): f64 {
  const r = <f64>M.rows;
  const c = <f64>M.cols;
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
      return r * <f64>steps1d(kind);
  }
}
