// `systole run` end to end on tiny fixtures (a 4×4 array, a two-layer CSV): needs the simulator (host/index.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './run-cli.ts';

// SCALE-Sim v2's header line (scalesim/simulator.py, generate_reports()).
const COMPUTE_HEADER = 'LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,';
const TINY = ['run', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.csv'];

let tmp: string;
beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-cli-run-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('systole run', () => {
  it('--json prints only the report JSON (schema systole.report/1), nothing on stderr', async () => {
    const { code, stdout, stderr } = await runCli([...TINY, '--json', '--timing', 'scalesim', '--dataflow', 'ws']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.schema).toBe('systole.report/1');
    expect(report.timing).toBe('scalesim');
    expect(report.layers.map((l: { name: string }) => l.name)).toEqual(['conv1', 'conv2']);
    expect(report.layers.every((l: { dataflow: string }) => l.dataflow === 'ws')).toBe(true);
    expect(report.arch.array).toEqual({ rows: 4, cols: 4 });
  });

  it('--array overrides the arch; --verify sets verified on every layer', async () => {
    const { code, stdout, stderr } = await runCli([...TINY, '--array', '3x5', '--verify', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.arch.array).toEqual({ rows: 3, cols: 5 });
    expect(report.layers.map((l: { verified: unknown }) => l.verified)).toEqual([true, true]);
  });

  it('--out writes report.json and the three SCALE-Sim CSVs; stdout has the table', async () => {
    const out = path.join(tmp, 'nested', 'out');
    const { code, stdout, stderr } = await runCli([...TINY, '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['BANDWIDTH_REPORT.csv', 'COMPUTE_REPORT.csv', 'DETAILED_ACCESS_REPORT.csv', 'report.json']);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')).schema).toBe('systole.report/1');
    const csv = fs.readFileSync(path.join(out, 'COMPUTE_REPORT.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe(COMPUTE_HEADER);
    expect(csv.filter((l) => l !== '')).toHaveLength(3); // header + 2 layers
    expect(stdout).toMatch(/^arch tiny-4 \(4×4/);
    expect(stdout).toMatch(/^conv1 /m);
    expect(stdout).toMatch(/^total /m);
    expect(stdout).not.toContain('\u001b'); // no colour on a pipe
  });

  it('report.json carries the energy table that priced the run, overrides included', async () => {
    const prices = path.join(tmp, 'prices.yaml');
    fs.writeFileSync(prices, 'macPJ: { int8: 2 }\ndramPJPer64Bit: { read: 1000 }\n');
    const { code, stdout } = await runCli([...TINY, '--energy', prices, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.energyTable.macPJ.int8).toBe(2);
    expect(report.energyTable.dramPJPer64Bit.read).toBe(1000);
    expect(report.energyTable.macPJ.int16).toBe(JSON.parse((await runCli([...TINY, '--json'])).stdout).energyTable.macPJ.int16);
  });
});
