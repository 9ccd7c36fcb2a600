// systole run --batch N: the workload's batch replaced, echoed in the report, MACs scaled; bad values refused with
// one line and exit code 2.
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './run-cli.ts';
import { expectBadCli } from '../helpers/bad-input.ts';

beforeAll(() => assertBuilt());

describe.concurrent('systole run --batch', () => {
  it('--batch 3 runs three samples: the report says so and has 3× the MACs of one', async () => {
    const args = ['run', '--arch', 'tiny-arch.yaml', '--workload', 'commas.yaml', '--layer', 'c', '--json'];
    const [one, three] = await Promise.all([runCli(args), runCli([...args, '--batch', '3'])]);
    expect(three.code, three.stderr).toBe(0);
    const [r1, r3] = [JSON.parse(one.stdout), JSON.parse(three.stdout)];
    expect(r1.workload.batch).toBe(1);
    expect(r3.workload.batch).toBe(3);
    expect(r3.totals.macs).toBe(3 * r1.totals.macs);
  });

  it.each(['0', '-2', '2.5', 'eight', ''])('--batch %j is refused', async (value) => {
    const line = await expectBadCli(['run', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.csv', '--batch', value]);
    expect(line).toMatch(/^systole: --batch: /);
  });

  it('--batch with --timing scalesim is refused (SCALE-Sim has no batch)', async () => {
    const line = await expectBadCli(['run', '--arch', 'tiny-arch.yaml', '--workload', 'tiny.csv', '--batch', '2', '--timing', 'scalesim']);
    expect(line).toMatch(/batch 2 under --timing scalesim: SCALE-Sim has no batch/);
  });
});
