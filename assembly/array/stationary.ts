// Operand-stationary fold (WS; IS is the same datapath with the operands' roles swapped), register by register.
//
// PE(i, j) holds a stationary word w = Y[k0+i][s0+j]. The streaming operand X (T × K) enters row i at the left edge,
// X[t'][k0+i] at cycle t' + i, and moves one PE right per cycle; partial sums move one PE down per cycle:
//   psum(i, j, t) = psum(i−1, j, t−1) + X[t−i−j][k0+i] · w(i, j).
// Rows are updated bottom-up each cycle, so row i reads row i−1's value of the previous cycle in place. A sum is
// complete in row r−1 and then passes the array's remaining rows (weights 0) to the bottom edge: it reaches the
// ofmap buffer spanR − r cycles later. Only PEs inside the active wavefront are visited. A fold is stepped a window
// of the stream at a time (each window's sums depend only on its own streamed words and the stationary block), its
// sums written to a window buffer as they leave; without values the same loops only count.
import { blockColHi, blockColLo, blockRowHi, blockRowLo, blocked } from './blocks';
import { PAD } from './layout';
import { macRow } from './simd';

/** Per-row constants of the fold in progress (4 i32 per row, up to 512 rows). */
const ROWS: usize = heap.alloc(512 << 4);

export class StationaryFoldResult {
  cycles: i64 = 0; // stream cycles: first word in until the last sum leaves the bottom edge
  busy: i64 = 0;
  streamReads: i64 = 0; // words taken from the left edge
  outWrites: i64 = 0;
  outReads: i64 = 0; // partial sums read back to accumulate across folds of K
}

/**
 * Contract: loads the r × c stationary block into `w` (stride wstride, zero lanes past c) from Y, where Y[k][s] is
 * at y + (k·ykStride + s·ysStride)·4 (when `values`), and returns the words read.
 */
export function loadStationary(w: usize, wstride: i32, y: usize, ykStride: i32, ysStride: i32, r: i32, c: i32, values: bool): i64 {
  if (values) memory.fill(w, 0, <usize>r * <usize>wstride << 2);
  let words: i64 = 0;
  for (let i = 0; i < r; i++) {
    const lo = blockColLo(i);
    const hi = blockColHi(i, c - 1);
    if (hi >= lo) words += hi - lo + 1;
    if (!values) continue;
    for (let j = lo; j <= hi; j++) {
      const v = load<i32>(y + ((<usize>i * <usize>ykStride + <usize>j * <usize>ysStride) << 2));
      store<i32>(w + ((<usize>i * <usize>wstride + <usize>j) << 2), v);
    }
  }
  return words;
}

/**
 * Contract: starts a fold streaming t words per row: zero counts in `res` and its cycles (first word in until the
 * last (possibly padded) sum of the spanR × spanC region has left the bottom edge).
 */
export function stationaryBegin(t: i32, spanR: i32, spanC: i32, res: StationaryFoldResult): void {
  res.cycles = <i64>(t - 1 + (spanR - 1) + (spanC - 1) + 1);
  res.busy = 0;
  res.streamReads = 0;
  res.outWrites = 0;
  res.outReads = 0;
}

/**
 * Contract: one window of t streamed words of the fold begun by stationaryBegin: when `values`,
 * out[t'][j] = Σ_{i<r} X[t'][i]·W[i][j] for t' < t, j < c (out row stride c); counts add to `res` either way
 * (countReads: each sum also reads back the partial sum of an earlier fold of K, as the ofmap buffer does).
 * xtr: reversedRows of the window's Xᵀ (r rows, stride t + 2·PAD); psum: (r + 1) × wstride words, row 0 all zeros.
 */
