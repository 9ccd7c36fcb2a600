// The greedy's executor: given an op order, place every tensor (best fit), evict by cost-weighted furthest next
// use when no hole is large enough (choosing the cheapest contiguous window, so fragmentation is handled by
// evicting the right neighbours), store dirty tensors that are still needed, and free dead tensors at once.
// With `record` it also writes the schedule steps; without, it only counts traffic (for the order search).
import { Arena } from './arena.ts';
import { scorer, type PlacementRule } from './placement.ts';
import { alignUp, startsInDram, type Prepared } from '../graph/prepared.ts';
import type { Scratchpad, Step } from '../types.ts';

/** How the executor places and evicts. */
export interface EvictionPolicy {
  /** Penalty weight for evicting a tensor needed soon: cost × (1 + lambda / steps-to-next-use). */
  lambda: number;
  placement: PlacementRule;
}

/** An op order and per-tensor placement overrides (0: the rule; 1: lowest address; 2: highest address). */
export interface Plan {
  order: readonly number[];
  flip: Uint8Array;
}

/** Evicting an operand of the running op (to reload it elsewhere, i.e. compaction by reload) costs this much more. */
const OPERAND_RELOAD_PENALTY = 4;

/** What one execution of a plan gives. */
export interface SimResult {
  /** Total off-chip bytes (loads + stores). */
  total: number;
  steps: Step[] | null;
  /** Work done: tensor uses plus resident entries the arena scanned (machine-independent, sizes search budgets). */
  work: number;
}

/** Execute `plan` on the scratchpad with the greedy's allocation and eviction rules. */
export function simulate(p: Prepared, plan: Plan, pad: Scratchpad, policy: EvictionPolicy, record: boolean): SimResult {
  const order = plan.order;
  const nT = p.tensorName.length;
  // Uses of every tensor as step positions, in order (CSR: uses[useStart[t] .. useStart[t+1])).
  const useStart = new Int32Array(nT + 1);
  for (const o of order) for (const t of p.opInputs[o]) useStart[t + 1]++;
  for (let t = 0; t < nT; t++) useStart[t + 1] += useStart[t];
  const uses = new Int32Array(useStart[nT]);
  const fill = useStart.slice(0, nT);
  order.forEach((o, i) => {
    for (const t of p.opInputs[o]) uses[fill[t]++] = i;
  });
  const ptr = useStart.slice(0, nT);
  const nextUse = (t: number, i: number): number => {
    const endK = useStart[t + 1];
    let k = ptr[t];
    while (k < endK && uses[k] < i) k++;
    ptr[t] = k;
    return k < endK ? uses[k] : Infinity;
  };
  const inDram = Uint8Array.from(p.kind, (k) => (startsInDram(k) ? 1 : 0));
  const pin = new Int32Array(nT);
  const placedAt = new Int32Array(nT);
  const loadAt = new Int32Array(nT);
  const lastUse = Int32Array.from({ length: nT }, (_, t) => (useStart[t + 1] > useStart[t] ? uses[useStart[t + 1] - 1] : -1));
  const arena = new Arena(pad.bytes, pad.alignment, p.bytes);
  const steps: Step[] | null = record ? [] : null;
  let total = 0;

  const evictBefore = (v: number, i: number): void => {
    const needed = nextUse(v, i) !== Infinity || p.kind[v] === 'output';
    if (!inDram[v] && needed) {
      inDram[v] = 1;
      total += p.bytes[v];
      steps?.[i - 1].stores.push(p.tensorName[v]);
    }
    steps?.[i - 1].evictions.push(p.tensorName[v]);
    arena.remove(v);
  };

  for (let i = 0; i < order.length; i++) {
    const o = order[i];
    const ins = p.opInputs[o];
    const outs = p.opOutputs[o];
    for (const t of ins) pin[t] = i + 1;
    for (const t of outs) pin[t] = i + 1;
    const victimCost = (v: number): number => {
      if (placedAt[v] === i + 1) return Infinity;
      if (pin[v] === i + 1) return OPERAND_RELOAD_PENALTY * (inDram[v] ? p.bytes[v] : 2 * p.bytes[v]);
      const nu = nextUse(v, i);
      if (nu === Infinity) return 0;
      const base = inDram[v] ? p.bytes[v] : 2 * p.bytes[v];
      return base * (1 + policy.lambda / (nu - i));
    };
    const need = [...ins.filter((t) => !arena.has(t)), ...outs].sort((a, b) => p.bytes[b] - p.bytes[a]);
    for (const t of need) loadAt[t] = i + 1;
    const placed: number[] = [];
    let ok = true;
    for (let k = 0; k < need.length; k++) {
      const t = need[k];
      let a = arena.placeBy(p.bytes[t], scorer(policy.placement, plan.flip[t], t, i, lastUse, order.length, pad.bytes));
      if (a < 0) {
        const w = arena.cheapestWindow(p.bytes[t], victimCost);
        if (w === null) {
          ok = false;
          break;
        }
        for (const v of w.victims) {
          evictBefore(v, i);
          if (pin[v] === i + 1) {
            need.push(v);
            loadAt[v] = i + 1;
          }
        }
        a = w.address;
      }
      arena.place(t, a);
      placedAt[t] = i + 1;
      placed.push(t);
    }
    if (!ok) {
      for (const t of placed) arena.remove(t);
      for (const v of [...arena.residents()]) evictBefore(v, i);
      packFromZero(arena, [...ins, ...outs], p.bytes, pad.alignment);
    }
    const step: Step | null = record ? { op: p.opName[o], loads: [], stores: [], evictions: [], resident: [] } : null;
    for (const t of ins) {
      if (!ok || loadAt[t] === i + 1) {
        total += p.bytes[t];
        step?.loads.push({ tensor: p.tensorName[t], address: arena.address(t) });
      }
    }
    if (step) {
      for (const t of arena.residents()) step.resident.push({ tensor: p.tensorName[t], address: arena.address(t) });
      steps!.push(step);
    }
    for (const t of outs) {
      if (p.kind[t] === 'output') {
        inDram[t] = 1;
        total += p.bytes[t];
        step?.stores.push(p.tensorName[t]);
      }
    }
    for (const list of [ins, outs]) {
      for (const t of list) {
        if (nextUse(t, i + 1) === Infinity) {
          step?.evictions.push(p.tensorName[t]);
          arena.remove(t);
        }
      }
    }
  }
  let touched = 0;
  for (const o of order) touched += p.opInputs[o].length + p.opOutputs[o].length;
  return { total, steps, work: touched + arena.scanned };
}

/** Place tensors back to back from address 0, the one wasting most alignment padding last (always fits if the op fits). */
export function packFromZero(arena: Arena, tensors: number[], bytes: readonly number[], alignment: number): void {
  const waste = (t: number) => alignUp(bytes[t], alignment) - bytes[t];
  let a = 0;
  for (const t of [...tensors].sort((x, y) => waste(x) - waste(y))) {
    arena.place(t, a);
    a = alignUp(a + bytes[t], alignment);
  }
}
