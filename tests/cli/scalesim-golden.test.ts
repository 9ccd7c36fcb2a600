// SCALE-Sim v2's own example run, reproduced end to end through the CLI: its configs/scale.cfg (32×32, OS, 64 kB
// buffers, CALC; tests/fixtures/scalesim/scale.cfg) on its topologies/conv_nets/test.csv (Inc5b_3x3: 7×7×192,
// 3×3, 384 filters) with --timing scalesim writes the same rows SCALE-Sim wrote in
// rundir-accelergy/output/scale_sim_output_scale_example_run_32x32_os/{COMPUTE_REPORT,DETAILED_ACCESS_REPORT}.csv
// and output/scale_sim_output_scale_example_run_32x32_os/BANDWIDTH_REPORT.csv of scalesim-project/scale-sim-v2
// (quoted below; Systole writes the classic 19 DETAILED_ACCESS columns, SCALE-Sim's file has 6 action counts more).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { assertBuilt, runCli } from './run-cli.ts';

const SCALESIM = fileURLToPath(new URL('../fixtures/scalesim/', import.meta.url));
let tmp: string;
beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-scalesim-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SAMPLE = {
  compute: '0, 21479, 0, 75.42250570324504, 78.125, 75.41899441340782,',
  detail:
    '0, 1.0, 21442.0, 518400, 1.0, 21449.0, 663552, 1734.0, 21479.0, 10368, -983.0, -1.0, 9408, -3275.0, 21167.0, 663552, 21479.0, 21778.0, 9600,',
  bandwidth: '0, 24.13520182503841, 30.893058336049165, 0.4827040365007682, 9.570701932858595, 27.146913226690668, 32.0,',
};

test('scale.cfg + test.csv under --timing scalesim: SCALE-Sim v2 example rows, byte for byte', async () => {
  const out = path.join(tmp, 'out');
  const args = ['run', '--arch', path.join(SCALESIM, 'scale.cfg'), '--workload', path.join(SCALESIM, 'test.csv'), '--timing', 'scalesim', '--out', out];
  const { code, stderr } = await runCli(args);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const row = (file: string) => fs.readFileSync(path.join(out, file), 'utf8').split('\n')[1];
  expect(row('COMPUTE_REPORT.csv')).toBe(SAMPLE.compute);
  expect(row('DETAILED_ACCESS_REPORT.csv')).toBe(SAMPLE.detail);
  expect(row('BANDWIDTH_REPORT.csv')).toBe(SAMPLE.bandwidth);
});
