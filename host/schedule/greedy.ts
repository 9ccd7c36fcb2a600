// The greedy scheduler: try every list-scheduling rule (with the default placement and eviction policy), then
// every placement rule and eviction weighting on the best order, then improve the plan by local search.
// No solver; bounded work (an evaluation budget and a wall-clock cap).
import type { Graph, Schedule } from './types.ts';
import { assertOpsFit } from './fit.ts';
import { improvePlan } from './improve.ts';
import { listOrder, ORDER_RULES } from './order.ts';
import { prepare } from './prepared.ts';
import { PLACEMENTS } from './placement.ts';
import { simulate, type EvictionPolicy, type Plan } from './simulate.ts';
import { splitTraffic } from './traffic.ts';

export interface ScheduleOptions {
  scratchpadBytes: number;
  /** Address alignment of every tensor, bytes. */
  alignment: number;
  /** Order evaluations the local search may spend (default: scaled to the graph, see defaultEvaluations). */
  evaluations?: number;
  /** Wall-clock cap of the local search, ms (default 300). */
  timeLimitMs?: number;
}

/** Eviction weightings tried: 0 = cost only, larger = protect tensors needed soon. */
const LAMBDAS = [0, 1, 4];
const DEFAULT_POLICY: EvictionPolicy = { lambda: 1, placement: 'best-fit' };

/** Default local-search budget: about 10⁵ simulated op steps, at least 40 evaluations. */
export const defaultEvaluations = (ops: number): number => Math.max(40, Math.round(100_000 / Math.max(ops, 1)));

/** Greedy operator order + scratchpad allocation + eviction for `graph`. Throws InputError if an op cannot fit. */
export function schedule(graph: Graph, opts: ScheduleOptions): Schedule {
  const pad = { bytes: opts.scratchpadBytes, alignment: opts.alignment };
  const p = prepare(graph);
  assertOpsFit(p, pad);
  const noFlip = new Uint8Array(p.tensorName.length);
  const cost = (plan: Plan, policy: EvictionPolicy) => simulate(p, plan, pad, policy, false).total;
  let best = { plan: { order: [] as number[], flip: noFlip } as Plan, cost: Infinity, policy: DEFAULT_POLICY };
  for (const rule of ORDER_RULES) {
    const plan = { order: listOrder(p, rule), flip: noFlip };
    const c = cost(plan, DEFAULT_POLICY);
    if (c < best.cost) best = { plan, cost: c, policy: DEFAULT_POLICY };
  }
  for (const placement of PLACEMENTS) {
    for (const lambda of LAMBDAS) {
      const policy = { lambda, placement };
      const c = cost(best.plan, policy);
      if (c < best.cost) best = { ...best, cost: c, policy };
    }
  }
  const start = Date.now();
  const improved = improvePlan(
    p,
    best.plan,
    best.cost,
    {
      cost: (plan) => simulate(p, plan, pad, best.policy, false).total,
      steps: (plan) => simulate(p, plan, pad, best.policy, true).steps!,
    },
    { evaluations: opts.evaluations ?? defaultEvaluations(p.opName.length), deadline: start + (opts.timeLimitMs ?? 300) },
  );
  const run = simulate(p, improved.plan, pad, best.policy, true);
  return { schema: 'systole.schedule/1', method: 'greedy', scratchpad: pad, steps: run.steps!, traffic: splitTraffic(p, run.total) };
}
