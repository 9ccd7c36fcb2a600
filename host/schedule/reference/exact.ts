// Exact reference for small graphs (tests and `npm run bench` only): A* over (ops done, tensors resident,
// tensors saved in DRAM). It ignores addresses (capacity only), so its optimum is a lower bound on the optimum
// of the real problem; when the greedy meets it, the greedy is optimal. Transitions keep a maximal set of
// resident tensors (keeping a tensor never costs more than evicting it now, since it can be evicted later at the
// same price). Heuristic: compulsory bytes not yet paid (admissible: they must still be paid).
import { fitsCapacity } from './exact-subsets.ts';
import { prepare, type Prepared } from '../graph/prepared.ts';
import type { Graph } from '../types.ts';

/** The exact reference's optimum (capacity-only) and one optimal order. */
export interface ExactResult {
  /** Minimum total traffic (bytes) with capacity-only memory. */
  total: number;
  nonCompulsory: number;
  /** An optimal op order. */
  order: string[];
  /** States expanded. */
  expanded: number;
}

interface Node {
  f: number;
  g: number;
  done: number;
  res: bigint;
  saved: bigint;
  parent: Node | null;
  op: number;
}

/** Exact minimum traffic of `graph` on `capacity` bytes, or null if the search exceeds `maxExpanded` states. */
export function exactTraffic(graph: Graph, capacity: number, maxExpanded = 2_000_000): ExactResult | null {
  const p = prepare(graph);
  const n = p.opName.length;
  if (n > 30) throw new Error(`exact search handles at most 30 ops, got ${n}`);
  const bit = (t: number) => 1n << BigInt(t);
  const predMask = p.preds.map((ps) => ps.reduce((m, q) => m | (1 << q), 0));
  const consumerMask = p.consumers.map((cs) => cs.reduce((m, q) => m | (1 << q), 0));
  const live = (t: number, done: number) => (consumerMask[t] & ~done) !== 0;
  const h = (done: number) => remainingCompulsory(p, done, consumerMask);
  const all = (1 << n) - 1;
  const start: Node = { f: h(0), g: 0, done: 0, res: 0n, saved: 0n, parent: null, op: -1 };
  const heap = new MinHeap<Node>((a, b) => a.f - b.f || b.g - a.g);
  heap.push(start);
  const best = new Map<string, number>();
  let expanded = 0;
  while (heap.size > 0) {
    const s = heap.pop()!;
    const key = `${s.done}|${s.res}|${s.saved}`;
    if ((best.get(key) ?? Infinity) < s.g) continue;
    if (s.done === all) return result(p, s, expanded);
    if (++expanded > maxExpanded) return null;
    const resident = tensorsOf(s.res, p.tensorName.length);
    for (let o = 0; o < n; o++) {
      if (s.done & (1 << o) || (predMask[o] & s.done) !== predMask[o]) continue;
      const ins = p.opInputs[o];
      const outs = p.opOutputs[o];
      let reqBytes = 0;
      let loads = 0;
      for (const t of ins) {
        reqBytes += p.bytes[t];
        if (!(s.res & bit(t))) loads += p.bytes[t];
      }
      for (const t of outs) reqBytes += p.bytes[t];
      if (reqBytes > capacity) return null;
      const others = resident.filter((t) => !ins.includes(t));
      const done = s.done | (1 << o);
      let storeOut = 0;
      let savedOut = 0n;
      for (const t of outs) {
        if (p.kind[t] === 'output') {
          storeOut += p.bytes[t];
          savedOut |= bit(t);
        }
      }
      for (const keep of fitsCapacity(others.map((t) => p.bytes[t]), capacity - reqBytes)) {
        let g = s.g + loads + storeOut;
        let saved = s.saved | savedOut;
        let res = 0n;
        others.forEach((t, k) => {
          if (keep & (1 << k)) res |= bit(t);
          else if (p.producer[t] >= 0 && !(saved & bit(t))) {
            g += p.bytes[t];
            saved |= bit(t);
          }
        });
        for (const t of [...ins, ...outs]) res |= bit(t);
        let liveRes = 0n;
        let liveSaved = 0n;
        for (const t of tensorsOf(res | saved, p.tensorName.length)) {
          if (!live(t, done)) continue;
          if (res & bit(t)) liveRes |= bit(t);
          if (saved & bit(t)) liveSaved |= bit(t);
        }
        const k2 = `${done}|${liveRes}|${liveSaved}`;
        if ((best.get(k2) ?? Infinity) <= g) continue;
        best.set(k2, g);
        heap.push({ f: g + h(done), g, done, res: liveRes, saved: liveSaved, parent: s, op: o });
      }
    }
  }
  return null;
}

function result(p: Prepared, s: Node, expanded: number): ExactResult {
  const order: string[] = [];
  for (let x: Node | null = s; x !== null && x.op >= 0; x = x.parent) order.unshift(p.opName[x.op]);
  return { total: s.g, nonCompulsory: s.g - p.compulsory, order, expanded };
}

/** Compulsory bytes still to pay once `done` has run: unconsumed inputs/weights and unproduced outputs. */
function remainingCompulsory(p: Prepared, done: number, consumerMask: number[]): number {
  let s = 0;
  p.tensorName.forEach((_, t) => {
    const k = p.kind[t];
    if ((k === 'input' || k === 'weight') && consumerMask[t] !== 0 && (consumerMask[t] & done) === 0) s += p.bytes[t];
    if (k === 'output' && !(done & (1 << p.producer[t]))) s += p.bytes[t];
  });
  return s;
}

function tensorsOf(mask: bigint, n: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < n && mask >> BigInt(t) !== 0n; t++) if ((mask >> BigInt(t)) & 1n) out.push(t);
  return out;
}

/** A binary min-heap. */
class MinHeap<T> {
  private a: T[] = [];
  constructor(private readonly less: (x: T, y: T) => number) {}
  get size(): number {
    return this.a.length;
  }
  push(x: T): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.less(a[i], a[up]) >= 0) break;
      [a[i], a[up]] = [a[up], a[i]];
      i = up;
    }
  }
  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.less(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
