// How one group's GEMM folds onto the array: the dataflow's geometry (Sr, Sc, T) and the fold counts
// Fr = ceil(Sr/R), Fc = ceil(Sc/C) (shared/DESIGN.md). Shared by the models that count folds.
import type { Dataflow } from '../../mappings/index.ts';
import type { LoweredGemm } from '../lower/shape.ts';
import type { ArchSpec } from '../spec/types.ts';

/** One group's GEMM on the array: spatial rows/cols, temporal length, folds along rows/cols; R×C the array. */
export interface FoldShape {
  sr: number;
  sc: number;
  t: number;
  fr: number;
  fc: number;
  R: number;
  C: number;
}

/** The fold shape of one group of `lowered` on `arch` under `dataflow`. */
export function foldShape(arch: ArchSpec, lowered: LoweredGemm, dataflow: Dataflow): FoldShape {
  const { sr, sc, t } = dataflow.geometry(lowered);
  const R = arch.array.rows;
  const C = arch.array.cols;
  return { sr, sc, t, fr: Math.ceil(sr / R), fc: Math.ceil(sc / C), R, C };
}

/** SCALE-Sim's mapping efficiency, Sr·Sc / (R·C·Fr·Fc): the share of the array a fold maps work onto, on average. */
export const mappingEfficiency = (f: FoldShape): number => (f.sr * f.sc) / (f.R * f.C * f.fr * f.fc);

/** Multiply-accumulates of a lowered layer: M·N·K per group. */
export const loweredMacs = (g: LoweredGemm): number => g.M * g.N * g.K * g.groups;
