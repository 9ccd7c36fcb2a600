// Where the GEMM's operand words live in DRAM. A (ifmap side) is the im2col of a real ifmap for convolutions, so
// overlapping windows read the same ifmap word (one DRAM address); B is the filters; C the ofmap.
// Packed GEMMs (block-diagonal groups) hold several groups: a stacked dimension tells the group, and each group's
// words live in their own region; the zero blocks off the diagonal are not data and have no address.
import { SliceBuffer } from './buffer';

// Per group: the GEMM shape and, for convolutions, the ifmap geometry (im2col: m = (b·eh + oh)·ew + ow for sample b
// of a batch, k = (r·S + s)·cg + ci). A batch's samples are stacked in M and their ifmaps one after another in DRAM.
let gm: i32 = 0;
let gn: i32 = 0;
let gk: i32 = 0;
let conv = false;
let ih: i32 = 0;
let iw: i32 = 0;
let cg: i32 = 0;
let fs: i32 = 0; // filter width
let sh: i32 = 1;
let sw: i32 = 1;
let pt: i32 = 0;
let pl: i32 = 0;
let ew: i32 = 1;
let eh: i32 = 1; // output rows per sample
// Packing: which packed dimensions are stacked per group (M, N, K), and how many groups.
let stackM = false;
let stackN = false;
let stackK = false;
let groups: i32 = 1;
// Where B's addresses start (a unified scratchpad numbers the filters' words after the ifmap's).
let filterBase: i32 = 0;
// Row skipping (spiking runs): A's row m is row rowMap[m] of `copies` stacked copies (time steps) of a lowered
// matrix of `copyRows` rows; copy t reads its own ifmap (t · the ifmap's words on). 0 rows: no map.
let rowMap: usize = 0;
let rowMapCap: i32 = 0;
let mapRows: i32 = 0;
let copyRows: i32 = 0;
let copies: i32 = 1;

/** Contract: an i32 buffer of at least `rows` words for the row map (written by the host, then setRowMap). */
export function rowMapBuffer(rows: i32): usize {
  if (rows > rowMapCap) {
    if (rowMap) heap.free(rowMap);
    rowMap = heap.alloc(<usize>rows << 2);
    rowMapCap = rows;
  }
  return rowMap;
}

/** Contract: the next GEMMs' A rows are rows rowMap[0..rows) of `n` copies of `perCopy` rows; rows = 0: no map. */
export function setRowMap(rows: i32, perCopy: i32, n: i32): void {
  mapRows = rows;
  copyRows = perCopy;
  copies = n;
}

export function setFilterBase(base: i32): void {
  filterBase = base;
}

export function setGemmGeometry(m: i32, n: i32, k: i32, p: i32, sm: bool, sn: bool, skDim: bool): void {
  gm = m;
  gn = n;
  gk = k;
  groups = p;
  stackM = sm && p > 1;
  stackN = sn && p > 1;
  stackK = skDim && p > 1;
}

export function setConvGeometry(isConv: bool, h: i32, w: i32, c: i32, fw: i32, strideH: i32, strideW: i32, padTop: i32, padLeft: i32, outW: i32, outH: i32): void {
  conv = isConv;
  ih = h;
  iw = w;
  cg = c;
  fs = fw;
  sh = strideH;
  sw = strideW;
  pt = padTop;
  pl = padLeft;
  ew = outW;
  eh = outH;
}

/** Samples of a batched convolution (M = samples · eh · ew). */
function samples(): i32 {
  return gm / (eh * ew);
}

/** Whether A's words are its own M×K tensor (not an im2col, not packed), and B's its own K×N tensor (not packed). */
export function plainA(): bool {
  return !conv && groups == 1;
}
export function plainB(): bool {
  return groups == 1;
}

/** Words of one group's ifmap (the address space of A). */
export function ifmapWords(): i32 {
  if (mapRows > 0) return copies * (conv ? ih * iw * cg : copyRows * gk);
  return groups * (conv ? samples() * ih * iw * cg : gm * gk);
}

/** Words of one group's filters (the address space of B). */
export function filterWords(): i32 {
  return groups * gk * gn;
}

