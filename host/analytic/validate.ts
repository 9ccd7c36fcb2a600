// The validation run, as a short list of stages:
//   1. run the model on every compute layer (first: a broken user model fails before the long simulation)
//   2. simulate the workload's compute layers cycle by cycle (models predict the array; the vector unit's layers
//      between the GEMMs are left out)
//   3. compare, layer by layer and metric by metric, and attach `validation` to the report
import { simulate, type SimulateOptions } from '../simulate/index.ts';
import type { Report } from '../report/types.ts';
import type { ArchSpec, Workload } from '../spec/types.ts';
import { attachValidation } from './compare.ts';
import { predictLayers } from './predict.ts';
import { computeLayers, type ModelSource } from './source/source.ts';

/** simulate()'s options plus the tolerance. */
export interface ValidateOptions extends SimulateOptions {
  /** Largest |relative error| a layer may have, as a fraction (default 0.05). */
  tolerance?: number;
}

/** Contract: the simulation's report with the model's predictions compared per layer (`validation` fields). */
export async function validate(arch: ArchSpec, workload: Workload, source: ModelSource, options: ValidateOptions = {}): Promise<Report> {
  const { tolerance = 0.05, ...simulateOptions } = options;
  const dataflow = options.dataflow ?? arch.dataflow;
  const predictions = await predictLayers(source, arch, workload, dataflow);
  const report = await simulate(arch, { ...workload, layers: computeLayers(workload) }, simulateOptions);
  return attachValidation(report, predictions, source.name, tolerance);
}
