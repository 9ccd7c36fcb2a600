// Latency of a schedule when every op's compute cycles and the DRAM bandwidth are known, two ways:
//   serial:     every transfer, then the op, one after another: Σ cycles + traffic / bandwidth;
//   overlapped: one DRAM channel works while an op computes: it prefetches the next op's loads whose scratchpad
//               range is free during this op, and drains the previous op's stores unless this op's new tensors
//               overwrite them; transfers that conflict are serialised before the op that needs them.
import type { Graph, Schedule } from '../types.ts';

/** Latency of a schedule in cycles, both ways. */
export interface Latency {
  serialCycles: number;
  overlappedCycles: number;
  /** The assumption behind overlappedCycles, for reports. */
  overlapModel: string;
}

/** The overlap assumption, as printed in reports. */
export const OVERLAP_MODEL = 'double-buffered DRAM: next loads and previous stores overlap an op when their ranges do not collide';

/** Latency in cycles, or null when some op has no cycle count. `bytesPerCycle` is the DRAM bandwidth. */
export function scheduleLatency(graph: Graph, schedule: Schedule, bytesPerCycle: number): Latency | null {
  const ops = new Map(graph.ops.map((o) => [o.name, o]));
  if (schedule.steps.some((s) => ops.get(s.op)?.cycles === undefined)) return null;
  const size = (t: string) => graph.tensors[t].bytes;
  const steps = schedule.steps;
  const cycles = steps.map((s) => ops.get(s.op)!.cycles!);
  const serial = cycles.reduce((a, b) => a + b, 0) + schedule.traffic.total / bytesPerCycle;
  const ranges = (i: number, names: string[]) => {
    const at = new Map(steps[i].resident.map((r) => [r.tensor, r.address]));
    return names.map((t) => [at.get(t)!, at.get(t)! + size(t)] as const);
  };
  const collide = (a: readonly [number, number], bs: ReadonlyArray<readonly [number, number]>) => bs.some((b) => a[0] < b[1] && b[0] < a[1]);
  // For each step: load bytes that can be prefetched during the previous op, and the rest.
  const prefetch = new Float64Array(steps.length);
  const lateLoads = new Float64Array(steps.length);
  steps.forEach((s, i) => {
    const busy = i > 0 ? ranges(i - 1, steps[i - 1].resident.map((r) => r.tensor)) : [];
    for (const l of s.loads) {
      const r = [l.address, l.address + size(l.tensor)] as const;
      if (i > 0 && !collide(r, busy)) prefetch[i] += size(l.tensor);
      else lateLoads[i] += size(l.tensor);
    }
  });
  // For each step: store bytes that can drain during the next op, and the rest.
  const drain = new Float64Array(steps.length);
  const lateStores = new Float64Array(steps.length);
  steps.forEach((s, i) => {
    const next = i + 1 < steps.length ? steps[i + 1] : null;
    const fresh = next === null ? [] : ranges(i + 1, [...next.loads.map((l) => l.tensor), ...ops.get(next.op)!.outputs]);
    for (const t of s.stores) {
      const [r] = ranges(i, [t]);
      if (next !== null && !collide(r, fresh)) drain[i] += size(t);
      else lateStores[i] += size(t);
    }
  });
  let t = 0;
  steps.forEach((_, i) => {
    t += ((i > 0 ? lateStores[i - 1] : 0) + lateLoads[i]) / bytesPerCycle;
    const background = ((i + 1 < steps.length ? prefetch[i + 1] : 0) + (i > 0 ? drain[i - 1] : 0)) / bytesPerCycle;
    t += Math.max(cycles[i], background);
  });
  t += lateStores[steps.length - 1] / bytesPerCycle;
  return { serialCycles: Math.ceil(serial), overlappedCycles: Math.ceil(t), overlapModel: OVERLAP_MODEL };
}
