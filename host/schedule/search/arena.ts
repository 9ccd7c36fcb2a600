// The scratchpad address space of a scheduler: resident tensors at aligned addresses, kept sorted by address.
// Candidate placements at both ends of every hole, first fit, and the cheapest window of victims to evict when
// no hole is large enough (a two-pointer sweep over the sorted blocks, O(r) for r resident tensors).
import { alignUp } from '../graph/prepared.ts';

/** Neighbour marker of placeBy: the scratchpad's edge. */
export const EDGE = -1;
/** Neighbour marker of placeBy: free space. */
export const FREE = -2;

/** A window of the scratchpad and the resident tensors that must go to free it. */
export interface Window {
  address: number;
  victims: number[];
  cost: number;
}

/** Resident tensors of one scratchpad and where they sit. */
export class Arena {
  /** Resident tensor ids sorted by address. */
  private order: number[] = [];
  /** Resident entries visited by placeBy and cheapestWindow so far: a machine-independent measure of work. */
  scanned = 0;
  private readonly addr: Float64Array;

  constructor(
    readonly size: number,
    readonly alignment: number,
    private readonly bytes: readonly number[],
  ) {
    this.addr = new Float64Array(bytes.length).fill(-1);
  }

  /** Contract: true while `t` is resident. */
  has(t: number): boolean {
    return this.addr[t] >= 0;
  }

  address(t: number): number {
    return this.addr[t];
  }

  /** Resident tensors by increasing address. */
  residents(): readonly number[] {
    return this.order;
  }

  /** Contract: [a, a+bytes) is free and aligned. */
  place(t: number, a: number): void {
    this.addr[t] = a;
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.addr[this.order[mid]] < a) lo = mid + 1;
      else hi = mid;
    }
    this.order.splice(lo, 0, t);
  }

  remove(t: number): void {
    this.order.splice(this.order.indexOf(t), 1);
    this.addr[t] = -1;
  }

  /** The address minimising `score` over both ends of every hole that holds `n` bytes, or -1. `score` gets the
   *  address, what the placed tensor would touch on its left and right (a tensor id, EDGE, or FREE when free
   *  space remains on that side) and the hole's size. Ties go to the first candidate (lowest address). */
  placeBy(n: number, score: (address: number, left: number, right: number, holeBytes: number) => number): number {
    let best = -1;
    let bestScore = Infinity;
    const al = this.alignment;
    this.scanned += this.order.length + 1;
    let prev = 0;
    let prevT = EDGE;
    for (let k = 0; k <= this.order.length; k++) {
      const t = k < this.order.length ? this.order[k] : EDGE;
      const s = al === 1 ? prev : Math.ceil(prev / al) * al;
      const e = t === EDGE ? this.size : this.addr[t];
      if (e - s >= n) {
        const hi = al === 1 ? e - n : Math.floor((e - n) / al) * al;
        const v1 = score(s, prevT, hi === s ? t : FREE, e - s);
        if (v1 < bestScore) [bestScore, best] = [v1, s];
        if (hi !== s) {
          const v2 = score(hi, FREE, t, e - s);
          if (v2 < bestScore) [bestScore, best] = [v2, hi];
        }
      }
      if (t !== EDGE) {
        prev = this.addr[t] + this.bytes[t];
        prevT = t;
      }
    }
    return best;
  }

  /** Address of the lowest hole that holds `n` bytes, or -1. */
  firstFit(n: number): number {
    let prev = 0;
    for (const t of this.order) {
      const s = alignUp(prev, this.alignment);
      if (this.addr[t] - s >= n) return s;
      prev = this.addr[t] + this.bytes[t];
    }
    const s = alignUp(prev, this.alignment);
    return this.size - s >= n ? s : -1;
  }

  /** The cheapest aligned window of `n` bytes, where evicting the overlapping tensors costs `cost(t)`
   *  (Infinity for tensors that must stay). Ties go to fewer evicted bytes, then lower addresses. Null if none.
   *  Only windows starting at 0 or right after a block need be tried: sliding any window left until it meets the
   *  previous block's end drops victims on its right and adds none. The starts are sorted, so one sweep with two
   *  pointers visits them all in O(r). */
  cheapestWindow(n: number, cost: (t: number) => number): Window | null {
    const a = this.alignment;
    const m = this.order.length;
    this.scanned += m + 1;
    const { start, end, costSum, infSum, byteSum } = this.buffers(m);
    for (let k = 0; k < m; k++) {
      const t = this.order[k];
      start[k] = this.addr[t];
      end[k] = start[k] + this.bytes[t];
      const c = cost(t);
      costSum[k + 1] = costSum[k] + (c === Infinity ? 0 : c);
      infSum[k + 1] = infSum[k] + (c === Infinity ? 1 : 0);
      byteSum[k + 1] = byteSum[k] + this.bytes[t];
    }
    let best: { address: number; lo: number; hi: number; cost: number; bytes: number } | null = null;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i <= m; i++) {
      const s = i === 0 ? 0 : alignUp(end[i - 1], a);
      if (s + n > this.size) break;
      while (lo < m && end[lo] <= s) lo++;
      while (hi < m && start[hi] < s + n) hi++;
      const h = Math.max(hi, lo);
      if (infSum[h] - infSum[lo] > 0) continue;
      const c = costSum[h] - costSum[lo];
      const b = byteSum[h] - byteSum[lo];
      if (best === null || c < best.cost || (c === best.cost && b < best.bytes)) best = { address: s, lo, hi: h, cost: c, bytes: b };
    }
    return best === null ? null : { address: best.address, victims: this.order.slice(best.lo, best.hi), cost: best.cost };
  }

  private buf = { start: new Float64Array(0), end: new Float64Array(0), costSum: new Float64Array(1), infSum: new Int32Array(1), byteSum: new Float64Array(1) };

  /** Scratch arrays for cheapestWindow, grown on demand. */
  private buffers(m: number) {
    if (this.buf.start.length < m) {
      const n = Math.max(m, 2 * this.buf.start.length);
      this.buf = { start: new Float64Array(n), end: new Float64Array(n), costSum: new Float64Array(n + 1), infSum: new Int32Array(n + 1), byteSum: new Float64Array(n + 1) };
    }
    return this.buf;
  }
}
