import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../host/errors.ts';
import type { LayerReport, Report } from '../../host/report/types.ts';
import { writeReportDir } from '../../host/report/write.ts';
import { GEMM_LAYER, makeReport } from './fixture.ts';

const FILES = ['BANDWIDTH_REPORT.csv', 'COMPUTE_REPORT.csv', 'DETAILED_ACCESS_REPORT.csv', 'report.json'];

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-write-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** A report whose report.json renders but whose CSVs throw: the failure comes after the first file is written. */
function brokenReport(): Report {
  const report = makeReport([GEMM_LAYER]);
  report.layers[0] = { ...GEMM_LAYER, cycles: undefined } as unknown as LayerReport;
  expect(() => JSON.stringify(report)).not.toThrow();
  return report;
}

describe('writeReportDir', () => {
  it('writes the four files; report.json round-trips', async () => {
    const dir = path.join(root, 'out');
    await writeReportDir(makeReport(), dir);
    expect(fs.readdirSync(dir).sort()).toEqual(FILES);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'))).toEqual(makeReport());
    expect(fs.readFileSync(path.join(dir, 'COMPUTE_REPORT.csv'), 'utf8')).toMatch(/^LayerID, Total Cycles,/);
  });

  it('creates missing parent directories', async () => {
    const dir = path.join(root, 'a', 'b', 'out');
    await writeReportDir(makeReport(), dir);
    expect(fs.readdirSync(dir).sort()).toEqual(FILES);
  });

  it('leaves nothing behind when rendering fails half-way', async () => {
    const dir = path.join(root, 'a', 'out');
    const report = brokenReport();
    await expect(writeReportDir(report, dir)).rejects.toThrow(TypeError);
    expect(fs.readdirSync(root)).toEqual([]); // no target, no temp dir, no created parent
  });

  it('keeps a previous report intact when rendering the new one fails', async () => {
    const dir = path.join(root, 'out');
    await writeReportDir(makeReport(), dir);
    const before = fs.readFileSync(path.join(dir, 'report.json'), 'utf8');
    const report = brokenReport();
    await expect(writeReportDir(report, dir)).rejects.toThrow(TypeError);
    expect(fs.readdirSync(root)).toEqual(['out']);
    expect(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe(before);
  });

  it('replaces a previous Systole report directory and an empty directory', async () => {
    const dir = path.join(root, 'out');
    await writeReportDir(makeReport(), dir);
    await writeReportDir(makeReport([GEMM_LAYER]), dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).layers).toHaveLength(1);
    expect(fs.readdirSync(root)).toEqual(['out']);
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty);
    await writeReportDir(makeReport(), empty);
    expect(fs.readdirSync(empty).sort()).toEqual(FILES);
  });

  it('refuses a non-empty directory that is not a Systole report, touching nothing', async () => {
    const dir = path.join(root, 'mine');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'thesis.tex'), 'precious');
    await expect(writeReportDir(makeReport(), dir)).rejects.toThrow(InputError);
    await expect(writeReportDir(makeReport(), dir)).rejects.toThrow(/--out .*mine: .*not a Systole report directory/);
    expect(fs.readdirSync(dir)).toEqual(['thesis.tex']);
    expect(fs.readdirSync(root)).toEqual(['mine']);
  });

  it('refuses a directory whose report.json is not a Systole report', async () => {
    const dir = path.join(root, 'other');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'report.json'), '{"schema":"someone-else/1"}');
    await expect(writeReportDir(makeReport(), dir)).rejects.toThrow(InputError);
  });

  it('refuses a path that is a file', async () => {
    const file = path.join(root, 'file.txt');
    fs.writeFileSync(file, 'x');
    await expect(writeReportDir(makeReport(), file)).rejects.toThrow(/not a directory/);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });
});
