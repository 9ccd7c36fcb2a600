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
    expect(stdout).toMatch(/^arch tiny-4 \(4×4, os\) · timing scalesim · workload tiny \(3 layers\)/m);
    // conv1: 4 row folds of L = 18 + 4 + 4 − 2 = 24 → 95 (shared/DESIGN.md), predicted and simulated.
    expect(stdout).toMatch(/^conv1\s+95\s+95\s+\+0\.00%/m);
    expect(stdout).toMatch(/^mean \|err\|/m);
    expect(stdout).toContain('every layer within 5%');
  });

  it('SCALE-Sim model vs native timing: layers beyond 5%, exit 1 with one stderr line', async () => {
    const { code, stdout, stderr } = await run(['--model', 'scalesim', '--timing', 'native']);
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
    const { code } = await run(['--model', 'scalesim', '--timing', 'native', '--out', out]);
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

  it('--model scalesim compares with --timing scalesim by default, and says so', async () => {
    const { code, stdout } = await run(['--model', 'scalesim', '--tolerance', '0%']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe("compared: model scalesim (SCALE-Sim v2's closed forms) vs the cycle-level simulation, timing scalesim");
  });
});

describe.concurrent('systole validate: the memory the model is compared with', () => {
  const MEM = ['validate', '--arch', 'tiny-arch-memory.yaml', '--workload', 'tiny.yaml'];
  it('--model textbook on an arch with simulated memory compares with ideal memory by default: exact', async () => {
    const { code, stdout, stderr } = await runCli([...MEM, '--model', 'textbook', '--tolerance', '0%'], FIXTURES);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^compared: model textbook \(.*\) vs the cycle-level simulation, timing native, ideal memory \(the textbook model's default; --memory to change\)$/);
  });

  it('--memory simulated: the stalls the textbook model does not know make it beyond tolerance', async () => {
    const { code, stdout } = await runCli([...MEM, '--model', 'textbook', '--memory', 'simulated', '--tolerance', '0%'], FIXTURES);
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toMatch(/timing native, simulated memory \(--memory\)$/);
  });

  it('--memory under scalesim timing, or an unknown memory model: one line, exit 2', async () => {
    for (const args of [['--model', 'scalesim', '--memory', 'ideal'], ['--model', 'textbook', '--memory', 'magic']]) {
      const { code, stdout, stderr } = await runCli([...MEM, ...args], FIXTURES);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^systole: --memory: .*\n$/);
    }
  });
});
