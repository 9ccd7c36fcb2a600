// A fold's operands and outputs, a panel at a time.
//
// Materialised GEMMs (prepare + operandA/operandB/result: unit tests, the attention study's linear layers, packed
// folds) keep the whole A, B and C in the core, and a panel is a window onto them. Streamed GEMMs keep none of them:
// a fold asks the host for each panel when it needs it (fillPanel: the host's seeded stream, host/simulate/), A of a
// convolution is gathered from the group's staged ifmap, and each fold's outputs are handed to the host (foldOutput,
// for --verify) as they drain and then dropped. Either way a fold works on windows of at most windowSteps array steps,
// so the core's memory is O(array × window) whatever M, N and K.
import { Values } from '../shared/kinds';
import { im2colPanel } from '../memory/addresses';

// @ts-ignore: decorator
@external("env", "fillPanel")
declare function hostFillPanel(which: i32, row0: i32, rows: i32, col0: i32, cols: i32, dst: usize, stride: i32): void;

// @ts-ignore: decorator
@external("env", "foldOutput")
declare function hostFoldOutput(ptr: usize, m0: i32, rows: i32, n0: i32, cols: i32, k0: i32, kLen: i32, transposed: bool): void;

/** Array steps of the streamed dimension a fold computes at a time (K for OS, the stream for WS/IS). */
export let windowSteps: i32 = 4096;

/** Contract: folds step `steps` array steps at a time from now on (results do not depend on it; memory does). */
export function setWindow(steps: i32): void {
  windowSteps = steps;
}

/** Streamed mode: one fold in SAMPLE_EVERY computes values under Values.Sampled (besides each kind's first and last). */
export const SAMPLE_EVERY: i32 = 64;

export let gm: i32 = 0;
export let gn: i32 = 0;
export let gk: i32 = 0;
export let streamed = false;
let conv = false;
let outputs = false;
let valuesMode: Values = Values.Full;
let bufA: usize = 0;
let bufB: usize = 0;
let bufC: usize = 0;
let bufIfmap: usize = 0;
let ifmapCap: i32 = 0;

/** Row stride (words) of the panel last returned by panelA / panelB. */
export let panelStride: i32 = 0;

const scratch = new StaticArray<usize>(4);
const scratchCap = new StaticArray<i32>(4);

/** Scratch buffer `slot` of at least `words` int32 words (kept and grown, never shrunk). */
export function scratchBuffer(slot: i32, words: i32): usize {
  if (words > scratchCap[slot]) {
    if (scratch[slot]) heap.free(scratch[slot]);
    scratch[slot] = heap.alloc(<usize>words << 2);
    scratchCap[slot] = words;
  }
  return scratch[slot];
}

function release(): void {
  if (bufA) heap.free(bufA);
  if (bufB) heap.free(bufB);
  if (bufC) heap.free(bufC);
  bufA = bufB = bufC = 0;
}

/** Contract: a materialised GEMM: A, B, C hold M·K, K·N, M·N int32 words afterwards (contents undefined). */
export function prepareMaterialised(m: i32, n: i32, k: i32): void {
  release();
  streamed = false;
  valuesMode = Values.Full;
  gm = m;
  gn = n;
  gk = k;
  bufA = heap.alloc(<usize>m * <usize>k << 2);
  bufB = heap.alloc(<usize>k * <usize>n << 2);
  bufC = heap.alloc(<usize>m * <usize>n << 2);
}

/**
 * Contract: the next GEMM is streamed: panels come from the host (A of a convolution: from the staged ifmap),
 * `mode` says which folds compute values, `wantOutputs` hands each fold's outputs to the host.
 */
export function prepareStreamed(m: i32, n: i32, k: i32, isConv: bool, mode: Values, wantOutputs: bool): void {
  release();
  streamed = true;
  gm = m;
  gn = n;
  gk = k;
  conv = isConv;
  valuesMode = mode;
  outputs = wantOutputs;
}

export function operandA(): usize {
  return bufA;
}
export function operandB(): usize {
  return bufB;
}
export function result(): usize {
  return bufC;
}

/** Contract: a staging buffer of at least `words` int32 words for one group's ifmap (im2col's source). */
export function ifmapStaging(words: i32): usize {
  if (words > ifmapCap) {
    if (bufIfmap) heap.free(bufIfmap);
    bufIfmap = heap.alloc(<usize>words << 2);
    ifmapCap = words;
  }
  return bufIfmap;
}

