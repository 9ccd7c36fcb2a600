// Figures of any schedule, read from its steps: peak occupancy, fragmentation, and the evictions that only
// fragmentation forced (enough free bytes in total, no hole large enough: compaction would have avoided them).
import type { Graph, Schedule } from '../types.ts';

/** Occupancy and fragmentation figures of a schedule. */
export interface ScheduleStats {
  /** Largest number of resident bytes while an op runs. */
  peakBytes: number;
  /** peakBytes / scratchpad bytes. */
  peakFraction: number;
  /** Largest external fragmentation while an op runs: 1 − largest hole / free bytes (0 when nothing is free). */
  maxFragmentation: number;
  /** Mean of that fragmentation over the steps. */
  meanFragmentation: number;
  /** Steps preceded by evictions of still-needed tensors although the free bytes sufficed for the step. */
  compactionSteps: number;
}

/** Compute the figures of a schedule of `graph`. */
export function scheduleStats(graph: Graph, schedule: Schedule): ScheduleStats {
  const { bytes: capacity, alignment } = schedule.scratchpad;
  const size = (t: string) => graph.tensors[t].bytes;
  const usesLeft = new Map<string, number>();
  for (const op of graph.ops) for (const t of op.inputs) usesLeft.set(t, (usesLeft.get(t) ?? 0) + 1);
  const opByName = new Map(graph.ops.map((o) => [o.name, o]));
  let peak = 0;
  let maxFrag = 0;
  let sumFrag = 0;
  let compaction = 0;
  schedule.steps.forEach((step, i) => {
    const used = step.resident.reduce((s, r) => s + size(r.tensor), 0);
    peak = Math.max(peak, used);
    const free = capacity - used;
    const frag = free > 0 ? 1 - largestHole(step.resident, size, capacity, alignment) / free : 0;
    maxFrag = Math.max(maxFrag, frag);
    sumFrag += frag;
    if (i > 0) {
      const prev = schedule.steps[i - 1];
      const op = opByName.get(step.op)!;
      const neededLater = prev.evictions.filter((t) => (usesLeft.get(t) ?? 0) > 0);
      const prevUsed = prev.resident.reduce((s, r) => s + size(r.tensor), 0);
      const dead = prev.evictions.filter((t) => (usesLeft.get(t) ?? 0) === 0).reduce((s, t) => s + size(t), 0);
      const incoming = step.loads.reduce((s, l) => s + size(l.tensor), 0) + op.outputs.reduce((s, t) => s + size(t), 0);
      if (neededLater.length > 0 && capacity - (prevUsed - dead) >= incoming) compaction++;
    }
    for (const t of opByName.get(step.op)!.inputs) usesLeft.set(t, usesLeft.get(t)! - 1);
  });
  const n = Math.max(1, schedule.steps.length);
  return { peakBytes: peak, peakFraction: peak / capacity, maxFragmentation: maxFrag, meanFragmentation: sumFrag / n, compactionSteps: compaction };
}

function largestHole(resident: Array<{ tensor: string; address: number }>, size: (t: string) => number, capacity: number, alignment: number): number {
  const blocks = [...resident].sort((a, b) => a.address - b.address);
  let prev = 0;
  let best = 0;
  for (const b of blocks) {
    best = Math.max(best, b.address - Math.ceil(prev / alignment) * alignment);
    prev = b.address + size(b.tensor);
  }
  return Math.max(best, capacity - Math.ceil(prev / alignment) * alignment);
}
