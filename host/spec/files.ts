// File access for host/spec/: read a spec file, parse YAML or JSON by extension, and locate the preset folders
// (archs/, workloads/) of this package whether the code runs from the sources or from build/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.ts';

/** Extensions read as structured data (YAML or JSON). */
export const DATA_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

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

/** Absolute path of a preset folder of the package ('archs' or 'workloads'). */
export const presetDir = (folder: 'archs' | 'workloads'): string => join(packageRoot(), folder);

/** Preset names in a folder: data files without their extension, sorted. */
export function presetNames(folder: 'archs' | 'workloads'): string[] {
  return readdirSync(presetDir(folder))
    .filter((f) => (DATA_EXTENSIONS as readonly string[]).includes(extname(f)))
    .map((f) => basename(f, extname(f)))
    .sort();
}

/** The file of a preset, or null when no preset has that name. */
export function presetFile(folder: 'archs' | 'workloads', name: string): string | null {
  for (const ext of DATA_EXTENSIONS) {
    const file = join(presetDir(folder), name + ext);
    if (existsSync(file)) return file;
  }
  return null;
}

/** The lower-cased extension of a path ('' when it has none). */
export const extensionOf = (path: string): string => extname(path).toLowerCase();

/** A file name without folder or extension, used as the default spec name. */
export const stemOf = (path: string): string => basename(path, extname(path));

/** Read a text file, turning a missing or unreadable file into an InputError. */
export function readText(path: string): string {
  if (!existsSync(path)) throw new InputError(path, 'file not found', 'check the path');
  if (!statSync(path).isFile()) throw new InputError(path, 'not a file', 'give the path of a file');
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, `cannot read the file (${(e as Error).message})`, 'check its permissions');
  }
}

/** Parse YAML (.yaml/.yml) or JSON (.json) text; syntax errors become one InputError with the line. */
export function parseDataText(text: string, source: string): unknown {
  if (extensionOf(source) === '.json') {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new InputError(source, `invalid JSON (${(e as Error).message})`, 'fix the JSON syntax');
    }
  }
  try {
    return parseYaml(text, { uniqueKeys: true });
  } catch (e) {
    const first = String((e as Error).message).split('\n')[0];
    throw new InputError(source, `invalid YAML (${first})`, 'fix the YAML syntax');
  }
}
