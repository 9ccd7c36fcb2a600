// The global buffer's occupancy, simulated: words are held from the cycle they are allocated to the cycle they are
// freed, and the peak is a counter of the run (AttnStat.GbPeakWords). What holds words:
//   a DRAM read       from its request (the buffer is reserved for the incoming words) to the end of the last
//                     instance that uses them: its own instance (Every, a spilled tile), the unit's last query block
//                     for a K/V tile shared by the unit's blocks (FirstBlock), the row's last key tile for the
//                     queries (FirstTile)
//   a [p, m0] tile    written to the buffer (scores on chip; spill: artifact, a spilled tile's copy for readers in its
//                     producer's pass) from its producer's start to the end of its last reader there
//   a write-back      from its op's end (queued) until the channel has written it
//   per-query state   kept in the buffer when the 1D PEs' registers cannot hold it (compile.ts: GbWriteWords of an op
//                     that runs per key tile): a query block's, from its producer's first key tile to the end of its
//                     last (or, when an op that runs once the keys are done reads it, to that op's end)
// Changes are kept as pending (cycle, words) deltas and applied in cycle order (frees before allocations at one
// cycle) as the scheduler's clock passes them; the fast-forward's signature includes the words held and the pending
// deltas.
import { AttnStat, DramWhen, OpField } from '../shared/attention';
import { PLAN, opField } from './stream';

export class Occupancy {
  words: f64 = 0;
  pendT: Array<f64> = [];
  pendW: Array<f64> = [];
  // per op: the last reader of its [p, m0] tile in the buffer (any pass), and in its own pass (−1: none)
  lastReader: StaticArray<i32> = new StaticArray<i32>(0);
  lastReaderInPass: StaticArray<i32> = new StaticArray<i32>(0);
  // per op: whether an op that runs once per query block after its last key tile reads its state
  readAtEnd: StaticArray<bool> = new StaticArray<bool>(0);
}

export const GB = new Occupancy();

export function resetOccupancy(): void {
  GB.words = 0;
  GB.pendT = [];
  GB.pendW = [];
  const n = PLAN.nOps;
  GB.lastReader = new StaticArray<i32>(n);
  GB.lastReaderInPass = new StaticArray<i32>(n);
  GB.readAtEnd = new StaticArray<bool>(n);
  for (let o = 0; o < n; o++) {
    if (opField(o, OpField.AtEnd) == 0) continue;
    const a = <i32>opField(o, OpField.DepA);
    const b = <i32>opField(o, OpField.DepB);
    if (a >= 0) GB.readAtEnd[a] = true;
    if (b >= 0) GB.readAtEnd[b] = true;
  }
  for (let p = 0; p < n; p++) {
    GB.lastReader[p] = -1;
    GB.lastReaderInPass[p] = -1;
    const pass = <i32>opField(p, OpField.Pass);
    for (let o = 0; o < n; o++) {
      if (<i32>opField(o, OpField.DepA) != p) continue;
      const op = <i32>opField(o, OpField.Pass);
      const last = GB.lastReader[p];
      if (last < 0 || op > <i32>opField(last, OpField.Pass) || (op == <i32>opField(last, OpField.Pass) && o > last)) GB.lastReader[p] = o;
      if (op == pass) GB.lastReaderInPass[p] = o; // ops of one pass: the later in the binding's order
    }
  }
}

/** Contract: `w` words are allocated (w > 0) or freed (w < 0) at cycle t ≥ the last cycle flushed. */
export function occAdd(t: f64, w: f64): void {
  if (w == 0) return;
  GB.pendT.push(t);
  GB.pendW.push(w);
}

/** Applies the pending changes up to cycle t, in cycle order (frees first within a cycle); returns the peak seen. */
export function occFlush(t: f64, peak: f64): f64 {
  let top = peak;
  while (true) {
    let best = -1;
    for (let i = 0; i < GB.pendT.length; i++) {
      const ti = GB.pendT[i];
      if (ti > t) continue;
      if (best < 0 || ti < GB.pendT[best] || (ti == GB.pendT[best] && GB.pendW[i] < GB.pendW[best])) best = i;
    }
    if (best < 0) break;
    GB.words += GB.pendW[best];
    if (GB.words > top) top = GB.words;
    GB.pendT.splice(best, 1);
    GB.pendW.splice(best, 1);
  }
  return top;
}

/** Words of a DRAM read (its When rule) that the instance at (q, m1) is the last user of. */
function readFreed(o: i32, words: OpField, when: OpField, q: i32, m1: i32): f64 {
  const n = opField(o, words);
  if (n == 0) return 0;
  const w = <DramWhen>(<i32>opField(o, when));
  if (w == DramWhen.FirstBlock) return q == PLAN.blocks - 1 ? n : 0;
  if (w == DramWhen.FirstTile || w == DramWhen.LastTile) return m1 == PLAN.tiles - 1 ? n : 0;
  return n;
}

/** The buffer words of producer p's tile at key tile m1 (on chip, or its copy for readers in its pass). */
export function tileWords(p: i32, spilled: bool): f64 {
  return spilled ? opField(p, OpField.SpillWriteGbWords) : opField(p, OpField.TileWriteWords);
}

/** An instance of op o at (q, m1) starts at `now` and ends at `end`: its tile is allocated, and what it is the last
 *  user of is freed at its end. `spilledHere`: its key tile is spilled. */
export function occStart(o: i32, q: i32, m1: i32, now: f64, end: f64, spilledHere: bool): void {
  occAdd(now, tileWords(o, spilledHere));
  if (opField(o, OpField.AtEnd) == 0) {
    const state = opField(o, OpField.GbWriteWords);
    if (m1 == 0) occAdd(now, state);
    if (m1 == PLAN.tiles - 1 && !GB.readAtEnd[o]) occAdd(end, -state);
  } else {
    // the final state it reads is freed at its end
    const a = <i32>opField(o, OpField.DepA);
    const b = <i32>opField(o, OpField.DepB);
    if (a >= 0 && opField(a, OpField.AtEnd) == 0) occAdd(end, -opField(a, OpField.GbWriteWords));
    if (b >= 0 && b != a && opField(b, OpField.AtEnd) == 0) occAdd(end, -opField(b, OpField.GbWriteWords));
  }
  let free = readFreed(o, OpField.DramReadWords, OpField.DramReadWhen, q, m1) + readFreed(o, OpField.DramRead2Words, OpField.DramRead2When, q, m1);
  if (spilledHere) free += opField(o, OpField.SpillReadWords);
  const p = <i32>opField(o, OpField.DepA);
  if (p >= 0 && m1 < PLAN.tiles) {
    if (spilledHere ? GB.lastReaderInPass[p] == o : GB.lastReader[p] == o) free += tileWords(p, spilledHere);
  }
  occAdd(end, -free);
}
