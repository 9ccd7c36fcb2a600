// `systole schedule` and `systole graph` actions: outputs, --out/--check round trip, and one test per kind of
// bad input (each an InputError, which the CLI prints on one line with exit code 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { graphCommand } from '../../../host/commands/graph.ts';
import { scheduleCommand, type ScheduleFlags } from '../../../host/commands/schedule.ts';
import { InputError } from '../../../host/errors.ts';
import type { ScheduleReport } from '../../../host/schedule/report/compare.ts';
import { twoOps } from '../fixtures.ts';

let dir: string;
let out: string;
let graphFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-schedule-cli-'));
  graphFile = path.join(dir, 'two.graph.json');
  fs.writeFileSync(graphFile, JSON.stringify(twoOps()));
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (flags: Partial<ScheduleFlags>) => scheduleCommand({ alignment: '16', ...flags });

describe('systole schedule', () => {
  it('prints a table of the three methods', () => {
    run({ graph: graphFile, scratchpad: '1KiB' });
    for (const word of ['greedy', 'naive', 'round-trip', 'op order (greedy): op1 op2']) expect(out).toContain(word);
  });

  it('--json: the report with the hand-worked traffic of twoOps (290 B compulsory; round-trip 400 B more)', () => {
    run({ graph: graphFile, scratchpad: '1024', json: true });
    const r = JSON.parse(out) as ScheduleReport;
    expect(r.schema).toBe('systole.schedule-report/2');
    expect(r.methods.map((m) => [m.method, m.traffic.nonCompulsory])).toEqual([
      ['greedy', 0],
      ['naive', 0],
      ['round-trip', 400],
    ]);
    expect(r.reduction).toEqual({ vsRoundTrip: 1, vsNaive: null });
    expect(r.methods[0].latency).toBeNull();
  });

  it('the table prints the search budget and keeps wall times on their own line', () => {
    run({ graph: graphFile, scratchpad: '1KiB', evaluations: '12' });
    expect(out).toMatch(/search budget: 12 plan evaluations per local search/);
    expect(out).toMatch(/wall time ms \(this run only, not part of the result\): greedy [0-9.]+, naive [0-9.]+, round-trip [0-9.]+/);
  });

  it('--dram-bytes-per-cycle with graph cycles gives latencies', () => {
    run({ graph: graphFile, scratchpad: '1KiB', json: true, dramBytesPerCycle: '10' });
    const r = JSON.parse(out) as ScheduleReport;
    expect(r.methods[0].latency!.serialCycles).toBe(150 + 29);
  });

  it('--out writes the report, the graph and every schedule; --check accepts them and rejects a broken one', async () => {
    const target = path.join(dir, 'res');
    await run({ graph: graphFile, scratchpad: '1KiB', out: target });
    expect(fs.readdirSync(target).sort()).toEqual(['graph.json', 'greedy.schedule.json', 'naive.schedule.json', 'round-trip.schedule.json', 'schedule-report.json']);
    out = '';
    run({ graph: path.join(target, 'graph.json'), check: path.join(target, 'greedy.schedule.json') });
    expect(out).toMatch(/valid schedule of two-ops \(2 steps, traffic 290 B/);
    const broken = JSON.parse(fs.readFileSync(path.join(target, 'naive.schedule.json'), 'utf8'));
    broken.steps[1].stores = [];
    fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify(broken));
    expect(() => run({ graph: graphFile, check: path.join(dir, 'broken.json') })).toThrow(/step 1 \(op op2\).*evict-unsaved/);
  });

  it('--workload with --arch: tiled graph, per-op cycles, latency for every method', () => {
    run({ workload: 'mobilenet_v1', scratchpad: '1MiB', arch: 'array-64', json: true, alignment: '64' });
    const r = JSON.parse(out) as ScheduleReport;
    expect(r.graph.ops).toBeGreaterThanOrEqual(28);
    for (const m of r.methods) expect(m.latency!.overlappedCycles).toBeLessThanOrEqual(m.latency!.serialCycles);
  });
});

