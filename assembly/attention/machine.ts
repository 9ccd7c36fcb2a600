// The attention machine's scheduler: two arrays (2D, 1D), each running its issue stream (stream.ts) in order. An op
// instance starts at the first cycle when every PE it uses has finished the array's previous instance there, every
// operand has reached it from its producer (the done table below; per-PE wavefront lags: timing.ts), its pass's
// barrier has passed and its DRAM words have arrived. With values on, datapath.ts computes its results PE by PE,
// cycle by cycle. The loop jumps from one event (an op start becoming possible) to the next; forward.ts advances whole
// periods once the state repeats.
import { DramChannel } from '../memory/dram';
import { AttnStat, DepKind, DramWhen, MAX_OPS, OpField, OpKind, TraceArray } from '../shared/attention';
import { V, Where, execute } from './datapath';
import { Cursor, PLAN, instanceId, opField, opPtr, tileK } from './stream';
import { occAdd, occStart, resetOccupancy } from './occupancy';
import { record } from './trace';
import { M, MAX_OPS_T, ROW_LAG, SPAN, TILE_LAG, WORK, is2d, opElements, readsTile } from './timing';

export const INF: f64 = Infinity;
const LOOKAHEAD: i32 = 4096; // stream positions scanned to find the next instance to prefetch for

export class State {
  now: f64 = 0;
  // per array: the start and op of the last instance issued (−1: none yet), and when the latest instance ends
  lastStart: StaticArray<f64> = new StaticArray<f64>(2);
  lastOp: StaticArray<i32> = new StaticArray<i32>(2);
  endAt: StaticArray<f64> = new StaticArray<f64>(2);
  cur: StaticArray<Cursor> = [new Cursor(), new Cursor()];
  // done table: [op][q][slot] slot = key tile parity (0, 1) or 2 for once-per-block ops; the instance id and its start
  doneT: StaticArray<f64> = new StaticArray<f64>(0);
  doneId: StaticArray<f64> = new StaticArray<f64>(0);
  // pass barriers: [unit mod BAR][pass]: unit, instances issued, latest end
  barU: StaticArray<f64> = new StaticArray<f64>(0);
  barN: StaticArray<f64> = new StaticArray<f64>(0);
  barEnd: StaticArray<f64> = new StaticArray<f64>(0);
  expected: StaticArray<f64> = new StaticArray<f64>(8);
  // prefetched DRAM reads per op: the instance they are for and when its words are usable
  pfId: StaticArray<f64> = new StaticArray<f64>(MAX_OPS);
  pfReady: StaticArray<f64> = new StaticArray<f64>(MAX_OPS);
  // write-backs not yet handed to the channel (they are queued at the cycle their op ends), and spilled tiles'
  // write-backs handed to it but not yet written (a reader's DRAM read waits for them: spillWriteDone)
  wr: Array<WriteBack> = [];
  landing: Array<WriteBack> = [];
  // per op: the id of its latest instance started (ids grow along the stream: an id above it has not started)
  lastId: StaticArray<f64> = new StaticArray<f64>(MAX_OPS);
  dram: DramChannel = new DramChannel();
  values: bool = false;
  deadlock: bool = false;
  /** readyTime()'s answer without the DRAM read (DRAM wait = the difference). */
  readyNoDram: f64 = 0;
  /** When the last write-back handed to the channel is written. */
  writesDone: f64 = 0;
}

/** A write-back of op `op`: queued at `t` (the op's end), `n` words, written at `done` once handed to the channel;
 *  `id`: the instance, when it writes a spilled tile that a reader waits for (−1 otherwise: the output). */
export class WriteBack {
  t: f64 = 0;
  n: f64 = 0;
  op: i32 = -1;
  id: f64 = -1;
  done: f64 = 0;
  q: i32 = 0;
  m1: i32 = 0;
  u: i32 = 0;
}

export const S = new State();
export const BAR: i32 = 4;

export const STATS_LEN: i32 = <i32>AttnStat.COUNT + MAX_OPS;
export const STATS: usize = heap.alloc(<usize>STATS_LEN << 3);
@inline export function addStat(s: i32, v: f64): void {
  const p = STATS + (<usize>s << 3);
  store<f64>(p, load<f64>(p) + v);
}
@inline export function getStat(s: i32): f64 {
  return load<f64>(STATS + (<usize>s << 3));
}

