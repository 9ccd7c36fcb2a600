// The stats block in linear memory (layout: shared/stats.ts). The host reads it through a Float64Array view.
import { Stat } from './shared/stats';

export const STATS: usize = heap.alloc(<usize>Stat.COUNT << 3);

/** Contract: every slot is 0 afterwards. */
export function resetStats(): void {
  memory.fill(STATS, 0, <usize>Stat.COUNT << 3);
}

export function addStat(s: Stat, v: f64): void {
  const p = STATS + (<usize>s << 3);
  store<f64>(p, load<f64>(p) + v);
}

export function setStat(s: Stat, v: f64): void {
  store<f64>(STATS + (<usize>s << 3), v);
}

export function getStat(s: Stat): f64 {
  return load<f64>(STATS + (<usize>s << 3));
}
