// Runs a model on every compute layer of a workload and checks each answer. User models that throw or return
// non-numbers become InputErrors naming the file and the layer.
import { InputError } from '../errors.ts';
import { lowerLayer } from '../lower/shape.ts';
import type { ArchSpec, DataflowKind, Workload } from '../spec/types.ts';
import { dataflowOf } from '../../mappings/index.ts';
import { checkPrediction } from './source/check.ts';
import { computeLayers, type ModelSource } from './source/source.ts';
import type { Prediction } from './types.ts';

/** Contract: one checked prediction per compute layer of `workload`, in order. */
export async function predictLayers(
  source: ModelSource, arch: ArchSpec, workload: Workload, dataflowKind: DataflowKind,
): Promise<Prediction[]> {
  const dataflow = dataflowOf(dataflowKind);
  const out: Prediction[] = [];
  for (const layer of computeLayers(workload)) {
    const where = `${source.file ?? `model ${source.name}`}, layer ${layer.name}`;
    let value: unknown;
    try {
      // Copies: a user model cannot change the specs the simulation runs on.
      value = await source.model(structuredClone(arch), structuredClone(layer), lowerLayer(layer, workload.batch), dataflow);
    } catch (e) {
      if (source.file === null || e instanceof InputError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw new InputError(where, `the model threw: ${message}`, 'fix the model so it returns a prediction for every layer');
    }
    out.push(checkPrediction(value, where));
  }
  return out;
}
