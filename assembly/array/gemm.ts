// One GEMM, fold by fold: the fold order, each fold's operand windows (panels.ts), its register-level simulation
// (os.ts, stationary.ts), its place on the layer's clock (timeline.ts) and its memory traffic (memory/system.ts).
import { Dataflow, Timing } from '../shared/kinds';
import { Stat } from '../shared/stats';
import { addStat, setStat } from '../counters';
import { workingPes } from './blocks';
import { laneStride, reversedRows, skewedColumns } from './layout';
import { OsFoldResult, osBegin, osDrain, osWindow } from './os';
import { StationaryFoldResult, loadStationary, stationaryBegin, stationaryWindow } from './stationary';
import { recall, recalled, record } from './replay';
import { loopSums, periodAt, periodForget, periodJump } from './period';
import { placeFold, placeSerialFold, planLoad, planOsFold, planStream, serialCycles } from './timeline';
import { FoldField } from '../shared/timeline';
import { newFold, tracing } from '../trace/recorder';
import {
  windowSteps, foldComputesValues, gk, gm, gn, osOutputDone, outputBlock, panelA, panelB, panelStride, scratchBuffer,
  stationaryOutputDone,
} from './panels';
import {
  blockFits, blockOutputs, everyUseFetches, memFoldDone, memOsFold, memStationaryFold, memoryEnabled, sliceStepsOf,
  staysOnChip, storeFoldStalls,
} from '../memory/system';
import { plainA, plainB } from '../memory/addresses';

export let arrayRows: i32 = 1;
export let arrayCols: i32 = 1;
export let dataflow: Dataflow = Dataflow.OS;
export let timing: Timing = Timing.Native;
let flags: i32 = 0;
let fastForward = true;

/**
 * Contract: with `on` (the default), folds skip work whose outcome is known exactly: a fold without values whose
 * shape was stepped before takes the recorded outcome (replay.ts), and an operand every use of which is a fetch is
 * not replayed word by word in its buffer (memory/system.ts, everyUseFetches). Off: everything is stepped (tests).
 */
export function setFastForward(on: bool): void {
  fastForward = on;
}

export function configureArray(rows: i32, cols: i32, df: Dataflow, tm: Timing, fl: i32): void {
  arrayRows = rows;
  arrayCols = cols;
  dataflow = df;
  timing = tm;
  flags = fl;
}

// The memory system runs under native timing only; SCALE-Sim's CALC mode is stall-free by definition.
export function useMemory(): bool {
  return timing == Timing.Native && memoryEnabled();
}

let gemmIndex: i32 = 0; // GEMMs run so far in this layer (for the timeline)