describe('systole schedule: bad input', () => {
  const cases: Array<[string, Partial<ScheduleFlags>, RegExp]> = [
    ['no --scratchpad', { graph: 'g.json' }, /--scratchpad.*required/],
    ['both --workload and --graph', { workload: 'resnet50', graph: 'g.json', scratchpad: '1MiB' }, /exactly one/],
    ['neither --workload nor --graph', { scratchpad: '1MiB' }, /exactly one/],
    ['a malformed size', { graph: 'g.json', scratchpad: '12 parsecs' }, /--scratchpad.*not a size/],
    ['a malformed alignment', { graph: 'g.json', scratchpad: '1MiB', alignment: '0' }, /--alignment/],
    ['an unknown precision', { workload: 'resnet50', scratchpad: '1MiB', precision: 'fp8' }, /--precision.*fp8/],
    ['--precision with --graph', { graph: 'g.json', scratchpad: '1MiB', precision: 'int8' }, /applies to --workload only/],
    ['a bad bandwidth', { graph: 'g.json', scratchpad: '1MiB', dramBytesPerCycle: 'fast' }, /--dram-bytes-per-cycle/],
    ['an unknown workload', { workload: 'lenet9', scratchpad: '1MiB' }, /no such preset/],
    ['a fractional --evaluations', { graph: 'g.json', scratchpad: '1MiB', evaluations: '2.5' }, /--evaluations.*integer in 1\.\./],
    ['a zero --evaluations', { graph: 'g.json', scratchpad: '1MiB', evaluations: '0' }, /--evaluations/],
    ['a scratchpad too small for an op', { graph: '', scratchpad: '300' }, /op 'op1'.*at least 370 bytes/],
  ];
  for (const [what, flags, message] of cases) {
    it(what, () => {
      const f = { ...flags, graph: flags.graph === '' ? graphFile : flags.graph };
      expect(() => run(f)).toThrow(InputError);
      expect(() => run(f)).toThrow(message);
    });
  }

  it('--out into a non-empty folder that is not a previous output', () => {
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'x');
    expect(() => run({ graph: graphFile, scratchpad: '1KiB', out: dir })).toThrow(/not empty/);
  });

  it('--check against another scratchpad or another graph says so instead of listing violations', async () => {
    const target = path.join(dir, 'res');
    await run({ graph: graphFile, scratchpad: '1KiB', out: target });
    const greedy = path.join(target, 'greedy.schedule.json');
    expect(() => run({ graph: graphFile, scratchpad: '2KiB', check: greedy })).toThrow(/is a schedule for a 1024-byte scratchpad, not --scratchpad 2KiB \(2048 B\)/);
    const renamed = twoOps();
    renamed.ops[1].name = 'other';
    const renamedFile = path.join(dir, 'renamed.json');
    fs.writeFileSync(renamedFile, JSON.stringify(renamed));
    expect(() => run({ graph: renamedFile, check: greedy })).toThrow(/schedule for another graph: its steps run 1 op\(s\) graph two-ops does not have \('op2'\)/);
    // Same ops and tensors, one weight 10 B larger: twoOps' compulsory traffic is 290 B (see the --json test).
    const heavier = twoOps();
    heavier.tensors.w1.bytes += 10;
    const heavierFile = path.join(dir, 'heavier.json');
    fs.writeFileSync(heavierFile, JSON.stringify(heavier));
    expect(() => run({ graph: heavierFile, check: greedy })).toThrow(/another graph: it records 290 B of compulsory traffic, graph two-ops has 300 B/);
  });

  it('--check of a file that is not a schedule', () => {
    fs.writeFileSync(path.join(dir, 's.json'), JSON.stringify({ schema: 'systole.schedule/1', steps: 3 }));
    expect(() => run({ graph: graphFile, check: path.join(dir, 's.json') })).toThrow(InputError);
  });
});

describe('systole graph', () => {
  it('prints a workload as a systole.graph/1 JSON document, or YAML', () => {
    graphCommand({ workload: 'mobilenet_v1' });
    const g = JSON.parse(out);
    expect(g.schema).toBe('systole.graph/1');
    expect(g.ops).toHaveLength(28);
    out = '';
    graphCommand({ workload: 'mobilenet_v1', yaml: true, tileBytes: '256KiB' });
    expect(out).toMatch(/^schema: systole\.graph\/1/);
  });

  it('writes --out FILE in the format of its extension', async () => {
    const file = path.join(dir, 'r.yaml');
    await graphCommand({ workload: 'resnet50', out: file });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^schema: systole\.graph\/1/);
  });

  it('rejects a missing --workload, --tile-bytes auto and an unknown --out extension', () => {
    expect(() => graphCommand({})).toThrow(/--workload.*required/);
    expect(() => graphCommand({ workload: 'resnet50', tileBytes: 'auto' })).toThrow(/needs a scratchpad/);
    expect(() => graphCommand({ workload: 'resnet50', out: path.join(dir, 'g.txt') })).toThrow(/unsupported file type/);
  });
});
