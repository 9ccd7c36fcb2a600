// The two baselines the greedy is compared with, both in the plain topological order of the graph file:
//   round-trip: every op loads all its inputs and weights and stores all its outputs (nothing stays on chip);
//   naive: first-fit allocation, least-recently-used eviction, dead tensors freed, dirty tensors stored on eviction.
import { Arena } from '../search/arena.ts';
import { assertOpsFit } from '../search/fit.ts';
import { listOrder } from '../search/order.ts';
import { prepare, startsInDram } from '../graph/prepared.ts';
import { packFromZero } from '../search/simulate.ts';
import { splitTraffic } from '../search/traffic.ts';
import type { Graph, Schedule, Scratchpad, Step } from '../types.ts';

/** Everything round-trips through DRAM. */
export function roundTripSchedule(graph: Graph, pad: Scratchpad): Schedule {
  const p = prepare(graph);
  assertOpsFit(p, pad);
  const arena = new Arena(pad.bytes, pad.alignment, p.bytes);
  const steps: Step[] = [];
  let total = 0;
  for (const o of listOrder(p, 'file')) {
    const all = [...p.opInputs[o], ...p.opOutputs[o]];
    packFromZero(arena, all, p.bytes, pad.alignment);
    const name = (t: number) => p.tensorName[t];
    const place = (t: number) => ({ tensor: name(t), address: arena.address(t) });
    steps.push({
      op: p.opName[o],
      loads: p.opInputs[o].map(place),
      stores: p.opOutputs[o].map(name),
      evictions: all.map(name),
      resident: [...arena.residents()].map(place),
    });
    for (const t of all) {
      total += p.bytes[t];
      arena.remove(t);
    }
  }
  return { schema: 'systole.schedule/1', method: 'round-trip', scratchpad: pad, steps, traffic: splitTraffic(p, total) };
}

/** Topological order, first-fit allocation, LRU eviction. */
export function naiveSchedule(graph: Graph, pad: Scratchpad): Schedule {
  const p = prepare(graph);
  assertOpsFit(p, pad);
  const order = listOrder(p, 'file');
  const usesLeft = p.consumers.map((c) => c.length);
  const inDram = p.kind.map(startsInDram);
  const lastTouch = new Float64Array(p.tensorName.length);
  const arena = new Arena(pad.bytes, pad.alignment, p.bytes);
  const steps: Step[] = [];
  let total = 0;
  const evict = (v: number, i: number) => {
    if (!inDram[v] && (usesLeft[v] > 0 || p.kind[v] === 'output')) {
      inDram[v] = true;
      total += p.bytes[v];
      steps[i - 1].stores.push(p.tensorName[v]);
    }
    steps[i - 1].evictions.push(p.tensorName[v]);
    arena.remove(v);
  };
  order.forEach((o, i) => {
    const ins = p.opInputs[o];
    const outs = p.opOutputs[o];
    const mine = new Set([...ins, ...outs]);
    const missing = ins.filter((t) => !arena.has(t));
    let loads = missing;
    if (!placeAll(arena, [...missing, ...outs], mine, lastTouch, p.bytes, (v) => evict(v, i))) {
      for (const v of [...arena.residents()]) evict(v, i);
      packFromZero(arena, [...mine], p.bytes, pad.alignment);
      loads = ins;
    }
    const step: Step = { op: p.opName[o], loads: [], stores: [], evictions: [], resident: [] };
    for (const t of loads) {
      total += p.bytes[t];
      step.loads.push({ tensor: p.tensorName[t], address: arena.address(t) });
    }
    step.resident = arena.residents().map((t) => ({ tensor: p.tensorName[t], address: arena.address(t) }));
    steps.push(step);
    for (const t of mine) lastTouch[t] = i + 1;
    for (const t of ins) usesLeft[t]--;
    for (const t of outs) {
      if (p.kind[t] === 'output') {
        inDram[t] = true;
        total += p.bytes[t];
        step.stores.push(p.tensorName[t]);
      }
    }
    for (const t of mine) {
      if (usesLeft[t] === 0) {
        step.evictions.push(p.tensorName[t]);
        arena.remove(t);
      }
    }
  });
  return { schema: 'systole.schedule/1', method: 'naive', scratchpad: pad, steps, traffic: splitTraffic(p, total) };
}

/** First-fit each tensor, evicting least-recently-used unpinned tensors until a hole appears. False if even
 *  evicting every unpinned tensor leaves no hole (the caller then flushes and packs). */
function placeAll(arena: Arena, need: number[], pinned: Set<number>, lastTouch: Float64Array, bytes: readonly number[], evict: (v: number) => void): boolean {
  const placed: number[] = [];
  for (const t of need) {
    let a = arena.firstFit(bytes[t]);
    while (a < 0) {
      let victim = -1;
      for (const v of arena.residents()) if (!pinned.has(v) && (victim < 0 || lastTouch[v] < lastTouch[victim])) victim = v;
      if (victim < 0) {
        for (const q of placed) arena.remove(q);
        return false;
      }
      evict(victim);
      a = arena.firstFit(bytes[t]);
    }
    arena.place(t, a);
    placed.push(t);
  }
  return true;
}
