// Output-stationary fold, register by register.
//
// PE(i, j) owns one accumulator. Ifmap words enter row i at the left edge at cycle k + i (skewed) and move one PE
// right per cycle; filter words enter column j at the top at cycle k + j and move one PE down per cycle, so at cycle
// t PE(i, j) holds a = A[m0+i][t−i−j] and b = B[t−i−j][n0+j] and, when 0 ≤ t−i−j < K, does acc += a·b. Only PEs
// inside the active wavefront are visited, so a fold that uses r×c PEs costs about r×c PE-updates per cycle,
// whatever the array size. The wavefront (with SCALE-Sim's null requests, spanR×spanC PEs) is stepped until its
// last cycle; the accumulators then leave the array (drainRows cycles, one row per cycle through the bottom edge).
// A fold is stepped a window of K at a time (osWindow: the MACs of steps k ∈ [k0, k0+kw), the same registers in the
// same cycles as one long wavefront, since each MAC depends only on its own k), so its operands are needed one
// window at a time; without values the same loops only count.
import { blockColHi, blockColLo, blocked } from './blocks';
import { PAD } from './layout';
import { macRow } from './simd';

/** Per-row block bounds of the fold in progress (2 i32 per row, up to 512 rows). */
const ROWS: usize = heap.alloc(512 << 3);

export class OsFoldResult {
  cycles: i64 = 0; // compute cycles + drain cycles of this fold
  busy: i64 = 0; // PE-cycles with a MAC
  ifmapReads: i64 = 0; // words taken from the left edge
  filterReads: i64 = 0; // words taken from the top edge
  ofmapWrites: i64 = 0; // words written to the ofmap buffer
}

/**
 * Contract: starts an r × c fold of K steps: zero counts in `res`, its cycles (the wavefront over spanR × spanC PEs,
 * then drainRows drain cycles), the accumulators `acc` (r × sstride words) zeroed when `values`.
 */
export function osBegin(acc: usize, sstride: i32, r: i32, c: i32, k: i32, spanR: i32, spanC: i32, drainRows: i32, values: bool, res: OsFoldResult): void {
  if (values) memory.fill(acc, 0, <usize>r * <usize>sstride << 2);
  // Per row, fixed for the fold: the columns of its block (packed folds; all c columns otherwise).
  const packed = blocked();
  for (let i = 0; i < r; i++) {
    store<i32>(ROWS + (<usize>i << 3), packed ? blockColLo(i) : 0);
    store<i32>(ROWS + (<usize>i << 3), packed ? blockColHi(i, c - 1) : c - 1, 4);
  }
  // Last cycle at which the (possibly padded) wavefront is still inside the spanR × spanC region.
  const lastWave = k - 1 + (spanR - 1) + (spanC - 1);
  res.cycles = <i64>(lastWave + 1) + <i64>drainRows;
  res.busy = 0;
  res.ifmapReads = 0;
  res.filterReads = 0;
  res.ofmapWrites = 0;
}

/**
 * Contract: the MACs of one window of kw steps of the fold begun by osBegin: acc(i, j) += Σ_kk A[i][kk]·B[kk][j]
 * (int32, wrapping) when `values`; the window's busy PE-cycles and edge reads add to `res` either way.
 * arev: reversedRows of the window's A panel (r rows, stride kw + 2·PAD); skew: skewedColumns of its B panel.
 */