const where = new Where();
const scan = new Cursor();

export function resetState(bandwidth: f64, latency: f64, values: bool): void {
  const n = PLAN.nOps * PLAN.blocks * 3;
  S.doneT = new StaticArray<f64>(n);
  S.doneId = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) S.doneId[i] = -1;
  S.barU = new StaticArray<f64>(BAR * 8);
  S.barN = new StaticArray<f64>(BAR * 8);
  S.barEnd = new StaticArray<f64>(BAR * 8);
  for (let i = 0; i < BAR * 8; i++) S.barU[i] = -1;
  for (let n2 = 0; n2 < PLAN.passes; n2++) {
    let e: f64 = 0;
    for (let o = 0; o < PLAN.nOps; o++) {
      if (<i32>opField(o, OpField.Pass) != n2) continue;
      e += opField(o, OpField.AtEnd) == 1 ? <f64>PLAN.blocks : <f64>(PLAN.blocks * PLAN.tiles);
    }
    S.expected[n2] = e;
  }
  for (let o = 0; o < MAX_OPS; o++) {
    S.pfId[o] = -1;
    S.pfReady[o] = 0;
    S.lastId[o] = -1;
  }
  S.wr = [];
  S.landing = [];
  S.now = 0;
  for (let a = 0; a < 2; a++) {
    S.lastStart[a] = 0;
    S.lastOp[a] = -1;
    S.endAt[a] = 0;
  }
  S.cur[0].start(0);
  S.cur[1].start(1);
  S.dram.reset(bandwidth, latency);
  S.values = values;
  S.deadlock = false;
  S.writesDone = 0;
  memory.fill(STATS, 0, <usize>STATS_LEN << 3);
  resetOccupancy();
}

@inline function doneIdx(o: i32, q: i32, slot: i32): i32 {
  return (o * PLAN.blocks + q) * 3 + slot;
}

/** A DRAM transfer through the shared channel model; here each transfer holds the channel for whole cycles (the
 *  channel is free again at the next cycle boundary), so that every time in the machine is a whole cycle and the
 *  pipeline's state can repeat exactly (forward.ts). */
function transfer(words: f64, issue: f64, kind: i32, o: i32, q: i32, m1: i32, u: i32): f64 {
  const from = max(issue, S.dram.free);
  const ready = S.dram.transfer(words, issue);
  S.dram.alignFree();
  record(from, S.dram.free, kind, o, <f64>q, m1, u);
  return ready;
}

/** When the spilled [p, m0] tile instance `c` of op `o` reads from DRAM is written there by its producer's write-back
 *  (−INF: no spilled operand, or written long ago; INF: its producer has not ended yet, the write-back not queued). */
function spillWriteDone(c: Cursor, o: i32): f64 {
  const m1 = c.m1();
  if (!readsSpill(o, m1)) return -INF;
  const p = <i32>opField(o, OpField.DepA); // the tile operand (compile.ts: operand B is never a tile)
  const id = instanceId(c.u, <i32>opField(p, OpField.Pass), 0, tileK(c.q(), m1));
  if (id > S.lastId[p]) return INF;
  for (let i = 0; i < S.wr.length; i++) if (S.wr[i].op == p && S.wr[i].id == id) return INF;
  for (let i = 0; i < S.landing.length; i++) if (S.landing[i].op == p && S.landing[i].id == id) return S.landing[i].done;
  return -INF;
}

@inline function spilled(o: i32, m1: i32): bool {
  return m1 < PLAN.tiles && <f64>m1 >= opField(o, OpField.SpillFromTile);
}

@inline function readsSpill(o: i32, m1: i32): bool {
  return spilled(o, m1) && opField(o, OpField.SpillReadWords) > 0;
}

/** DRAM words an instance reads (both read rules, and its [p, m0] operands when they are spilled). */
function readWords(o: i32, q: i32, m1: i32): f64 {
  const tile = spilled(o, m1) ? opField(o, OpField.SpillReadWords) : 0;
  return dramWords(o, OpField.DramReadWords, OpField.DramReadWhen, q, m1) + dramWords(o, OpField.DramRead2Words, OpField.DramRead2When, q, m1) + tile;
}

