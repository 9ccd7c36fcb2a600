// YAML parsing with duplicate keys refused in linear time. The `yaml` package's own check (uniqueKeys: true)
// compares every new key with every earlier key of its map, so a map of n keys costs O(n²): a graph of 40,000
// tensors took 29 s. Here the document is parsed without that check and every map's keys are then checked once
// against a set.
import { isMap, isScalar, LineCounter, parseDocument, visit, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions, type ToJSOptions } from 'yaml';

/** A reviver as `yaml`'s parse takes it. */
export type Reviver = (key: unknown, value: unknown) => unknown;

/** A duplicate key: its text and 1-based line and column. */
export interface DuplicateKey {
  key: string;
  line: number;
  col: number;
}

/** Parse one YAML document to plain data, like `yaml`'s parse(text, reviver, options) with uniqueKeys. Throws an
 *  Error whose first line says what is wrong (a syntax error as the `yaml` package words it, or `Map keys must be
 *  unique: 'k' at line L, column C`). */
export function parseYamlUnique(text: string, reviver?: Reviver, options: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {}): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...options, uniqueKeys: false, lineCounter });
  if (doc.errors.length > 0) throw doc.errors[0];
  const dup = firstDuplicateKey(doc.contents, lineCounter);
  if (dup !== null) throw new Error(`Map keys must be unique: '${dup.key}' at line ${dup.line}, column ${dup.col}`);
  return doc.toJS({ ...options, reviver });
}

/** The first key that repeats within one map (scalar keys compared by value, as `yaml`'s check does). */
function firstDuplicateKey(root: Node | null, lines: LineCounter): DuplicateKey | null {
  let found: DuplicateKey | null = null;
  visit(root, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) {
          const pos = lines.linePos(key.range?.[0] ?? 0);
          found = { key: String(key.value), line: pos.line, col: pos.col };
          return visit.BREAK;
        }
        seen.add(key.value);
      }
      return undefined;
    },
  });
  return found;
}
