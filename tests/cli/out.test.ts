// --out end to end, through the built CLI: a signal during the write phase leaves nothing behind (no target, no
// hidden temporary folder, a previous report intact), and every command creates missing parents the same way.
// The write phase is paused deterministically by the test hook SYSTOLE_TEST_OUT_PAUSE_MS (host/report/out.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI, FIXTURES, runCli } from './run-cli.ts';

let tmp: string;
beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-cli-out-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TINY = ['--arch', 'tiny-arch.yaml', '--workload', 'tiny.csv'];

/** Runs the CLI with the write phase paused, sends `signal` once it says it is paused; resolves with exit code and stderr. */
function interrupt(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: FIXTURES,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, SYSTOLE_TEST_OUT_PAUSE_MS: '20000' },
    });
    let stderr = '';
    let sent = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (!sent && stderr.includes('writing paused')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe.concurrent('--out and signals', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while run writes a new --out folder: exit %i, nothing left beside it', async (signal, exit) => {
    const parent = path.join(tmp, `new-${signal}`);
    const out = path.join(parent, 'deeper', 'out');
    const { code, stderr } = await interrupt(['run', ...TINY, '--out', out], signal);
    expect(stderr).toMatch(new RegExp(`^systole: interrupted by ${signal} while writing --out; nothing was written$`, 'm'));
    expect(code).toBe(exit);
    expect(fs.existsSync(parent)).toBe(false); // the created parents and the temporary folder are gone
  });

  it('SIGINT while replacing a previous report: the previous report stays whole, no temporary folder inside', async () => {
    const out = path.join(tmp, 'previous');
    expect((await runCli(['run', ...TINY, '--out', out])).code).toBe(0);
    const before = fs.readFileSync(path.join(out, 'report.json'), 'utf8');
    const { code } = await interrupt(['run', ...TINY, '--dataflow', 'ws', '--out', out], 'SIGINT');
    expect(code).toBe(130);
    expect(fs.readFileSync(path.join(out, 'report.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(out).filter((e) => e.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(tmp).filter((e) => e.startsWith('.'))).toEqual([]);
  });

  it.each([['--html', 'r.html'], ['--trace', 't.json']] as const)('SIGINT while run writes %s %s: the message names that flag, nothing left', async (flag, name) => {
    const dir = path.join(tmp, `signal${flag}`);
    const { code, stderr } = await interrupt(['run', ...TINY, flag, path.join(dir, name)], 'SIGINT');
    expect(stderr).toMatch(new RegExp(`^systole: interrupted by SIGINT while writing ${flag}; nothing was written$`, 'm'));
    expect(code).toBe(130);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('SIGTERM while graph writes --out FILE: nothing left', async () => {
    const dir = path.join(tmp, 'graph-signal');
    const { code } = await interrupt(['graph', '--workload', 'tiny.csv', '--out', path.join(dir, 'g.json')], 'SIGTERM');
    expect(code).toBe(143);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe.concurrent('--out: the same behaviour in every command', () => {
  it('graph --out creates missing parent folders, like run --out', async () => {
    const file = path.join(tmp, 'g', 'h', 'x.json');
    const { code, stderr } = await runCli(['graph', '--workload', 'tiny.csv', '--out', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).schema).toBe('systole.graph/1');
  });

  it('schedule --out creates missing parent folders; SIGINT while it writes leaves nothing', async () => {
    const out = path.join(tmp, 's', 't', 'out');
    const { code, stderr } = await runCli(['schedule', '--workload', 'tiny.csv', '--scratchpad', '64KiB', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(fs.readdirSync(out)).toContain('schedule-report.json');
    const parent = path.join(tmp, 'sched-signal');
    const interrupted = await interrupt(['schedule', '--workload', 'tiny.csv', '--scratchpad', '64KiB', '--out', path.join(parent, 'out')], 'SIGINT');
    expect(interrupted.code).toBe(130);
    expect(fs.existsSync(parent)).toBe(false);
  });

  it.each([
    ['run', [...TINY]],
    ['graph', ['--workload', 'tiny.csv']],
    ['schedule', ['--workload', 'tiny.csv', '--scratchpad', '64KiB']],
  ])('%s --out below a file: one line, exit 2', async (cmd, args) => {
    const file = path.join(tmp, `plain-${cmd}`);
    fs.writeFileSync(file, 'x');
    const { code, stdout, stderr } = await runCli([cmd, ...args, '--out', path.join(file, 'sub', 'x.json')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^systole: --out .*: .* is a file, not a folder; choose a path under a folder for --out\n$/);
  });

  // /proc accepts the access check but refuses mkdir (ENOENT), so the error comes from the write phase itself.
  it.runIf(process.platform === 'linux' && fs.existsSync('/proc/self'))('an OS error in the write phase: one line, exit 2', async () => {
    for (const [cmd, args, out] of [
      ['run', TINY, '/proc/systole-test-out'],
      ['graph', ['--workload', 'tiny.csv'], '/proc/systole-test/g.json'],
    ] as const) {
      const { code, stderr } = await runCli([cmd, ...args, '--out', out]);
      expect(stderr).toMatch(/^systole: --out \/proc\/systole-test[^:]*: cannot (write it|create its parent directory \/proc\/systole-test) \(E[A-Z]+: [^)]*\); choose a writable location for --out\n$/);
      expect(code).toBe(2);
    }
  });
});
