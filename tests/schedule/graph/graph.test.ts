// Reading systole.graph/1 files: one test per kind of bad input, each an InputError naming the file and key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../host/errors.ts';
import { loadGraph, parseGraph } from '../../../host/schedule/graph/spec.ts';
import { twoOps } from '../fixtures.ts';

const SRC = 'net.graph.json';

function expectInputError(raw: unknown, where: RegExp, what: RegExp): void {
  let err: unknown;
  try {
    parseGraph(raw, SRC);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).where).toMatch(where);
  expect((err as InputError).what).toMatch(what);
}

const mutated = (f: (g: ReturnType<typeof twoOps> & Record<string, unknown>) => void) => {
  const g = structuredClone(twoOps()) as ReturnType<typeof twoOps> & Record<string, unknown>;
  f(g);
  return g;
};

describe('parseGraph', () => {
  it('accepts a valid graph and names it after the file when it has no name', () => {
    const g = parseGraph(mutated((g) => delete (g as { name?: string }).name), 'dir/my-net.json');
    expect(g.name).toBe('my-net');
    expect(g.ops.map((o) => o.name)).toEqual(['op1', 'op2']);
  });

  it('reads YAML files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-graph-'));
    const file = path.join(dir, 'g.yaml');
    fs.writeFileSync(file, 'schema: systole.graph/1\ntensors:\n  x: {bytes: 4, kind: input}\n  y: {bytes: 4, kind: output}\nops:\n  - {name: f, inputs: [x], outputs: [y]}\n');
    expect(loadGraph(file).tensors.y).toEqual({ bytes: 4, kind: 'output' });
    fs.rmSync(dir, { recursive: true });
  });

  it('rejects a wrong schema tag', () => expectInputError(mutated((g) => ((g as { schema: string }).schema = 'graph/2')), /schema/, /systole\.graph\/1/));
  it('rejects unknown keys', () => expectInputError(mutated((g) => (g.extra = 1)), /extra/, /unknown key/));
  it('rejects a tensor of 0 bytes', () => expectInputError(mutated((g) => (g.tensors.x.bytes = 0)), /tensors\.x\.bytes/, /positive integer/));
  it('rejects an unknown tensor kind', () => expectInputError(mutated((g) => ((g.tensors.x as { kind: string }).kind = 'bias')), /tensors\.x\.kind/, /one of/));
  it('rejects an op without outputs', () => expectInputError(mutated((g) => (g.ops[0].outputs = [])), /ops\[0\]/, /at least one output/));
  it('rejects a reference to an undeclared tensor', () => expectInputError(mutated((g) => (g.ops[1].inputs[1] = 'w9')), /ops\[1\] \(op2\)\.inputs\[1\]/, /unknown tensor 'w9'/));
  it('rejects a tensor listed twice by one op', () => expectInputError(mutated((g) => g.ops[1].inputs.push('a')), /ops\[1\] \(op2\)\.inputs\[2\]/, /listed twice/));
  it('rejects two ops with the same name', () => expectInputError(mutated((g) => (g.ops[1].name = 'op1')), /ops\[1\]/, /used twice/));
  it('rejects a tensor written by two ops', () => expectInputError(mutated((g) => (g.ops[1].outputs = ['a'])), /ops\[1\] \(op2\)\.outputs/, /also written by op 'op1'/));
  it('rejects an op writing an input or weight tensor', () => expectInputError(mutated((g) => (g.ops[0].outputs = ['w2'])), /ops\[0\] \(op1\)\.outputs/, /kind weight/));
  it('rejects an intermediate tensor nobody writes', () => expectInputError(mutated((g) => (g.tensors.z = { bytes: 1, kind: 'intermediate' })), /tensors\.z/, /no producer/));
  it('rejects an op reading its own output', () => expectInputError(mutated((g) => g.ops[0].inputs.push('a')), /ops\[0\] \(op1\)\.inputs/, /own output/));
  it('rejects a cycle', () =>
    expectInputError(
      mutated((g) => {
        g.tensors.b = { bytes: 1, kind: 'intermediate' };
        g.ops[0].inputs.push('b');
        g.ops[1].outputs.push('b');
      }),
      /ops$/,
      /cycle/,
    ));
  it('rejects negative cycles', () => expectInputError(mutated((g) => (g.ops[0].cycles = -1)), /ops\[0\] \(op1\)\.cycles/, /cycles >= 0/));
  it('turns a missing file into an InputError', () => expect(() => loadGraph('/nonexistent/g.json')).toThrow(InputError));
});
