// `--model NAME|FILE`: a built-in model by name, a user module (.js/.mjs/.cjs) or a CSV of per-layer predictions.
import { extname } from 'node:path';
import { InputError } from '../../errors.ts';
import { isComputeLayer, type ComputeLayer, type Workload } from '../../spec/types.ts';
import { MODEL_NAMES, MODELS } from '../models/index.ts';
import type { AnalyticModel } from '../types.ts';
import { loadCsvModel } from './user-csv.ts';
import { loadModuleModel, MODULE_EXTENSIONS } from './user-module.ts';

/** A model ready to run, and where it came from. */
export interface ModelSource {
  /** What the report calls the model: the built-in name or the file as given. */
  name: string;
  /** The user's file (named in error messages), or null for a built-in model. */
  file: string | null;
  model: AnalyticModel;
}

/** The compute layers of a workload (the ones the array runs, in order). */
export const computeLayers = (workload: Workload): ComputeLayer[] =>
  workload.layers.filter(isComputeLayer);

const isBuiltin = (ref: string): ref is keyof typeof MODELS => Object.hasOwn(MODELS, ref);

const FIX = `use one of ${MODEL_NAMES.join(', ')}, a .js/.mjs module exporting a model, or a .csv of per-layer predictions`;

/** Contract: resolves `ref`; a CSV is checked against `workload`'s layer names. Bad refs are InputErrors. */
export async function loadModel(ref: string, workload: Workload): Promise<ModelSource> {
  if (isBuiltin(ref)) return { name: ref, file: null, model: MODELS[ref] };
  const ext = extname(ref).toLowerCase();
  if (ext === '.csv') return { name: ref, file: ref, model: loadCsvModel(ref, workload, computeLayers(workload)) };
  if ((MODULE_EXTENSIONS as readonly string[]).includes(ext)) return { name: ref, file: ref, model: await loadModuleModel(ref) };
  const what = ext === '' ? 'no such built-in model' : `unsupported model file type '${ext}'`;
  throw new InputError(`--model ${ref}`, what, FIX);
}