export function resetGemmIndex(): void {
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

const osRes = new OsFoldResult();
const stRes = new StationaryFoldResult();

// SCALE-Sim's per-fold mapping efficiency and compute utilization, in its own arithmetic: integer products, one
// division each (systolic_compute_*.py, create_ofmap_demand_mat); summed in fold order.
function scalesimFoldFigures(r: i32, c: i32, t: i32, utilCycles: i64): void {
  const pes = <f64>arrayRows * <f64>arrayCols;
  const used = <f64>r * <f64>c;
  addStat(Stat.MappingEffSum, used / pes);
  addStat(Stat.ComputeUtilSum, (used * <f64>t) / (pes * <f64>utilCycles));
}

function countFold(r: i32, c: i32, values: bool, advanced: bool): void {
  addStat(Stat.Folds, 1);
  addStat(Stat.UsedPeFolds, <f64>workingPes(r, c));
  if (values) addStat(Stat.ValueFolds, 1);
  if (advanced) addStat(Stat.AdvancedFolds, 1);
}

// Fold i of n along one dimension whose last fold is partial (`partialLast`): is it the first (last = false) or
// the last (last = true) of the folds of its size?
function edgeOfKind(i: i32, n: i32, partialLast: bool, last: bool): bool {
  if (partialLast && i == n - 1) return true; // the only partial one
  return last ? i == (partialLast ? n - 2 : n - 1) : i == 0;
}

// Whether fold (rf, cf) of an fr × fc grid (cf outer) computes values; `index` counts folds in run order.
function computesValues(index: i32, rf: i32, fr: i32, rPartial: bool, cf: i32, fc: i32, cPartial: bool): bool {
  const first = edgeOfKind(rf, fr, rPartial, false) && edgeOfKind(cf, fc, cPartial, false);
  const last = edgeOfKind(rf, fr, rPartial, true) && edgeOfKind(cf, fc, cPartial, true);
  return foldComputesValues(index, first, last);
}

// Folds from fold i on along the inner loop (before `end`, of `n` = ceil(len / lanes)) that have its size r and compute
// no values: how far a run of identical folds reaches (period.ts). `index`: fold i's number in run order.
function runAhead(index: i32, i: i32, end: i32, r: i32, len: i32, lanes: i32, cf: i32, fc: i32, cPartial: bool): i32 {
  const n = (len + lanes - 1) / lanes;
  let run = 1;
  while (i + run < end && min(lanes, len - (i + run) * lanes) == r && !computesValues(index + run, i + run, n, len % lanes != 0, cf, fc, cPartial)) run++;
  return run;
}

/** Contract: C = A·B (int32, wrapping), simulated fold by fold; stats accumulate into the current layer. */
export function runFolds(): void {
  if (dataflow == Dataflow.OS) runOs();
  else runStationary(dataflow == Dataflow.IS);
  gemmIndex++;
}

// The MACs of one OS fold, a window of K at a time.
function osValues(m0: i32, r: i32, n0: i32, c: i32, cs: i32, acc: usize): void {
  for (let k0 = 0; k0 < gk; k0 += windowSteps) {
    const kw = min(windowSteps, gk - k0);
    const arev = reversedRows(panelA(m0, r, k0, kw), r, kw, panelStride, 1);
    const skew = skewedColumns(panelB(k0, kw, n0, c), panelStride, kw, 0, c);
    osWindow(arev, skew, cs, acc, r, c, kw, true, osRes);
    heap.free(skew);
    heap.free(arev);
  }
}

// OS: Sr = M rows of outputs, Sc = N columns, T = K. Column folds outer, row folds inner (SCALE-Sim's order).
function runOs(): void {
  const R = arrayRows;
  const C = arrayCols;
  const native = timing == Timing.Native;
  const acc = scratchBuffer(3, R * laneStride(C));
  const fr = (gm + R - 1) / R;
  const fc = (gn + C - 1) / C;
  // Every use of A a fetch: between two uses of a word (next column fold) the other A words of every row fold.
  const slice = <f64>min(gk, sliceStepsOf());
  const missA = fastForward && plainA() && everyUseFetches(fc > 1, <f64>gm * <f64>gk - <f64>min(gm, R) * slice, true);
  let index = 0;
  for (let cf = 0; cf < fc; cf++) {
    const n0 = cf * C;
    const c = min(C, gn - n0);
    const cs = laneStride(c);
    // Every use of this column fold's B words a fetch: between two uses (next row fold) the rest of its K × c words.
    const missB = fastForward && plainB() && everyUseFetches(fr > 1, (<f64>gk - slice) * <f64>c, false);
    periodForget();
    for (let rf = 0; rf < fr; rf++) {
      const m0 = rf * R;
      const r = min(R, gm - m0);
      const values = computesValues(index, rf, fr, gm % R != 0, cf, fc, gn % C != 0);
      // native: the wavefront crosses the PEs in use and the sums drain through the R physical rows;
      // scalesim: the wavefront is padded to the whole array and draining is free.
      const advanced = fastForward && !values && recall(r, c, gk, false);
      // A fold that comes back to operand words which all stayed on chip finds them there (staysOnChip).
      const againA = cf > 0 && staysOnChip(<f64>gm * <f64>gk, true);
      const againB = rf > 0 && staysOnChip(<f64>gk * <f64>c, false);
      // Whole periods of identical folds (period.ts): folds touching no buffer, of one kind (rows, againB).
      if (native && advanced && (!useMemory() || ((againA || missA) && (againB || missB)))) {
        const p = periodAt(r * 2 + (againB ? 1 : 0), index, useMemory());
        const n = p > 0 ? periodJump(runAhead(index, rf, fr, r, gm, R, cf, fc, gn % C != 0), p) : 0;
        if (n > 0) {
          index += n;
          rf += n - 1;
          continue;
        }
      } else periodForget();
      index++;
      if (advanced) {
        osRes.cycles = recalled[0];
        osRes.busy = recalled[1];
        osRes.ifmapReads = recalled[2];
        osRes.filterReads = recalled[3];
        osRes.ofmapWrites = recalled[4];
      } else {
        osBegin(acc, cs, r, c, gk, native ? r : R, native ? c : C, native ? R : 0, values, osRes);
        if (values) osValues(m0, r, n0, c, cs, acc);
        else osWindow(0, 0, cs, acc, r, c, gk, false, osRes);
        const out = outputBlock(m0, r, n0, c);
        osDrain(acc, cs, r, out, panelStride, values, osRes);
        if (values) osOutputDone(out, m0, r, n0, c);
        record(r, c, gk, false, osRes.cycles, osRes.busy, osRes.ifmapReads, osRes.filterReads, osRes.ofmapWrites);
      }
      countFold(r, c, values, advanced);
      addStat(Stat.BusyPeCycles, <f64>osRes.busy);
      addStat(Stat.IfmapReads, <f64>osRes.ifmapReads);
      addStat(Stat.FilterReads, <f64>osRes.filterReads);
      // SCALE-Sim's OS ofmap count adds the padded fold's rows + cols per fold (an artefact, kept in compat mode).
      addStat(Stat.OfmapWrites, <f64>osRes.ofmapWrites + (native ? 0 : <f64>(R + C)));
      if (native) {
        const start = planOsFold(flags, R);
        const stall = useMemory() ? <i64>memOsFold(<f64>start, m0, r, n0, c, gk, againA, againB, missA, missB) : 0;
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
  }
  periodForget();
  setStat(Stat.FoldRows, <f64>fr);
  setStat(Stat.FoldCols, <f64>fc);
}

// The stream of one WS/IS fold, a window at a time: X rows [t0, t0+tw) × K rows [k0, k0+r), sums into `win`.
function stationaryValues(inputStationary: bool, t: i32, k0: i32, r: i32, s0: i32, c: i32, w: usize, wstride: i32, psum: usize, rf: i32): void {
  for (let t0 = 0; t0 < t; t0 += windowSteps) {
    const tw = min(windowSteps, t - t0);
    // Row k of Xᵀ: WS X = A, X[t'][k] = A[t0+t'][k0+k]; IS X = Bᵀ, X[t'][k] = B[k0+k][t0+t'].
    const xtr = inputStationary
      ? reversedRows(panelB(k0, r, t0, tw), r, tw, panelStride, 1)
      : reversedRows(panelA(t0, tw, k0, r), r, tw, 1, panelStride);
    const win = scratchBuffer(2, tw * c);
    stationaryWindow(xtr, w, wstride, psum, win, rf > 0, r, c, tw, true, stRes);
    stationaryOutputDone(win, inputStationary, t0, tw, s0, c, k0, r, rf == 0);
    heap.free(xtr);
  }
}

// WS: stationary B (Sr = K, Sc = N), streaming A (T = M). IS: stationary Aᵀ (Sr = K, Sc = M), streaming Bᵀ (T = N).
function runStationary(inputStationary: bool): void {
  const R = arrayRows;
  const C = arrayCols;
  const native = timing == Timing.Native;
  const t = inputStationary ? gn : gm; // streaming length
  const s = inputStationary ? gm : gn; // stationary columns
  const wstride = laneStride(C);
  const w = scratchBuffer(3, R * wstride);
  const psum = heap.alloc(<usize>(R + 1) * <usize>wstride << 2);
  const fr = (gk + R - 1) / R;
  const fc = (s + C - 1) / C;
  // Each stationary word is used by one fold; the streamed words by every column fold: between two uses, the other
  // streamed words of every fold of K.
  const stationaryPlain = inputStationary ? plainA() : plainB();
  const missStationary = fastForward && stationaryPlain && everyUseFetches(false, 0, inputStationary);
  const between = <f64>gk * <f64>t - <f64>min(gk, R) * <f64>min(t, sliceStepsOf());
  const streamPlain = inputStationary ? plainB() : plainA();
  const missStream = fastForward && streamPlain && everyUseFetches(fc > 1, between, !inputStationary);
  loopSums[0] = 0; // stationary words loaded
  loopSums[1] = 0; // streamed words read
  let index = 0;
  const againStream = staysOnChip(<f64>gk * <f64>t, !inputStationary);
  for (let cf = 0; cf < fc; cf++) {
    const s0 = cf * C;
    const c = min(C, s - s0);
    periodForget();
    for (let rf = 0; rf < fr; rf++) {
      const k0 = rf * R;
      const r = min(R, gk - k0);
      const values = computesValues(index, rf, fr, gk % R != 0, cf, fc, s % C != 0);
      // Whole periods of identical folds (period.ts): the folds of K between the first and the last, touching no buffer.
      const touchesNone = missStationary && ((cf > 0 && againStream) || missStream);
      if (native && fastForward && !values && rf > 0 && rf < fr - 1 && (!useMemory() || touchesNone) && recall(r, c, t, true)) {
        const p = periodAt(r, index, useMemory());
        const n = p > 0 ? periodJump(runAhead(index, rf, fr - 1, r, gk, R, cf, fc, s % C != 0), p) : 0;
        if (n > 0) {
          index += n;
          rf += n - 1;
          continue;
        }
      } else periodForget();
      index++;
      // Stationary Y[k][s]: WS B[k0+k][s0+s]; IS Aᵀ, Y[k][s] = A[s0+s][k0+k].
      let y: usize = 0;
      let yk = 0;
      let ys = 0;
      if (values && inputStationary) {
        y = panelA(s0, c, k0, r);
        yk = 1;
        ys = panelStride;
      } else if (values) {
        y = panelB(k0, r, s0, c);
        yk = panelStride;
        ys = 1;
      }
      loopSums[0] += <f64>loadStationary(w, wstride, y, yk, ys, r, c, values);
      // Stationary words shift in from the top edge one row per cycle: r rows (native), R (scalesim: whole array).
      const loadCycles: i64 = native ? r : R;
      const advanced = fastForward && !values && recall(r, c, t, rf > 0);
      if (advanced) {
        stRes.cycles = recalled[0];
        stRes.busy = recalled[1];
        stRes.streamReads = recalled[2];
        stRes.outWrites = recalled[3];
        stRes.outReads = recalled[4];
      } else {
        stationaryBegin(t, R, native ? c : C, stRes);
        if (values) stationaryValues(inputStationary, t, k0, r, s0, c, w, wstride, psum, rf);
        else stationaryWindow(0, w, wstride, psum, 0, rf > 0, r, c, t, false, stRes);
        record(r, c, t, rf > 0, stRes.cycles, stRes.busy, stRes.streamReads, stRes.outWrites, stRes.outReads);
      }
      countFold(r, c, values, advanced);
      addStat(Stat.BusyPeCycles, <f64>stRes.busy);
      loopSums[1] += <f64>stRes.streamReads;
      addStat(Stat.OfmapWrites, <f64>stRes.outWrites);
      addStat(Stat.OfmapReads, <f64>stRes.outReads);
      if (native) {
        const loadStart = planLoad(flags);
        const streamStart = planStream(flags, loadStart, loadCycles);
        const lastK = rf == fr - 1;
        const stall = useMemory()
          ? <i64>memStationaryFold(
              <f64>loadStart, <f64>streamStart, inputStationary, k0, r, s0, c, t, rf == 0, lastK,
              cf > 0 && againStream, missStationary, missStream,
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
  periodForget();
  heap.free(psum);
  addStat(inputStationary ? Stat.IfmapReads : Stat.FilterReads, loopSums[0]);
  addStat(inputStationary ? Stat.FilterReads : Stat.IfmapReads, loopSums[1]);
  setStat(Stat.FoldRows, <f64>fr);
  setStat(Stat.FoldCols, <f64>fc);
}
