// Local improvement of an op order: move one op at a time to another legal position (after its producers,
// before its consumers) and keep the move if the traffic drops. Ops that take part in non-compulsory traffic
// (reloaded, spilled, or forcing an eviction) are tried first; the search stops at a local optimum or when the
// evaluation budget or the deadline runs out.
import type { Prepared } from './prepared.ts';
import type { Step } from './types.ts';

export interface SearchBudget {
  /** Maximum number of order evaluations. */
  evaluations: number;
  /** Wall-clock deadline (Date.now() value). */
  deadline: number;
}

export interface Evaluator {
  /** Traffic of an order (bytes). */
  cost(order: readonly number[]): number;
  /** The steps of an order, to find the ops worth moving. */
  steps(order: readonly number[]): Step[];
}

/** First-improvement local search over single-op moves. Returns the best order found and its cost. */
export function improveOrder(p: Prepared, start: number[], startCost: number, ev: Evaluator, budget: SearchBudget): { order: number[]; cost: number } {
  let order = start;
  let best = startCost;
  let evals = 0;
  const out = (): boolean => evals >= budget.evaluations || Date.now() > budget.deadline;
  let improved = true;
  while (improved && !out()) {
    improved = false;
    const candidates = rankOps(p, order, ev.steps(order));
    evals++;
    for (const o of candidates) {
      if (out()) break;
      const i = order.indexOf(o);
      const rest = order.slice(0, i).concat(order.slice(i + 1));
      const pos = new Int32Array(p.opName.length);
      rest.forEach((q, k) => (pos[q] = k));
      let lo = 0;
      for (const q of p.preds[o]) lo = Math.max(lo, pos[q] + 1);
      let hi = rest.length;
      for (const q of p.succs[o]) hi = Math.min(hi, pos[q]);
      for (const k of targets(p, o, pos, lo, hi, i)) {
        if (out()) break;
        const next = rest.slice(0, k).concat([o], rest.slice(k));
        const c = ev.cost(next);
        evals++;
        if (c < best) {
          best = c;
          order = next;
          improved = true;
          break;
        }
      }
      if (improved) break;
    }
  }
  return { order, cost: best };
}

/** Insert positions worth trying for op `o`: the ends of its legal window and next to ops sharing its tensors. */
function targets(p: Prepared, o: number, pos: Int32Array, lo: number, hi: number, current: number): number[] {
  const ks = new Set<number>([lo, hi]);
  const near = (q: number) => {
    ks.add(pos[q]);
    ks.add(pos[q] + 1);
  };
  for (const t of p.opInputs[o]) {
    for (const q of p.consumers[t]) if (q !== o) near(q);
    if (p.producer[t] >= 0) near(p.producer[t]);
  }
  for (const t of p.opOutputs[o]) for (const q of p.consumers[t]) near(q);
  return [...ks].filter((k) => k >= lo && k <= hi && k !== current).sort((a, b) => Math.abs(a - current) - Math.abs(b - current));
}

/** Ops ordered by how much non-compulsory traffic they touch (most first); the rest follow in order. */
function rankOps(p: Prepared, order: readonly number[], steps: Step[]): number[] {
  const score = new Float64Array(p.opName.length);
  const seen = new Set<string>();
  steps.forEach((s, i) => {
    const o = order[i];
    for (const { tensor } of s.loads) {
      const id = p.tensorId.get(tensor)!;
      if (seen.has(tensor)) {
        score[o] += p.bytes[id];
        if (i > 0) score[order[i - 1]] += p.bytes[id] / 2;
      }
      seen.add(tensor);
    }
    for (const t of s.stores) {
      const id = p.tensorId.get(t)!;
      if (p.kind[id] !== 'output' && i + 1 < order.length) score[order[i + 1]] += p.bytes[id];
    }
    for (const t of p.opOutputs[o]) seen.add(p.tensorName[t]);
  });
  const hot = order.filter((o) => score[o] > 0).sort((a, b) => score[b] - score[a]);
  const cold = order.filter((o) => score[o] === 0);
  return [...hot, ...cold];
}
