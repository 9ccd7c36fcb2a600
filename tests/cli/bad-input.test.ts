// Every class of bad input: exit code 2, exactly one line on stderr (`systole: ...`, no stack trace), nothing on
// stdout, and no --out directory created.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPING_KINDS } from '../../mappings/grouping.ts';
import { DATAFLOW_KINDS, TIMING_MODES } from '../../host/spec/types.ts';
import { assertBuilt, runCli } from './run-cli.ts';
import { expectBadCli } from '../helpers/bad-input.ts';

let tmp: string;
beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-cli-bad-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI with `args` plus a fresh --out path and checks the bad-input contract; returns the stderr line. */
async function expectBadInput(args: string[], withOut = true): Promise<string> {
  const out = path.join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  return expectBadCli(withOut ? [...args, '--out', out] : args, { out });
}

describe.concurrent('systole run: bad input', () => {
  it('unknown key in an arch file', async () => {
    const line = await expectBadInput(['run', '--arch', 'bad-key.yaml', '--workload', 'tiny.csv']);
    expect(line).toContain('bad-key.yaml');
    expect(line).toContain('bogus');
  });

  it('unknown arch preset', async () => {
    const line = await expectBadInput(['run', '--arch', 'no-such-arch', '--workload', 'tiny.csv']);
    expect(line).toContain('no-such-arch');
    expect(line).toContain('array-64'); // the fix lists the presets
  });

  it('unknown workload preset', async () => {
    const line = await expectBadInput(['run', '--arch', 'tiny-arch.yaml', '--workload', 'no_such_net']);
    expect(line).toContain('no_such_net');
  });

  it('missing workload file', async () => {
    const line = await expectBadInput(['run', '--arch', 'tiny-arch.yaml', '--workload', 'missing.csv']);
    expect(line).toContain('missing.csv');
  });

  it.each([
    ['--sram-kib', 'lots'],
    ['--sram-kib', '0'],
    ['--bandwidth', '-3'],
  ])('%s %s is not a positive number', async (flag, value) => {
    const line = await expectBadInput(['run', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.csv', flag, value]);
    expect(line).toContain(flag);
    expect(line).toContain('positive number');
  });

  it('a layer whose operands the memory system cannot address', async () => {
    const line = await expectBadInput(['run', '--arch', 'tiny-arch.yaml', '--workload', 'huge.yaml']);
    expect(line).toContain('layer giant');
    expect(line).toMatch(/has \d+ words, more than the 2147483647 the memory system addresses/);
  });

  it('--values not one of full|sampled|off', async () => {
    const line = await expectBadInput(['run', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.csv', '--values', 'some']);
    expect(line).toContain('--values');
    expect(line).toContain('sampled');
  });

  it('--verify with --values off (nothing to check)', async () => {
    const line = await expectBadInput(['run', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.csv', '--verify', '--values', 'off']);
    expect(line).toContain('--values off');
  });

  it('--layer names a layer the workload does not have', async () => {
    const line = await expectBadInput(['run', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.csv', '--layer', 'nope']);
    expect(line).toContain('--layer');
    expect(line).toContain('"nope"');
  });

  it('malformed topology CSV row', async () => {
    const line = await expectBadInput(['run', '--arch', 'tiny-arch.yaml', '--workload', 'bad-row.csv']);
    expect(line).toContain('bad-row.csv');
    expect(line).toMatch(/row/);
  });

  it.each(['0x4', 'abc', '4x513', '4'])('bad --array %s', async (value) => {
    const line = await expectBadInput(['run', '--array', value, '--workload', 'tiny.csv']);
    expect(line).toContain('--array');
  });

  it('unknown dataflow lists the valid ones', async () => {
    const line = await expectBadInput(['run', '--dataflow', 'rs', '--workload', 'tiny.csv']);
    expect(line).toContain('--dataflow');
    expect(line).toContain(DATAFLOW_KINDS.join(', '));
  });

  it('unknown grouping lists the valid ones', async () => {
    const line = await expectBadInput(['run', '--grouping', 'diagonal', '--workload', 'tiny.csv']);
    expect(line).toContain('--grouping');
    expect(line).toContain(GROUPING_KINDS.join(', '));
  });

  it('unknown timing mode lists the valid ones', async () => {
    const line = await expectBadInput(['run', '--timing', 'fast', '--workload', 'tiny.csv']);
    expect(line).toContain('--timing');
    expect(line).toContain(TIMING_MODES.join(', '));
  });

  it('--out pointing at a foreign non-empty directory is refused and left untouched', async () => {
    const mine = path.join(tmp, 'mine');
    fs.mkdirSync(mine);
    fs.writeFileSync(path.join(mine, 'notes.txt'), 'keep me');
    const { code, stderr } = await runCli(['run', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.csv', '--out', mine]);
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(fs.readdirSync(mine)).toEqual(['notes.txt']);
  });
});

describe.concurrent('systole: usage errors', () => {
  it('unknown option', async () => {
    const line = await expectBadInput(['run', '--frobnicate']);
    expect(line).toContain('--frobnicate');
  });

  it('unknown option close to a real one (commander adds a suggestion)', async () => {
    const line = await expectBadInput(['run', '--jsn'], false);
    expect(line).toContain('--json');
  });

  it('unknown command', async () => {
    const line = await expectBadInput(['frobnicate'], false);
    expect(line).toContain('frobnicate');
  });

  it('stray argument', async () => {
    await expectBadInput(['run', 'extra']);
  });

  it('option without its value', async () => {
    const line = await expectBadInput(['run', '--arch'], false);
    expect(line).toContain('--arch');
  });

  it('a long value from the input is quoted by its first 80 characters only', async () => {
    const file = path.join(tmp, 'long.yaml');
    fs.writeFileSync(file, `${'x'.repeat(5000)}\n`);
    const line = await expectBadInput(['run', '--workload', file]);
    expect(line).toContain(`'${'x'.repeat(80)}…'`);
    expect(line.length).toBeLessThan(250);
  });
});
