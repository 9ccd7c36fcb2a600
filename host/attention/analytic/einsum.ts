// Building blocks shared by the three cascades: tile counts, one Einsum's cost, sums.
import type { Actions, AnalyticParams, EinsumCost, Shape } from './types.ts';

export const NO_ACTIONS: Actions = { mac: 0, add: 0, max: 0, exp: 0, divide: 0 };

/** Tile counts of a problem on a machine: query tiles of the 2D array (Pt = ceil(P / rows2d)), key tiles
 *  (M1 = ceil(M / M0), M0 = cols2d), query tiles of the 1D array (P1d). */
export function tiles(p: AnalyticParams, s: Shape) {
  return { Pt: Math.ceil(s.P / p.rows2d), M1: Math.ceil(s.M / p.cols2d), P1d: Math.ceil(s.P / p.pes1d) };
}

/**
 * One Einsum: `elements` points of its iteration space, each doing `perElement` actions and costing `cyclesPerStep`
 * cycles per step of the array; `steps` is how many array-wide steps cover the space (every PE busy in each).
 * Register words: `regReads`/`regWrites` per element (the element's operands read, its result written).
 */
export function einsum(
  name: string,
  array: '2d' | '1d',
  steps: number,
  cyclesPerStep: number,
  elements: number,
  perElement: Partial<Actions>,
  regReads: number,
  regWrites = 1,
): EinsumCost {
  const actions = { ...NO_ACTIONS };
  for (const [k, v] of Object.entries(perElement) as [keyof Actions, number][]) actions[k] = v * elements;
  return { name, array, busyCycles: steps * cyclesPerStep, actions, registers: { reads: regReads * elements, writes: regWrites * elements } };
}

/** Busy cycles of the named Einsums. */
export function busy(einsums: readonly EinsumCost[], ...names: string[]): number {
  return names.reduce((sum, n) => {
    const e = einsums.find((x) => x.name === n);
    if (e === undefined) throw new Error(`analytic: no Einsum ${n}`);
    return sum + e.busyCycles;
  }, 0);
}

/** Busy cycles summed per array. */
export const busyOn = (einsums: readonly EinsumCost[], array: '2d' | '1d'): number =>
  einsums.filter((e) => e.array === array).reduce((s, e) => s + e.busyCycles, 0);

/** DRAM bytes → cycles at the machine's clock and bandwidth. */
export const memoryCycles = (p: AnalyticParams, bytes: number): number => (bytes / (p.dramGBps * 1e9)) * p.clockGHz * 1e9;
