// The built `systole` binary: schedule/graph are registered, succeed with exit 0, and bad input is one stderr line
// with exit code 2 (no stack trace).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../../cli/run-cli.ts';
import { twoOps } from '../fixtures.ts';

describe('systole schedule / graph (built CLI)', () => {
  let graph: string;
  beforeAll(() => {
    assertBuilt();
    graph = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'systole-sched-')), 'g.json');
    fs.writeFileSync(graph, JSON.stringify(twoOps()));
  });

  it('schedules a graph file (exit 0, the table on stdout)', async () => {
    const r = await runCli(['schedule', '--graph', graph, '--scratchpad', '1KiB']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^graph two-ops \(2 ops, 5 tensors\)/);
    expect(r.stderr).toBe('');
  });

  it('prints a workload graph', async () => {
    const r = await runCli(['graph', '--workload', 'mobilenet_v1']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).schema).toBe('systole.graph/1');
  });

  it('bad input: one line on stderr, exit 2', async () => {
    for (const args of [
      ['schedule', '--graph', graph, '--scratchpad', '100'],
      ['schedule', '--graph', graph],
      ['graph', '--workload', 'nope'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^systole: /);
      expect(r.stdout).toBe('');
    }
  });
});
