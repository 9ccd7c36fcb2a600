// Exact period fast-forward. The machine is translation-invariant: its future depends only on its state relative to
// the current cycle and on the op stream ahead. At checkpoints (a tile starting on the array that counts tiles, and
// the first tile of each unit) the state is written as a signature (signature.ts) relative to the cycle and position:
// free times, both cursors, the done table, pass barriers, prefetched reads, the DRAM channel and queued write-backs.
// When a signature equals an earlier one, the stretch between them is a period: its cycles and counters repeat
// exactly as long as the stream ahead repeats. Whole periods are then added at once (times, positions, instance ids,
// counters), stopping a margin before anything in the stream changes (the end of a region, the last units).
//
//   tile level: inside one region (unit, pass); online order: periods of whole key-tile rows (k mod blocks kept);
//               passes order: inside one query block's row of key tiles (first and last key tiles and the tile
//               where scores start to spill kept out)
//   row level:  passes order, whole query-block rows of key tiles (a period may span several rows: the DRAM
//               channel's pattern need not come round in one row when the tile count has a large prime factor)
//   unit level: from one unit's start to another's (all units are identical); a ragged sequence (the last unit of each
//               head partly padding): inside a head, clear of its ragged unit, and whole heads
import { AttnStat, OpField, TraceArray } from '../shared/attention';
import { BAR, S, STATS, STATS_LEN, addStat } from './machine';
import { GB } from './occupancy';
import { record } from './trace';
import { Snapshot, matches, per, snapshot, spillFrom, write } from './signature';
import { Cursor, PLAN, opField } from './stream';

let enabled = false;
let tileHist: Array<Snapshot> = [];
let tileRegion: f64 = -1;
let unitHist: Array<Snapshot> = [];
let headHist: Array<Snapshot> = [];

export function resetForward(on: bool): void {
  enabled = on;
  rowHist = [];
  rowRegion = -1;
  tileHist = [];
  unitHist = [];
  headHist = [];
  tileRegion = -1;
}

function opsPerTile(pass: i32): f64 {
  let n: f64 = 0;
  for (let o = 0; o < PLAN.nOps; o++) if (<i32>opField(o, OpField.Pass) == pass && opField(o, OpField.AtEnd) == 0) n += 1;
  return n;
}

// Adds `times` periods: every absolute time by dt; ids of the shifted regions by dId; counters by their deltas.
function advance(h: Snapshot, times: f64, dt: f64, unit: bool, ref: Cursor, dk: i32, ds: i32): void {
  const p = per();
  const refRegion = <f64>ref.u * <f64>PLAN.passes + <f64>ref.pass;
  const dId = unit ? <f64>ds * <f64>PLAN.passes * p : <f64>dk;
  const deltas = new StaticArray<f64>(STATS_LEN);
  for (let i = 0; i < STATS_LEN; i++) deltas[i] = (load<f64>(STATS + (<usize>i << 3)) - h.stats[i]) * times;
  for (let i = 0; i < STATS_LEN; i++) {
    if (i == <i32>AttnStat.TilesSimulated) addStat(AttnStat.TilesAdvanced, deltas[i]);
    else if (i == <i32>AttnStat.OpInstances || i == <i32>AttnStat.Periods || i == <i32>AttnStat.Cycles || i == <i32>AttnStat.GbPeakWords) continue; // a peak repeats, it does not add up
    else addStat(i, deltas[i]);
  }
  addStat(AttnStat.Periods, 1);
  record(S.now, S.now + dt, <i32>TraceArray.Jump, -1, deltas[<i32>AttnStat.TilesSimulated], 0, 0);
  const shift = dt;
  S.now += shift;
  for (let a = 0; a < 2; a++) {
    S.lastStart[a] += shift;
    S.endAt[a] += shift;
    const c = S.cur[a];
    if (c.finished) continue;
    const region = <f64>c.u * <f64>PLAN.passes + <f64>c.pass;
    if (unit) {
      c.s += ds;
      c.u += ds;
    } else if (region == refRegion) c.k += dk;
  }
  if (!unit && !PLAN.online) {
    // passes order: only the reference's block row (and the one before) is live; finished rows stay as they are
    const q = ref.q();
    for (let o = 0; o < PLAN.nOps; o++) {
      for (let r = max(0, q - 1); r <= q; r++) {
        for (let sl = 0; sl < 3; sl++) {
          const i = (o * PLAN.blocks + r) * 3 + sl;
          if (r == q) S.doneId[i] = shiftId(S.doneId[i], unit, dId, p, refRegion);
          S.doneT[i] += shift;
        }
      }
    }
  } else {
    for (let i = 0; i < S.doneId.length; i++) {
      S.doneId[i] = shiftId(S.doneId[i], unit, dId, p, refRegion);
      S.doneT[i] += shift;
    }
  }
  for (let o = 0; o < PLAN.nOps; o++) {
    S.pfId[o] = shiftId(S.pfId[o], unit, dId, p, refRegion);
    S.pfReady[o] += shift;
  }
  // barriers: move to their new slots (unit level) or grow the current region's count (tile level)
  const n = BAR * 8;
  const bu = new StaticArray<f64>(n);
  const bn = new StaticArray<f64>(n);
  const be = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) bu[i] = -1;
  for (let i = 0; i < n; i++) {
    if (S.barU[i] < 0) continue;
    let u = S.barU[i];
    let cnt = S.barN[i];
    const pass = i % 8;
    if (unit) u += <f64>ds;
    else if (u == <f64>ref.u && pass == ref.pass) cnt += <f64>dk * opsPerTile(pass);
    const j = (<i32>u % BAR) * 8 + pass;
    bu[j] = u;
    bn[j] = cnt;
    be[j] = S.barEnd[i] + shift;
  }
  S.barU = bu;
  S.barN = bn;
  S.barEnd = be;
  S.dram.free += shift;
  for (let i = 0; i < GB.pendT.length; i++) GB.pendT[i] += shift;
  for (let i = 0; i < S.wr.length; i++) {
    S.wr[i].t += shift;
    S.wr[i].id = shiftId(S.wr[i].id, unit, dId, p, refRegion);
  }
  for (let i = 0; i < S.landing.length; i++) {
    S.landing[i].done += shift;
    S.landing[i].id = shiftId(S.landing[i].id, unit, dId, p, refRegion);
  }
  for (let o = 0; o < PLAN.nOps; o++) S.lastId[o] = shiftId(S.lastId[o], unit, dId, p, refRegion);
}

