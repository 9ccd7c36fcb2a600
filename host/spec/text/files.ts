// File access for host/spec/: read a spec file and locate the preset folders (archs/, workloads/) of this package
// whether the code runs from the sources or from build/. The parsing itself is in data-text.ts (no file system);
// the browser bundle replaces this module by files.browser.ts (an in-memory file table, same exports).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../errors.ts';
import { DATA_EXTENSIONS, decodeText, extensionOf, stemOf } from './data-text.ts';

export { DATA_EXTENSIONS, extensionOf, parseDataText, stemOf } from './data-text.ts';

/** The package root: the nearest ancestor of this module holding package.json, archs/ and workloads/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'archs')) && existsSync(join(dir, 'workloads'))) {
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('systole: cannot find the package root (archs/ and workloads/) above ' + import.meta.url);
    dir = up;
  }
}

/** The folders of presets, relative to the package. */
export type PresetFolder = 'archs' | 'workloads' | 'workloads/attention' | 'mappings/cascades';

/** Absolute path of a preset folder of the package. */
export const presetDir = (folder: PresetFolder): string => join(packageRoot(), folder);

/** Preset names in a folder: data files without their extension, sorted. */
export function presetNames(folder: PresetFolder): string[] {
  return readdirSync(presetDir(folder))
    .filter((f) => (DATA_EXTENSIONS as readonly string[]).includes(extensionOf(f)))
    .map((f) => stemOf(f))
    .sort();
}

/** The file of a preset, or null when no preset has that name. */
export function presetFile(folder: PresetFolder, name: string): string | null {
  for (const ext of DATA_EXTENSIONS) {
    const file = join(presetDir(folder), name + ext);
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * Read a UTF-8 text file, turning a missing, unreadable or binary file (a NUL byte, or bytes that are not UTF-8)
 * into an InputError that quotes none of its content. A leading byte-order mark is dropped, for every format.
 */
export function readText(path: string): string {
  if (!existsSync(path)) throw new InputError(path, 'file not found', 'check the path');
  if (!statSync(path).isFile()) throw new InputError(path, 'not a file', 'give the path of a file');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(path, `cannot read the file (${(e as Error).message})`, 'check its permissions');
  }
  return decodeText(bytes, path);
}

/** Read a binary file (an ONNX model), with readText's errors for a missing or unreadable file. */
export function readBytes(path: string): Uint8Array {
  if (!existsSync(path)) throw new InputError(path, 'file not found', 'check the path');
  if (!statSync(path).isFile()) throw new InputError(path, 'not a file', 'give the path of a file');
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputError(path, `cannot read the file (${(e as Error).message})`, 'check its permissions');
  }
}