export function stationaryWindow(
  xtr: usize, w: usize, wstride: i32, psum: usize, out: usize, countReads: bool, r: i32, c: i32, t: i32,
  values: bool, res: StationaryFoldResult,
): void {
  const k0 = 0;
  const s0 = 0;
  const otStride = c;
  const osStride = 1;
  const xstride = t + 2 * PAD;
  if (values) memory.fill(psum, 0, <usize>(r + 1) * <usize>wstride << 2);
  let busy: i64 = 0;
  let sr: i64 = 0;
  let writes: i64 = 0;
  let reads: i64 = 0;
  // Per row, fixed for the fold: the columns its block covers, the psum row it adds to (0: a block's top row
  // starts from zero), and whether its sums are complete (a block's last row).
  for (let i = 0; i < r; i++) {
    const p = ROWS + (<usize>i << 4);
    store<i32>(p, blockColLo(i));
    store<i32>(p, blockColHi(i, c - 1), 4);
    store<i32>(p, i == blockRowLo(i) ? 0 : i, 8);
    store<i32>(p, i == blockRowHi(i, r - 1) ? 1 : 0, 12);
  }
  // PEs work until lastWork.
  const lastWork = t - 1 + (r - 1) + (c - 1);
  const packed = blocked();
  if ((c == 1 || t == 1) && !packed) {
    // One column, or one streamed word: every row in the wavefront has exactly one working PE, at column
    // j = 0 (c = 1) or j = cyc − i (t = 1). The same registers, stepped with pointers; rows bottom-up as above.
    const dj = c == 1 ? 0 : 1; // how far j moves right as i moves up one row
    const xStep: usize = <usize>(xstride + 1 - dj) << 2;
    const wStep: usize = <usize>(wstride - dj) << 2;
    const rowBytes: usize = <usize>wstride << 2;
    for (let cyc = 0; cyc <= lastWork; cyc++) {
      const iHi = cyc < r - 1 ? cyc : r - 1;
      let iLo = cyc - (t - 1) - (c - 1);
      if (iLo < 0) iLo = 0;
      const active = iHi - iLo + 1;
      busy += active;
      sr += c == 1 ? active : cyc <= r - 1 ? 1 : 0; // rows whose working PE is at the left edge
      if (iHi == r - 1) {
        writes++; // the column's sum is complete
        if (countReads) reads++;
      }
      if (!values) continue;
      const j0 = dj == 0 ? 0 : cyc - iHi;
      let xp = xtr + ((<usize>(k0 + iHi) * <usize>xstride + <usize>(PAD + t - 1 - cyc + iHi + j0)) << 2);
      let wp = w + ((<usize>iHi * <usize>wstride + <usize>j0) << 2);
      let pin = psum + ((<usize>iHi * <usize>wstride + <usize>j0) << 2);
      for (let i = iHi; i >= iLo; i--) {
        const pout = pin + rowBytes;
        const v = load<i32>(pin) + load<i32>(xp) * load<i32>(wp);
        store<i32>(pout, v);
        if (i == r - 1) {
          // The column's sum is complete: it starts its pass to the bottom edge and lands in the ofmap buffer.
          const j = dj == 0 ? 0 : cyc - i;
          store<i32>(out + ((<usize>(cyc - i - j) * <usize>otStride + <usize>(s0 + j) * <usize>osStride) << 2), v);
        }
        xp -= xStep;
        wp -= wStep;
        pin -= wStep;
      }
    }
  } else if (!packed) {
    // Dense folds: every row's block is the whole fold; a row's sums come from the row above (row 0: from zero)
    // and the last row's are complete. The same registers as the general loop below, fewer lookups per row.
    const xRow: usize = <usize>(xstride + 1) << 2; // X word of row i − 1 at the same column: xstride + 1 back
    const wRow: usize = <usize>wstride << 2;
    for (let cyc = 0; cyc <= lastWork; cyc++) {
      const iHi = cyc < r - 1 ? cyc : r - 1;
      let iLo = cyc - (t - 1) - (c - 1);
      if (iLo < 0) iLo = 0;
      // Row iHi's pointers at column 0; each row up moves them one row back (the X stream one word further).
      let xBase = xtr + ((<usize>(k0 + iHi) * <usize>xstride + <usize>(PAD + t - 1 - cyc + iHi)) << 2);
      let wBase = w + ((<usize>iHi * <usize>wstride) << 2);
      let pBase = psum + ((<usize>iHi * <usize>wstride) << 2);
      for (let i = iHi; i >= iLo; i--) {
        let jlo = cyc - i - t + 1;
        if (jlo < 0) jlo = 0;
        const jhi = cyc - i < c - 1 ? cyc - i : c - 1;
        if (jlo == 0) sr++; // PE(i, 0) took a new word from the left edge
        const n = jhi - jlo + 1;
        busy += n;
        if (i == r - 1) {
          writes += n; // complete sums
          if (countReads) reads += n;
        }
        if (!values) continue;
        const off: usize = <usize>jlo << 2;
        const pout = pBase + wRow + off;
        if (n == 1) store<i32>(pout, load<i32>(pBase + off) + load<i32>(xBase + off) * load<i32>(wBase + off));
        else macRow(pout, pBase + off, xBase + off, wBase + off, <usize>n << 2);
        if (i == r - 1) {
          // Complete sums start their pass to the bottom edge; they land in the ofmap buffer.
          let o = out + ((<usize>(cyc - i - jlo) * <usize>otStride + <usize>(s0 + jlo) * <usize>osStride) << 2);
          const step = (<isize>osStride - <isize>otStride) << 2;
          let p = pout;
          for (let j = 0; j < n; j++) {
            store<i32>(o, load<i32>(p));
            o += step;
            p += 4;
          }
        }
        xBase -= xRow;
        wBase -= wRow;
        pBase -= wRow;
      }
    }
  } else for (let cyc = 0; cyc <= lastWork; cyc++) {
    const iHi = cyc < r - 1 ? cyc : r - 1;
    let iLo = cyc - (t - 1) - (c - 1);
    if (iLo < 0) iLo = 0;
    for (let i = iHi; i >= iLo; i--) {
      let jlo = cyc - i - t + 1;
      if (jlo < 0) jlo = 0;
      let jhi = cyc - i < c - 1 ? cyc - i : c - 1;
      if (jlo == 0) sr++; // PE(i, 0) took a new word from the left edge
      // Packed folds: only the PEs of row i's block work.
      const row = ROWS + (<usize>i << 4);
      const blo = load<i32>(row);
      const bhi = load<i32>(row, 4);
      if (jlo < blo) jlo = blo;
      if (jhi > bhi) jhi = bhi;
      if (jhi < jlo) continue;
      busy += jhi - jlo + 1;
      const last = load<i32>(row, 12) != 0;
      if (last) {
        writes += jhi - jlo + 1; // complete sums of the block's last row
        if (countReads) reads += jhi - jlo + 1;
      }
      if (!values) continue;
      const xp = xtr + ((<usize>(k0 + i) * <usize>xstride + <usize>(PAD + t - 1 - cyc + i + jlo)) << 2);
      const wp = w + ((<usize>i * <usize>wstride + <usize>jlo) << 2);
      const pin = psum + ((<usize>load<i32>(row, 8) * <usize>wstride + <usize>jlo) << 2);
      const pout = psum + ((<usize>(i + 1) * <usize>wstride + <usize>jlo) << 2);
      if (jhi == jlo) store<i32>(pout, load<i32>(pin) + load<i32>(xp) * load<i32>(wp)); // one PE: no vector
      else macRow(pout, pin, xp, wp, <usize>(jhi - jlo + 1) << 2);
      if (last) {
        // Complete sums of the block's last row start their pass to the bottom edge; they land in the ofmap buffer.
        let o = out + ((<usize>(cyc - i - jlo) * <usize>otStride + <usize>(s0 + jlo) * <usize>osStride) << 2);
        const step = (<isize>osStride - <isize>otStride) << 2; // next column: one output column on, one t' back
        let p = pout;
        for (let j = jlo; j <= jhi; j++) {
          store<i32>(o, load<i32>(p));
          o += step;
          p += 4;
        }
      }
    }
  }
  res.busy += busy;
  res.streamReads += sr;
  res.outWrites += writes;
  res.outReads += reads;
}
