// `systole run --sram-kib / --bandwidth / --grouping packed` where they used to be ignored without a word: each
// either changes the run (checked against the same arch written as a file) or is one stderr line and exit code 2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../host/report/types.ts';
import { assertBuilt, runCli } from '../cli/run-cli.ts';

let tmp: string;
const cfg = (mode: 'CALC' | 'USER', bandwidth = '10', rows = 8) => [
  '[general]', 'run_name = c', '', '[architecture_presets]', `ArrayHeight: ${rows}`, 'ArrayWidth: 16',
  'IfmapSramSzkB: 1', 'FilterSramSzkB: 1', 'OfmapSramSzkB: 1', 'IfmapOffset: 0', 'FilterOffset: 10000000',
  'OfmapOffset: 20000000', `Bandwidth : ${bandwidth}`, 'Dataflow : ws', 'MemoryBanks: 1', '', '[run_presets]',
  `InterfaceBandwidth: ${mode}`, '',
].join('\n');

beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-run-flags-'));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(tmp, name), text);
  write('w.yaml', 'name: w\nlayers:\n  - { name: g, kind: gemm, m: 60, n: 40, k: 50 }\n');
  write('dw.yaml', 'name: dw\nlayers:\n  - { name: d, kind: dwconv, ifmap: { h: 8, w: 8, c: 16 }, kernel: 3 }\n');
  // 60×40×50: A is 3000 words, B 2000; 16 KiB holds both, 4 KiB does not.
  write('unified.yaml', 'name: u\narray: { rows: 8, cols: 16 }\nsram: { unifiedKiB: 16, ofmapKiB: 16 }\ndram: { bandwidthWordsPerCycle: 2 }\n');
  write('unified-4.yaml', 'name: u\narray: { rows: 8, cols: 16 }\nsram: { unifiedKiB: 4, ofmapKiB: 4 }\ndram: { bandwidthWordsPerCycle: 2 }\n');
  write('ideal.yaml', 'name: i\narray: { rows: 8, cols: 16 }\nmemory: { model: ideal }\n');
  write('calc.cfg', cfg('CALC'));
  write('calc32.cfg', cfg('CALC', '10', 32)); // WS, 32 rows: a 3×3 depthwise channel (9 rows) packs 3 per fold
  write('user.cfg', cfg('USER'));
  write('user-3.cfg', cfg('USER', '3'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = (...args: string[]) => runCli(['run', '--workload', 'w.yaml', ...args], tmp);
const json = async (...args: string[]): Promise<Report> => {
  const r = await run(...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
};
/** One stderr line, exit 2, nothing on stdout; returns the line. */
const refused = async (...args: string[]): Promise<string> => {
  const r = await run(...args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')).toHaveLength(2);
  return r.stderr;
};

describe.concurrent('run flags that used to be ignored', () => {
  it('--sram-kib sizes a unified scratchpad: the same run as the arch file that says so', async () => {
    const flag = await json('--arch', 'unified.yaml', '--sram-kib', '4');
    const file = await json('--arch', 'unified-4.yaml');
    expect(flag.arch.sram).toEqual(file.arch.sram);
    expect(flag.arch.sram).toMatchObject({ unifiedKiB: 4, ifmapKiB: 4, filterKiB: 4, ofmapKiB: 4 });
    expect(flag.layers[0].cycles).toEqual(file.layers[0].cycles);
    expect(flag.layers[0].dram).toEqual(file.layers[0].dram);
    // ...and differs from the 16 KiB it replaced (the flag is not ignored).
    const big = await json('--arch', 'unified.yaml');
    expect(big.layers[0].dram!.ifmapReads + big.layers[0].dram!.filterReads)
      .toBeLessThan(flag.layers[0].dram!.ifmapReads + flag.layers[0].dram!.filterReads);
  });

  it('--sram-kib below one slice is refused with the smallest size', async () => {
    expect(await refused('--arch', 'unified.yaml', '--sram-kib', '0.001')).toMatch(/sram\.unifiedKiB: .*give at least /);
  });

  it('--bandwidth under --timing scalesim with a CALC interface: refused', async () => {
    expect(await refused('--arch', 'calc.cfg', '--timing', 'scalesim', '--bandwidth', '4')).toMatch(/^systole: --bandwidth: does not apply under --timing scalesim with SCALE-Sim's CALC interface/);
  });

  it('--bandwidth under --timing scalesim with a USER interface: it is SCALE-Sim\'s Bandwidth (the same run as the .cfg)', async () => {
    const flag = await json('--arch', 'user.cfg', '--timing', 'scalesim', '--bandwidth', '3');
    const file = await json('--arch', 'user-3.cfg', '--timing', 'scalesim');
    const ten = await json('--arch', 'user.cfg', '--timing', 'scalesim');
    expect(flag.layers[0].cycles).toEqual(file.layers[0].cycles);
    expect(flag.layers[0].cycles.stall).toBeGreaterThan(ten.layers[0].cycles.stall);
    expect(await refused('--arch', 'user.cfg', '--timing', 'scalesim', '--bandwidth', '2.5')).toMatch(/--bandwidth: 2\.5 is not a whole number/);
  });

  it('--bandwidth or --sram-kib with ideal memory: refused', async () => {
    expect(await refused('--arch', 'ideal.yaml', '--bandwidth', '4')).toMatch(/--bandwidth: does not apply: arch i has memory\.model: ideal/);
    expect(await refused('--arch', 'ideal.yaml', '--sram-kib', '4')).toMatch(/--sram-kib: does not apply/);
  });

  it('--grouping packed under --timing scalesim: refused when a layer would pack (SCALE-Sim cannot run it)', async () => {
    const r = await runCli(['run', '--workload', 'dw.yaml', '--arch', 'calc32.cfg', '--timing', 'scalesim', '--grouping', 'packed'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^systole: workload dw, layer d: grouping packed puts 3 groups in one fold, which SCALE-Sim cannot run/);
    // The same layer sequentially has SCALE-Sim's DRAM figures.
    const s = await runCli(['run', '--workload', 'dw.yaml', '--arch', 'calc32.cfg', '--timing', 'scalesim', '--json'], tmp);
    expect((JSON.parse(s.stdout) as Report).layers[0].dram).not.toBeNull();
  });
});