/** Words an instance moves under its When rule. */
function dramWords(o: i32, words: OpField, when: OpField, q: i32, m1: i32): f64 {
  const n = opField(o, words);
  if (n == 0) return 0;
  const w = <DramWhen>(<i32>opField(o, when));
  if (w == DramWhen.FirstBlock && q != 0) return 0;
  if (w == DramWhen.FirstTile && m1 != 0) return 0;
  if (w == DramWhen.LastTile && m1 != PLAN.tiles - 1) return 0;
  return n;
}

// The earliest start of op `o` at the cursor that its operand from op `dep` allows (per-PE lags, timing.ts): −INF if
// long done, INF if the producer has not started yet.
function operandReady(c: Cursor, o: i32, dep: i32, kind: DepKind, tile: bool): f64 {
  if (kind == DepKind.None || kind == DepKind.EarlierPass) return -INF;
  const q = c.q();
  const m1 = c.m1();
  let id: f64;
  let slot: i32;
  const pPass = <i32>opField(dep, OpField.Pass);
  if (kind == DepKind.SameTile) {
    if (opField(dep, OpField.AtEnd) == 1) {
      id = instanceId(c.u, pPass, 1, q);
      slot = 2;
    } else {
      id = instanceId(c.u, pPass, 0, tileK(q, m1));
      slot = m1 & 1;
    }
  } else if (kind == DepKind.PrevTile) {
    if (m1 == 0) return -INF;
    id = instanceId(c.u, pPass, 0, tileK(q, m1 - 1));
    slot = (m1 - 1) & 1;
  } else {
    id = instanceId(c.u, pPass, 0, tileK(q, PLAN.tiles - 1));
    slot = (PLAN.tiles - 1) & 1;
  }
  const i = doneIdx(dep, q, slot);
  const have = S.doneId[i];
  const lag = <f64>unchecked((tile ? TILE_LAG : ROW_LAG)[dep * MAX_OPS_T + o]);
  if (have == id) return S.doneT[i] + lag;
  // a later instance of the producer has started at doneT: the one asked for started at least one instance (w
  // cycles) before it, a bound that is exact when every offset is 0
  if (have > id) return S.doneT[i] + lag - <f64>unchecked(WORK[dep]);
  return INF;
}

/** The earliest start of op `o` on array `a` that the array's previous instance allows (PE by PE). */
export function structReady(a: i32, o: i32): f64 {
  const p = S.lastOp[a];
  if (p < 0) return 0;
  return S.lastStart[a] + <f64>unchecked(TILE_LAG[p * MAX_OPS_T + o]);
}

function barrierReady(c: Cursor, o: i32): f64 {
  if (c.pass == 0) return -INF;
  if (<DepKind>(<i32>opField(o, OpField.DepAKind)) != DepKind.EarlierPass && <DepKind>(<i32>opField(o, OpField.DepBKind)) != DepKind.EarlierPass) {
    return -INF;
  }
  const b = (c.u % BAR) * 8 + (c.pass - 1);
  if (S.barU[b] != <f64>c.u || S.barN[b] < S.expected[c.pass - 1]) return INF;
  return S.barEnd[b];
}

/** Earliest cycle the next instance on array `a` can start (INF: a producer has not started yet). Issues its DRAM
 *  read at `now` if nothing was prefetched for it and the array is free. */
