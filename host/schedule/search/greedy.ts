// The greedy scheduler: try every list-scheduling rule (with the default placement and eviction policy), then
// every placement rule and eviction weighting on the best order, then improve the cheapest plan of each placement
// rule by local search and keep the best. No solver; bounded work: an evaluation budget per local search and no
// clock anywhere, so the result depends only on the graph, the scratchpad and the budget.
import type { Graph, Schedule } from '../types.ts';
import { assertOpsFit } from './fit.ts';
import { improvePlan } from './improve.ts';
import { listOrder, ORDER_RULES } from './order.ts';
import { prepare } from '../graph/prepared.ts';
import { PLACEMENTS } from './placement.ts';
import { simulate, type EvictionPolicy, type Plan } from './simulate.ts';
import { splitTraffic } from './traffic.ts';

/** Scratchpad and search budget of the greedy. */
export interface ScheduleOptions {
  scratchpadBytes: number;
  /** Address alignment of every tensor, bytes. */
  alignment: number;
  /** Plan evaluations each local search may spend (default: scaled to the graph's size and work, see defaultEvaluations). */
  evaluations?: number;
  /** Called after every plan evaluation with the evaluations done and expected in all (for a progress bar; it
   *  does not change the result). The total is provisional until the search budget is known. */
  onProgress?: (done: number, total: number) => void;
}

/** Eviction weightings tried: 0 = cost only, larger = protect tensors needed soon. */
const LAMBDAS = [0, 1, 4];
const DEFAULT_POLICY: EvictionPolicy = { lambda: 1, placement: 'best-fit' };

interface Candidate {
  plan: Plan;
  policy: EvictionPolicy;
  cost: number;
  /** Work of one simulation of this plan (see SimResult.work). */
  work: number;
}

/** Work (SimResult.work) the default budget lets each local search spend (a few hundred ms on one core). */
export const SEARCH_WORK = 5_000_000;

/** Default budget of each local search: about 30 000 simulated op steps, at least 40 evaluations, and no more
 *  than SEARCH_WORK / (work of one evaluation) — at least 2 — so that graphs with many tensors per op or many
 *  resident tensors stay fast. Work is counted, not timed: the budget depends only on the input. */
export const defaultEvaluations = (ops: number, workPerEvaluation: number): number =>
  Math.min(Math.max(40, Math.round(30_000 / Math.max(ops, 1))), Math.max(2, Math.floor(SEARCH_WORK / Math.max(workPerEvaluation, 1))));

/** A greedy schedule and the evaluation budget its local searches had. */
export interface GreedyResult {
  schedule: Schedule;
  evaluations: number;
}

/** Greedy operator order + scratchpad allocation + eviction for `graph`. Throws InputError if an op cannot fit. */
export function schedule(graph: Graph, opts: ScheduleOptions): Schedule {
  return greedySearch(graph, opts).schedule;
}

/** The greedy, with the budget it used (reports print it). */
export function greedySearch(graph: Graph, opts: ScheduleOptions): GreedyResult {
  const pad = { bytes: opts.scratchpadBytes, alignment: opts.alignment };
  const p = prepare(graph);
  assertOpsFit(p, pad);
  const noFlip = new Uint8Array(p.tensorName.length);
  const cost = (plan: Plan, policy: EvictionPolicy) => simulate(p, plan, pad, policy, false).total;
  const initial = ORDER_RULES.length + PLACEMENTS.length * LAMBDAS.length - 1;
  let done = 0;
  let total = initial + PLACEMENTS.length * defaultEvaluations(p.opName.length, 0) + 1;
  const tick = (): void => opts.onProgress?.(++done, total);
  const candidate = (plan: Plan, policy: EvictionPolicy): Candidate => {
    const r = simulate(p, plan, pad, policy, false);
    tick();
    return { plan, policy, cost: r.total, work: r.work };
  };
  // 1. Every list order with the default policy, then every policy on the best order.
  const tried: Candidate[] = ORDER_RULES.map((rule) => candidate({ order: listOrder(p, rule), flip: noFlip }, DEFAULT_POLICY));
  const bestOrder = [...tried].sort((x, y) => x.cost - y.cost)[0].plan;
  for (const placement of PLACEMENTS) {
    for (const lambda of LAMBDAS) {
      const policy = { lambda, placement };
      if (policy.lambda !== DEFAULT_POLICY.lambda || policy.placement !== DEFAULT_POLICY.placement) tried.push(candidate(bestOrder, policy));
    }
  }
  // 2. Local search from the cheapest plan of each placement rule, each within the budget; keep the best result.
  const sorted = [...tried].sort((x, y) => x.cost - y.cost);
  const starts = PLACEMENTS.map((rule) => sorted.find((c) => c.policy.placement === rule)!).sort((x, y) => x.cost - y.cost);
  const evaluations = opts.evaluations ?? defaultEvaluations(p.opName.length, Math.max(...starts.map((c) => c.work)));
  total = initial + starts.length * evaluations + 1;
  let best = starts[0];
  for (const [k, s] of starts.entries()) {
    if (best.cost <= p.compulsory) break;
    const counted = <T>(f: (plan: Plan) => T) => (plan: Plan): T => {
      const out = f(plan);
      tick();
      return out;
    };
    const ev = { cost: counted((plan) => cost(plan, s.policy)), steps: counted((plan) => simulate(p, plan, pad, s.policy, true).steps!) };
    const r = improvePlan(p, s.plan, s.cost, ev, { evaluations, floor: p.compulsory });
    if (r.cost < best.cost) best = { plan: r.plan, policy: s.policy, cost: r.cost, work: s.work };
    done = initial + (k + 1) * evaluations; // a search may stop early, at a local optimum
  }
  const run = simulate(p, best.plan, pad, best.policy, true);
  done = total - 1;
  tick();
  const result: Schedule = { schema: 'systole.schedule/1', method: 'greedy', scratchpad: pad, steps: run.steps!, traffic: splitTraffic(p, run.total) };
  return { schedule: result, evaluations };
}
