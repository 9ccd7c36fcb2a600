// Block-diagonal packing: several independent GEMMs (groups) share one fold on disjoint row and column blocks.
// PE(i, j) works only when row block i / rb equals column block j / cb; the others pass operands on untouched.
// rb = 0 means no packing (every PE of the fold works).

let rb: i32 = 0;
let cb: i32 = 0;

/** Contract: sets the block shape for the following folds (0, 0: dense). */
export function setBlockShape(rows: i32, cols: i32): void {
  rb = rows;
  cb = cols;
}

export function blocked(): bool {
  return rb > 0;
}

/** First column of row i's block. */
export function blockColLo(i: i32): i32 {
  return rb > 0 ? (i / rb) * cb : 0;
}

/** Last column of row i's block (inclusive), or `last` without packing. */
export function blockColHi(i: i32, last: i32): i32 {
  if (rb == 0) return last;
  const hi = (i / rb) * cb + cb - 1;
  return hi < last ? hi : last;
}

/** First row of row i's block. */
export function blockRowLo(i: i32): i32 {
  return rb > 0 ? (i / rb) * rb : 0;
}

/** Last row of row i's block (inclusive), or `last` without packing. */
export function blockRowHi(i: i32, last: i32): i32 {
  if (rb == 0) return last;
  const hi = (i / rb) * rb + rb - 1;
  return hi < last ? hi : last;
}

/** PEs of an r × c fold that hold work. */
export function workingPes(r: i32, c: i32): i64 {
  if (rb == 0) return <i64>r * <i64>c;
  let n: i64 = 0;
  for (let i = 0; i < r; i++) {
    const lo = blockColLo(i);
    const hi = blockColHi(i, c - 1);
    if (hi >= lo) n += hi - lo + 1;
  }
  return n;
}
