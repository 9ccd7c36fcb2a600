// The core's ABI. The host configures the array, asks for operand buffers, writes A (M×K) and B (K×N) into them,
// runs the GEMM (all folds, inside WASM) and reads C (M×N) and the stats block. No per-cycle calls cross the boundary.
//
//   configure(rows, cols, dataflow, timing, flags)   array and microarchitecture (shared/kinds.ts)
//   prepare(M, N, K)                                  (re)allocates A, B, C; pointers via operandA/operandB/result
//   beginLayer()  runGemm() × groups  endLayer()      stats accumulate over the GEMMs of one layer
//   packBlocks(rb, cb)                                block-diagonal packing of the next GEMMs (0, 0: dense)
//   configureMemory(...)                              native memory system (memory/system.ts); off: ideal memory
//   setGemmGeometry(...) setConvGeometry(...)         where A's and B's words live in DRAM (memory/addresses.ts)
//   stats()                                           pointer to Stat.COUNT f64 slots (shared/stats.ts)
//   beginLayer() setVectorOps/Pool(...) runVector(...) a layer on the vector unit (vector/unit.ts), no endLayer()
import { Dataflow, Timing } from './shared/kinds';
import { Stat } from './shared/stats';
import { STATS, addStat, getStat, resetStats, setStat } from './counters';
import { setBlockShape, workingPes } from './array/blocks';
import { laneStride, reversedRows, skewedColumns } from './array/layout';
import { OsFoldResult, osFold } from './array/os';
import { StationaryFoldResult, loadStationary, stationaryFold } from './array/stationary';
import {
  extendLayer, lastFoldEnd, layerCycles, placeFold, placeSerialFold, planLoad, planOsFold, planStream, resetTimeline,
  serialCycles, utilWindow,
} from './array/timeline';
import { EventKind, FoldField } from './shared/timeline';
import { event, newFold, traceReset, tracing } from './trace/recorder';
import { filterWords, gatherIm2col, ifmapWords } from './memory/addresses';
import {
  blockFits, dramPeakBandwidth, memFoldDone, memOsFold, memStationaryFold, memoryEnabled, blockOutputs, staysOnChip,
  resetMemoryGemm, resetMemoryLayer, writesDoneAt, closeDramWindow, storeFoldStalls,
} from './memory/system';

export { configureMemory } from './memory/system';
export {
  traceConfigure, traceDropped, traceEventCount, traceEvents, traceFoldCount, traceFolds,
} from './trace/recorder';
export { setConvGeometry, setGemmGeometry } from './memory/addresses';
export { runVector, setVectorOps, setVectorPool } from './vector/unit';

let arrayRows: i32 = 1;
let arrayCols: i32 = 1;
let dataflow: Dataflow = Dataflow.OS;
let timing: Timing = Timing.Native;
let flags: i32 = 0;

let gm: i32 = 0;
let gn: i32 = 0;
let gk: i32 = 0;
let bufA: usize = 0;
let bufB: usize = 0;
let bufC: usize = 0;
let bufIfmap: usize = 0;
let ifmapCap: i32 = 0;

let gemmIndex: i32 = 0; // GEMMs run so far in this layer (for the timeline)

const osRes = new OsFoldResult();
const stRes = new StationaryFoldResult();

export function configure(rows: i32, cols: i32, df: i32, tm: i32, fl: i32): void {
  arrayRows = rows;
  arrayCols = cols;
  dataflow = <Dataflow>df;
  timing = <Timing>tm;
  flags = fl;
}

function release(): void {
  if (bufA) heap.free(bufA);
  if (bufB) heap.free(bufB);
  if (bufC) heap.free(bufC);
  bufA = bufB = bufC = 0;
}

/** Contract: A, B, C hold M·K, K·N, M·N int32 words afterwards (contents undefined until written). */
export function prepare(m: i32, n: i32, k: i32): void {
  release();
  gm = m;
  gn = n;
  gk = k;
  bufA = heap.alloc(<usize>m * <usize>k << 2);
  bufB = heap.alloc(<usize>k * <usize>n << 2);
  bufC = heap.alloc(<usize>m * <usize>n << 2);
}

export function operandA(): usize {
  return bufA;
}

