// Roofline: a layer takes at least its MACs at full utilization, MACs/(R·C), and at least the time to move its
// compulsory DRAM traffic (load the ifmap and the filters once, write the ofmap once) at dram.bandwidthWordsPerCycle.
// Cycles = the larger of the two (real-valued: a bound, not a schedule). Predicts overall utilization and the
// compulsory DRAM words too; it knows nothing of folds, fill or drain.
import type { LoweredGemm } from '../../lower/shape.ts';
import type { ArchSpec, ComputeLayer } from '../../spec/types.ts';
import { loweredMacs } from '../folds.ts';
import type { AnalyticModel } from '../types.ts';

/** Words of a layer's operands: the unpadded ifmap, every filter, the ofmap (a gemm: A, B and C of every group),
 *  for the `samples` of a batch (the filters are loaded once for all of them). */
export function compulsoryWords(layer: ComputeLayer, lowered: LoweredGemm): { ifmap: number; filter: number; ofmap: number } {
  if (layer.kind === 'gemm') {
    const { M, N, K, groups } = lowered;
    return { ifmap: groups * M * K, filter: groups * K * N, ofmap: groups * M * N };
  }
  return {
    ifmap: lowered.samples * layer.ifmap.h * layer.ifmap.w * layer.ifmap.c,
    filter: layer.filter.h * layer.filter.w * (layer.ifmap.c / layer.groups) * layer.filters,
    ofmap: lowered.samples * lowered.eh * lowered.ew * layer.filters,
  };
}

/** The two roofs of a layer and which one binds. */
export function rooflineTerms(arch: ArchSpec, layer: ComputeLayer, lowered: LoweredGemm) {
  const words = compulsoryWords(layer, lowered);
  const computeCycles = loweredMacs(lowered) / (arch.array.rows * arch.array.cols);
  const memoryCycles = (words.ifmap + words.filter + words.ofmap) / arch.dram.bandwidthWordsPerCycle;
  return { words, computeCycles, memoryCycles, bound: memoryCycles > computeCycles ? ('memory' as const) : ('compute' as const) };
}

/** max(MACs/(R·C), compulsory DRAM words / bandwidth). */
export const roofline: AnalyticModel = (arch, layer, lowered) => {
  const { words, computeCycles, memoryCycles } = rooflineTerms(arch, layer, lowered);
  const cycles = Math.max(computeCycles, memoryCycles);
  return {
    cycles,
    utilization: { overall: computeCycles / cycles },
    dram: { ifmapReads: words.ifmap, filterReads: words.filter, ofmapWrites: words.ofmap },
  };
};
