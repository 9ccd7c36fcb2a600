// host/onnx/ must run in a browser as is (issue 14): nothing it imports, directly or through other modules of the
// package, may be a node-only module (node:fs, node:path, ...). Checked on the sources' import statements.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const HOST = fileURLToPath(new URL('../../host/', import.meta.url));
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gm;

/** Every module reachable from `entry` by static imports: package-relative files and bare specifiers. */
function reachable(entry: string): { files: Set<string>; external: Set<string> } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
      else external.add(spec);
    }
  };
  visit(entry);
  return { files, external };
}

test('the ONNX importer and everything it imports use no node-only module', () => {
  const { files, external } = reachable(path.join(HOST, 'onnx/index.ts'));
  expect([...external].sort()).toEqual(['protobufjs']);
  expect(files.size).toBeGreaterThan(8);
  expect([...files].every((f) => f.startsWith(HOST))).toBe(true);
});
