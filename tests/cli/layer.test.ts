// --layer: names with commas (exact name, `\,`, or a repeated flag) and add layers (run on the vector unit).
import { describe, expect, it } from 'vitest';
import { selectLayers } from '../../host/commands/run.ts';
import { loadWorkload } from '../../host/spec/workload/workload.ts';
import { inputError } from '../spec/input-error.ts';
import { FIXTURES, runCli } from './run-cli.ts';

const W = loadWorkload(`${FIXTURES}commas.yaml`); // layers "a,b" (conv), c (conv), d (add)
const names = (values: string[]) => selectLayers(W, values).layers.map((l) => l.name);

describe('selectLayers', () => {
  it('selects a layer whose name holds a comma: whole value, escaped, or among others', () => {
    expect(names(['a,b'])).toEqual(['a,b']);
    expect(names(['a\\,b'])).toEqual(['a,b']);
    expect(names(['c,a\\,b'])).toEqual(['a,b', 'c']); // workload order
    expect(names(['c', 'a,b'])).toEqual(['a,b', 'c']); // --layer repeated
  });

  it('selects an add layer too (the vector unit runs it)', () => {
    expect(selectLayers(W, ['c,d']).layers.map((l) => [l.name, l.kind])).toEqual([['c', 'conv'], ['d', 'eltwise']]);
  });

  it('an unknown name says how to write commas', () => {
    expect(inputError(() => selectLayers(W, ['a', 'b']))).toMatch(/no layer "a"; .*repeat --layer, or write \\, for a comma inside a name/);
  });
});

describe.concurrent('systole run --layer', () => {
  it('an add layer runs on the vector unit: a row of its own', async () => {
    const { code, stdout, stderr } = await runCli(['run', '--arch', 'tiny-arch.yaml', '--workload', 'commas.yaml', '--layer', 'd', '--json']);
    expect(code, stderr).toBe(0);
    const r = JSON.parse(stdout);
    // 4×4×4 = 64 items, two operands (one named, the other the network input) on the 4×4 array's 4 lanes.
    expect(r.layers.map((l: { name: string; dataflow: string }) => [l.name, l.dataflow])).toEqual([['d', 'vector']]);
    expect(r.layers[0].vector.ops.add).toBe(64);
  });

  it('repeated --layer with a comma in a name runs both layers', async () => {
    const { code, stdout } = await runCli(['run', '--arch', 'tiny-arch.yaml', '--workload', 'commas.yaml', '--layer', 'a,b', '--layer', 'c', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).layers.map((l: { name: string }) => l.name)).toEqual(['a,b', 'c']);
  });
});
