// `systole run --energy FILE` through the built CLI: the file's prices reach the report and the table; a bad file
// is one stderr line and exit code 2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../host/report/types.ts';
import { assertBuilt, runCli } from '../cli/run-cli.ts';
import { GEMMS } from './helpers.ts';

let tmp: string;
const args = (...more: string[]) => ['run', '--arch', 'a8.yaml', '--workload', 'two-gemms.yaml', ...more];

beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-energy-cli-'));
  fs.writeFileSync(path.join(tmp, 'a8.yaml'), 'array: { rows: 8, cols: 8 }\n');
  fs.writeFileSync(path.join(tmp, 'two-gemms.yaml'), JSON.stringify({ name: 'two-gemms', layers: GEMMS }));
  fs.writeFileSync(path.join(tmp, 'prices.yaml'), 'macPJ: { int8: 2 }\nregisterPJPerBit: 0\n');
  fs.writeFileSync(path.join(tmp, 'bad.yaml'), 'macPJ: { int8: -2 }\n');
  fs.writeFileSync(path.join(tmp, 'huge.yaml'), 'registerPJPerBit: 1e308\n');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('systole run --energy', () => {
  it('prices the run with the file: MAC energy = MACs × 2 pJ, register energy 0', async () => {
    const { code, stdout, stderr } = await runCli(args('--energy', 'prices.yaml', '--json'), tmp);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.totals.macs).toBe(20 * 12 * 9 + 12 * 16 * 12);
    expect(report.totals.energy.mac).toBe(report.totals.macs * 2);
    expect(report.totals.energy.registers).toBe(0);
  });

  it('without --energy the defaults apply (int8 MAC 0.3 pJ) and the table has an energy column', async () => {
    const json = await runCli(args('--json'), tmp);
    expect((JSON.parse(json.stdout) as Report).totals.energy.mac).toBeCloseTo(4464 * 0.3, 9);
    const table = await runCli(args(), tmp);
    expect(table.stdout).toMatch(/\benergy\b/);
    expect(table.stdout).toMatch(/total.*\d nJ/);
  });

  it('a bad file: exit 2, one line naming the file and key, nothing on stdout', async () => {
    const { code, stdout, stderr } = await runCli(args('--energy', 'bad.yaml'), tmp);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toContain('bad.yaml: macPJ.int8');
  });

  it('a price that would overflow (registerPJPerBit: 1e308): exit 2, one line with the bound, no "Infinity"', async () => {
    const { code, stdout, stderr } = await runCli(args('--energy', 'huge.yaml', '--json'), tmp);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toContain('huge.yaml: registerPJPerBit');
    expect(stderr).toContain('at most 1000000');
  });
});
