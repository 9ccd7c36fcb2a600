// What an analytic model is: a plain function from (arch, layer, its GEMM shape, the dataflow) to predicted figures.
// Built-in models (host/analytic/models/) and user modules (`--model ./my-model.js`, default export) share it.
import type { Dataflow } from '../../mappings/index.ts';
import type { LoweredGemm } from '../lower/shape.ts';
import type { DramCounts, LayerReport, SramCounts } from '../report/types.ts';
import type { ArchSpec, ComputeLayer } from '../spec/types.ts';

/** A model's figures for one layer. `cycles` is required; any other figure is optional, metric by metric. */
export interface Prediction {
  cycles: number;
  utilization?: Partial<LayerReport['utilization']>;
  sram?: Partial<SramCounts>;
  dram?: Partial<DramCounts>;
}

/** Contract: predicts one compute layer on `arch` mapped with `dataflow` (a registry entry: use its geometry()). */
export type AnalyticModel = (arch: ArchSpec, layer: ComputeLayer, lowered: LoweredGemm, dataflow: Dataflow) => Prediction;
