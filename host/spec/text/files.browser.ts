// The browser's files.ts (web/build.mjs substitutes it for files.ts; same exports): no file system, but an in-memory
// table of files. The web build puts every preset of archs/ and workloads/ in it (SYSTOLE_PRESET_FILES, defined at
// bundle time), and the playground adds what the user pastes with addFile(). loadArch, loadWorkload and the SCALE-Sim
// readers then run unchanged: a preset name or a file name goes through the same code as on the command line.
import { InputError } from '../../errors.ts';
import { DATA_EXTENSIONS, decodeText, extensionOf, stemOf } from './data-text.ts';

export { DATA_EXTENSIONS, extensionOf, parseDataText, stemOf } from './data-text.ts';

/** The folders of presets, relative to the package. */
export type PresetFolder = 'archs' | 'workloads' | 'workloads/attention' | 'mappings/cascades';

/** Preset files by path ('archs/array-64.yaml'), filled in by the web build (esbuild `define`). */
declare const SYSTOLE_PRESET_FILES: Record<string, string>;

const table = new Map<string, string | Uint8Array>(Object.entries(typeof SYSTOLE_PRESET_FILES === 'undefined' ? {} : SYSTOLE_PRESET_FILES));

/** Contract: makes `content` (text, or the bytes of a binary file such as an ONNX model) the content of the file
 *  `path` (replacing an earlier one), for readText, readBytes and the loaders. */
export function addFile(path: string, content: string | Uint8Array): void {
  table.set(path, content);
}

/** The preset folder's name: presets live at 'archs/NAME.yaml' and 'workloads/NAME.yaml' in the table. */
export const presetDir = (folder: PresetFolder): string => folder;

/** Preset names in a folder: data files directly in it, without their extension, sorted. */
export function presetNames(folder: PresetFolder): string[] {
  return [...table.keys()]
    .filter((p) => p.startsWith(`${folder}/`) && !p.slice(folder.length + 1).includes('/'))
    .filter((p) => (DATA_EXTENSIONS as readonly string[]).includes(extensionOf(p)))
    .map((p) => stemOf(p))
    .sort();
}

/** The file of a preset, or null when no preset has that name. */
export function presetFile(folder: PresetFolder, name: string): string | null {
  for (const ext of DATA_EXTENSIONS) {
    const file = `${folder}/${name}${ext}`;
    if (table.has(file)) return file;
  }
  return null;
}

/** A file of the table as text (the same checks as files.ts: binary or non-UTF-8 content is refused). */
export function readText(path: string): string {
  const content = table.get(path);
  if (content === undefined) throw new InputError(path, 'file not found', 'paste the file or pick a preset');
  return decodeText(typeof content === 'string' ? new TextEncoder().encode(content) : content, path);
}

/** A file of the table as bytes (an ONNX model). */
export function readBytes(path: string): Uint8Array {
  const content = table.get(path);
  if (content === undefined) throw new InputError(path, 'file not found', 'add the file or pick a preset');
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}
