// Spec text without a file system: the data extensions, path names, bytes → text checks and the YAML/JSON parser.
// Pure (no node: imports), so the browser bundle (web/) uses it as is; files.ts adds the file system on top.
import { InputError } from '../../errors.ts';
import { checkJsonText, inexactIntegerError, MAX_EXACT_INTEGER } from './json-text.ts';
import { parseYamlUnique } from './yaml-unique.ts';

/** Extensions read as structured data (YAML or JSON). */
export const DATA_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/** The last segment of a '/'-separated path, trailing slashes dropped (node:path's posix basename). */
const baseName = (path: string): string => path.replace(/\/+$/, '').split('/').pop() ?? '';

/** The extension of a file name as node:path's extname: from its last '.', '' when none or only a leading one. */
const extOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
};

/** The lower-cased extension of a path ('' when it has none). */
export const extensionOf = (path: string): string => extOf(baseName(path)).toLowerCase();

/** A file name without folder or extension, used as the default spec name. */
export const stemOf = (path: string): string => {
  const name = baseName(path);
  return name.slice(0, name.length - extOf(name).length);
};

const BINARY_HINT = 'give a text file (YAML, JSON, or a SCALE-Sim .cfg/.csv)';

/**
 * A text file's bytes as text: a NUL byte or bytes that are not UTF-8 are an InputError that quotes none of the
 * content. A leading byte-order mark is dropped, for every format.
 */
export function decodeText(bytes: Uint8Array, path: string): string {
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
