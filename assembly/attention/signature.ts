// The state signature of the fast-forward (forward.ts): the machine's state relative to the current cycle and a
// reference position, written as a list of numbers, hashed, and kept in snapshots with the counters at that point.
import { OpField } from '../shared/attention';
import { BAR, INF, S, STATS, STATS_LEN } from './machine';
import { GB } from './occupancy';
import { Cursor, PLAN, opField } from './stream';
import { SPAN, maxSpan } from './timing';

let sig = new StaticArray<f64>(1024);
let sigLen = 0;
let notInert = false;

export class Snapshot {
  hash: u64 = 0;
  sig: StaticArray<f64> = new StaticArray<f64>(0);
  t: f64 = 0;
  pos: i32 = 0; // tile k (tile level) or slot s (unit level)
  stats: StaticArray<f64> = new StaticArray<f64>(0);
}

@inline function push(x: f64): void {
  if (sigLen == sig.length) {
    const n = new StaticArray<f64>(sig.length * 2);
    for (let i = 0; i < sigLen; i++) n[i] = sig[i];
    sig = n;
  }
  sig[sigLen++] = x;
}

@inline function rel(t: f64): f64 {
  return t > S.now ? t - S.now : 0;
}

// A start time relative to now: starts further back than the longest span constrain nothing any more (every lag is
// at most its producer's span, timing.ts), so they are all alike.
@inline function relStart(t: f64): f64 {
  return max(t - S.now, -<f64>maxSpan);
}

export function per(): f64 {
  return <f64>(PLAN.blocks * PLAN.tiles + PLAN.blocks);
}

// The first key tile whose [p, m0] operands are spilled to DRAM (PLAN.tiles: none): the row's pattern changes there.
export function spillFrom(): i32 {
  let t = PLAN.tiles;
  for (let o = 0; o < PLAN.nOps; o++) t = min(t, <i32>opField(o, OpField.SpillFromTile));
  return t;
}

// Where a stream position sits in the stream's repeating pattern.
function pattern(k: i32, phase: i32): i32 {
  if (phase == 1) return -1;
  if (PLAN.online) return k % PLAN.blocks;
  const m1 = k % PLAN.tiles;
  if (m1 == 0) return 0;
  if (m1 == PLAN.tiles - 1) return 2;
  return m1 < spillFrom() ? 1 : 3;
}

// An instance id relative to the reference: tile level keeps other regions absolute (and requires them finished).
// `t` is pushed (relative to now; a start when `start`), `end` is when the instance is over.
function pushId(id: f64, t: f64, end: f64, start: bool, unit: bool, refRegion: f64, refK: i32): void {
  if (id < 0) {
    push(-1);
    return;
  }
  const p = per();
  const region = Math.floor(id / p);
  const kk = id - region * p;
  if (unit) {
    push(region - refRegion);
    push(kk);
  } else if (region == refRegion) {
    push(0);
    push(kk - <f64>refK);
  } else if (region > refRegion) {
    push(2); // a later region (a prefetched read): left where it is, so it must have arrived already
    push(region - refRegion);
    push(kk);
    if (end > S.now) notInert = true;
  } else {
    push(1); // an earlier region: finished; only "older than anything of this region" matters
    if (end > S.now) notInert = true;
  }
  push(start ? relStart(t) : rel(t));
}

/** Writes the signature at `ref` (unit level: everything relative to its unit); returns false when some state of
 *  another region is still in flight (no period can be taken there). */
