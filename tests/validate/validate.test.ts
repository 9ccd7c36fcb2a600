// `systole validate` end to end on tiny fixtures (a 4×4 array; conv, depthwise and grouped-gemm layers):
// exit 0 when every layer is within tolerance, 1 when some layer is not (with one stderr line), JSON and --out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../cli/run-cli.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const TINY = ['validate', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.yaml'];
const run = (args: string[]) => runCli([...TINY, ...args], FIXTURES);

let tmp: string;
beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-validate-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('systole validate', () => {
  it('SCALE-Sim model vs scalesim timing: every layer within tolerance, exit 0, a table', async () => {
    const { code, stdout, stderr } = await run(['--model', 'scalesim', '--timing', 'scalesim']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^arch tiny-4 \(4×4, os\) · timing scalesim · workload tiny \(3 layers\)/);
    // conv1: 4 row folds of L = 18 + 4 + 4 − 2 = 24 → 95 (shared/DESIGN.md), predicted and simulated.
    expect(stdout).toMatch(/^conv1\s+95\s+95\s+\+0\.00%/m);
    expect(stdout).toMatch(/^mean \|err\|/m);
    expect(stdout).toContain('every layer within 5%');
  });

  it('SCALE-Sim model vs native timing: layers beyond 5%, exit 1 with one stderr line', async () => {
    const { code, stdout, stderr } = await run(['--model', 'scalesim']);
    expect(code).toBe(1);
    // conv1 native: Σ over 4 row folds (r = 4) of K + r + c − 2 + R = 18 + 4 + 4 − 2 + 4 = 28 → 112; SCALE-Sim 95.
    expect(stdout).toMatch(/^conv1\s+95\s+112\s+-15\.18%.*!$/m);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/^systole: validate: \d of 3 layers beyond the 5% tolerance \(conv1/);
  });

  it('the textbook model vs native timing: exit 0', async () => {
    const { code, stderr } = await run(['--model', 'textbook', '--dataflow', 'ws', '--tolerance', '0%']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('--json: the report with validation per layer and a summary', async () => {
    const { code, stdout } = await run(['--model', 'scalesim', '--timing', 'scalesim', '--json', '--tolerance', '0.5%']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.schema).toBe('systole.report/1');
    expect(report.validation).toMatchObject({ model: 'scalesim', tolerance: 0.005, layersBeyondTolerance: [], pass: true });
    expect(report.validation.metrics.cycles).toMatchObject({ layers: 3, meanAbsError: 0, total: { predicted: 95 + 239 + 27 } });
    expect(report.layers[1].validation.metrics.cycles).toEqual({ predicted: 239, simulated: 239, error: 0 });
  });

  it('--out writes report.json with the validation', async () => {
    const out = path.join(tmp, 'out');
    const { code } = await run(['--model', 'scalesim', '--out', out]);
    expect(code).toBe(1);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.validation.pass).toBe(false);
    expect(report.layers[0].validation.beyondTolerance).toBe(true);
  });

  it('a user module model', async () => {
    const { code, stdout } = await run(['--model', 'os-model.mjs', '--timing', 'scalesim', '--json', '--tolerance', '0%']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.validation.model).toBe('os-model.mjs');
    expect(Object.keys(report.validation.metrics)).toEqual(['cycles', 'utilization.mapping']);
  });

  it('a user CSV of predictions', async () => {
    const { code, stdout } = await run(['--model', 'preds.csv', '--timing', 'scalesim', '--tolerance', '0%']);
    expect(code).toBe(0);
    expect(stdout).toContain('model preds.csv');
  });

  it('a CSV 10% off: beyond 5%, within 15%', async () => {
    const strict = await run(['--model', 'off-by-10pct.csv', '--timing', 'scalesim']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^conv1\s+105\s+95\s+\+10\.00%\s+!$/m); // 104.5 shown rounded
    expect(strict.stderr).toContain('1 of 3 layers beyond the 5% tolerance (conv1)');
    const loose = await run(['--model', 'off-by-10pct.csv', '--timing', 'scalesim', '--tolerance', '15%']);
    expect(loose.code).toBe(0);
  });
});
