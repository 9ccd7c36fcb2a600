// `systole run --trace FILE` end to end, through the built CLI: MobileNetV1 on the default 64×64 preset writes a
// trace that passes the trace checks against the report the same run prints (issue 12's first done-when), and a
// --trace that cannot be written is refused before the run with one line, exit 2, nothing written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromeTrace } from '../../host/trace/chrome.ts';
import type { Report } from '../../host/report/types.ts';
import { assertBuilt, runCli } from '../cli/run-cli.ts';
import { expectBadCli } from '../helpers/bad-input.ts';
import { expectTraceOfReport, layerSums } from '../helpers/trace.ts';

let tmp: string;
beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-trace-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('run --trace', () => {
  it('MobileNetV1 on array-64: the trace passes the checks against the printed report', async () => {
    const file = path.join(tmp, 'nested', 't.json');
    const { code, stdout, stderr } = await runCli(['run', '--trace', file, '--json'], tmp);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as Report;
    const trace = JSON.parse(fs.readFileSync(file, 'utf8')) as ChromeTrace;
    expect(report.workload.name).toBe('mobilenet_v1');
    expectTraceOfReport(trace, report);
    // every layer moved DRAM words and the trace shows them as the report counts them
    layerSums(trace).forEach((s, i) => {
      const d = report.layers[i].dram!;
      expect(s.readWords).toBe(d.ifmapReads + d.filterReads + d.ofmapReads);
      expect(s.writeWords).toBe(d.ofmapWrites);
    });
    expect(trace.metadata.aggregation.aggregated).toBe(false); // full detail
    expect(trace.metadata.clock).toMatchObject({ GHz: 1, assumed: true }); // array-64 gives no clock
    // the DRAM counter's peak is the report's peak bandwidth
    layerSums(trace).forEach((s, i) => expect(s.peakRate).toBeCloseTo(report.layers[i].dramBandwidth!.peak!, 9));
    expect(fs.statSync(file).size).toBeLessThan(50e6);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['t.json']); // no temporary file left
  });

  it('refuses a --trace that is a directory, before the run, naming --trace', async () => {
    const line = await expectBadCli(['run', '--trace', tmp], { cwd: tmp });
    expect(line).toMatch(/--trace .*is a directory; give a file name for --trace/);
  });

  it('refuses a --trace under a file, writing nothing', async () => {
    const file = path.join(tmp, 'plain-file');
    fs.writeFileSync(file, 'x');
    const target = path.join(file, 't.json');
    const line = await expectBadCli(['run', '--trace', target], { cwd: tmp, out: target });
    expect(line).toMatch(/^systole: --trace .*is a file, not a folder; choose a path under a folder for --trace$/);
  });
});