/** Contract: a staging buffer of at least `words` int32 words for one group's ifmap (see im2colIntoA). */
export function ifmapStaging(words: i32): usize {
  if (words > ifmapCap) {
    if (bufIfmap) heap.free(bufIfmap);
    bufIfmap = heap.alloc(<usize>words << 2);
    ifmapCap = words;
  }
  return bufIfmap;
}

/** Contract: A = im2col of the staged ifmap under the conv geometry set by setConvGeometry (one group). */
export function im2colIntoA(): void {
  gatherIm2col(bufIfmap, bufA);
}
export function operandB(): usize {
  return bufB;
}
export function result(): usize {
  return bufC;
}
export function stats(): usize {
  return STATS;
}

export function beginLayer(): void {
  resetStats();
  resetTimeline();
  resetMemoryLayer();
  setBlockShape(0, 0);
  traceReset();
  gemmIndex = 0;
}

@inline function setField(p: usize, f: FoldField, v: f64): void {
  store<f64>(p + (<usize>f << 3), v);
}

/** Tracing: the fold just placed (its stalls by cause come from the memory system). */
function traceFold(loadStart: f64, streamStart: f64, end: f64, cycles: f64, r: i32, c: i32, t: i32, busy: f64, rf: i32, cf: i32): void {
  const p = newFold();
  setField(p, FoldField.LoadStart, loadStart);
  setField(p, FoldField.StreamStart, streamStart);
  setField(p, FoldField.End, end);
  setField(p, FoldField.Cycles, cycles);
  if (useMemory()) storeFoldStalls(p);
  else {
    setField(p, FoldField.StallIfmap, 0);
    setField(p, FoldField.StallFilter, 0);
    setField(p, FoldField.StallOfmap, 0);
    setField(p, FoldField.StallBank, 0);
  }
  setField(p, FoldField.Rows, <f64>r);
  setField(p, FoldField.Cols, <f64>c);
  setField(p, FoldField.Steps, <f64>t);
  setField(p, FoldField.Busy, busy);
  setField(p, FoldField.Gemm, <f64>gemmIndex);
  setField(p, FoldField.RowFold, <f64>rf);
  setField(p, FoldField.ColFold, <f64>cf);
}

/**
 * Contract: the following GEMMs are block-diagonal packings: PE(i, j) of a fold works only when i / rb == j / cb
 * (the host lays several groups' operands out so that each block is one group). 0, 0: dense.
 */
export function packBlocks(rb: i32, cb: i32): void {
  setBlockShape(rb, cb);
}

export function endLayer(): void {
  if (useMemory()) {
    // The layer is over when its last outputs have been written back.
    const tail = Math.ceil(writesDoneAt()) - <f64>lastFoldEnd();
    if (tail > 0) {
      if (tracing) event(EventKind.StallOfmap, <f64>lastFoldEnd(), Math.ceil(writesDoneAt()), 0, 0, 0, -1);
      addStat(Stat.StallOfmap, tail);
      extendLayer(<i64>Math.ceil(writesDoneAt()));
    }
    setStat(Stat.DramPeakBandwidth, dramPeakBandwidth());
    closeDramWindow();
  }
  setStat(
    Stat.StallCycles,
    getStat(Stat.StallIfmap) + getStat(Stat.StallFilter) + getStat(Stat.StallOfmap) + getStat(Stat.StallBank),
  );
  setStat(Stat.Cycles, <f64>layerCycles(timing));
  // Compute utilization averages over the cycles the array was not stalled.
  setStat(Stat.UtilWindowCycles, <f64>utilWindow(timing) - getStat(Stat.StallCycles));
}

// The memory system runs under native timing only; SCALE-Sim's CALC mode is stall-free by definition.
function useMemory(): bool {
  return timing == Timing.Native && memoryEnabled();
}

/** Contract: C = A·B (int32, wrapping), simulated fold by fold; stats accumulate into the current layer. */
export function runGemm(): void {
  if (useMemory()) resetMemoryGemm(ifmapWords(), filterWords());
  if (dataflow == Dataflow.OS) runOs();
  else runStationary(dataflow == Dataflow.IS);
  gemmIndex++;
}

