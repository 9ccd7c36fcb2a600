// Exact period fast-forward of a run of identical folds.
//
// Within a run of folds of one kind (same shape, same memory-system flags, no values, the array's outcome recalled
// by shape: replay.ts), a fold's timing and counters are a function of the state it starts from, taken relative to
// the cycle the previous fold started: the timeline's (previous end, length, stall, layer end), the memory system's
// (when the last slice was consumed, when the ofmap halves are written back, pending partial sums) and the DRAM
// channel's (free time, to the slot). The scratchpads' contents play no part, since the folds allowed here touch no
// buffer (their operands are on chip already, or every use is a fetch: memory/system.ts). So when fold i starts from
// the state fold j < i started from, folds j…i−1 repeat: the folds from i on are the same period again, P = i − j
// folds and d cycles later each time, for as long as the run lasts. The whole periods that fit are added at once:
// every counter grows k times the period's growth, every absolute time moves k·d, and the channel's bandwidth
// windows account the repeated transfers (memory/dram.ts advancePeriods). The report is the same, counter for
// counter (tests/simulate/fast-forward.test.ts). Not while tracing: the trace records every fold.
import { Stat } from '../shared/stats';
import { STATS } from '../counters';
import { tracing } from '../trace/recorder';
import { prevStartCycle, shiftTimeline, timelineState } from './timeline';
import { advanceMemory, dramWordsMoved, logTransfers, memoryState, transfersLogged } from '../memory/system';

const H: i32 = 4; // states kept: periods of up to H folds are found
const SIG: i32 = 16;
const N: i32 = <i32>Stat.COUNT;
const SUMS: i32 = 2;
const LOG_CAP: i32 = 1 << 18; // transfers logged while looking for a period (32 bytes each)

const sigs = new StaticArray<i64>(H * SIG);
const refs = new StaticArray<i64>(H);
const foldAt = new StaticArray<i32>(H);
const logAt = new StaticArray<i32>(H);
const wordsAt = new StaticArray<f64>(H);
const statsAt = new StaticArray<f64>(H * N);
const sumsAt = new StaticArray<f64>(H * SUMS);
const cur = new StaticArray<i64>(SIG);
let count: i32 = 0;
let matched: i32 = -1;
let lastKind: i32 = -1;
let withMemory = false;

/** What a fold loop accumulates outside the stats block (WS/IS: stationary loads, streamed reads): periods add to it. */
export const loopSums = new StaticArray<f64>(SUMS);

/** Contract: forgets every recorded state (the next fold is of another kind, or touches a buffer). */
export function periodForget(): void {
  if (count > 0 && withMemory) logTransfers(false);
  count = 0;
  matched = -1;
  lastKind = -1;
}

/**
 * Contract: fold `index`, of kind `kind` (folds of one kind are identical: see the top of this file), is about to
 * start; a kind other than the last one's forgets the states recorded. Records its starting state and returns P > 0
 * when the state `P` folds earlier was the same (then periodJump may add whole periods), else 0. `memory`: the
 * memory system is in use.
 */
export function periodAt(kind: i32, index: i32, memory: bool): i32 {
  if (kind != lastKind) periodForget();
  lastKind = kind;
  if (tracing) return 0;
  const ref = prevStartCycle();
  if (ref < 0) return 0;
  let n = timelineState(cur, 0);
  if (memory) n = memoryState(cur, n, ref);
  if (memory && transfersLogged() > LOG_CAP) {
    periodForget(); // no period yet in this many transfers: start over
    lastKind = kind;
  }
  if (count == 0) {
    withMemory = memory;
    if (memory) logTransfers(true);
  }
  matched = -1;
  for (let back = 1; back <= min(count, H) && matched < 0; back++) {
    const e = (count - back) % H;
    let same = true;
    for (let i = 0; i < n && same; i++) same = sigs[e * SIG + i] == cur[i];
    if (same) matched = e;
  }
  const slot = count % H;
  for (let i = 0; i < n; i++) sigs[slot * SIG + i] = cur[i];
  refs[slot] = ref;
  foldAt[slot] = index;
  logAt[slot] = memory ? transfersLogged() : 0;
  wordsAt[slot] = memory ? dramWordsMoved() : 0;
  for (let s = 0; s < N; s++) statsAt[slot * N + s] = load<f64>(STATS + (<usize>s << 3));
  for (let s = 0; s < SUMS; s++) sumsAt[slot * SUMS + s] = loopSums[s];
  count++;
  return matched < 0 ? 0 : index - foldAt[matched];
}

/**
 * Contract: right after periodAt returned P > 0, when the `run` folds from this one on are all of its kind: adds the
 * whole periods that fit, k = run / P of them, at once; returns the folds added (k·P; 0 when run < P).
 */
export function periodJump(run: i32, P: i32): i32 {
  const k = run / P;
  if (k == 0) return 0;
  const e = matched;
  const c = (count - 1) % H;
  const d = refs[c] - refs[e];
  const kf = <f64>k;
  for (let s = 0; s < N; s++) {
    const p = STATS + (<usize>s << 3);
    store<f64>(p, load<f64>(p) + kf * (statsAt[c * N + s] - statsAt[e * N + s]));
  }
  for (let s = 0; s < SUMS; s++) loopSums[s] += kf * (sumsAt[c * SUMS + s] - sumsAt[e * SUMS + s]);
  const p = STATS + (<usize>Stat.PeriodFolds << 3);
  store<f64>(p, load<f64>(p) + kf * <f64>(foldAt[c] - foldAt[e]));
  shiftTimeline(<i64>k * d);
  if (withMemory) advanceMemory(logAt[e], logAt[c], d, <i64>k, wordsAt[c] - wordsAt[e]);
  periodForget();
  return k * P;
}
