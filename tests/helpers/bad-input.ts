// The CLI's bad-input contract, checked once for every command's tests: exit code 2, nothing on stdout, exactly one
// line on stderr starting "systole: ", no stack trace, and no --out target left behind.
import fs from 'node:fs';
import { expect } from 'vitest';
import { runCli } from '../cli/run-cli.ts';

/** Runs the built CLI with `args` in `cwd` and checks the contract; `out` is a --out path that must not exist after. Returns the line. */
export async function expectBadCli(args: string[], opts: { cwd?: string; out?: string } = {}): Promise<string> {
  const { code, stdout, stderr } = await runCli(args, opts.cwd);
  expect(code, stderr).toBe(2);
  expect(stdout).toBe('');
  const lines = stderr.split('\n');
  expect(lines, stderr).toHaveLength(2); // one line and its newline
  expect(lines[0]).toMatch(/^systole: \S/);
  expect(stderr).not.toMatch(/\n\s+at /);
  if (opts.out !== undefined) expect(fs.existsSync(opts.out)).toBe(false);
  return lines[0];
}