// SCALE-Sim's per-fold mapping efficiency and compute utilization, in its own arithmetic: integer products, one
// division each (systolic_compute_*.py, create_ofmap_demand_mat); summed in fold order.
function scalesimFoldFigures(r: i32, c: i32, t: i32, utilCycles: i64): void {
  const pes = <f64>arrayRows * <f64>arrayCols;
  const used = <f64>r * <f64>c;
  addStat(Stat.MappingEffSum, used / pes);
  addStat(Stat.ComputeUtilSum, (used * <f64>t) / (pes * <f64>utilCycles));
}

function countFold(r: i32, c: i32): void {
  addStat(Stat.Folds, 1);
  addStat(Stat.UsedPeFolds, <f64>workingPes(r, c));
}

// OS: Sr = M rows of outputs, Sc = N columns, T = K. Column folds outer, row folds inner (SCALE-Sim's order).
function runOs(): void {
  const R = arrayRows;
  const C = arrayCols;
  const native = timing == Timing.Native;
  const arev = reversedRows(bufA, gm, gk, gk, 1);
  const sstride = laneStride(C);
  const acc = heap.alloc(<usize>R * <usize>sstride << 2);
  const fr = (gm + R - 1) / R;
  const fc = (gn + C - 1) / C;
  for (let cf = 0; cf < fc; cf++) {
    const n0 = cf * C;
    const c = min(C, gn - n0);
    const skew = skewedColumns(bufB, gn, gk, n0, c);
    const cs = laneStride(c);
    for (let rf = 0; rf < fr; rf++) {
      const m0 = rf * R;
      const r = min(R, gm - m0);
      // native: the wavefront crosses the PEs in use and the sums drain through the R physical rows;
      // scalesim: the wavefront is padded to the whole array and draining is free.
      osFold(arev, m0, skew, cs, acc, bufC, gn, n0, r, c, gk, native ? r : R, native ? c : C, native ? R : 0, osRes);
      countFold(r, c);
      addStat(Stat.BusyPeCycles, <f64>osRes.busy);
      addStat(Stat.IfmapReads, <f64>osRes.ifmapReads);
      addStat(Stat.FilterReads, <f64>osRes.filterReads);
      // SCALE-Sim's OS ofmap count adds the padded fold's rows + cols per fold (an artefact, kept in compat mode).
      addStat(Stat.OfmapWrites, <f64>osRes.ofmapWrites + (native ? 0 : <f64>(R + C)));
      if (native) {
        const start = planOsFold(flags, R);
        // A fold that comes back to operand words which all stayed on chip finds them there (staysOnChip).
        const againA = cf > 0 && staysOnChip(<f64>gm * <f64>gk, true);
        const againB = rf > 0 && staysOnChip(<f64>gk * <f64>c, false);
        const stall = useMemory() ? <i64>memOsFold(<f64>start, m0, r, n0, c, gk, againA, againB) : 0;
        placeFold(start, osRes.cycles, stall, <i64>gk);
        if (tracing) traceFold(<f64>start, <f64>start, <f64>(start + osRes.cycles + stall), <f64>osRes.cycles, r, c, gk, <f64>osRes.busy, rf, cf);
        if (useMemory()) memFoldDone(<f64>(start + osRes.cycles + stall), blockOutputs(m0, r, n0, c), true);
      } else {
        const at = <f64>serialCycles();
        if (tracing) traceFold(at, at, at + <f64>osRes.cycles, <f64>osRes.cycles, r, c, gk, <f64>osRes.busy, rf, cf);
        placeSerialFold(osRes.cycles, osRes.cycles);
        scalesimFoldFigures(r, c, gk, osRes.cycles);
      }
    }
    heap.free(skew);
  }
  heap.free(acc);
  heap.free(arev);
  setStat(Stat.FoldRows, <f64>fr);
  setStat(Stat.FoldCols, <f64>fc);
}

