// The attention core's ABI (a second WASM module, build/attention.wasm, beside the systolic core). The host writes the
// config block and the op table (layouts: shared/attention.ts), optionally allocates and fills the value buffers,
// calls run() once, and reads the stats block and the output. No per-cycle calls cross the boundary.
//
//   config()                      pointer to Cfg.COUNT f64
//   opTable(n)                    pointer to n × OpField.COUNT f64
//   allocValues(tiles, scalars, vectors)   value buffers (after the config is written); pointers below
//   run()                         simulates the whole run; 0: done, 1: deadlock (a binding whose deps cannot be met)
//   stats()                       pointer to AttnStat.COUNT + MAX_OPS f64 (busy cycles per op after the fixed slots)
//   traceConfigure(max) trace() traceLength() traceLost()   the timeline (op instances and fast-forward jumps)
import { AttnStat, Cfg, MAX_OPS, OpField } from '../shared/attention';
import { V } from './datapath';
import { checkpoint, resetForward } from './forward';
import { INF, S, STATS, addStat, flushWrites, readyTime, resetState, start, structReady } from './machine';
import { occFlush } from './occupancy';
import { TRACE, resetTrace, setTraceMax, traceDropped, traceLen } from './trace';
import { PLAN, buildPlan } from './stream';
import { M, buildLags } from './timing';

const CFG: usize = heap.alloc(<usize>Cfg.COUNT << 3);
let OPS: usize = heap.alloc(<usize>(MAX_OPS * <i32>OpField.COUNT) << 3);

@inline function cfg(k: Cfg): f64 {
  return load<f64>(CFG + (<usize>k << 3));
}

export function config(): usize {
  return CFG;
}

export function opTable(n: i32): usize {
  assert(n <= MAX_OPS);
  return OPS;
}

export function stats(): usize {
  return STATS;
}

/** The timeline of the last run: traceLength() records (layout: machine.ts record()). */
export function trace(): usize {
  return TRACE;
}
export function traceLength(): i32 {
  return traceLen;
}
/** Records past the cap, not kept. */
export function traceLost(): f64 {
  return traceDropped;
}
/** Contract: the next runs keep at most `max` timeline records (default 4096). */
export function traceConfigure(max: i32): void {
  setTraceMax(max);
}

function configureMachine(): void {
  M.rows = <i32>cfg(Cfg.Rows);
  M.cols = <i32>cfg(Cfg.Cols);
  M.pes = <i32>cfg(Cfg.Pes);
  M.fill = cfg(Cfg.Fill) == 1;
  M.skew = cfg(Cfg.Skew) == 1;
  M.drain = cfg(Cfg.Drain) == 1;
  M.tree = cfg(Cfg.TreeReduction) == 1;
  M.oneCycle = cfg(Cfg.OneCycleReduction) == 1;
  M.e = <i32>cfg(Cfg.E);
  M.f = <i32>cfg(Cfg.F);
}

function f32s(n: f64): usize {
  return heap.alloc(<usize>(n * 4));
}

/** Allocates inputs, output and the value slots for the configured shapes. */
export function allocValues(tileSlots: i32, scalarSlots: i32, vectorSlots: i32): void {
  configureMachine();
  const heads = cfg(Cfg.Heads);
  const p = cfg(Cfg.Queries);
  const m = cfg(Cfg.Keys);
  const blocks = cfg(Cfg.BlocksPerUnit);
  V.queries = <i32>p;
  V.keys = <i32>m;
  V.realKeys = <i32>cfg(Cfg.RealKeys);
  V.blocks = <i32>blocks;
  V.q = f32s(heads * p * M.e);
  V.k = f32s(heads * m * M.e);
  V.v = f32s(heads * m * M.f);
  V.out = f32s(heads * p * M.f);
  V.tiles = f32s(max(1, tileSlots) * blocks * M.rows * m);
  V.scalars = f32s(max(1, scalarSlots) * 2 * blocks * M.rows);
  V.vectors = f32s(max(1, vectorSlots) * 2 * blocks * M.rows * M.f);
}

export function valuesQ(): usize {
  return V.q;
}
export function valuesK(): usize {
  return V.k;
}
export function valuesV(): usize {
  return V.v;
}
export function valuesOut(): usize {
  return V.out;
}

// Applies the buffer's pending allocations and frees up to cycle t; the peak is kept in its stat.
function flushOccupancy(t: f64): void {
  const p = STATS + (<usize>AttnStat.GbPeakWords << 3);
  store<f64>(p, occFlush(t, load<f64>(p)));
}

export function run(): i32 {
  configureMachine();
  buildPlan(CFG, OPS);
  buildLags(PLAN.nOps, OPS);
  resetState(cfg(Cfg.BandwidthWordsPerCycle), cfg(Cfg.DramLatency), cfg(Cfg.Values) == 1);
  resetForward(cfg(Cfg.FastForward) == 1 && cfg(Cfg.Values) != 1);
  resetTrace();
  for (;;) {
    flushWrites(S.now);
    flushOccupancy(S.now);
    for (let a = 0; a < 2; a++) {
      const r = readyTime(a);
      if (r > S.now) continue;
      if (a == 0 || !S.cur[a].finished) checkpoint(a);
      start(a);
    }
    if (S.cur[0].finished && S.cur[1].finished) break;
    let next = INF;
    let dramBlocked = 0; // arrays whose next Einsum waits only for DRAM words
    for (let a = 0; a < 2; a++) {
      if (S.cur[a].finished) continue;
      const r = readyTime(a);
      if (r > S.now) next = min(next, r);
      if (r > S.now && r != INF && S.readyNoDram <= S.now) dramBlocked++;
      const free = structReady(a, S.cur[a].op()); // its first DRAM read is requested once the array is free
      if (free > S.now) next = min(next, free);
    }
    for (let i = 0; i < S.wr.length; i++) if (S.wr[i].t > S.now) next = min(next, S.wr[i].t);
    if (next == INF) {
      S.deadlock = true;
      return 1;
    }
    if (next != INF && dramBlocked > 0) addStat(AttnStat.DramWaitCycles, <f64>dramBlocked * (next - S.now));
    S.now = next;
  }
  flushWrites(INF);
  flushOccupancy(INF);
  const end = max(max(S.endAt[0], S.endAt[1]), S.writesDone);
  store<f64>(STATS + (<usize>AttnStat.Cycles << 3), end);
  return 0;
}
