// A reader for the INI dialect of Python's configparser with its default settings, which is what SCALE-Sim's .cfg
// files are read with: `[section]` headers (case-sensitive), `key = value` or `key: value` (the first '=' or ':'
// splits), keys case-insensitive (lower-cased), values stripped, whole-line comments starting with '#' or ';'
// (no inline comments), blank lines ignored. configparser's errors are InputErrors here: a line before any section,
// a line without a delimiter, a duplicate section or key. An indented line after a key continues that key's value in
// configparser (and then fails to parse as a number), so it is reported as an error.
import { InputError } from '../../errors.ts';

/** One `key: value` entry, with the key as written and its 1-based line. */
export interface IniEntry {
  key: string;
  value: string;
  line: number;
}

/** Sections by name, each a map from lower-cased key to entry, in file order. */
export type Ini = Map<string, Map<string, IniEntry>>;

const indentOf = (line: string) => line.length - line.trimStart().length;

/** Parse INI text; `source` names the file in errors. */
export function parseIni(text: string, source: string): Ini {
  const ini: Ini = new Map();
  let section: Map<string, IniEntry> | null = null;
  let lastKeyIndent = -1;
  let lastKey = '';
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const at = `${source} line ${line}`;
    if (section !== null && lastKeyIndent >= 0 && indentOf(raw) > lastKeyIndent) {
      throw new InputError(at, `indented line '${trimmed}' continues the value of ${lastKey}`, 'remove the indentation');
    }
    const header = /^\[(.+)\]/.exec(trimmed);
    if (header) {
      const name = header[1];
      if (ini.has(name)) throw new InputError(at, `section [${name}] appears twice`, 'merge the two sections');
      section = new Map();
      ini.set(name, section);
      lastKeyIndent = -1;
      return;
    }
    if (section === null) throw new InputError(at, `'${trimmed}' comes before any [section]`, 'start the file with a [section] header');
    const split = trimmed.search(/[=:]/);
    if (split <= 0) throw new InputError(at, `'${trimmed}' is not a 'key = value' or 'key: value' line`, 'write key = value');
    const key = trimmed.slice(0, split).trim();
    const lower = key.toLowerCase();
    if (section.has(lower)) {
      throw new InputError(at, `key ${key} appears twice in its section (first on line ${section.get(lower)!.line})`, 'keep one of them');
    }
    section.set(lower, { key, value: trimmed.slice(split + 1).trim(), line });
    lastKeyIndent = indentOf(raw);
    lastKey = key;
  });
  return ini;
}
