// Energy override files (`systole run --energy FILE`): YAML or JSON, in the format of schema.ts.
import { InputError } from '../errors.ts';
import { DATA_EXTENSIONS, extensionOf, parseDataText, readText } from '../spec/text/files.ts';
import { DEFAULT_ENERGY_TABLE } from './defaults.ts';
import { applyEnergyOverride, parseEnergyOverride } from './schema.ts';
import type { EnergyTable } from './types.ts';

/** Contract: the default table with the entries named in the .yaml/.yml/.json file at `path` replaced.
 *  Bad input (missing file, bad syntax, unknown key, bad value) → one InputError naming the file and key. */
export function loadEnergyTable(path: string): EnergyTable {
  const text = readText(path);
  if (!(DATA_EXTENSIONS as readonly string[]).includes(extensionOf(path))) {
    const ext = extensionOf(path);
    throw new InputError(path, `unsupported energy file type '${ext}'`, 'use a .yaml, .yml or .json file');
  }
  const override = parseEnergyOverride(parseDataText(text, path), path);
  return applyEnergyOverride(DEFAULT_ENERGY_TABLE, override);
}
