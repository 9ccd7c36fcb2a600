// What JSON.parse lets through silently and YAML does not: a key given twice in one object (JSON.parse keeps the
// last) and an integer literal beyond 2^53 (rounded to the nearest double). One linear scan of text that JSON.parse
// has already accepted, so every token is well formed; errors name the line.
import { InputError } from '../../errors.ts';

/** The largest integer a double holds exactly with all its neighbours (Number.MAX_SAFE_INTEGER = 2^53 − 1). */
export const MAX_EXACT_INTEGER = Number.MAX_SAFE_INTEGER;

const lineAt = (text: string, i: number): number => {
  let line = 1;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
};

/** The InputError for an integer literal `digits` that a number cannot hold exactly. */
export function inexactIntegerError(where: string, digits: string): InputError {
  return new InputError(
    where,
    `integer ${digits} is beyond 2^53 − 1 = ${MAX_EXACT_INTEGER}, so a number cannot hold it exactly`,
    `use an integer of at most ${MAX_EXACT_INTEGER}`,
  );
}

/** Contract: throws InputError at the first duplicate key or inexact integer of valid JSON `text`. */
export function checkJsonText(text: string, source: string): void {
  const objects: (Set<string> | null)[] = []; // per open bracket: the keys seen ({), or null ([)
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text[i];
    if (c === '{') {
      objects.push(new Set());
      expectKey = true;
      i++;
    } else if (c === '[') {
      objects.push(null);
      expectKey = false;
      i++;
    } else if (c === '}' || c === ']') {
      objects.pop();
      expectKey = false;
      i++;
    } else if (c === ',') {
      expectKey = objects.at(-1) instanceof Set;
      i++;
    } else if (c === ':') {
      expectKey = false;
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const keys = objects.at(-1);
      if (expectKey && keys instanceof Set) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (keys.has(key)) {
          throw new InputError(`${source} line ${lineAt(text, i)}`, `duplicate key ${JSON.stringify(key)} in one object`, 'keep one of them (keys must be unique, as in YAML)');
        }
        keys.add(key);
      }
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < n && /[0-9eE+\-.]/.test(text[j])) j++;
      const token = text.slice(i, j);
      if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        throw inexactIntegerError(`${source} line ${lineAt(text, i)}`, token);
      }
      i = j;
    } else {
      i++;
    }
  }
}
