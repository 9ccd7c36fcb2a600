// --layer: names with commas (exact name, `\,`, or a repeated flag) and add layers (refused: not simulated yet).
import { describe, expect, it } from 'vitest';
import { selectLayers } from '../../host/commands/run.ts';
import { loadWorkload } from '../../host/spec/workload.ts';
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

  it('refuses an add layer, saying what it is', () => {
    expect(inputError(() => selectLayers(W, ['c,d']))).toBe(
      '--layer: "d" is an eltwise layer (between the GEMMs, for the vector unit), which is not simulated yet; name conv, dwconv, gconv or gemm layers',
    );
  });

  it('an unknown name says how to write commas', () => {
    expect(inputError(() => selectLayers(W, ['a', 'b']))).toMatch(/no layer "a"; .*repeat --layer, or write \\, for a comma inside a name/);
  });
});

describe.concurrent('systole run --layer', () => {
  it('an add layer: exit 2, one line, no table', async () => {
    const { code, stdout, stderr } = await runCli(['run', '--arch', 'tiny-arch.yaml', '--workload', 'commas.yaml', '--layer', 'd']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^systole: --layer: "d" is an eltwise layer .*\n$/);
  });

  it('repeated --layer with a comma in a name runs both layers', async () => {
    const { code, stdout } = await runCli(['run', '--arch', 'tiny-arch.yaml', '--workload', 'commas.yaml', '--layer', 'a,b', '--layer', 'c', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).layers.map((l: { name: string }) => l.name)).toEqual(['a,b', 'c']);
  });
});