export function stagedIfmap(): usize {
  return bufIfmap;
}

/** Contract: A rows [m0, m0+r) × columns [k0, k0+kw): a pointer to its first word, row stride in panelStride. */
export function panelA(m0: i32, r: i32, k0: i32, kw: i32): usize {
  if (!streamed) {
    panelStride = gk;
    return bufA + ((<usize>m0 * <usize>gk + <usize>k0) << 2);
  }
  const p = scratchBuffer(0, r * kw);
  if (conv) im2colPanel(bufIfmap, p, m0, r, k0, kw);
  else hostFillPanel(0, m0, r, k0, kw, p, kw);
  panelStride = kw;
  return p;
}

/** Contract: B rows [k0, k0+kr) × columns [n0, n0+c): a pointer to its first word, row stride in panelStride. */
export function panelB(k0: i32, kr: i32, n0: i32, c: i32): usize {
  if (!streamed) {
    panelStride = gn;
    return bufB + ((<usize>k0 * <usize>gn + <usize>n0) << 2);
  }
  const p = scratchBuffer(1, kr * c);
  hostFillPanel(1, k0, kr, n0, c, p, c);
  panelStride = c;
  return p;
}

/** Where an OS fold drains C rows [m0, m0+r) × columns [n0, n0+c): a pointer, row stride in panelStride. */
export function outputBlock(m0: i32, r: i32, n0: i32, c: i32): usize {
  if (!streamed) {
    panelStride = gn;
    return bufC + ((<usize>m0 * <usize>gn + <usize>n0) << 2);
  }
  panelStride = c;
  return scratchBuffer(2, r * c);
}

/** Contract: an OS fold's outputs (r × c, row stride c, from outputBlock) are complete: the host checks them. */
export function osOutputDone(block: usize, m0: i32, r: i32, n0: i32, c: i32): void {
  if (streamed && outputs) hostFoldOutput(block, m0, r, n0, c, 0, gk, false);
}

/**
 * Contract: a WS/IS fold's contribution over K rows [k0, k0+r) to the streamed window [t0, t0+tw) × stationary
 * columns [s0, s0+c), held as win[t'][j] (row stride c): added into C (materialised; `first`: stored) or handed to
 * the host (streamed). IS: t' runs along C's columns and j along its rows.
 */
export function stationaryOutputDone(win: usize, inputStationary: bool, t0: i32, tw: i32, s0: i32, c: i32, k0: i32, r: i32, first: bool): void {
  if (streamed) {
    if (!outputs) return;
    if (inputStationary) hostFoldOutput(win, s0, c, t0, tw, k0, r, true);
    else hostFoldOutput(win, t0, tw, s0, c, k0, r, false);
    return;
  }
  // C[m][n]: WS m = t0 + t', n = s0 + j; IS m = s0 + j, n = t0 + t'.
  const tStride: usize = inputStationary ? 1 : <usize>gn;
  const sStride: usize = inputStationary ? <usize>gn : 1;
  const base = bufC + ((inputStationary ? <usize>s0 * <usize>gn + <usize>t0 : <usize>t0 * <usize>gn + <usize>s0) << 2);
  for (let t = 0; t < tw; t++) {
    let o = base + ((<usize>t * tStride) << 2);
    let p = win + ((<usize>t * <usize>c) << 2);
    for (let j = 0; j < c; j++) {
      const v = load<i32>(p);
      store<i32>(o, first ? v : v + load<i32>(o));
      o += sStride << 2;
      p += 4;
    }
  }
}

/**
 * Whether fold `index` of a GEMM computes values: always when materialised or Values.Full, never under
 * Values.Off; Values.Sampled: one fold in SAMPLE_EVERY and the first and last fold of each kind (`firstOfKind`,
 * `lastOfKind`: no earlier / later fold of the GEMM has its shape).
 */
export function foldComputesValues(index: i32, firstOfKind: bool, lastOfKind: bool): bool {
  if (!streamed || valuesMode == Values.Full) return true;
  if (valuesMode == Values.Off) return false;
  return firstOfKind || lastOfKind || index % SAMPLE_EVERY == 0;
}
