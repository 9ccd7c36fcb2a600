// User models: an ES module (default export) and a CSV of per-layer predictions, and one test per kind of bad input
// (each an InputError naming the file and the layer or row). The fixtures are in tests/validate/fixtures/.
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadModel, predictLayers } from '../../host/analytic/index.ts';
import { InputError } from '../../host/errors.ts';
import { loadArch } from '../../host/spec/arch/arch.ts';
import { loadWorkload } from '../../host/spec/workload/workload.ts';

const FIXTURES = fileURLToPath(new URL('../validate/fixtures/', import.meta.url));
const fixture = (name: string): string => `${FIXTURES}${name}`;
const arch = loadArch(fixture('tiny-arch.yaml'));
const workload = loadWorkload(fixture('tiny.yaml'));

async function predictions(ref: string) {
  return predictLayers(await loadModel(ref, workload), arch, workload, 'os');
}

/** The message of the InputError that predicting with `ref` throws. */
async function inputError(ref: string): Promise<string> {
  const e = await predictions(ref).then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(InputError);
  return (e as InputError).message;
}

describe('user models that load', () => {
  test('an ES module: its default export runs on every layer with the dataflow registry entry', async () => {
    // Hand-computed, SCALE-Sim OS on 4×4 (shared/DESIGN.md): conv1 (M 16, N 4, K 18) Fr = 4, Fc = 1,
    // L = 18 + 6 = 24 → 95; dw (4 groups of M 16, N 1, K 9) 4·4·15 − 1 = 239; fc (2 groups of 2×3×8) 2·14 − 1 = 27.
    const p = await predictions(fixture('os-model.mjs'));
    expect(p.map((x) => x.cycles)).toEqual([95, 239, 27]);
    expect(p.map((x) => x.utilization?.mapping)).toEqual([1, 0.25, 0.375]);
  });

  test('an async model is awaited', async () => {
    const p = await predictions(fixture('async.mjs'));
    expect(p.map((x) => x.cycles)).toEqual([16 * 4 * 18, 16 * 9 * 4, 2 * 3 * 8 * 2]);
  });

  test('a CSV: rows by layer name, optional metric columns', async () => {
    const p = await predictions(fixture('preds.csv'));
    expect(p).toEqual([
      { cycles: 95, utilization: { mapping: 1 } },
      { cycles: 239, utilization: { mapping: 0.25 } },
      { cycles: 27, utilization: { mapping: 0.375 } },
    ]);
  });

  test('a CSV with a trailing comma on every line and empty cells', async () => {
    const p = await predictions(fixture('off-by-10pct.csv'));
    expect(p).toEqual([{ cycles: 104.5 }, { cycles: 239 }, { cycles: 27 }]);
  });

  test('a model cannot change the specs the simulation runs on', async () => {
    const source = { name: 'mutator', file: 'mutator.js', model: (a: typeof arch) => ((a.array.rows = 1), { cycles: 1 }) };
    await predictLayers(source, arch, workload, 'os');
    expect(arch.array.rows).toBe(4);
  });
});

describe('bad model modules', () => {
  test('throws on a layer', async () => {
    const line = await inputError(fixture('throws.mjs'));
    expect(line).toContain('throws.mjs, layer dw');
    expect(line).toContain('depthwise is not supported');
  });

  test('returns NaN', async () => {
    const line = await inputError(fixture('nan.mjs'));
    expect(line).toContain('nan.mjs, layer conv1');
    expect(line).toContain('cycles is NaN');
  });

  test('returns a string', async () => {
    expect(await inputError(fixture('string.mjs'))).toContain('cycles is "1234", not a finite number');
  });

  test('returns a negative figure', async () => {
    expect(await inputError(fixture('negative.mjs'))).toContain('utilization.overall is -0.5');
  });

  test('returns an unknown key', async () => {
    expect(await inputError(fixture('unknown-key.mjs'))).toContain("unknown key 'energy'");
  });

  test('returns a non-object', async () => {
    const source = { name: 'n', file: 'number.js', model: () => 42 as never };
    const e = await predictLayers(source, arch, workload, 'os').catch((err: unknown) => err);
    expect((e as InputError).message).toContain('number.js, layer conv1: the model returned 42, not an object');
  });

  test('has no default export', async () => {
    expect(await inputError(fixture('no-default.mjs'))).toMatch(/no-default\.mjs: its default export is undefined, not a function/);
  });

  test('does not parse', async () => {
    expect(await inputError(fixture('syntax-error.mjs'))).toMatch(/syntax-error\.mjs: cannot load the model module/);
  });

  test('does not exist', async () => {
    expect(await inputError('no-such-model.js')).toContain('--model no-such-model.js: no such file');
  });
});

describe('bad model names and CSVs', () => {
  test('unknown built-in name lists the models', async () => {
    expect(await inputError('scalesimm')).toContain('--model scalesimm: no such built-in model; use one of scalesim, textbook, roofline');
  });

  test('unsupported file type', async () => {
    expect(await inputError('preds.xlsx')).toContain("unsupported model file type '.xlsx'");
  });

  test('a layer the workload does not have', async () => {
    expect(await inputError(fixture('extra-layer.csv'))).toMatch(/extra-layer\.csv row 5: layer 'conv2' is not a compute layer of workload tiny; use its layer names exactly: conv1, dw, fc/);
  });

  test('a layer of the workload missing', async () => {
    expect(await inputError(fixture('missing-layer.csv'))).toMatch(/missing-layer\.csv: no row for layer 'dw' of workload tiny/);
  });

  test('an unknown column', async () => {
    expect(await inputError(fixture('unknown-column.csv'))).toMatch(/unknown-column\.csv row 1: unknown column 'energy'/);
  });

  test('no cycles column', async () => {
    expect(await inputError(fixture('no-cycles.csv'))).toMatch(/no-cycles\.csv row 1: no 'cycles' column/);
  });

  test('a cell that is not a number', async () => {
    expect(await inputError(fixture('bad-number.csv'))).toMatch(/bad-number\.csv row 3: cycles is "lots"/);
  });

  test('a layer twice', async () => {
    expect(await inputError(fixture('duplicate-row.csv'))).toMatch(/duplicate-row\.csv row 4: layer 'dw' appears twice/);
  });

  test('a row with the wrong number of fields', async () => {
    expect(await inputError(fixture('bad-row.csv'))).toMatch(/bad-row\.csv row 2: expected 2 fields, got 3/);
  });

  test('an empty file', async () => {
    expect(await inputError(fixture('empty.csv'))).toMatch(/empty\.csv: the file is empty/);
  });

  test('a missing file', async () => {
    expect(await inputError('nowhere/preds.csv')).toMatch(/--model nowhere\/preds\.csv: cannot read the file \(ENOENT\)/);
  });
});