/** Contract: the buffer `buf` uses every A word of packed rows [m0, m1) × packed columns [k0, k1). */
export function touchA(buf: SliceBuffer, m0: i32, m1: i32, k0: i32, k1: i32): void {
  if (mapRows > 0) {
    touchMappedRows(buf, m0, m1, k0, k1);
    return;
  }
  if (conv && !stackM && !stackK) {
    touchIm2colRows(buf, m0, m1, k0, k1);
    return;
  }
  const region = conv ? samples() * ih * iw * cg : gm * gk;
  for (let mp = m0; mp < m1; mp++) {
    const gRow = stackM ? mp / gm : -1;
    const m = stackM ? mp % gm : mp;
    // Packed columns [k0, k1) run over groups' K ranges when K is stacked: one run per group.
    let kp = k0;
    while (kp < k1) {
      const gCol = stackK ? kp / gk : -1;
      const runEnd = stackK ? min(k1, (gCol + 1) * gk) : k1;
      if (gRow >= 0 && gCol >= 0 && gRow != gCol) {
        kp = runEnd; // off-diagonal zero block
        continue;
      }
      const base = (gRow >= 0 ? gRow : gCol >= 0 ? gCol : 0) * region;
      const ks = stackK ? kp % gk : kp;
      const ke = ks + (runEnd - kp);
      if (conv) touchIm2colRows(buf, m, m + 1, ks, ke, base);
      else touchRun(buf, base + m * gk + ks, ke - ks);
      kp = runEnd;
    }
  }
}

// Rows [m0, m1) of a row-mapped A (one group): each is row m of copy t of the lowered matrix.
function touchMappedRows(buf: SliceBuffer, m0: i32, m1: i32, k0: i32, k1: i32): void {
  const region = conv ? ih * iw * cg : copyRows * gk;
  for (let mp = m0; mp < m1; mp++) {
    const orig = load<i32>(rowMap + (<usize>mp << 2));
    const t = orig / copyRows;
    const m = orig % copyRows;
    if (conv) touchIm2colRows(buf, m, m + 1, k0, k1, t * region);
    else touchRun(buf, t * region + m * gk + k0, k1 - k0);
  }
}

// `n` consecutive addresses from `first`.
function touchRun(buf: SliceBuffer, first: i32, n: i32): void {
  let touched: i64 = 0;
  let fetched: i64 = 0;
  for (let a = first; a < first + n; a++) {
    const r = buf.touchWord(a);
    if (r != 0) touched++;
    if (r == 2) fetched++;
  }
  buf.count(touched, fetched);
}

// Im2col rows [m0, m1), columns [ks, ke): k = (r·S + s)·cg + ci, output pixels and taps stepped without divisions;
// sample b's ifmap starts b·ih·iw·cg words after `base`.
function touchIm2colRows(buf: SliceBuffer, m0: i32, m1: i32, ks: i32, ke: i32, base: i32 = 0): void {
  let touched: i64 = 0;
  let fetched: i64 = 0;
  const ci0 = ks % cg;
  const rs0 = ks / cg;
  const r0 = rs0 / fs;
  const s0 = rs0 % fs;
  const sampleWords = ih * iw * cg;
  let sample = base + (m0 / (eh * ew)) * sampleWords;
  let oh = (m0 / ew) % eh;
  let ow = m0 % ew;
  for (let m = m0; m < m1; m++) {
    const y0 = oh * sh - pt;
    const x0 = ow * sw - pl;
    let ci = ci0;
    let r = r0;
    let s = s0;
    for (let k = ks; k < ke; k++) {
      const y = y0 + r;
      const x = x0 + s;
      if (y >= 0 && y < ih && x >= 0 && x < iw) {
        const t = buf.touchWord(sample + (y * iw + x) * cg + ci);
        if (t != 0) touched++;
        if (t == 2) fetched++;
      }
      if (++ci == cg) {
        ci = 0;
        if (++s == fs) {
          s = 0;
          r++;
        }
      }
    }
    if (++ow == ew) {
      ow = 0;
      if (++oh == eh) {
        oh = 0;
        sample += sampleWords;
      }
    }
  }
  buf.count(touched, fetched);
}

/** Contract: the buffer `buf` uses every B word of packed rows [k0, k1) × packed columns [n0, n1). */
export function touchB(buf: SliceBuffer, k0: i32, k1: i32, n0: i32, n1: i32): void {
  if (!stackK && !stackN) {
    for (let k = k0; k < k1; k++) touchRun(buf, filterBase + k * gn + n0, n1 - n0);
    return;
  }
  for (let kp = k0; kp < k1; kp++) {
    const gRow = stackK ? kp / gk : -1;
    const k = stackK ? kp % gk : kp;
    for (let np = n0; np < n1; np++) {
      const gCol = stackN ? np / gn : -1;
      if (gRow >= 0 && gCol >= 0 && gRow != gCol) continue;
      const g = gRow >= 0 ? gRow : gCol >= 0 ? gCol : 0;
      const n = stackN ? np % gn : np;
      buf.touch(filterBase + g * gk * gn + k * gn + n);
    }
  }
}

