// Every kind of bad sweep input: exit code 2, one line on stderr naming the file/key, nothing on stdout, no --out dir.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../cli/run-cli.ts';
import { expectBadCli } from '../helpers/bad-input.ts';

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));
const GOOD = { arch: path.join(FIX, 'tiny-arch.yaml'), workloads: [path.join(FIX, 'tiny.csv')], axes: { 'array.rows': [2, 4] } };
let tmp: string;
beforeAll(() => {
  assertBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-sweep-bad-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes `content` as a sweep file (object → JSON), runs `systole sweep` on it and checks the bad-input contract. */
async function expectBad(content: unknown, ext = '.json', extra: string[] = []): Promise<string> {
  const file = path.join(tmp, `s-${Math.random().toString(36).slice(2)}${ext}`);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  const out = path.join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  return expectBadCli(['sweep', file, '--out', out, ...extra], { out });
}

describe.concurrent('systole sweep: bad input', () => {
  it.each([
    ['an unknown key', { ...GOOD, bogus: 1 }, ["unknown key 'bogus'", 'known keys are arch, workloads']],
    ['no workloads', { arch: GOOD.arch, axes: GOOD.axes }, ['workloads', 'missing required key']],
    ['an empty workload list', { ...GOOD, workloads: [] }, ['workloads', 'non-empty list']],
    ['a workload twice', { ...GOOD, workloads: [...GOOD.workloads, ...GOOD.workloads] }, ['listed twice']],
    ['an unknown arch preset', { ...GOOD, arch: 'no-such-arch' }, ["arch 'no-such-arch'", 'no such preset']],
    ['a missing workload file', { ...GOOD, workloads: ['nope.csv'] }, ['nope.csv', 'file not found']],
    ['no axes', { ...GOOD, axes: {} }, ['axes', 'is empty']],
    ['an axis that is not an arch field', { ...GOOD, axes: { 'array.depth': [2] } }, ['axes.array.depth', 'not a field of the arch', 'array.rows']],
    ['an axis naming a whole section', { ...GOOD, axes: { sram: [2] } }, ['axes.sram', 'not a field']],
    ['an axis with no values', { ...GOOD, axes: { 'array.rows': [] } }, ['axes.array.rows', 'non-empty list']],
    ['an axis value that is a list', { ...GOOD, axes: { 'array.rows': [[2]] } }, ['array.rows', 'a number, string']],
    ['a value listed twice', { ...GOOD, axes: { 'array.rows': [2, 2] } }, ['axes.array.rows', 'listed twice']],
    ['a zip path that is not an axis', { ...GOOD, zip: [['array.rows', 'array.cols']] }, ['zip[0]', 'array.cols is not an axis']],
    ['zipped axes of different lengths', { ...GOOD, axes: { 'array.rows': [2, 4], 'array.cols': [2] }, zip: [['array.rows', 'array.cols']] }, ['zip[0]', 'the same number of values']],
    ['an axis zipped twice', { ...GOOD, axes: { 'array.rows': [2], 'array.cols': [2], dataflow: ['os'] }, zip: [['array.rows', 'array.cols'], ['array.rows', 'dataflow']] }, ['zip[1]', 'zipped twice']],
    ['a where with an unknown name', { ...GOOD, where: 'array.depth > 2' }, ['where', 'unknown name array.depth']],
    ['a where that does not parse', { ...GOOD, where: 'array.rows >' }, ['where', 'ends too early']],
    ['a where that keeps no point', { ...GOOD, where: 'array.rows > 100' }, ['where', 'leaves no point']],
    ['an unknown timing', { ...GOOD, timing: 'fast' }, ['timing', 'native|scalesim']],
  ])('%s', async (_, content, expected) => {
    const line = await expectBad(content);
    for (const e of expected) expect(line).toContain(e);
  });

  it('invalid YAML', async () => {
    expect(await expectBad('arch: [unclosed\n', '.yaml')).toContain('invalid YAML');
  });

  it('a sweep file of another type', async () => {
    expect(await expectBad('x', '.txt')).toContain("unsupported sweep file type '.txt'");
  });

  it('a sweep file that does not exist', async () => {
    const out = path.join(tmp, 'never');
    const { code, stderr } = await runCli(['sweep', path.join(tmp, 'missing.yaml'), '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^systole: .*missing\.yaml: file not found; check the path\n$/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it.each([['0'], ['two'], ['1.5']])('--jobs %s', async (jobs) => {
    expect(await expectBad(GOOD, '.json', ['--jobs', jobs])).toContain('--jobs');
  });

  it('--out that is a file', async () => {
    const file = path.join(tmp, 's-out.json');
    fs.writeFileSync(file, JSON.stringify(GOOD));
    const out = path.join(tmp, 'a-file');
    fs.writeFileSync(out, 'x');
    const { code, stderr } = await runCli(['sweep', file, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^systole: --out .*a-file: exists and is not a directory; .*\n$/);
    expect(fs.readFileSync(out, 'utf8')).toBe('x');
  });

  it('a journal line that is not a row', async () => {
    const file = path.join(tmp, 's-journal.json');
    fs.writeFileSync(file, JSON.stringify(GOOD));
    const out = path.join(tmp, 'bad-journal');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'results.jsonl'), 'not json\n');
    const { code, stderr } = await runCli(['sweep', file, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^systole: .*results\.jsonl line 1: is not a JSON row of a sweep; .*\n$/);
    expect(fs.readdirSync(out)).toEqual(['results.jsonl']);
  });
});
