// When each fold starts, given the previous one: the fold-level microarchitecture (shared/DESIGN.md, README).
//
// Folds are simulated one after another, each register by register on its own clock; this module places them on
// the layer's clock. Overlapping folds never use a PE in the same cycle (a fold's wavefront at PE(i, j) starts
// after the previous fold's wavefront has left PE(i, j)), so simulating them apart gives the same values and counts.
//
// scalesim: folds are strictly serialised; a fold lasts its (padded) wavefront, WS/IS first load R weight rows.
// native, OS: with foldPipelining, the next fold's operands enter max(T, R) cycles after this fold's first ones
//   (the accumulators hand their sums to a shadow output chain of R registers per column, which must have emptied);
//   otherwise after this fold's last result has left the array.
// native, WS/IS: stationary words load one row per cycle (r cycles). With stationaryDoubleBuffer the next fold's
//   words load into shadow registers from this fold's stream start; otherwise after the previous fold has left the
//   PEs (pipelined: right behind its last streaming word). With foldPipelining the next stream starts T cycles after
//   this one (as soon as its words are loaded); otherwise after this fold's last sum has left the array.
// Memory stalls (memory/system.ts) freeze the whole array: they lengthen the fold they hit and delay a pipelined
// successor by as much.
import { MicroFlag, Timing } from '../shared/kinds';

let first = true;
let prevStart: i64 = 0; // cycle the previous fold's first streaming word entered the array
let prevEnd: i64 = 0; // cycle after the previous fold's last result left the array
let prevT: i64 = 0;
let prevStall: i64 = 0; // cycles the previous fold stalled (they delay a pipelined successor as much)
let layerEnd: i64 = 0;
let serialSum: i64 = 0; // scalesim: Σ fold cycles
let utilSum: i64 = 0; // scalesim: Σ fold cycles in its compute-utilization convention

export function resetTimeline(): void {
  first = true;
  prevStart = 0;
  prevEnd = 0;
  prevT = 0;
  prevStall = 0;
  layerEnd = 0;
  serialSum = 0;
  utilSum = 0;
}

/** Contract: native: the cycle an OS fold's first operands enter the array, given the folds placed so far. */
export function planOsFold(flags: i32, rows: i32): i64 {
  if (first) return 0;
  const gap: i64 = prevT > <i64>rows ? prevT : <i64>rows;
  return flags & MicroFlag.FoldPipelining ? prevStart + gap + prevStall : prevEnd;
}

/** Contract: native: when a WS/IS fold's stationary words start loading (`loadCycles` of them: one row a cycle). */
export function planLoad(flags: i32): i64 {
  if (first) return 0;
  const pipe = (flags & MicroFlag.FoldPipelining) != 0;
  if (flags & MicroFlag.StationaryDoubleBuffer) return prevStart;
  return pipe ? prevStart + prevT + prevStall : prevEnd;
}

/** Contract: native: when a WS/IS fold's stream starts, its load having started at `loadStart`. */
export function planStream(flags: i32, loadStart: i64, loadCycles: i64): i64 {
  const ready = loadStart + loadCycles;
  if (first) return ready;
  const earliest = flags & MicroFlag.FoldPipelining ? prevStart + prevT + prevStall : prevEnd;
  return ready > earliest ? ready : earliest;
}

/** Contract: native: places a fold whose stream started at `start` and lasted `cycles` + `stall`. */
export function placeFold(start: i64, cycles: i64, stall: i64, t: i64): void {
  prevStart = start;
  prevEnd = start + cycles + stall;
  prevT = t;
  prevStall = stall;
  if (prevEnd > layerEnd) layerEnd = prevEnd;
  first = false;
}

/** Contract: period fast-forward: pushes the timeline's state relative to the previous fold's start into `out` from
 *  `at`; returns the next index (the reference cycle is prevStartCycle()). */
export function timelineState(out: StaticArray<i64>, at: i32): i32 {
  out[at++] = prevEnd - prevStart;
  out[at++] = prevT;
  out[at++] = prevStall;
  out[at++] = layerEnd - prevStart;
  return at;
}

/** The cycle the previous fold's stream started (native); -1 before the first fold. */
export function prevStartCycle(): i64 {
  return first ? -1 : prevStart;
}

/** Contract: every absolute time of the timeline moves `s` cycles later. */
export function shiftTimeline(s: i64): void {
  prevStart += s;
  prevEnd += s;
  layerEnd += s;
}

/** Contract: scalesim: a fold of `cycles`, strictly after the previous one; `utilCycles` in its utilization convention. */
export function placeSerialFold(cycles: i64, utilCycles: i64): void {
  serialSum += cycles;
  utilSum += utilCycles;
}

/** scalesim: Σ fold cycles so far (where the next serial fold starts). */
export function serialCycles(): i64 {
  return serialSum;
}

/** The layer ends no earlier than `cycle` (e.g. the last write-back). */
export function extendLayer(cycle: i64): void {
  if (cycle > layerEnd) layerEnd = cycle;
}

/** Cycle the last fold ended (native). */
export function lastFoldEnd(): i64 {
  return layerEnd;
}

/** Cycles the layer took, as the timing mode reports them. */
export function layerCycles(timing: Timing): i64 {
  // SCALE-Sim reports the 0-based index of its last demand row: Σ fold cycles − 1.
  return timing == Timing.ScaleSim ? serialSum - 1 : layerEnd;
}

/** Cycles over which compute utilization is averaged. */
export function utilWindow(timing: Timing): i64 {
  return timing == Timing.ScaleSim ? utilSum : layerEnd;
}
