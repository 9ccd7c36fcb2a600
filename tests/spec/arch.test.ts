import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../host/report/types.ts';
import { loadArch, parseArch } from '../../host/spec/arch/arch.ts';
import { assertBuilt, runCli } from '../cli/run-cli.ts';
import { inputError } from './input-error.ts';
import { vectorOf, ARCH_DEFAULTS, sramOf } from '../helpers/arch.ts';

const FIX = 'tests/fixtures/arch';

describe('parseArch defaults', () => {
  it('fills every default of the brief into a minimal spec', () => {
    // Defaults as specified for Systole: os, int8/int32, 64 KiB buffers, 10 words/cycle calc, knobs off.
    expect(parseArch({ array: { rows: 4, cols: 8 } }, 'x/mini.yaml')).toEqual({
      name: 'mini',
      array: { rows: 4, cols: 8 },
      dataflow: 'os',
      ...ARCH_DEFAULTS,
      vector: vectorOf(8),
    });
  });

  it('keeps given values and fills only the missing ones inside a block', () => {
    const a = loadArch(`${FIX}/ws-16.json`);
    expect(a.name).toBe('ws-16');
    expect(a.dataflow).toBe('ws');
    expect(a.precision).toEqual({ operand: 'int16', accumulator: 'int32' });
    expect(a.dram).toEqual({ bandwidthWordsPerCycle: 2.5, interface: 'user', latencyCycles: 0 });
    expect(a.microarch).toEqual({ foldPipelining: false, stationaryDoubleBuffer: true });
  });

  it('reads .yml and names the spec after the file', () => {
    const a = loadArch(`${FIX}/small.yml`);
    expect(a.name).toBe('small');
    expect(a.array).toEqual({ rows: 4, cols: 8 });
  });

  it('accepts the 1 and 512 edges of the array range', () => {
    expect(parseArch({ array: { rows: 1, cols: 512 } }, 'a.yaml').array).toEqual({ rows: 1, cols: 512 });
  });
});

describe('presets', () => {
  it('scalesim-default is configs/scale.cfg of SCALE-Sim v2: 32x32 OS, 64 kB each, BW 10, CALC', () => {
    const a = loadArch('scalesim-default');
    expect(a.array).toEqual({ rows: 32, cols: 32 });
    expect(a.dataflow).toBe('os');
    expect(a.sram).toEqual(sramOf(64, 64, 64));
    expect(a.dram).toEqual({ bandwidthWordsPerCycle: 10, interface: 'calc', latencyCycles: 0 });
    expect(a.scalesim?.offsets).toEqual({ ifmap: 0, filter: 10000000, ofmap: 20000000 });
    expect(a.scalesim?.runName).toBe('scale_example_run_32x32_os');
  });

  it('array-64, array-128 and tpu-like have the sizes of the brief', () => {
    expect(loadArch('array-64').array).toEqual({ rows: 64, cols: 64 });
    expect(loadArch('array-128').array).toEqual({ rows: 128, cols: 128 });
    const tpu = loadArch('tpu-like');
    expect(tpu.array).toEqual({ rows: 256, cols: 256 });
    expect(tpu.dataflow).toBe('ws');
    expect(tpu.microarch).toEqual({ foldPipelining: true, stationaryDoubleBuffer: true });
  });
});

