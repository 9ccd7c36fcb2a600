// Turns the first zod issue of a failed parse into one InputError naming the file and the key path.
// Schemas attach their own wording with `expects(expected, fix?)` so messages read like
// `arch.yaml: array.rows: expected an integer in 1..512, got 0; set array.rows to 1..512`.
import type { z } from 'zod';
import { InputError } from '../../errors.ts';

const TAG = 'systole-expects:';

/** A zod error message: what the key expects and, optionally, what to set it to (defaults to `expected`). */
export const expects = (expected: string, fix?: string): string => TAG + JSON.stringify({ expected, fix });

/** Error option for z.strictObject: names the known keys when an unknown one is found. */
export const strictKeys = (shape: Record<string, unknown>, hints: Record<string, string> = {}) => ({
  error: (iss: { code: string; keys?: string[] }) => {
    if (iss.code !== 'unrecognized_keys') return undefined;
    const hinted = iss.keys?.find((k) => k in hints);
    if (hinted !== undefined) return hints[hinted];
    return `known keys are ${Object.keys(shape).join(', ')}`;
  },
});

type Path = readonly PropertyKey[];

/** Render a key path, e.g. `layers[2] (pw1).filter.h`; layer names are looked up in the raw input. */
export function renderPath(path: Path, raw: unknown): string {
  let out = '';
  let node: unknown = raw;
  for (const seg of path) {
    if (typeof seg === 'number') {
      out += `[${seg}]`;
      node = Array.isArray(node) ? node[seg] : undefined;
      const name = isRecord(node) ? node.name : undefined;
      if (typeof name === 'string' && name !== '') out += ` (${name})`;
    } else {
      out += (out === '' ? '' : '.') + String(seg);
      node = isRecord(node) ? node[seg as string] : undefined;
    }
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Short description of an offending value for messages: `0`, `'abc'`, `a list`, `an object`. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  return 'an object';
}

/** The last key of a path that is a name (not a list index), for fix hints. */
function localKey(path: Path): string {
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] !== 'number') i--;
  return path
    .slice(i + 1)
    .map(String)
    .join('.');
}

/** The value at `path` in the raw input, and whether its key is there at all (zod leaves `input` out of most
 *  issues, so the value is looked up rather than taken from the issue; a key set to undefined counts as absent). */
function valueAt(raw: unknown, path: Path): { present: boolean; value: unknown } {
  let node: unknown = raw;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === 'number') {
      if (seg >= node.length) return { present: false, value: undefined };
      node = node[seg];
    } else if (isRecord(node) && typeof seg === 'string') {
      if (!Object.hasOwn(node, seg)) return { present: false, value: undefined };
      node = node[seg];
    } else return { present: false, value: undefined };
  }
  return { present: node !== undefined, value: node };
}

/** Convert a zod error to one InputError (its first issue). `raw` is the parsed input, for names and values;
 *  `pathPrefix` is where `raw` sits in the file (for specs parsed piece by piece). */
export function toInputError(error: z.ZodError, source: string, raw: unknown, pathPrefix: Path = []): InputError {
  const issue = error.issues[0];
  const path = [...pathPrefix, ...issue.path];
  const here = 'input' in issue && issue.input !== undefined ? { present: true, value: issue.input } : valueAt(raw, issue.path);
  const input = here.value;
  const key = localKey(path) || renderPath(path, raw);
  const where = (p: Path) => (p.length === 0 ? source : `${source}: ${renderPath(p, raw)}`);

  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys[0];
    const hint = issue.message.startsWith('known keys') || !issue.message.startsWith('Unrecognized') ? `; ${issue.message}` : '';
    return new InputError(where([...path, unknown]), `unknown key '${unknown}'`, `remove it${hint}`);
  }
  const custom = decode(issue.message);
  if (path.length === 0 && issue.code === 'invalid_type' && custom === null && !isRecord(input)) {
    // The whole document is not a mapping: say what the file holds instead of asking for a key called "it".
    if (input === undefined || input === null) return new InputError(source, 'the file is empty', 'write the document (see the README for its keys)');
    return new InputError(source, `expected a mapping of keys (key: value lines), got ${describeValue(input)}`, 'write the document as keys and values (see the README)');
  }
  if (!here.present && issue.code === 'invalid_type') {
    const expected = custom?.expected ?? String((issue as { expected?: string }).expected ?? 'a value');
    return new InputError(where(path), 'missing required key', `add ${key || 'it'}: ${expected}`);
  }
  if (custom) {
    const fix = key === '' ? `write ${custom.fix ?? custom.expected}` : `set ${key} to ${custom.fix ?? custom.expected}`;
    return new InputError(where(path), `expected ${custom.expected}, got ${describeValue(input)}`, fix);
  }
  if (issue.code === 'invalid_value') {
    const values = issue.values.map(String).join('|');
    return new InputError(where(path), `expected one of ${values}, got ${describeValue(input)}`, `set ${key} to one of ${values}`);
  }
  if (issue.code === 'invalid_type') {
    return new InputError(where(path), `expected ${issue.expected}, got ${describeValue(input)}`, `set ${key} to a ${issue.expected}`);
  }
  return new InputError(where(path), `${issue.message}, got ${describeValue(input)}`, `fix ${key}`);
}

function decode(message: string): { expected: string; fix?: string } | null {
  if (!message.startsWith(TAG)) return null;
  return JSON.parse(message.slice(TAG.length)) as { expected: string; fix?: string };
}
