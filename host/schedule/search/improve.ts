// Local improvement of a plan (op order + placement flips). Two kinds of move, each kept only if traffic drops:
//   - move one op to another legal position (after its producers, before its consumers), or move it together
//     with the descendants (ancestors) between it and a later (earlier) position;
//   - override where one tensor is placed (lowest or highest address instead of its rule's choice), which undoes
//     fragmentation that forced an eviction a few steps later.
// Ops that take part in non-compulsory traffic (reloaded, spilled, or forcing an eviction) are tried first.
// The search stops at a local optimum or when the evaluation budget runs out (no clock: results are reproducible).
import type { Prepared } from '../graph/prepared.ts';
import type { Plan } from './simulate.ts';
import type { Step } from '../types.ts';

/** When a local search stops. */
export interface SearchBudget {
  /** Maximum number of plan evaluations. */
  evaluations: number;
  /** A cost no plan can beat (the compulsory traffic): reaching it ends the search. */
  floor: number;
}

/** How the local search prices a plan (it never simulates by itself). */
export interface Evaluator {
  /** Traffic of a plan (bytes). */
  cost(plan: Plan): number;
  /** The steps of a plan, to find the ops worth moving. */
  steps(plan: Plan): Step[];
}

/** Steps before a costly step whose placements may have caused it. */
const FLIP_LOOKBACK = 4;

/** First-improvement local search. Returns the best plan found and its cost. */
export function improvePlan(p: Prepared, start: Plan, startCost: number, ev: Evaluator, budget: SearchBudget): { plan: Plan; cost: number } {
  let plan = start;
  let best = startCost;
  let evals = 0;
  const out = (): boolean => best <= budget.floor || evals >= budget.evaluations;
  const tryPlan = (next: Plan): boolean => {
    evals++;
    const c = ev.cost(next);
    if (c >= best) return false;
    best = c;
    plan = next;
    return true;
  };
  let improved = true;
  while (improved && !out()) {
    improved = false;
    evals++;
    const { hot, cold } = rankOps(p, plan.order, ev.steps(plan));
    const flipped = new Set<number>();
    for (const o of [...hot, ...cold]) {
      if (out() || improved) break;
      if (hot.includes(o)) {
        for (const t of flipCandidates(p, plan.order, o, flipped)) {
          if (out()) break;
          for (const v of [1, 2]) {
            if (plan.flip[t] === v || improved || out()) continue;
            const flip = plan.flip.slice();
            flip[t] = v;
            improved = tryPlan({ order: plan.order, flip });
          }
          if (improved) break;
        }
      }
      if (improved) break;
      for (const order of orderMoves(p, plan.order, o)) {
        if (out()) break;
        if ((improved = tryPlan({ order, flip: plan.flip }))) break;
      }
    }
  }
  return { plan, cost: best };
}

/** Tensors placed by op `o` or by the few ops before it, not yet tried in this pass. */
function flipCandidates(p: Prepared, order: readonly number[], o: number, tried: Set<number>): number[] {
  const i = order.indexOf(o);
  const out: number[] = [];
  for (let k = i; k >= Math.max(0, i - FLIP_LOOKBACK); k--) {
    for (const t of [...p.opOutputs[order[k]], ...p.opInputs[order[k]]]) {
      if (!tried.has(t)) {
        tried.add(t);
        out.push(t);
      }
    }
  }
  return out;
}

/** Orders with op `o` moved to the ends of its legal window or next to ops sharing its tensors (nearest first),
 *  then chain moves: `o` with its descendants moved after a related op beyond its window, or with its ancestors
 *  moved before one (finishing or starting a whole branch at once). */
function* orderMoves(p: Prepared, order: readonly number[], o: number): Generator<number[]> {
  const i = order.indexOf(o);
  const rest = order.slice(0, i).concat(order.slice(i + 1));
  const pos = new Int32Array(p.opName.length);
  rest.forEach((q, k) => (pos[q] = k));
  let lo = 0;
  for (const q of p.preds[o]) lo = Math.max(lo, pos[q] + 1);
  let hi = rest.length;
  for (const q of p.succs[o]) hi = Math.min(hi, pos[q]);
  const ks = new Set<number>([0, lo, hi, rest.length]);
  const near = (q: number) => {
    ks.add(pos[q]);
    ks.add(pos[q] + 1);
  };
  for (const t of p.opInputs[o]) {
    for (const q of p.consumers[t]) if (q !== o) near(q);
    if (p.producer[t] >= 0) near(p.producer[t]);
  }
  for (const t of p.opOutputs[o]) for (const q of p.consumers[t]) near(q);
  const byDistance = [...ks].filter((k) => k !== i).sort((a, b) => Math.abs(a - i) - Math.abs(b - i));
  for (const k of byDistance) if (k >= lo && k <= hi) yield rest.slice(0, k).concat([o], rest.slice(k));
  for (const k of byDistance) {
    if (k > hi) yield chainMove(p, order, i, k + 1, 'succs');
    else if (k < lo) yield chainMove(p, order, i, k, 'preds');
  }
}

/** Move order[i] with its descendants in order(i, to) to just before position `to` ('succs'), or with its
 *  ancestors in order[to, i) to just before position `to` ('preds'); relative orders are kept, so it stays legal. */
function chainMove(p: Prepared, order: readonly number[], i: number, to: number, dir: 'succs' | 'preds'): number[] {
  const inChain = new Uint8Array(p.opName.length);
  inChain[order[i]] = 1;
  if (dir === 'succs') {
    for (let k = i + 1; k < to; k++) if (p.preds[order[k]].some((q) => inChain[q])) inChain[order[k]] = 1;
    const between = order.slice(i, to);
    return [...order.slice(0, i), ...between.filter((q) => !inChain[q]), ...between.filter((q) => inChain[q]), ...order.slice(to)];
  }
  for (let k = i - 1; k >= to; k--) if (p.succs[order[k]].some((q) => inChain[q])) inChain[order[k]] = 1;
  const between = order.slice(to, i + 1);
  return [...order.slice(0, to), ...between.filter((q) => inChain[q]), ...between.filter((q) => !inChain[q]), ...order.slice(i + 1)];
}

/** Ops touching non-compulsory traffic (most bytes first), then the others in order. */
function rankOps(p: Prepared, order: readonly number[], steps: Step[]): { hot: number[]; cold: number[] } {
  const score = new Float64Array(p.opName.length);
  const seen = new Uint8Array(p.tensorName.length);
  steps.forEach((s, i) => {
    const o = order[i];
    for (const { tensor } of s.loads) {
      const t = p.tensorId.get(tensor)!;
      if (seen[t]) {
        score[o] += p.bytes[t];
        if (i > 0) score[order[i - 1]] += p.bytes[t] / 2;
      }
      seen[t] = 1;
    }
    for (const name of s.stores) {
      const t = p.tensorId.get(name)!;
      if (p.kind[t] !== 'output' && i + 1 < order.length) score[order[i + 1]] += p.bytes[t];
    }
    for (const t of p.opOutputs[o]) seen[t] = 1;
  });
  const hot = order.filter((o) => score[o] > 0).sort((a, b) => score[b] - score[a]);
  return { hot, cold: order.filter((o) => score[o] === 0) };
}