describe('bad arch input: one InputError each, naming file and key', () => {
  it('zero rows', () => {
    expect(inputError(() => loadArch(`${FIX}/bad-rows.yaml`))).toBe(
      `${FIX}/bad-rows.yaml: array.rows: expected an integer in 1..512, got 0; set array.rows to 1..512`,
    );
  });
  it('too many cols', () => {
    expect(inputError(() => parseArch({ array: { rows: 4, cols: 513 } }, 'a.yaml'))).toMatch(/^a\.yaml: array\.cols: .*got 513/);
  });
  it('non-integer rows', () => {
    expect(inputError(() => parseArch({ array: { rows: 2.5, cols: 4 } }, 'a.yaml'))).toMatch(/array\.rows: .*got 2\.5/);
  });
  it('unknown dataflow', () => {
    expect(inputError(() => parseArch({ array: { rows: 4, cols: 4 }, dataflow: 'rs' }, 'a.yaml'))).toBe(
      "a.yaml: dataflow: expected one of os|ws|is, got 'rs'; set dataflow to one of os|ws|is",
    );
  });
  it('unknown top-level key', () => {
    expect(inputError(() => parseArch({ array: { rows: 4, cols: 4 }, rows: 4 }, 'a.yaml'))).toMatch(
      /^a\.yaml: rows: unknown key 'rows'; remove it; known keys are name, array, dataflow/,
    );
  });
  it('unknown nested key', () => {
    expect(inputError(() => parseArch({ array: { rows: 4, cols: 4 }, sram: { ifmapKB: 8 } }, 'a.yaml'))).toMatch(
      /^a\.yaml: sram\.ifmapKB: unknown key 'ifmapKB'; remove it; known keys are ifmapKiB, filterKiB, ofmapKiB/,
    );
  });
  it('missing array', () => {
    expect(inputError(() => parseArch({ dataflow: 'os' }, 'a.yaml'))).toBe(
      'a.yaml: array: missing required key; add array: a mapping {rows, cols}',
    );
  });
  it('not a mapping at all', () => {
    expect(inputError(() => parseArch(null, 'a.yaml'))).toMatch(/^a\.yaml: expected a mapping of arch keys.*got null/);
  });
  it('negative bandwidth', () => {
    expect(inputError(() => parseArch({ array: { rows: 4, cols: 4 }, dram: { bandwidthWordsPerCycle: -1 } }, 'a.yaml'))).toBe(
      'a.yaml: dram.bandwidthWordsPerCycle: expected a positive number, got -1; set dram.bandwidthWordsPerCycle to a positive number',
    );
  });
  it('unknown operand precision', () => {
    expect(inputError(() => parseArch({ array: { rows: 4, cols: 4 }, precision: { operand: 'fp32' } }, 'a.yaml'))).toMatch(
      /precision\.operand: expected one of int1\|int2\|int3\|int4\|int5\|int6\|int7\|int8\|int16, got 'fp32'/,
    );
  });
  it('YAML syntax error', () => {
    expect(inputError(() => loadArch(`${FIX}/bad-syntax.yaml`))).toMatch(/bad-syntax\.yaml: invalid YAML/);
  });
  it('unknown preset names the available ones', () => {
    expect(inputError(() => loadArch('array-65'))).toMatch(/arch 'array-65': no such preset; use one of .*array-64.*tpu-like/);
  });
  it('missing file', () => {
    expect(inputError(() => loadArch(`${FIX}/nope.yaml`))).toBe(`${FIX}/nope.yaml: file not found; check the path`);
  });
  it('unsupported extension', () => {
    expect(inputError(() => loadArch('arch.toml'))).toMatch(/unsupported arch file type '\.toml'/);
  });
});

describe('DRAM bandwidth in GB/s', () => {
  const arr = { rows: 4, cols: 4 };
  it('becomes words per cycle at the array clock: GB/s ÷ (GHz × bytes per operand word)', () => {
    // 25.6 GB/s at 1 GHz is 25.6 bytes per cycle: 25.6 int8 words, 12.8 int16 words, 51.2 int4 words.
    expect(parseArch({ array: arr, dram: { bandwidthGBps: 25.6, clockGHz: 1 } }, 'a.yaml').dram.bandwidthWordsPerCycle).toBeCloseTo(25.6, 12);
    const int16 = parseArch({ array: arr, precision: { operand: 'int16' }, dram: { bandwidthGBps: 25.6, clockGHz: 1 } }, 'a.yaml');
    expect(int16.dram.bandwidthWordsPerCycle).toBeCloseTo(12.8, 12);
    const int4 = parseArch({ array: arr, precision: { operand: 'int4' }, dram: { bandwidthGBps: 12.8, clockGHz: 0.5 } }, 'a.yaml');
    expect(int4.dram.bandwidthWordsPerCycle).toBeCloseTo(51.2, 12);
    expect(int4.dram).toMatchObject({ bandwidthGBps: 12.8, clockGHz: 0.5 });
  });
  it('both forms at once', () => {
    expect(inputError(() => parseArch({ array: arr, dram: { bandwidthWordsPerCycle: 4, bandwidthGBps: 8, clockGHz: 1 } }, 'a.yaml'))).toMatch(
      /^a\.yaml: dram: gives both bandwidthWordsPerCycle and bandwidthGBps\/clockGHz; give one/,
    );
  });
  it('GB/s without the clock', () => {
    expect(inputError(() => parseArch({ array: arr, dram: { bandwidthGBps: 8 } }, 'a.yaml'))).toMatch(/^a\.yaml: dram\.clockGHz: is missing/);
  });
});

