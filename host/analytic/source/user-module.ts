// `--model ./my-model.js`: a user's model as an ES module whose default export is an AnalyticModel.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../errors.ts';
import type { AnalyticModel } from '../types.ts';

/** File extensions loaded as model modules. */
export const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'] as const;

const SIGNATURE = 'export default function (arch, layer, lowered, dataflow) { return { cycles } }';

/** Contract: imports `file` and returns its default export, or throws InputError naming the file. */
export async function loadModuleModel(file: string): Promise<AnalyticModel> {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new InputError(`--model ${file}`, 'no such file', 'give the path of a .js or .mjs module');
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const esmHint = /import statement outside a module|Unexpected token 'export'/.test(message) ? ' (rename it to .mjs)' : '';
    throw new InputError(file, `cannot load the model module: ${message}`, `fix the module${esmHint}: ${SIGNATURE}`);
  }
  if (typeof mod.default !== 'function') {
    throw new InputError(file, `its default export is ${typeof mod.default}, not a function`, SIGNATURE);
  }
  return mod.default as AnalyticModel;
}
