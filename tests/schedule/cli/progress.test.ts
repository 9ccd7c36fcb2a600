// `systole schedule` reports progress (issue 8, item 20): the comparison calls back with steps done/expected per
// method, ending at its total, without changing the result; the CLI draws a bar on a terminal and nothing on a pipe.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleCommand } from '../../../host/commands/schedule.ts';
import { compareSchedules } from '../../../host/schedule/report/compare.ts';
import { randomCase } from '../helpers.ts';

afterEach(() => vi.restoreAllMocks());

const comparable = (r: ReturnType<typeof compareSchedules>['report']) => JSON.stringify({ ...r, timing: null });

describe('schedule progress', () => {
  it('counts up to its total, greedy then naive then round-trip, and leaves the result alone', () => {
    const c = randomCase(19, 60, 1.3);
    const opts = { scratchpadBytes: c.scratchpad.bytes, alignment: c.scratchpad.alignment };
    const calls: Array<[number, number, string]> = [];
    const withBar = compareSchedules(c.graph, { ...opts, onProgress: (d, t, m) => calls.push([d, t, m]) }).report;
    expect(comparable(withBar)).toBe(comparable(compareSchedules(c.graph, opts).report));
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
    for (const [d, t] of calls) expect(d).toBeLessThanOrEqual(t);
    const [done, total, method] = calls[calls.length - 1];
    expect([done, method]).toEqual([total, 'round-trip']);
    expect([...new Set(calls.map((x) => x[2]))]).toEqual(['greedy', 'naive', 'round-trip']);
  });

  const runCli = (tty: boolean): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-progress-'));
    const c = randomCase(19, 60, 1.3);
    const file = path.join(dir, 'g.json');
    fs.writeFileSync(file, JSON.stringify(c.graph));
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    const had = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
    try {
      scheduleCommand({ graph: file, scratchpad: String(c.scratchpad.bytes), alignment: String(c.scratchpad.alignment) });
    } finally {
      if (had) Object.defineProperty(process.stderr, 'isTTY', had);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return err;
  };

  it('draws a bar on a terminal', () => expect(runCli(true)).toMatch(/\d+% \| greedy/));
  it('writes nothing to stderr on a pipe', () => expect(runCli(false)).toBe(''));
});
