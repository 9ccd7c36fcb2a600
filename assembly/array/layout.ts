// Edge streams: how operand words wait at the array's edges.
//
// A row of PEs that passes an operand one PE to the right per cycle is a shift register: the word in PE(i, j) at
// cycle t is the word that entered row i at cycle t − j. The core keeps each row's entering words, reversed in
// time, as one padded vector in memory; moving the read window by one word per cycle is the same as moving every
// register of the row one PE, and PE(i, j..j+3)'s registers are then four consecutive words (one v128 load).
// Columns that pass an operand down are kept the same way, skewed so that a row of PEs reads one contiguous row.

/** Zero words on both sides of every stream, so a v128 that overhangs the valid words reads zeros. */
export const PAD: i32 = 4;

/** Words per row of a lane-padded buffer holding n columns (a multiple of 4, at least one spare vector). */
export function laneStride(n: i32): i32 {
  return ((n + 3) & ~3) + 4;
}

/**
 * Reversed rows: dst row q (stride len + 2·PAD) holds src[q][len−1−p] at PAD + p, zeros around.
 * src element (q, p) is at src + (q·qStride + p·pStride)·4, so transposed sources need no copy.
 */
export function reversedRows(src: usize, rows: i32, len: i32, qStride: i32, pStride: i32): usize {
  const stride = len + 2 * PAD;
  const dst = heap.alloc(<usize>rows * <usize>stride << 2);
  for (let q = 0; q < rows; q++) {
    // The padding on both sides is zero; every word between is written below.
    const start = dst + (<usize>q * <usize>stride << 2);
    memory.fill(start, 0, <usize>PAD << 2);
    memory.fill(start + (<usize>(PAD + len) << 2), 0, <usize>PAD << 2);
    const row = dst + ((<usize>q * <usize>stride + <usize>(PAD + len - 1)) << 2);
    let s = src + (<usize>q * <usize>qStride << 2);
    for (let p = 0; p < len; p++) {
      store<i32>(row - (<usize>p << 2), load<i32>(s));
      s += <usize>pStride << 2;
    }
  }
  return dst;
}

/**
 * Top-edge stream of an OS fold: row d, column j (stride laneStride(c)) holds B[d − j][n0 + j] for 0 ≤ d − j < K,
 * zero elsewhere: the word column j of the array receives at cycle d. Rows: K + c − 1.
 */
export function skewedColumns(b: usize, n: i32, k: i32, n0: i32, c: i32): usize {
  const stride = laneStride(c);
  const rows = k + c - 1;
  const dst = heap.alloc(<usize>rows * <usize>stride << 2);
  memory.fill(dst, 0, <usize>rows * <usize>stride << 2);
  for (let j = 0; j < c; j++) {
    let s = b + (<usize>(n0 + j) << 2);
    let d = dst + ((<usize>j * <usize>stride + <usize>j) << 2);
    for (let kk = 0; kk < k; kk++) {
      store<i32>(d, load<i32>(s));
      s += <usize>n << 2;
      d += <usize>stride << 2;
    }
  }
  return dst;
}