// WS: stationary B (Sr = K, Sc = N), streaming A (T = M). IS: stationary Aᵀ (Sr = K, Sc = M), streaming Bᵀ (T = N).
function runStationary(inputStationary: bool): void {
  const R = arrayRows;
  const C = arrayCols;
  const native = timing == Timing.Native;
  const t = inputStationary ? gn : gm; // streaming length
  const s = inputStationary ? gm : gn; // stationary columns
  // Streams: row k of Xᵀ reversed. WS: X = A, X[t'][k] = A[t'][k]; IS: X = Bᵀ, X[t'][k] = B[k][t'].
  const xtr = inputStationary ? reversedRows(bufB, gk, gn, gn, 1) : reversedRows(bufA, gk, gm, 1, gk);
  // Stationary Y[k][s]: WS: B[k][n]; IS: Aᵀ, Y[k][m] = A[m][k].
  const y = inputStationary ? bufA : bufB;
  const ykStride = inputStationary ? 1 : gn;
  const ysStride = inputStationary ? gk : 1;
  // Output out[t'][s]: WS: C[m][n]; IS: C[m][n] with t' = n, s = m.
  const otStride = inputStationary ? 1 : gn;
  const osStride = inputStationary ? gn : 1;
  const wstride = laneStride(C);
  const w = heap.alloc(<usize>R * <usize>wstride << 2);
  const psum = heap.alloc(<usize>(R + 1) * <usize>wstride << 2);
  const fr = (gk + R - 1) / R;
  const fc = (s + C - 1) / C;
  let loads: f64 = 0;
  let streams: f64 = 0;
  for (let cf = 0; cf < fc; cf++) {
    const s0 = cf * C;
    const c = min(C, s - s0);
    for (let rf = 0; rf < fr; rf++) {
      const k0 = rf * R;
      const r = min(R, gk - k0);
      loads += <f64>loadStationary(w, wstride, y, ykStride, ysStride, k0, s0, r, c);
      // Stationary words shift in from the top edge one row per cycle: r rows (native), R (scalesim: whole array).
      const loadCycles: i64 = native ? r : R;
      stationaryFold(xtr, k0, w, wstride, psum, bufC, otStride, osStride, s0, rf > 0, r, c, t, R, native ? c : C, stRes);
      countFold(r, c);
      addStat(Stat.BusyPeCycles, <f64>stRes.busy);
      streams += <f64>stRes.streamReads;
      addStat(Stat.OfmapWrites, <f64>stRes.outWrites);
      addStat(Stat.OfmapReads, <f64>stRes.outReads);
      if (native) {
        const loadStart = planLoad(flags);
        const streamStart = planStream(flags, loadStart, loadCycles);
        const lastK = rf == fr - 1;
        const stall = useMemory()
          ? <i64>memStationaryFold(
              <f64>loadStart, <f64>streamStart, inputStationary, k0, r, s0, c, t, rf == 0, lastK,
              cf > 0 && staysOnChip(<f64>gk * <f64>t, !inputStationary),
            )
          : 0;
        placeFold(streamStart, stRes.cycles, stall, <i64>t);
        if (tracing) {
          const end = <f64>(streamStart + stRes.cycles + stall);
          traceFold(<f64>loadStart, <f64>streamStart, end, <f64>stRes.cycles, r, c, t, <f64>stRes.busy, rf, cf);
        }
        if (useMemory()) {
          // The output block (t × c) is written back after the last fold of K, or after every fold when it spills.
          const words = inputStationary ? blockOutputs(s0, c, 0, t) : blockOutputs(0, t, s0, c);
          const writeBack = lastK || !blockFits(t, c);
          memFoldDone(<f64>(streamStart + stRes.cycles + stall), writeBack ? words : 0, writeBack);
        }
      } else {
        const at = <f64>serialCycles();
        const len = <f64>(loadCycles + stRes.cycles);
        if (tracing) traceFold(at, at + <f64>loadCycles, at + len, len, r, c, t, <f64>stRes.busy, rf, cf);
        placeSerialFold(loadCycles + stRes.cycles, loadCycles + stRes.cycles + <i64>C - 1);
        scalesimFoldFigures(r, c, t, loadCycles + stRes.cycles + <i64>C - 1);
      }
    }
  }
  heap.free(psum);
  heap.free(w);
  heap.free(xtr);
  addStat(inputStationary ? Stat.IfmapReads : Stat.FilterReads, loads);
  addStat(inputStationary ? Stat.FilterReads : Stat.IfmapReads, streams);
  setStat(Stat.FoldRows, <f64>fr);
  setStat(Stat.FoldCols, <f64>fc);
}