export function readyTime(a: i32): f64 {
  const c = S.cur[a];
  if (c.finished) return INF;
  const o = c.op();
  const free = structReady(a, o);
  let t = free;
  const kind = <OpKind>(<i32>opField(o, OpField.Kind));
  t = max(t, operandReady(c, o, <i32>opField(o, OpField.DepA), <DepKind>(<i32>opField(o, OpField.DepAKind)), readsTile(kind)));
  t = max(t, operandReady(c, o, <i32>opField(o, OpField.DepB), <DepKind>(<i32>opField(o, OpField.DepBKind)), false));
  t = max(t, barrierReady(c, o));
  const words = readWords(o, c.q(), c.m1());
  if (words > 0) {
    const id = c.id();
    if (S.pfId[o] != id) {
      if (t == INF) return INF;
      // a read of a spilled tile waits for the write-back that put it in DRAM (then it is requested at once: the
      // previous instance of its op has started, so it is one instance ahead); any other first read waits for the
      // array to be free
      if (readsSpill(o, c.m1())) {
        const wb = spillWriteDone(c, o);
        if (wb > S.now) {
          S.readyNoDram = t;
          return wb; // INF: woken when the write-back is queued (run(): write-back times are events)
        }
      } else if (free > S.now) return INF;
      S.pfId[o] = id;
      S.pfReady[o] = transfer(words, S.now, <i32>TraceArray.DramRead, o, c.q(), c.m1(), c.u);
      addStat(AttnStat.DramReads, words);
      occAdd(S.now, words); // the buffer is reserved for the words from the request on
    }
    S.readyNoDram = t;
    t = max(t, S.pfReady[o]);
    return t;
  }
  S.readyNoDram = t;
  return t;
}

// Requests the DRAM words of the next instance of op o on this array (double buffering: one instance ahead).
function prefetchNext(c: Cursor, o: i32): void {
  scan.copyFrom(c);
  for (let n = 0; n < LOOKAHEAD; n++, scan.next()) {
    if (scan.finished) return;
    if (scan.op() != o) continue;
    const words = readWords(o, scan.q(), scan.m1());
    if (words == 0) continue;
    if (S.pfId[o] == scan.id()) return; // already requested
    if (spillWriteDone(scan, o) > S.now) return; // its tile is not in DRAM yet: readyTime() requests it once it is
    S.pfId[o] = scan.id();
    S.pfReady[o] = transfer(words, S.now, <i32>TraceArray.DramRead, o, scan.q(), scan.m1(), scan.u);
    addStat(AttnStat.DramReads, words);
    occAdd(S.now, words);
    return;
  }
}