export function osWindow(arev: usize, skew: usize, sstride: i32, acc: usize, r: i32, c: i32, k: i32, values: bool, res: OsFoldResult): void {
  const astride = k + 2 * PAD;
  let busy: i64 = 0;
  let ifr: i64 = 0;
  let flr: i64 = 0;
  const packed = blocked();
  // PEs work until lastWork (the cycles after it, up to the padded wavefront's end, only carry null requests).
  const lastWork = k - 1 + (r - 1) + (c - 1);
  if (c == 1 && !packed) {
    // One column: every row in the wavefront has exactly its PE(i, 0) working (cycles t − i ∈ [0, K)). The same
    // registers, stepped with pointers instead of the general row bounds.
    const aStep: usize = <usize>(astride + 1) << 2;
    const bStep: usize = <usize>sstride << 2;
    for (let t = 0; t <= lastWork; t++) {
      const iLo = t - k + 1 > 0 ? t - k + 1 : 0;
      const iHi = t < r - 1 ? t : r - 1;
      const active = iHi - iLo + 1;
      busy += active;
      ifr += active; // every working row took a word from the left edge
      if (iLo == 0) flr++; // PE(0, 0) took one from the top edge
      if (!values) continue;
      let ap = arev + ((<usize>iLo * <usize>astride + <usize>(PAD + k - 1 - t + iLo)) << 2);
      let bp = skew + ((<usize>(t - iLo) * <usize>sstride) << 2);
      let cp = acc + ((<usize>iLo * <usize>sstride) << 2);
      for (let i = iLo; i <= iHi; i++) {
        store<i32>(cp, load<i32>(cp) + load<i32>(ap) * load<i32>(bp));
        ap += aStep;
        bp -= bStep;
        cp += bStep;
      }
    }
  } else if (!packed) {
    // Dense folds: the same registers as the general loop below, row pointers stepped from row iLo down.
    const aRow: usize = <usize>(astride + 1) << 2; // row i + 1's ifmap word: one row on, one step later
    const sRow: usize = <usize>sstride << 2;
    for (let t = 0; t <= lastWork; t++) {
      let iLo = t - (k - 1) - (c - 1);
      if (iLo < 0) iLo = 0;
      const iHi = t < r - 1 ? t : r - 1;
      let aBase = arev + ((<usize>iLo * <usize>astride + <usize>(PAD + k - 1 - t + iLo)) << 2);
      let bBase = skew + ((<usize>(t - iLo) * <usize>sstride) << 2);
      let cBase = acc + ((<usize>iLo * <usize>sstride) << 2);
      for (let i = iLo; i <= iHi; i++) {
        let jlo = t - i - k + 1;
        if (jlo < 0) jlo = 0;
        const jhi = t - i < c - 1 ? t - i : c - 1;
        const n = jhi - jlo + 1;
        if (jlo == 0) ifr++; // PE(i, 0) took a new word from the left edge
        if (i == 0) flr += n; // PE(0, j) took new words from the top edge
        busy += n;
        const off: usize = <usize>jlo << 2;
        if (!values) continue;
        if (n == 1) store<i32>(cBase + off, load<i32>(cBase + off) + load<i32>(aBase + off) * load<i32>(bBase + off));
        else macRow(cBase + off, cBase + off, aBase + off, bBase + off, <usize>n << 2);
        aBase += aRow;
        bBase -= sRow;
        cBase += sRow;
      }
    }
  } else for (let t = 0; t <= lastWork; t++) {
    let iLo = t - (k - 1) - (c - 1);
    if (iLo < 0) iLo = 0;
    const iHi = t < r - 1 ? t : r - 1;
    for (let i = iLo; i <= iHi; i++) {
      let jlo = t - i - k + 1;
      if (jlo < 0) jlo = 0;
      let jhi = t - i < c - 1 ? t - i : c - 1;
      if (jlo == 0) ifr++; // PE(i, 0) took a new word from the left edge
      if (i == 0) flr += jhi - jlo + 1; // PE(0, j) took new words from the top edge
      // Packed folds: only the PEs of row i's block work; the others pass the words on.
      const blo = load<i32>(ROWS + (<usize>i << 3));
      const bhi = load<i32>(ROWS + (<usize>i << 3), 4);
      if (jlo < blo) jlo = blo;
      if (jhi > bhi) jhi = bhi;
      if (jhi < jlo) continue;
      busy += jhi - jlo + 1;
      if (!values) continue;
      const ap = arev + ((<usize>i * <usize>astride + <usize>(PAD + k - 1 - t + i + jlo)) << 2);
      const bp = skew + ((<usize>(t - i) * <usize>sstride + <usize>jlo) << 2);
      const cp = acc + ((<usize>i * <usize>sstride + <usize>jlo) << 2);
      if (jhi == jlo) store<i32>(cp, load<i32>(cp) + load<i32>(ap) * load<i32>(bp)); // one PE: no vector
      else macRow(cp, cp, ap, bp, <usize>(jhi - jlo + 1) << 2);
    }
  }
  res.busy += busy;
  res.ifmapReads += ifr;
  res.filterReads += flr;
}

/**
 * Contract: the accumulators leave the array: C block row i, column j at out + (i·outStride + j)·4 (when `values`);
 * the words written add to `res`. At drain cycle d (1-based) physical row drainRows − d crosses the bottom edge
 * into the ofmap buffer; with drainRows = 0 (SCALE-Sim's convention) results leave at no cost in cycles.
 */
export function osDrain(acc: usize, sstride: i32, r: i32, out: usize, outStride: i32, values: bool, res: OsFoldResult): void {
  let writes: i64 = 0;
  // Row i (of the r in use) crosses at drain cycle drainRows − i; the rows beyond r carry nothing.
  for (let i = r - 1; i >= 0; i--) {
    const lo = load<i32>(ROWS + (<usize>i << 3));
    const hi = load<i32>(ROWS + (<usize>i << 3), 4);
    if (hi < lo) continue;
    const words = hi - lo + 1;
    writes += words;
    if (!values) continue;
    const dst = out + ((<usize>i * <usize>outStride + <usize>lo) << 2);
    const src = acc + ((<usize>i * <usize>sstride + <usize>lo) << 2);
    if (words < 8) for (let j = 0; j < words; j++) store<i32>(dst + (<usize>j << 2), load<i32>(src + (<usize>j << 2)));
    else memory.copy(dst, src, <usize>words << 2);
  }
  res.ofmapWrites += writes;
}
