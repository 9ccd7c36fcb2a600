// The scratchpad address space of a scheduler: resident tensors at aligned addresses, kept sorted by address.
// Best-fit and first-fit placement, and the cheapest window of victims to evict when no hole is large enough.
import { alignUp } from './prepared.ts';

/** Neighbour markers of placeBy: the scratchpad's edge, or free space. */
export const EDGE = -1;
export const FREE = -2;

export interface Window {
  address: number;
  victims: number[];
  cost: number;
}

export class Arena {
  /** Resident tensor ids sorted by address. */
  private order: number[] = [];
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

  usedBytes(): number {
    let s = 0;
    for (const t of this.order) s += this.bytes[t];
    return s;
  }

  /** Contract: [a, a+bytes) is free and aligned. */
  place(t: number, a: number): void {
    this.addr[t] = a;
    let i = this.order.length;
    while (i > 0 && this.addr[this.order[i - 1]] > a) i--;
    this.order.splice(i, 0, t);
  }

  remove(t: number): void {
    this.order.splice(this.order.indexOf(t), 1);
    this.addr[t] = -1;
  }

  /** Free holes as [start, end) with aligned starts, in address order. */
  holes(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let prev = 0;
    for (const t of this.order) {
      const s = alignUp(prev, this.alignment);
      if (this.addr[t] > s) out.push([s, this.addr[t]]);
      prev = this.addr[t] + this.bytes[t];
    }
    const s = alignUp(prev, this.alignment);
    if (this.size > s) out.push([s, this.size]);
    return out;
  }

  /** Address of the smallest hole that holds `n` bytes (lowest address on ties), or -1. */
  bestFit(n: number): number {
    let best = -1;
    let bestLen = Infinity;
    for (const [s, e] of this.holes()) {
      if (e - s >= n && e - s < bestLen) {
        best = s;
        bestLen = e - s;
      }
    }
    return best;
  }

  /** The address minimising `score` over both ends of every hole that holds `n` bytes, or -1. `score` gets the
   *  address, what the placed tensor would touch on its left and right (a tensor id, EDGE, or FREE when free
   *  space remains on that side) and the hole's size. Ties go to the first candidate (lowest address). */
  placeBy(n: number, score: (address: number, left: number, right: number, holeBytes: number) => number): number {
    let best = -1;
    let bestScore = Infinity;
    const consider = (a: number, left: number, right: number, hole: number) => {
      const v = score(a, left, right, hole);
      if (v < bestScore) {
        bestScore = v;
        best = a;
      }
    };
    const hole = (s: number, e: number, leftT: number, rightT: number) => {
      if (e - s < n) return;
      const hi = Math.floor((e - n) / this.alignment) * this.alignment;
      if (hi === s) return consider(s, leftT, rightT, e - s);
      consider(s, leftT, FREE, e - s);
      consider(hi, FREE, rightT, e - s);
    };
    let prev = 0;
    let prevT = EDGE;
    for (const t of this.order) {
      hole(alignUp(prev, this.alignment), this.addr[t], prevT, t);
      prev = this.addr[t] + this.bytes[t];
      prevT = t;
    }
    hole(alignUp(prev, this.alignment), this.size, prevT, EDGE);
    return best;
  }

  /** Address of the lowest hole that holds `n` bytes, or -1. */
  firstFit(n: number): number {
    for (const [s, e] of this.holes()) if (e - s >= n) return s;
    return -1;
  }

  /** The cheapest aligned window of `n` bytes, where evicting the overlapping tensors costs `cost(t)`
   *  (Infinity for tensors that must stay). Ties go to fewer evicted bytes, then lower addresses. Null if none. */
  cheapestWindow(n: number, cost: (t: number) => number): Window | null {
    const a = this.alignment;
    const starts = new Set<number>([0, Math.floor((this.size - n) / a) * a]);
    for (const t of this.order) {
      starts.add(this.addr[t]);
      starts.add(alignUp(this.addr[t] + this.bytes[t], a));
      starts.add(Math.floor((this.addr[t] - n) / a) * a);
    }
    let best: Window | null = null;
    let bestBytes = Infinity;
    for (const s of starts) {
      if (s < 0 || s + n > this.size) continue;
      let c = 0;
      let freed = 0;
      const victims: number[] = [];
      for (const t of this.order) {
        const ta = this.addr[t];
        if (ta >= s + n) break;
        if (ta + this.bytes[t] <= s) continue;
        c += cost(t);
        if (c === Infinity) break;
        freed += this.bytes[t];
        victims.push(t);
      }
      if (c === Infinity) continue;
      if (best === null || c < best.cost || (c === best.cost && (freed < bestBytes || (freed === bestBytes && s < best.address)))) {
        best = { address: s, victims, cost: c };
        bestBytes = freed;
      }
    }
    return best;
  }
}
