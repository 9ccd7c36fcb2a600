// Pareto fronts of a sweep, per workload (points of different workloads are not comparable), over ok points only.
//   energy front: no other point has cycles ≤ and energyPJ ≤, one of them <.
//   area front:   the same over (cycles, pes, sramBytes): the area proxy is the PE count and the scratchpad bytes
//                 compared component by component, so no PE-to-SRAM area ratio has to be assumed.

/** Indices of the rows not dominated in `objectives` (all minimised) by another row of the same group. */
export function paretoFront<T>(rows: readonly T[], group: (r: T) => string, objectives: readonly ((r: T) => number)[]): Set<number> {
  const front = new Set<number>();
  rows.forEach((r, i) => {
    const a = objectives.map((f) => f(r));
    const dominated = rows.some((s, j) => {
      if (j === i || group(s) !== group(r)) return false;
      const b = objectives.map((f) => f(s));
      return b.every((v, k) => v <= a[k]) && b.some((v, k) => v < a[k]);
    });
    if (!dominated) front.add(i);
  });
  return front;
}