describe('the arch a report echoes parses back to itself', () => {
  // Every report kind these flags and arch forms touch: `run` under both timings, with --sram-kib and --bandwidth,
  // from a preset, a unified scratchpad, a bandwidth in GB/s and SCALE-Sim .cfg files in both interface modes.
  let tmp: string;
  beforeAll(() => {
    assertBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-arch-echo-'));
    const write = (name: string, text: string) => fs.writeFileSync(path.join(tmp, name), text);
    write('w.yaml', 'name: w\nlayers:\n  - { name: g, kind: gemm, m: 20, n: 12, k: 30 }\n');
    write('unified.yaml', 'array: { rows: 8, cols: 16 }\nsram: { unifiedKiB: 16, ofmapKiB: 8 }\n');
    write('gbps.yaml', 'array: { rows: 8, cols: 16 }\nprecision: { operand: int16 }\ndram: { bandwidthGBps: 25.6, clockGHz: 1.5 }\n');
    const cfg = (mode: string) => [
      '[general]', 'run_name = c', '', '[architecture_presets]', 'ArrayHeight: 8', 'ArrayWidth: 16', 'IfmapSramSzkB: 4',
      'FilterSramSzkB: 4', 'OfmapSramSzkB: 4', 'IfmapOffset: 0', 'FilterOffset: 10000000', 'OfmapOffset: 20000000',
      'Bandwidth : 10', 'Dataflow : is', 'MemoryBanks: 1', '', '[run_presets]', `InterfaceBandwidth: ${mode}`, '',
    ].join('\n');
    write('calc.cfg', cfg('CALC'));
    write('user.cfg', cfg('USER'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.concurrent.each([
    'array-64',
    'array-64 --sram-kib 16 --bandwidth 3.5',
    'unified.yaml',
    'unified.yaml --sram-kib 8',
    'gbps.yaml',
    'gbps.yaml --bandwidth 4',
    'calc.cfg',
    'calc.cfg --timing scalesim --sram-kib 2',
    'user.cfg --timing scalesim --bandwidth 3',
  ])('run --arch %s', async (args) => {
    const [arch, ...flags] = args.split(' ');
    const { code, stdout, stderr } = await runCli(['run', '--arch', arch, '--workload', 'w.yaml', ...flags, '--json'], tmp);
    expect(code, stderr).toBe(0);
    const echoed = (JSON.parse(stdout) as Report).arch;
    expect(parseArch(echoed, 'report.json')).toEqual(echoed);
  });

  it('accepts the echo of a unified scratchpad and of a GB/s bandwidth, nothing that disagrees with it', () => {
    const u = parseArch({ array: { rows: 8, cols: 16 }, sram: { unifiedKiB: 16 } }, 'u.yaml');
    expect(u.sram).toMatchObject({ unifiedKiB: 16, ifmapKiB: 16, filterKiB: 16 });
    expect(inputError(() => parseArch({ array: { rows: 8, cols: 16 }, sram: { unifiedKiB: 16, ifmapKiB: 8 } }, 'u.yaml')))
      .toMatch(/^u\.yaml: sram: gives unifiedKiB and ifmapKiB\/filterKiB/);
    // 25.6 GB/s at 1.6 GHz, int8: 16 words/cycle.
    const g = parseArch({ array: { rows: 8, cols: 16 }, dram: { bandwidthGBps: 25.6, clockGHz: 1.6 } }, 'g.yaml');
    expect(g.dram.bandwidthWordsPerCycle).toBe(16);
    expect(parseArch({ array: { rows: 8, cols: 16 }, dram: { bandwidthGBps: 25.6, clockGHz: 1.6, bandwidthWordsPerCycle: 16 } }, 'g.yaml').dram).toEqual(g.dram);
    expect(inputError(() => parseArch({ array: { rows: 8, cols: 16 }, dram: { bandwidthGBps: 25.6, clockGHz: 1.6, bandwidthWordsPerCycle: 10 } }, 'g.yaml')))
      .toMatch(/^g\.yaml: dram: gives both bandwidthWordsPerCycle and bandwidthGBps\/clockGHz/);
  });
});

describe('memory.sliceSteps', () => {
  it('is a whole number of steps from 1: 0, negatives and fractions are refused naming the key', () => {
    for (const v of [0, -4, 2.5]) {
      expect(inputError(() => parseArch({ array: { rows: 8, cols: 16 }, memory: { sliceSteps: v } }, 'm.yaml')))
        .toMatch(new RegExp(`^m\\.yaml: memory\\.sliceSteps: expected an integer in 1\\.\\.\\d+, got ${v}`));
    }
    expect(parseArch({ array: { rows: 8, cols: 16 }, memory: { sliceSteps: 1 } }, 'm.yaml').memory.sliceSteps).toBe(1);
  });
});