/** Starts the instance at array a's cursor at S.now (its readiness was checked). */
export function start(a: i32): void {
  const c = S.cur[a];
  const o = c.op();
  const kind = <OpKind>(<i32>opField(o, OpField.Kind));
  const cost = <i32>opField(o, OpField.Cost);
  const dur = <f64>unchecked(SPAN[o]);
  const q = c.q();
  const m1 = c.m1();
  // the queries and keys of this tile that are not padding (the last block of a head, the last key tile)
  const row0 = ((c.u % PLAN.unitsPerHead) * PLAN.blocks + q) * M.rows;
  const realRows = min(M.rows, max(0, PLAN.realQueries - row0));
  const realCols = m1 < PLAN.tiles ? min(M.cols, max(0, PLAN.realKeys - m1 * M.cols)) : M.cols;
  const el = opElements(kind, realRows, realCols);
  const end = S.now + dur;
  record(S.now, end, a, o, <f64>q, m1, c.u);
  if (is2d(kind)) {
    addStat(AttnStat.Busy2d, el * <f64>cost);
    addStat(AttnStat.Active2d, dur);
    addStat(AttnStat.Macs2d, el * opField(o, OpField.Macs));
    addStat(AttnStat.Max2d, el * opField(o, OpField.Maxes));
    addStat(AttnStat.Add2d, el * opField(o, OpField.Adds));
    addStat(AttnStat.RegReads2d, el * opField(o, OpField.RegReads));
    addStat(AttnStat.RegWrites2d, el * opField(o, OpField.RegWrites));
  } else {
    addStat(AttnStat.Busy1d, el * <f64>cost);
    addStat(AttnStat.Active1d, dur);
    addStat(AttnStat.Macs1d, el * opField(o, OpField.Macs));
    addStat(AttnStat.Max1d, el * opField(o, OpField.Maxes));
    addStat(AttnStat.Add1d, el * opField(o, OpField.Adds));
    addStat(AttnStat.Exp1d, el * opField(o, OpField.Exps));
    addStat(AttnStat.Div1d, el * opField(o, OpField.Divs));
    addStat(AttnStat.RegReads1d, el * opField(o, OpField.RegReads));
    addStat(AttnStat.RegWrites1d, el * opField(o, OpField.RegWrites));
  }
  const spill = spilled(o, m1);
  const tileGbRead = opField(o, OpField.TileReadWords) - (spill ? opField(o, OpField.SpillReadWords) : 0);
  addStat(AttnStat.GbReads, opField(o, OpField.GbReadWords) + tileGbRead);
  addStat(AttnStat.GbWrites, opField(o, OpField.GbWriteWords) + opField(o, spill ? OpField.SpillWriteGbWords : OpField.TileWriteWords));
  addStat(AttnStat.OpInstances, 1);
  addStat(<i32>AttnStat.COUNT + o, <f64>unchecked(WORK[o])); // cycles each PE works on it (w; the span with no offsets)
  if (c.phase == 0 && c.li == 0 && tileCounter(c.pass) == a) addStat(AttnStat.TilesSimulated, 1);
  const slot = c.phase == 1 ? 2 : m1 & 1;
  const i = doneIdx(o, q, slot);
  S.doneId[i] = c.id();
  S.doneT[i] = S.now;
  const b = (c.u % BAR) * 8 + c.pass;
  if (S.barU[b] != <f64>c.u) {
    S.barU[b] = <f64>c.u;
    S.barN[b] = 0;
    S.barEnd[b] = 0;
  }
  S.barN[b] += 1;
  S.barEnd[b] = max(S.barEnd[b], end);
  const spillWr = spill ? opField(o, OpField.SpillWriteDramWords) : 0;
  const wr = dramWords(o, OpField.DramWriteWords, OpField.DramWriteWhen, q, m1) + spillWr;
  if (wr > 0) {
    const w = new WriteBack();
    w.t = end;
    w.n = wr;
    w.op = o;
    w.id = spillWr > 0 ? c.id() : -1;
    w.q = q;
    w.m1 = m1;
    w.u = c.u;
    S.wr.push(w);
  }
  S.lastId[o] = c.id();
  occStart(o, q, m1, S.now, end, spill);
  if (S.values) {
    const h = c.u / PLAN.unitsPerHead;
    const uh = c.u % PLAN.unitsPerHead;
    where.h = h;
    where.q = q;
    where.m1 = m1;
    where.tiles = PLAN.tiles;
    where.row0 = (uh * PLAN.blocks + q) * M.rows;
    execute(opPtr(o), where);
    if ((kind == OpKind.Qk || kind == OpKind.Pv) && <f64>V.steppedCycles != dur) addStat(AttnStat.StepMismatches, 1);
  }
  S.lastStart[a] = S.now;
  S.lastOp[a] = o;
  S.endAt[a] = max(S.endAt[a], end);
  const hadRead = readWords(o, q, m1) > 0;
  c.next();
  if (hadRead) prefetchNext(c, o);
}

/** The array whose phase-0 tile starts count tiles for this pass: the 2D array if it has ops in the pass. */
export function tileCounter(pass: i32): i32 {
  for (let o = 0; o < PLAN.nOps; o++) {
    if (<i32>opField(o, OpField.Pass) == pass && opField(o, OpField.AtEnd) == 0 && opField(o, OpField.Array) == 0) return 0;
  }
  return 1;
}

/** Hands write-backs whose op has ended by `t` to the channel, in order of their end; forgets the spilled tiles'
 *  write-backs written by `t`. */
export function flushWrites(t: f64): void {
  for (;;) {
    let best = -1;
    for (let i = 0; i < S.wr.length; i++) if (S.wr[i].t <= t && (best < 0 || S.wr[i].t < S.wr[best].t)) best = i;
    if (best < 0) break;
    const w = S.wr[best];
    w.done = transfer(w.n, w.t, <i32>TraceArray.DramWrite, w.op, w.q, w.m1, w.u);
    S.writesDone = max(S.writesDone, w.done);
    occAdd(w.t, w.n); // staged in the buffer from its op's end until written
    occAdd(w.done, -w.n);
    addStat(AttnStat.DramWrites, w.n);
    S.wr.splice(best, 1);
    if (w.id >= 0 && w.done > t) S.landing.push(w);
  }
  for (let i = S.landing.length - 1; i >= 0; i--) if (S.landing[i].done <= t) S.landing.splice(i, 1);
}
