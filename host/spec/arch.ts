// Architecture spec loading: presets in archs/, YAML/JSON files (validated by arch-schema.ts) and SCALE-Sim .cfg
// files (scalesim-cfg.ts). The file format is documented in arch-schema.ts.
import { InputError } from '../errors.ts';
import { parseArch } from './arch-schema.ts';
import { DATA_EXTENSIONS, extensionOf, parseDataText, presetFile, presetNames, readText, stemOf } from './files.ts';
import { loadScaleSimConfig } from './scalesim.ts';
import type { ArchSpec } from './types.ts';

export { parseArch } from './arch-schema.ts';

/** Load an arch from a preset name (a file in archs/ without extension) or a .yaml/.yml/.json/.cfg (SCALE-Sim) path. */
export function loadArch(ref: string): ArchSpec {
  const ext = extensionOf(ref);
  if ((DATA_EXTENSIONS as readonly string[]).includes(ext)) return parseArch(parseDataText(readText(ref), ref), ref);
  if (ext === '.cfg') return loadScaleSimConfig(ref);
  if (ext !== '') {
    throw new InputError(ref, `unsupported arch file type '${ext}'`, 'use a .yaml, .yml or .json file, or a SCALE-Sim .cfg');
  }
  const file = presetFile('archs', ref);
  if (file === null) {
    throw new InputError(`arch '${ref}'`, 'no such preset', `use one of ${presetNames('archs').join(', ')}, or a file path`);
  }
  return parseArch(parseDataText(readText(file), file), `archs/${stemOf(file)}${extensionOf(file)}`);
}
