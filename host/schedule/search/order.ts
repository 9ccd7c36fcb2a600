// Candidate op orders by list scheduling (Kahn's algorithm with a priority among ready ops). The greedy tries
// every rule and keeps the best; the naive baseline uses 'file'.
import type { Prepared } from '../graph/prepared.ts';

/** file: lowest index in the graph file (plain topological order); level: by ASAP depth (breadth first);
 *  dfs: consume what was produced most recently (depth first); min-live: smallest growth of live bytes. */
export const ORDER_RULES = ['file', 'level', 'dfs', 'min-live'] as const;
/** A list-scheduling rule. */
export type OrderRule = (typeof ORDER_RULES)[number];

/** A topological order of all ops chosen by `rule`. */
export function listOrder(p: Prepared, rule: OrderRule): number[] {
  const n = p.opName.length;
  const indeg = p.preds.map((ps) => ps.length);
  const level = asapLevels(p);
  const madeAt = new Float64Array(p.tensorName.length).fill(-1);
  const usesLeft = p.consumers.map((c) => c.length);
  const live = new Uint8Array(p.tensorName.length);
  const ready: number[] = [];
  const readyAt = new Float64Array(n);
  const recency = (o: number): number => readyAt[o];
  const makeReady = (o: number) => {
    let r = -1;
    for (const t of p.opInputs[o]) r = Math.max(r, madeAt[t]);
    readyAt[o] = r;
    ready.push(o);
  };
  for (let o = 0; o < n; o++) if (indeg[o] === 0) makeReady(o);
  const order: number[] = [];
  const liveGrowth = (o: number): number => {
    let d = 0;
    for (const t of p.opOutputs[o]) d += p.bytes[t];
    for (const t of p.opInputs[o]) {
      if (!live[t] && usesLeft[t] > 1) d += p.bytes[t];
      if (live[t] && usesLeft[t] === 1) d -= p.bytes[t];
    }
    return d;
  };
  const better = (a: number, b: number): boolean => {
    switch (rule) {
      case 'file':
        return a < b;
      case 'level':
        return level[a] < level[b] || (level[a] === level[b] && a < b);
      case 'dfs': {
        const ra = recency(a);
        const rb = recency(b);
        return ra > rb || (ra === rb && a < b);
      }
      case 'min-live':
        return byGrowth(a, liveGrowth(a), b, liveGrowth(b));
    }
  };
  const byGrowth = (a: number, ga: number, b: number, gb: number): boolean => {
    if (ga !== gb) return ga < gb;
    const ra = recency(a);
    const rb = recency(b);
    return ra > rb || (ra === rb && a < b);
  };
  while (ready.length > 0) {
    let bi = 0;
    if (rule === 'min-live') {
      // The same choice as `better`, with each ready op's live growth computed once per step.
      let bg = liveGrowth(ready[0]);
      for (let k = 1; k < ready.length; k++) {
        const g = liveGrowth(ready[k]);
        if (byGrowth(ready[k], g, ready[bi], bg)) [bi, bg] = [k, g];
      }
    } else for (let k = 1; k < ready.length; k++) if (better(ready[k], ready[bi])) bi = k;
    const o = ready[bi];
    ready[bi] = ready[ready.length - 1];
    ready.pop();
    order.push(o);
    for (const t of p.opInputs[o]) {
      usesLeft[t]--;
      live[t] = usesLeft[t] > 0 ? 1 : 0;
    }
    for (const t of p.opOutputs[o]) {
      madeAt[t] = order.length;
      live[t] = usesLeft[t] > 0 ? 1 : 0;
    }
    for (const s of p.succs[o]) if (--indeg[s] === 0) makeReady(s);
  }
  return order;
}

/** Longest-path depth of every op from the graph's sources (Kahn's algorithm, no recursion). */
export function asapLevels(p: Prepared): number[] {
  const level = new Array<number>(p.opName.length).fill(0);
  const indeg = p.preds.map((ps) => ps.length);
  const queue = indeg.flatMap((d, o) => (d === 0 ? [o] : []));
  for (let k = 0; k < queue.length; k++) {
    const o = queue[k];
    for (const s of p.succs[o]) {
      level[s] = Math.max(level[s], level[o] + 1);
      if (--indeg[s] === 0) queue.push(s);
    }
  }
  return level;
}
