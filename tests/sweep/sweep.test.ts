// The library API sweep(): each row is the simulate() of its point, --jobs 1 and 2 agree, bad points are recorded,
// a rerun into the same directory skips what is done, and one event is emitted per point.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkload, parseArch, simulate } from '../../host/index.ts';
import { createSweepEmitter, sweep } from '../../host/sweep/index.ts';
import type { PointRow } from '../../host/sweep/evaluate.ts';

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-sweep-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SPEC = {
  arch: 'tiny-arch.yaml',
  workloads: ['tiny.csv'],
  axes: { 'array.rows': [2, 4, 0], dataflow: ['os', 'ws'], 'dram.bandwidthWordsPerCycle': [1, 8] },
};
/** The same sweep as an object (files given by absolute path: an object has no folder of its own). */
const spec = () => ({ ...SPEC, arch: path.join(FIX, SPEC.arch), workloads: SPEC.workloads.map((w) => path.join(FIX, w)) });
const file = path.join(FIX, 'lib.yaml');
fs.writeFileSync(file, JSON.stringify(SPEC)); // JSON is YAML
afterAll(() => fs.rmSync(file, { force: true }));

/** A row without its wall-clock time: everything that must be a function of the input. */
const comparable = ({ host: _, ...rest }: PointRow) => rest;

describe('sweep()', () => {
  it('each ok row carries the figures of simulate() on an arch written out by hand', async () => {
    const { rows } = await sweep(file, { jobs: 1 });
    const row = rows.find((r) => r.params['array.rows'] === 2 && r.params.dataflow === 'ws' && r.params['dram.bandwidthWordsPerCycle'] === 1)!;
    const arch = parseArch({ name: 'tiny-4', array: { rows: 2, cols: 4 }, dataflow: 'ws', dram: { bandwidthWordsPerCycle: 1 } }, 'hand');
    const report = await simulate(arch, loadWorkload(path.join(FIX, 'tiny.csv')), { timing: 'native' });
    const d = report.totals.dram!;
    expect(row).toMatchObject({
      status: 'ok',
      cycles: report.totals.cycles,
      energyPJ: report.totals.energy.total,
      utilization: report.totals.utilization,
      dramBytes: d.ifmapReads + d.filterReads + d.ofmapWrites + d.ofmapReads, // int8: one byte a word
      pes: 8,
      sramBytes: 3 * 64 * 1024, // three default 64 KiB scratchpads
    });
    expect(row.stall).toBe(report.layers[0].cycles.stall + report.layers[1].cycles.stall);
  });

  it('records a refused point with its one-line error and runs the others', async () => {
    const { rows, failed } = await sweep(file, { jobs: 1 });
    expect(rows).toHaveLength(12);
    expect(failed).toBe(4); // array.rows 0 × 2 dataflows × 2 bandwidths
    const bad = rows.filter((r) => r.status === 'error');
    expect(bad.every((r) => r.params['array.rows'] === 0 && /array\.rows/.test(r.error!) && r.cycles === undefined)).toBe(true);
    expect(rows.filter((r) => r.status === 'ok')).toHaveLength(8);
  });

  it('--jobs 1 and --jobs 2 give identical rows and files (but for host.wallMs)', async () => {
    const [one, two] = [path.join(tmp, 'j1'), path.join(tmp, 'j2')];
    const a = await sweep(spec(), { jobs: 1, out: one });
    const b = await sweep(spec(), { jobs: 2, out: two });
    expect(b.rows.map(comparable)).toEqual(a.rows.map(comparable));
    const csv = (dir: string) => fs.readFileSync(path.join(dir, 'results.csv'), 'utf8').split('\n').map((l) => l.replace(/,[^,]*$/, ''));
    expect(csv(two)).toEqual(csv(one));
    const journal = (dir: string) => fs.readFileSync(path.join(dir, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => comparable(JSON.parse(l) as PointRow)).sort((x, y) => x.key.localeCompare(y.key));
    expect(journal(two)).toEqual(journal(one));
  });

  it('a rerun into the same directory runs nothing and keeps every point once', async () => {
    const out = path.join(tmp, 'again');
    const first = await sweep(spec(), { jobs: 2, out });
    const emitter = createSweepEmitter();
    const events: string[] = [];
    emitter.on('sweep:start', (e) => events.push(`start ${e.total} ${e.skipped}`));
    emitter.on('point:done', () => events.push('point'));
    const second = await sweep(spec(), { jobs: 2, out, emitter });
    expect(first.ran).toBe(12);
    expect(second.ran).toBe(0);
    expect(events).toEqual(['start 12 12']);
    expect(second.rows.map(comparable)).toEqual(first.rows.map(comparable));
    expect(fs.readFileSync(path.join(out, 'results.jsonl'), 'utf8').trim().split('\n')).toHaveLength(12);
  });

  it('emits one point:done per point, and writes reports on request', async () => {
    const out = path.join(tmp, 'reports');
    const emitter = createSweepEmitter();
    const done: number[] = [];
    emitter.on('point:done', (e) => done.push(e.done));
    const { rows } = await sweep(spec(), { jobs: 2, out, emitter, reports: true });
    expect(done).toEqual([...Array(12).keys()].map((i) => i + 1));
    const ok = rows.find((r) => r.status === 'ok')!;
    const report = JSON.parse(fs.readFileSync(path.join(out, 'reports', `${ok.key}.json`), 'utf8')) as { totals: { cycles: number } };
    expect(report.totals.cycles).toBe(ok.cycles);
  });
});
