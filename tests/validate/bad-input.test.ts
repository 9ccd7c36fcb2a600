// `systole validate` on bad input: exit code 2, exactly one line on stderr naming the culprit, nothing on stdout,
// no --out directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.ts';
import { expectBadCli } from '../helpers/bad-input.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const TINY = ['validate', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.yaml'];

let tmp: string;
beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-validate-bad-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function expectBadInput(args: string[]): Promise<string> {
  const out = path.join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  return expectBadCli([...TINY, ...args, '--out', out], { cwd: FIXTURES, out });
}

describe.concurrent('systole validate: bad input', () => {
  it('a model module that throws', async () => {
    expect(await expectBadInput(['--model', 'throws.mjs'])).toMatch(/throws\.mjs, layer dw: the model threw: depthwise is not supported/);
  });

  it('a model module that returns NaN', async () => {
    expect(await expectBadInput(['--model', 'nan.mjs'])).toMatch(/nan\.mjs, layer conv1: cycles is NaN/);
  });

  it('a model module that returns a string', async () => {
    expect(await expectBadInput(['--model', 'string.mjs'])).toMatch(/string\.mjs, layer conv1: cycles is "1234"/);
  });

  it('a CSV whose layer names do not match the workload', async () => {
    expect(await expectBadInput(['--model', 'extra-layer.csv'])).toMatch(/extra-layer\.csv row 5: layer 'conv2' is not a compute layer/);
  });

  it('a CSV missing a layer', async () => {
    expect(await expectBadInput(['--model', 'missing-layer.csv'])).toMatch(/missing-layer\.csv: no row for layer 'dw'/);
  });

  it.each(['0.05', '5', 'five', '-5%'])('--tolerance %s', async (value) => {
    expect(await expectBadInput(['--model', 'scalesim', '--tolerance', value])).toMatch(/^systole: --tolerance: .* is not a percentage/);
  });

  it('an unknown model name', async () => {
    expect(await expectBadInput(['--model', 'timeloop'])).toMatch(/--model timeloop: no such built-in model; use one of scalesim, textbook, roofline/);
  });

  it('no --model', async () => {
    expect(await expectBadInput([])).toMatch(/--model/);
  });
});