/** Output words of packed rows [m0, m1) × packed columns [n0, n1) that are data (on a diagonal block if packed). */
export function outputWords(m0: i32, m1: i32, n0: i32, n1: i32): i64 {
  if (!(stackM && stackN)) return <i64>(m1 - m0) * <i64>(n1 - n0);
  let w: i64 = 0;
  for (let g = 0; g < groups; g++) {
    const a = max(m0, g * gm);
    const b = min(m1, (g + 1) * gm);
    const c = max(n0, g * gn);
    const d = min(n1, (g + 1) * gn);
    if (b > a && d > c) w += <i64>(b - a) * <i64>(d - c);
  }
  return w;
}

/**
 * Contract: writes A (M×K, row-major, one group) as the im2col of the h×w×cg ifmaps (one per sample, one after
 * another) at `ifmap` under the current conv geometry: A[m][k] = ifmap[b][y][x][ci] for m = (b·eh + oh)·ew + ow,
 * k = (r·S + s)·cg + ci, zero in the padding — the same addresses as touchIm2colRows.
 */
export function gatherIm2col(ifmap: usize, a: usize): void {
  memory.fill(a, 0, <usize>gm * <usize>gk << 2);
  const n = samples();
  const aStep: usize = (<usize>eh * <usize>ew * <usize>gk) << 2;
  const inStep: usize = (<usize>ih * <usize>iw * <usize>cg) << 2;
  for (let b = 0; b < n; b++) gatherSample(ifmap + <usize>b * inStep, a + <usize>b * aStep);
}

// One sample's eh·ew rows of A, walked tap by tap (r, s): for each output row the range of output columns whose
// input column is inside the ifmap is found once, then copied with fixed strides.
function gatherSample(ifmap: usize, a: usize): void {
  const kBytes: usize = <usize>gk << 2;
  const srcStep: usize = <usize>(sw * cg) << 2;
  const fh = gk / (fs * cg);
  for (let r = 0; r < fh; r++) {
    for (let s = 0; s < fs; s++) {
      // Output columns ow with 0 ≤ ow·sw + s − pl < iw.
      let owLo = pl - s > 0 ? (pl - s + sw - 1) / sw : 0;
      let owHi = (iw - 1 + pl - s) / sw;
      if (iw - 1 + pl - s < 0) owHi = -1;
      if (owHi > ew - 1) owHi = ew - 1;
      if (owLo > owHi) continue;
      const col = (r * fs + s) * cg;
      for (let oh = 0; oh < eh; oh++) {
        const y = oh * sh + r - pt;
        if (y < 0 || y >= ih) continue;
        let dst = a + ((<usize>(oh * ew + owLo) * <usize>gk + <usize>col) << 2);
        let src = ifmap + ((<usize>((y * iw + owLo * sw + s - pl) * cg)) << 2);
        if (cg == 1) {
          for (let ow = owLo; ow <= owHi; ow++) {
            store<i32>(dst, load<i32>(src));
            dst += kBytes;
            src += srcStep;
          }
        } else {
          for (let ow = owLo; ow <= owHi; ow++) {
            memory.copy(dst, src, <usize>cg << 2);
            dst += kBytes;
            src += srcStep;
          }
        }
      }
    }
  }
}

/**
 * Contract: dst (row stride kw) holds A rows [m0, m0+r) × columns [k0, k0+kw) of the im2col of the staged ifmap at
 * `ifmap` under the current conv geometry (one group): the same words gatherIm2col writes, a panel at a time.
 */
export function im2colPanel(ifmap: usize, dst: usize, m0: i32, r: i32, k0: i32, kw: i32): void {
  const ci0 = k0 % cg;
  const rs0 = k0 / cg;
  const r0 = rs0 / fs;
  const s0 = rs0 % fs;
  const sampleWords = ih * iw * cg;
  let sample = (m0 / (eh * ew)) * sampleWords; // a batch's samples: stacked in M, their ifmaps one after another
  let oh = (m0 / ew) % eh;
  let ow = m0 % ew;
  for (let i = 0; i < r; i++) {
    const y0 = oh * sh - pt;
    const x0 = ow * sw - pl;
    let ci = ci0;
    let fr = r0;
    let s = s0;
    let d = dst + ((<usize>i * <usize>kw) << 2);
    for (let k = 0; k < kw; k++) {
      const y = y0 + fr;
      const x = x0 + s;
      if (y >= 0 && y < ih && x >= 0 && x < iw) store<i32>(d, load<i32>(ifmap + ((<usize>(sample + (y * iw + x) * cg + ci)) << 2)));
      else store<i32>(d, 0);
      d += 4;
      if (++ci == cg) {
        ci = 0;
        if (++s == fs) {
          s = 0;
          fr++;
        }
      }
    }
    if (++ow == ew) {
      ow = 0;
      if (++oh == eh) {
        oh = 0;
        sample += sampleWords;
      }
    }
  }
}