export function write(ref: Cursor, unit: bool, rows: bool = false): bool {
  sigLen = 0;
  notInert = false;
  const refRegion = <f64>ref.u * <f64>PLAN.passes + <f64>ref.pass;
  push(unit ? 1 : 0);
  push(<f64>ref.pass);
  push(<f64>ref.li);
  push(<f64>pattern(ref.k, ref.phase));
  push(!unit && !PLAN.online && !rows ? <f64>ref.q() : -1); // passes order: periods inside one query block's row
  for (let a = 0; a < 2; a++) {
    const c = S.cur[a];
    push(relStart(S.lastStart[a]));
    push(<f64>S.lastOp[a]);
    push(rel(S.endAt[a]));
    if (c.finished) {
      push(-2);
      continue;
    }
    const region = <f64>c.u * <f64>PLAN.passes + <f64>c.pass;
    push(region - refRegion);
    push(<f64>c.phase);
    push(<f64>c.li);
    push(<f64>c.pi);
    push(<f64>pattern(c.k, c.phase));
    push(unit || region != refRegion ? <f64>c.k : <f64>(c.k - ref.k));
  }
  // passes order: only the reference's query block (and, across rows, the one before) can still be referenced; the
  // other blocks' entries are finished (checked at the row level, where a period crosses them)
  if (!unit && !PLAN.online) {
    const q = ref.q();
    for (let o = 0; o < PLAN.nOps; o++) {
      for (let r = rows ? q - 1 : q; r <= q; r++) {
        for (let sl = 0; sl < 3; sl++) {
          if (r < 0) {
            push(-3);
            continue;
          }
          const i = (o * PLAN.blocks + r) * 3 + sl;
          pushId(S.doneId[i], S.doneT[i], S.doneT[i] + <f64>SPAN[o], true, unit, refRegion, ref.k);
        }
      }
    }
  } else {
    for (let i = 0; i < S.doneId.length; i++) pushId(S.doneId[i], S.doneT[i], S.doneT[i] + <f64>SPAN[i / (PLAN.blocks * 3)], true, unit, refRegion, ref.k);
  }
  for (let o = 0; o < PLAN.nOps; o++) pushId(S.pfId[o], S.pfReady[o], S.pfReady[o], false, unit, refRegion, ref.k);
  // barriers, by unit relative to the reference (slots are u mod BAR)
  for (let d = -BAR; d <= BAR; d++) {
    for (let n = 0; n < PLAN.passes; n++) {
      const u = ref.u + d;
      const b = (((u % BAR) + BAR) % BAR) * 8 + n;
      if (u < 0 || S.barU[b] != <f64>u) {
        push(-1);
        continue;
      }
      push(<f64>d);
      if (!unit && d == 0 && n == ref.pass) {
        push(rel(S.barEnd[b])); // its count follows from the cursors
        continue;
      }
      push(S.barN[b]);
      push(rel(S.barEnd[b]));
      if (!unit && S.barEnd[b] > S.now && !(d == 0 && n == ref.pass)) notInert = true;
    }
  }
  push(rel(S.dram.free));
  push(<f64>S.wr.length);
  for (let i = 0; i < S.wr.length; i++) {
    const w = S.wr[i];
    push(w.t - S.now);
    push(w.n);
    push(<f64>w.op);
    pushId(w.id, w.t, w.t, false, unit, refRegion, ref.k);
  }
  // spilled tiles' write-backs not yet written (their readers wait for them), and which instance of each op that
  // spills last started (a reader's producer has started when its id is at most that)
  let landing = 0;
  for (let i = 0; i < S.landing.length; i++) if (S.landing[i].done > S.now) landing++;
  push(<f64>landing);
  for (let i = 0; i < S.landing.length; i++) {
    const w = S.landing[i];
    if (w.done <= S.now) continue;
    push(<f64>w.op);
    pushId(w.id, w.done, w.done, false, unit, refRegion, ref.k);
  }
  for (let o = 0; o < PLAN.nOps; o++) if (opField(o, OpField.SpillWriteDramWords) > 0) pushId(S.lastId[o], S.now, -INF, false, unit, refRegion, ref.k);
  // the global buffer: words held and changes pending (occupancy.ts)
  push(GB.words);
  push(<f64>GB.pendT.length);
  for (let i = 0; i < GB.pendT.length; i++) {
    push(GB.pendT[i] - S.now);
    push(GB.pendW[i]);
  }
  curHash = sigHash();
  return !notInert;
}

export function snapshot(pos: i32): Snapshot {
  const s = new Snapshot();
  s.hash = sigHash();
  s.sig = new StaticArray<f64>(sigLen);
  for (let i = 0; i < sigLen; i++) s.sig[i] = sig[i];
  s.t = S.now;
  s.pos = pos;
  s.stats = new StaticArray<f64>(STATS_LEN);
  for (let i = 0; i < STATS_LEN; i++) s.stats[i] = load<f64>(STATS + (<usize>i << 3));
  return s;
}

// FNV-1a over the signature's bits: histories are compared by hash first, then element by element.
function sigHash(): u64 {
  let h: u64 = 0xcbf29ce484222325;
  for (let i = 0; i < sigLen; i++) {
    h ^= reinterpret<u64>(sig[i]);
    h *= 0x100000001b3;
  }
  return h;
}

let curHash: u64 = 0;

export function matches(h: Snapshot): bool {
  if (h.hash != curHash || h.sig.length != sigLen) return false;
  for (let i = 0; i < sigLen; i++) if (h.sig[i] != sig[i]) return false;
  return true;
}
