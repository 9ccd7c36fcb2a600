// Attention model presets for --model: resolved through host/attention/models.ts (loadAttentionModel) once it is on
// main; until then only explicit shapes (--heads/--e/--f) are accepted.
import { InputError } from '../errors.ts';

export interface ModelShape {
  name: string;
  heads: number;
  qkDim: number;
  vDim: number;
  batch: number;
}

export function resolveModel(ref: string): ModelShape {
  throw new InputError(`--model ${ref}`, 'model presets are not available in this build', 'give the shape with --heads, --e and --f');
}
