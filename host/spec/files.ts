// File access for host/spec/: read a spec file, parse YAML or JSON by extension, and locate the preset folders
// (archs/, workloads/) of this package whether the code runs from the sources or from build/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';
import { checkJsonText, inexactIntegerError, MAX_EXACT_INTEGER } from './json-text.ts';
import { parseYamlUnique } from './yaml-unique.ts';

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

const BINARY_HINT = 'give a text file (YAML, JSON, or a SCALE-Sim .cfg/.csv)';

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
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError(path, `binary data, not text (a NUL byte at offset ${nul})`, BINARY_HINT);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(path, 'not UTF-8 text (binary data, or another encoding)', 'give a text file saved as UTF-8');
  }
  return text.replace(/^\uFEFF/, '');
}

/** A parse error's first line, at most `max` characters (a parser may quote a whole line of the input). */
const firstLine = (message: string, max = 160): string => {
  const line = message.split('\n')[0];
  return line.length > max ? `${line.slice(0, max)}…` : line;
};

/**
 * Parse YAML (.yaml/.yml) or JSON (.json) text alike: a byte-order mark is ignored, a key given twice in one
 * mapping is an error, and so is an integer beyond 2^53 (which a number would round). Syntax errors become one
 * InputError with the parser's first line.
 */
export function parseDataText(text: string, source: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  if (extensionOf(source) === '.json') {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch (e) {
      throw new InputError(source, `invalid JSON (${firstLine((e as Error).message)})`, 'fix the JSON syntax');
    }
    checkJsonText(body, source);
    return doc;
  }
  try {
    return parseYamlUnique(body, exactIntegers(source), { intAsBigInt: true });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(source, `invalid YAML (${firstLine(String((e as Error).message))})`, 'fix the YAML syntax');
  }
}

/** A YAML reviver: integers are read as bigints, then turned into numbers when a number holds them exactly. */
const exactIntegers = (source: string) =>
  function revive(key: unknown, value: unknown): unknown {
    if (typeof value !== 'bigint') return value;
    if (value > BigInt(MAX_EXACT_INTEGER) || value < -BigInt(MAX_EXACT_INTEGER)) {
      throw inexactIntegerError(`${source}: key ${JSON.stringify(String(key))}`, value.toString());
    }
    return Number(value);
  };