function shiftId(id: f64, unit: bool, dId: f64, p: f64, refRegion: f64): f64 {
  if (id < 0) return id;
  if (unit) return id + dId;
  return Math.floor(id / p) == refRegion ? id + dId : id;
}

function sameRegion(a: Cursor, b: Cursor): bool {
  return !a.finished && !b.finished && a.u == b.u && a.pass == b.pass && a.phase == b.phase;
}

/** Called before array `a` starts the instance at its cursor; may advance whole periods first. */
export function checkpoint(a: i32): void {
  if (!enabled) return;
  const ref = S.cur[a];
  if (ref.finished || ref.phase != 0 || ref.li != 0) return;
  // only the array that counts tiles for this pass
  let counter = 1;
  for (let o = 0; o < PLAN.nOps; o++) {
    if (<i32>opField(o, OpField.Pass) == ref.pass && opField(o, OpField.AtEnd) == 0 && opField(o, OpField.Array) == 0) counter = 0;
  }
  if (counter != a) return;
  // online order repeats with whole rows of key tiles (k mod blocks is part of the state): check at row starts only
  if (PLAN.online && ref.k % PLAN.blocks != 0) return;
  const other = S.cur[1 - a];
  if (ref.k == 0 && ref.pi == firstPi(ref.s)) unitLevel(ref);
  if (!PLAN.online && ref.k % PLAN.tiles == 0) rowLevel(ref, S.cur[1 - a]);
  tileLevel(ref, S.cur[1 - a]);
}

function firstPi(s: i32): i32 {
  for (let pi = 0; pi < PLAN.passes; pi++) {
    const u = s - PLAN.lag[PLAN.passOrder[pi]];
    if (u >= 0 && u < PLAN.units) return pi;
  }
  return -1;
}

// A ragged sequence: the last unit of each head holds the partly padded query block (the same timing, other counts),
// so with several units per head, periods stay among one head's other units, clear of the ragged one on both sides;
// and at each head's first unit, whole heads (the ragged unit in the same place in each) are compared with earlier
// heads' first units.
function unitLevel(ref: Cursor): void {
  const uph = PLAN.unitsPerHead;
  const ragged = PLAN.raggedRows && uph > 1;
  const uh = ref.u % uph;
  const margin = PLAN.maxLag + 3;
  if (ragged && uh == 0) {
    unitHist = []; // a new head
    if (periodFrom(headHist, ref, PLAN.units + PLAN.maxLag - margin)) {
      headHist = [];
      return;
    }
    headHist.push(snapshot(ref.s));
    if (headHist.length > 8) headHist.shift();
  }
  if (ragged && uh < margin) return;
  let last = PLAN.units + PLAN.maxLag - margin; // slots kept for the end
  if (ragged) last = min(last, ref.s - uh + uph - 1 - margin); // and before this head's ragged unit
  if (periodFrom(unitHist, ref, last)) return;
  unitHist.push(snapshot(ref.s));
  if (unitHist.length > 8) unitHist.shift();
}

// Unit level: the latest snapshot of `hist` whose state the current one matches gives a period; whole periods are
// advanced while the reference's slot stays before `last`. Writes the signature first (write()); true when it jumped.
function periodFrom(hist: Array<Snapshot>, ref: Cursor, last: i32): bool {
  write(ref, true);
  for (let i = hist.length - 1; i >= 0; i--) {
    const h = hist[i];
    if (!matches(h)) continue;
    const p = ref.s - h.pos;
    const times = Math.floor(<f64>(last - ref.s) / <f64>p);
    if (times < 1) return false;
    advance(h, times, (S.now - h.t) * times, true, ref, 0, <i32>times * p);
    unitHist = [];
    tileHist = [];
    tileRegion = -1;
    return true;
  }
  return false;
}

