// `systole attention`: a run's text and JSON, and every kind of bad input (one line, exit 2, nothing on stdout).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../cli/run-cli.ts';
import { expectBadCli } from '../helpers/bad-input.ts';

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));
beforeAll(() => assertBuilt());

async function expectBadInput(args: string[]): Promise<string> {
  return expectBadCli(['attention', ...args], { cwd: FIX });
}

const small = ['--arch', 'fusemax-edge', '--heads', '1', '--e', '8', '--f', '8', '--seq', '64'];

describe.concurrent('systole attention', () => {
  it('prints the run; --json is systole.attention-report/1', async () => {
    const t = await runCli(['attention', ...small, '--verify'], FIX);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^fusemax on fusemax-edge \(as configured\)/);
    expect(t.stdout).toMatch(/verified {7}yes/);
    const j = await runCli(['attention', ...small, '--cascade', 'flat', '--idealized', '--json'], FIX);
    const r = JSON.parse(j.stdout);
    expect(r.schema).toBe('systole.attention-report/1');
    expect([r.cascade, r.model, r.seq, r.idealized, r.verified]).toEqual(['flat', 'custom', 64, true, null]);
    expect(r.utilization.array2d).toBeGreaterThan(0);
    expect(r.utilization.array2d).toBeLessThanOrEqual(1);
  });
  it('--model takes a preset: heads, widths and batch from workloads/attention/', async () => {
    const j = await runCli(['attention', '--arch', 'fusemax-edge', '--model', 'bert', '--seq', '1024', '--batch', '1', '--json'], FIX);
    expect(j.code, j.stderr).toBe(0);
    const r = JSON.parse(j.stdout);
    expect([r.model, r.heads, r.qkDim, r.vDim, r.batch]).toEqual(['bert', 12, 64, 64, 1]);
  });
  it('bad arch: unknown key', async () => {
    expect(await expectBadInput(['--arch', 'bad-key.yaml', '--heads', '1', '--e', '8', '--f', '8', '--seq', '8'])).toContain("dram.bogus: unknown key 'bogus'");
  });
  it('bad arch: an unknown register accounting', async () => {
    expect(await expectBadInput(['--arch', 'bad-register-accounting.yaml', '--heads', '1', '--e', '8', '--f', '8', '--seq', '8'])).toContain('microarch.registerAccounting: expected one of all-pes|artifact');
  });
  it('bad arch: a systolic arch', async () => {
    expect(await expectBadInput([...small.slice(2), '--arch', 'array-64'])).toContain('not a spatial attention machine');
  });
  it('bad cascade: unknown name, a dangling tensor, an operation the array does not have', async () => {
    expect(await expectBadInput([...small, '--cascade', 'nope'])).toContain("cascade 'nope': no such cascade");
    expect(await expectBadInput([...small, '--cascade', 'bad-cascade.yaml'])).toContain("'QKX' is not an input");
    expect(await expectBadInput([...small, '--cascade', 'divide-on-2d.yaml'])).toContain('einsums.A: divide');
    expect(await expectBadInput([...small.slice(2), '--arch', 'flat-edge'])).toContain('needs 4 registers per 2D PE, flat-edge has 3');
  });
  it('a sequence that is not a multiple of the array runs, its last tiles masked (--verify)', async () => {
    const t = await runCli(['attention', ...small.slice(0, -1), '48', '--verify'], FIX);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/padded         seq 48 run as 64 queries × 64 keys/);
    expect(t.stdout).toMatch(/verified {7}yes/);
  });
  it('bad workload: a zero, no shape, an unknown flag value', async () => {
    expect(await expectBadInput([...small.slice(0, -1), '0'])).toContain('--seq: "0" is not a positive integer');
    expect(await expectBadInput([...small, '--batch', '0'])).toContain('--batch: "0" is not a positive integer');
    expect(await expectBadInput(['--arch', 'fusemax-edge', '--seq', '64'])).toContain('--model: missing');
    expect(await expectBadInput([...small, '--e', 'x'])).toContain('--e: "x" is not a positive integer');
    expect(await expectBadInput(['--model', 'gpt9', '--seq', '64'])).toMatch(/gpt9/);
  });
});
