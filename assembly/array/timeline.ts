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
import { MicroFlag, Timing } from '../shared/kinds';

let first = true;
let prevStart: i64 = 0; // cycle the previous fold's first streaming word entered the array
let prevEnd: i64 = 0; // cycle after the previous fold's last result left the array
let prevT: i64 = 0;
let layerEnd: i64 = 0;
let serialSum: i64 = 0; // scalesim: Σ fold cycles
let utilSum: i64 = 0; // scalesim: Σ fold cycles in its compute-utilization convention

export function resetTimeline(): void {
  first = true;
  prevStart = 0;
  prevEnd = 0;
  prevT = 0;
  layerEnd = 0;
  serialSum = 0;
  utilSum = 0;
}

function place(start: i64, end: i64, t: i64): void {
  prevStart = start;
  prevEnd = end;
  prevT = t;
  if (end > layerEnd) layerEnd = end;
  first = false;
}

/** Contract: places an OS fold of `foldCycles` (compute + drain) cycles on the layer clock. */
export function placeOsFold(timing: Timing, flags: i32, rows: i32, t: i64, foldCycles: i64): void {
  if (timing == Timing.ScaleSim) {
    serialSum += foldCycles;
    utilSum += foldCycles;
    return;
  }
  let start: i64 = 0;
  if (!first) {
    const gap: i64 = t > <i64>rows ? t : <i64>rows;
    start = flags & MicroFlag.FoldPipelining ? prevStart + gap : prevEnd;
  }
  place(start, start + foldCycles, t);
}

/** Contract: places a WS/IS fold: `loadCycles` to shift in stationary words, then `streamCycles` of streaming. */
export function placeStationaryFold(
  timing: Timing, flags: i32, cols: i32, t: i64, loadCycles: i64, streamCycles: i64,
): void {
  if (timing == Timing.ScaleSim) {
    serialSum += loadCycles + streamCycles;
    utilSum += loadCycles + streamCycles + <i64>cols - 1;
    return;
  }
  const pipe = (flags & MicroFlag.FoldPipelining) != 0;
  const dbuf = (flags & MicroFlag.StationaryDoubleBuffer) != 0;
  let loadStart: i64 = 0;
  let earliest: i64 = 0;
  if (!first) {
    earliest = pipe ? prevStart + prevT : prevEnd;
    loadStart = dbuf ? prevStart : earliest;
  }
  const ready = loadStart + loadCycles;
  const start = ready > earliest ? ready : earliest;
  place(start, start + streamCycles, t);
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
