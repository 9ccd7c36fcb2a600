// The textbook systolic formula with the output drain: fill + steady state + drain per fold, folds serialised,
// derived for Systole's native microarchitecture (README "Timing modes"). For one group's GEMM with geometry
// (Sr, Sc, T) on an R×C array, a fold using r ≤ R rows and c ≤ C columns costs
//   OS:     K + r + c − 2  (skewed wavefront over the PEs in use)  +  R  (sums shift out through the R physical rows)
//   WS, IS: r  (stationary rows shift in)  +  T + R + c − 2  (inputs cross c columns, sums cross all R rows)
// Summing over the Fr·Fc folds (the used rows of the row folds add up to Sr, the used columns to Sc):
//   OS:     Fr·Fc·(T + R − 2) + Fc·Sr + Fr·Sc
//   WS, IS: Fr·Fc·(T + R − 2) + Fr·Sc + Fc·Sr      (the same terms as OS, fold by fold)
// and a layer of G groups, run one after another, costs G times that. With microarch.stationaryDoubleBuffer the
// stationary rows of every fold but the first load during the previous fold's stream (which lasts at least R
// cycles), so WS/IS pay the load once: min(R, Sr) + G·(Fr·Fc·(T + R − 2) + Fr·Sc).
// The model assumes folds do not overlap: with microarch.foldPipelining it over-predicts native timing.
// Utilization: mapping Sr·Sc/(R·C·Fr·Fc); compute = overall = MACs/(cycles·R·C) (native averages over the layer).
import { CoreDataflow } from '../../core/index.ts';
import type { ArchSpec } from '../../spec/types.ts';
import { type FoldShape, foldShape, loweredMacs, mappingEfficiency } from '../folds.ts';
import type { AnalyticModel } from '../types.ts';

/** Cycles of a layer of `groups` GEMMs of fold shape `f`. */
type LayerCycles = (f: FoldShape, groups: number, arch: ArchSpec) => number;

const wavefronts = (f: FoldShape): number => f.fr * f.fc * (f.t + f.R - 2) + f.fr * f.sc;

const stationary: LayerCycles = (f, groups, arch) =>
  arch.microarch.stationaryDoubleBuffer
    ? Math.min(f.R, f.sr) + groups * wavefronts(f)
    : groups * (wavefronts(f) + f.fc * f.sr);

const CYCLES: Record<CoreDataflow, LayerCycles> = {
  [CoreDataflow.OS]: (f, groups) => groups * (wavefronts(f) + f.fc * f.sr),
  [CoreDataflow.WS]: stationary,
  [CoreDataflow.IS]: stationary,
};

/** Serialised folds with fill and drain on the native microarchitecture; exact when foldPipelining is off. */
export const textbook: AnalyticModel = (arch, _layer, lowered, dataflow) => {
  const f = foldShape(arch, lowered, dataflow);
  const cycles = CYCLES[dataflow.core](f, lowered.groups, arch);
  const util = loweredMacs(lowered) / (cycles * f.R * f.C);
  return { cycles, utilization: { mapping: mappingEfficiency(f), compute: util, overall: util } };
};