let rowHist: Array<Snapshot> = [];
let rowRegion: f64 = -1;

// Passes order, at the start of a query block's row: the state against earlier rows' starts. A match with the row r
// rows back is a period of r rows (the DRAM channel's pattern can take several rows to come round); whole periods
// are advanced, and the done table's entries of the rows passed over are written as the full run leaves them (row
// q + j as row q − r + (j mod r), one period later per r rows).
function rowLevel(ref: Cursor, other: Cursor): void {
  const region = <f64>ref.u * <f64>PLAN.passes + <f64>ref.pass;
  if (region != rowRegion) {
    rowHist = [];
    rowRegion = region;
  }
  const q = ref.q();
  if (q == 0) return;
  if (!write(ref, false, true)) return;
  const tiles = PLAN.tiles;
  for (let hi = rowHist.length - 1; hi >= 0; hi--) {
    const h = rowHist[hi];
    if (!matches(h)) continue;
    const r = (ref.k - h.pos) / tiles; // rows per period
    let room = PLAN.blocks - 3 - q; // keep the last rows
    if (sameRegion(ref, other)) room = min(room, PLAN.blocks - 3 - other.k / tiles);
    const n = room / r;
    if (n < 1) break;
    const rows = n * r;
    const dt = S.now - h.t; // one period
    // the entries of rows q − r .. q before the shift, per op and slot
    const ops = PLAN.nOps;
    const w = (r + 1) * ops * 3;
    const ids = new StaticArray<f64>(w);
    const ts = new StaticArray<f64>(w);
    for (let j = 0; j <= r; j++) {
      for (let o = 0; o < ops; o++) {
        for (let sl = 0; sl < 3; sl++) {
          const i = (o * PLAN.blocks + q - r + j) * 3 + sl;
          ids[(j * ops + o) * 3 + sl] = S.doneId[i];
          ts[(j * ops + o) * 3 + sl] = S.doneT[i];
        }
      }
    }
    advance(h, <f64>n, dt * <f64>n, false, ref, rows * tiles, 0);
    const p = per();
    // rows q − r .. q − 1 as they were; row q + j (j < rows) as row q − r + (j mod r), j / r + 1 periods later; row
    // q + rows as row q, n periods later
    for (let j = -r; j <= rows; j++) {
      const from = j < 0 ? r + j : j == rows ? r : j % r;
      const periods = j < 0 ? 0 : j == rows ? n : j / r + 1;
      for (let o = 0; o < ops; o++) {
        for (let sl = 0; sl < 3; sl++) {
          const i = (o * PLAN.blocks + q + j) * 3 + sl;
          const id = ids[(from * ops + o) * 3 + sl];
          const inRegion = id >= 0 && Math.floor(id / p) == region;
          S.doneId[i] = inRegion ? id + <f64>(periods * r * tiles) : id;
          S.doneT[i] = ts[(from * ops + o) * 3 + sl] + dt * <f64>periods;
        }
      }
    }
    rowHist = [];
    tileHist = [];
    return;
  }
  rowHist.push(snapshot(ref.k));
  if (rowHist.length > 16) rowHist.shift();
}

function tileLevel(ref: Cursor, other: Cursor): void {
  const region = <f64>ref.u * <f64>PLAN.passes + <f64>ref.pass;
  if (region != tileRegion) {
    tileHist = [];
    tileRegion = region;
  }
  if (!write(ref, false)) return;
  const both = sameRegion(ref, other);
  for (let i = tileHist.length - 1; i >= 0; i--) {
    const h = tileHist[i];
    if (!matches(h)) continue;
    const p = ref.k - h.pos;
    // how far the stream repeats: online, up to a margin before the region's end; passes, inside this block's row
    let limit: i32;
    if (PLAN.online) limit = PLAN.blocks * PLAN.tiles - 2 * PLAN.blocks - 2 - PLAN.maxStage;
    else {
      // inside this block's row, and on this side of the key tile where the scores start to spill
      const row0 = (ref.k / PLAN.tiles) * PLAN.tiles;
      const sp = spillFrom();
      limit = ref.k - row0 < sp ? row0 + min(sp, PLAN.tiles) - 3 : row0 + PLAN.tiles - 3;
    }
    let room = limit - ref.k;
    if (both) {
      if (!PLAN.online && other.k / PLAN.tiles != ref.k / PLAN.tiles) break;
      room = min(room, limit - other.k);
    }
    const times = Math.floor(<f64>room / <f64>p);
    if (times >= 1) {
      advance(h, times, (S.now - h.t) * times, false, ref, <i32>times * p, 0);
      tileHist = [];
      return;
    }
    break;
  }
  tileHist.push(snapshot(ref.k));
  if (tileHist.length > 8) tileHist.shift();
}
