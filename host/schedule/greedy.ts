// The greedy scheduler: try every list-scheduling rule with a few eviction weightings, keep the cheapest,
// then improve the order by local search. No solver; bounded work (an evaluation budget and a deadline).
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
  /** Wall-clock cap of the local search, ms (default 700). */
  timeLimitMs?: number;
}

/** Eviction weightings tried: 0 = cost only, larger = protect tensors needed soon. */
const LAMBDAS = [0, 1, 4];

/** Default local-search budget: about 2·10⁵ simulated op steps, at least 60 evaluations. */
export const defaultEvaluations = (ops: number): number => Math.max(60, Math.round(200_000 / Math.max(ops, 1)));

/** Greedy operator order + scratchpad allocation + eviction for `graph`. Throws InputError if an op cannot fit. */
export function schedule(graph: Graph, opts: ScheduleOptions): Schedule {
  const pad = { bytes: opts.scratchpadBytes, alignment: opts.alignment };
  const p = prepare(graph);
  assertOpsFit(p, pad);
  const noFlip = new Uint8Array(p.tensorName.length);
  let best = { plan: { order: [] as number[], flip: noFlip } as Plan, cost: Infinity, policy: { lambda: 0, placement: 'best-fit' } as EvictionPolicy };
  for (const rule of ORDER_RULES) {
    const plan = { order: listOrder(p, rule), flip: noFlip };
    for (const placement of PLACEMENTS) {
      for (const lambda of LAMBDAS) {
        const policy = { lambda, placement };
        const cost = simulate(p, plan, pad, policy, false).total;
        if (cost < best.cost) best = { plan, cost, policy };
      }
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
    { evaluations: opts.evaluations ?? defaultEvaluations(p.opName.length), deadline: start + (opts.timeLimitMs ?? 700) },
  );
  const run = simulate(p, improved.plan, pad, best.policy, true);
  return { schema: 'systole.schedule/1', method: 'greedy', scratchpad: pad, steps: run.steps!, traffic: splitTraffic(p, run.total) };
}
