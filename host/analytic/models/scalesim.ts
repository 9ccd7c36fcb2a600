// SCALE-Sim v2's closed forms (shared/DESIGN.md's table, read off its systolic_compute_{os,ws,is}.py): the one
// source of these formulas in Systole. For an R×C array and one group's GEMM with geometry (Sr, Sc, T):
//   folds Fr = ceil(Sr/R), Fc = ceil(Sc/C), strictly serialised; cycles per fold L = T + R + C − 2 (OS),
//   2R + C + T − 2 (WS, IS: R cycles load the stationary rows). A layer of G groups runs them one after another
//   and reports its last demand row's 0-based index: G·Fr·Fc·L − 1.
//   Mapping efficiency Sr·Sc/(R·C·Fr·Fc); compute utilization = mapping · T/L (OS), · T/(L + C − 1) (WS, IS);
//   overall = MACs / (cycles·R·C).
//   SRAM per group: OS ifmap Fc·M·K, filter Fr·N·K, ofmap M·N + Fr·Fc·(R + C) (the padded demand matrix's
//   dimensions, a SCALE-Sim artefact); WS ifmap Fc·M·K, filter K·N, ofmap Fr·M·N; IS ifmap K·M, filter Fc·N·K,
//   ofmap Fr·M·N.
// What differs by datapath is a table keyed by the core datapath the registry entry runs on, not a branch on names.
import { CoreDataflow } from '../../core/index.ts';
import type { LoweredGemm } from '../../lower/shape.ts';
import type { SramCounts } from '../../report/types.ts';
import { type FoldShape, foldShape, loweredMacs, mappingEfficiency } from '../folds.ts';
import type { AnalyticModel } from '../types.ts';

type PerDatapath<T> = Record<CoreDataflow, T>;

/** Cycles of one fold, L. */
const FOLD_CYCLES: PerDatapath<(f: FoldShape) => number> = {
  [CoreDataflow.OS]: (f) => f.t + f.R + f.C - 2,
  [CoreDataflow.WS]: (f) => 2 * f.R + f.C + f.t - 2,
  [CoreDataflow.IS]: (f) => 2 * f.R + f.C + f.t - 2,
};

/** Cycles one fold counts for in SCALE-Sim's compute-utilization denominator. */
const UTIL_WINDOW: PerDatapath<(L: number, f: FoldShape) => number> = {
  [CoreDataflow.OS]: (L) => L,
  [CoreDataflow.WS]: (L, f) => L + f.C - 1,
  [CoreDataflow.IS]: (L, f) => L + f.C - 1,
};

type SramPrediction = Pick<SramCounts, 'ifmapReads' | 'filterReads' | 'ofmapWrites'>;

/** SRAM words of one group's GEMM. */
const SRAM: PerDatapath<(g: LoweredGemm, f: FoldShape) => SramPrediction> = {
  [CoreDataflow.OS]: ({ M, N, K }, f) => ({
    ifmapReads: f.fc * M * K,
    filterReads: f.fr * N * K,
    ofmapWrites: M * N + f.fr * f.fc * (f.R + f.C),
  }),
  [CoreDataflow.WS]: ({ M, N, K }, f) => ({ ifmapReads: f.fc * M * K, filterReads: K * N, ofmapWrites: f.fr * M * N }),
  [CoreDataflow.IS]: ({ M, N, K }, f) => ({ ifmapReads: K * M, filterReads: f.fc * N * K, ofmapWrites: f.fr * M * N }),
};

/** SCALE-Sim v2's reported cycles, utilizations and SRAM counts for one layer (groups run one after another). */
export const scalesim: AnalyticModel = (arch, _layer, lowered, dataflow) => {
  const f = foldShape(arch, lowered, dataflow);
  const G = lowered.groups;
  const L = FOLD_CYCLES[dataflow.core](f);
  const cycles = G * f.fr * f.fc * L - 1;
  const mapping = mappingEfficiency(f);
  const perGroup = SRAM[dataflow.core](lowered, f);
  return {
    cycles,
    utilization: {
      mapping,
      compute: (mapping * f.t) / UTIL_WINDOW[dataflow.core](L, f),
      overall: cycles > 0 ? loweredMacs(lowered) / (cycles * f.R * f.C) : 0, // as the report: 0 over 0 cycles
    },
    sram: {
      ifmapReads: G * perGroup.ifmapReads,
      filterReads: G * perGroup.filterReads,
      ofmapWrites: G * perGroup.ofmapWrites,
    },
  };
};
