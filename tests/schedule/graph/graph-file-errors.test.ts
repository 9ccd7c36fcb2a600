// What a bad graph file is told (issue 8, item 13): each message describes the offending value as written, and
// duplicate YAML keys stay refused (now checked in linear time, item 10).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../host/errors.ts';
import { loadGraph } from '../../../host/schedule/graph/spec.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-graph-errors-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const TENSORS = 'tensors:\n  x: { bytes: 4, kind: input }\n  y: { bytes: 4, kind: output }\n';
const OPS = 'ops:\n  - { name: f, inputs: [x], outputs: [y] }\n';
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const message = (f: string): string => {
  try {
    loadGraph(f);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`${f} was accepted`);
};

describe('graph file errors describe the value that is there', () => {
  it('a negative size: got -500, not "nothing"', () => {
    const m = message(file('neg.yaml', `schema: systole.graph/1\n${TENSORS.replace('bytes: 4, kind: input', 'bytes: -500, kind: input')}${OPS}`));
    expect(m).toMatch(/tensors\.x\.bytes: expected .*got -500/);
  });

  it("another schema version: got 'systole.graph/2'", () => {
    const m = message(file('v2.yaml', `schema: systole.graph/2\n${TENSORS}${OPS}`));
    expect(m).toMatch(/schema: expected 'systole\.graph\/1', got 'systole\.graph\/2'/);
  });

  it('a size that overflows to Infinity (1e309): got Infinity, not "missing required key"', () => {
    const m = message(file('inf.yaml', `schema: systole.graph/1\n${TENSORS.replace('bytes: 4, kind: input', 'bytes: 1e309, kind: input')}${OPS}`));
    expect(m).not.toMatch(/missing/);
    expect(m).toMatch(/tensors\.x\.bytes: expected .*got Infinity/);
  });

  it('a key that is really missing is still called missing', () => {
    const m = message(file('missing.yaml', `schema: systole.graph/1\n${TENSORS.replace('bytes: 4, kind: input', 'kind: input')}${OPS}`));
    expect(m).toMatch(/tensors\.x\.bytes: missing required key/);
  });

  it('an empty file says it is empty', () => {
    const m = message(file('empty.yaml', ''));
    expect(m).toMatch(/empty\.yaml: the file is empty/);
    expect(m).not.toMatch(/add it/);
  });

  it('a file holding a list, not a mapping, says so', () => {
    expect(message(file('list.yaml', '- 1\n- 2\n'))).toMatch(/list\.yaml: expected a mapping of keys .*, got a list/);
  });
});

describe('duplicate YAML keys are refused (checked once per map, in linear time)', () => {
  it('at the top level, inside a map, and inside a flow map, with the line', () => {
    expect(message(file('dup1.yaml', `schema: systole.graph/1\n${TENSORS}${OPS}schema: systole.graph/1\n`))).toMatch(/Map keys must be unique: 'schema' at line 7/);
    expect(message(file('dup2.yaml', `schema: systole.graph/1\n${TENSORS}  x: { bytes: 8, kind: input }\n${OPS}`))).toMatch(/Map keys must be unique: 'x' at line 5/);
    expect(message(file('dup3.yaml', `schema: systole.graph/1\n${TENSORS.replace('kind: input', 'kind: input, kind: weight')}${OPS}`))).toMatch(/Map keys must be unique: 'kind' at line 3/);
  });

  it('a graph with 20,000 tensors parses (no quadratic key check)', () => {
    let text = 'schema: systole.graph/1\ntensors:\n';
    for (let i = 0; i < 20_000; i++) text += `  t${i}: { bytes: 4, kind: input }\n`;
    text += '  y: { bytes: 4, kind: output }\nops:\n  - { name: f, inputs: [t0], outputs: [y] }\n';
    expect(Object.keys(loadGraph(file('big.yaml', text)).tensors)).toHaveLength(20_001);
  });
});
