// A sweep killed mid-run (SIGKILL, SIGINT) and rerun into the same directory ends with every point exactly once and
// the same rows as a sweep that was never interrupted.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointRow } from '../../host/sweep/evaluate.ts';
import { CLI, assertBuilt, runCli } from '../cli/run-cli.ts';

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SWEEP = path.join(FIX, 'medium.yaml'); // 24 points, tens of ms each
const POINTS = 24;
let tmp: string;
beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-sweep-kill-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const journalLines = (dir: string): string[] => {
  const file = path.join(dir, 'results.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
};
const comparable = (line: string) => {
  const { host: _, ...rest } = JSON.parse(line) as PointRow;
  return rest;
};

/** Starts the sweep, sends `signal` once at least one point is journaled; resolves with the points journaled by then. */
function killMidway(out: string, jobs: string, signal: NodeJS.Signals): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'sweep', SWEEP, '--out', out, '--jobs', jobs], { stdio: 'ignore' });
    child.on('error', reject);
    const timer = setInterval(() => {
      if (journalLines(out).length >= 1) {
        clearInterval(timer);
        child.kill(signal);
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(timer);
      resolve(journalLines(out).length);
    });
  });
}

describe('systole sweep: killed and rerun', () => {
  let clean: Map<string, unknown>;
  beforeAll(async () => {
    const out = path.join(tmp, 'clean');
    const { code, stderr } = await runCli(['sweep', SWEEP, '--out', out, '--jobs', '1']);
    expect(code, stderr).toBe(0);
    clean = new Map(journalLines(out).map((l) => [(JSON.parse(l) as PointRow).key, comparable(l)]));
    expect(clean.size).toBe(POINTS);
  });

  it.each([
    ['SIGKILL', '1'],
    ['SIGKILL', '2'],
    ['SIGINT', '1'],
    ['SIGINT', '2'],
  ] as const)('%s with --jobs %s, then a rerun: every point exactly once', async (signal, jobs) => {
    const out = path.join(tmp, `killed-${signal}-j${jobs}`);
    const before = await killMidway(out, jobs, signal);
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThan(POINTS); // it really was killed mid-sweep
    // A kill cannot cut a single write of a regular file, so plant the torn row a kill between two writes would
    // leave, to check the rerun drops it.
    fs.appendFileSync(path.join(out, 'results.jsonl'), '{"key":"torn","workl');

    const { code, stdout, stderr } = await runCli(['sweep', SWEEP, '--out', out, '--jobs', jobs]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`${POINTS} points: ${POINTS - before} run now (0 refused), ${before} already in`);
    const lines = journalLines(out);
    const keys = lines.map((l) => (JSON.parse(l) as PointRow).key);
    expect(keys).toHaveLength(POINTS);
    expect(new Set(keys)).toEqual(new Set(clean.keys()));
    for (const l of lines) expect(comparable(l)).toEqual(clean.get((JSON.parse(l) as PointRow).key));
    const csv = fs.readFileSync(path.join(out, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(POINTS + 1);
  });
});
