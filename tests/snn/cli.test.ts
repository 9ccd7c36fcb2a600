// `systole run --snn`: the report's snn sections, --dump's tensors (read back as a run's weights), and bad input.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectBadCli } from '../helpers/bad-input.ts';
import { runCli } from '../cli/run-cli.ts';

const HERE = fileURLToPath(new URL('./fixtures/', import.meta.url));
const BASE = ['run', '--arch', join(HERE, 'arch-8.yaml'), '--workload', join(HERE, 'tiny-snn.yaml')];
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'snn-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('systole run --snn', () => {
  test('--json: every layer has an snn section; --dump writes its tensors, and they run back as weights', async () => {
    const dump = join(dir, 'dump');
    const r = await runCli([...BASE, '--snn', '--json', '--dump', dump]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('systole.report/1');
    expect(report.snn.spec.timesteps).toBe(3);
    for (const l of report.layers) {
      expect(l.snn.spikes.in).toHaveLength(3);
      expect(l.snn.qnn.activationBits).toBe(2);
      expect(l.snn.energy.total).toBeGreaterThan(0);
    }
    expect(readdirSync(dump).sort()).toEqual([
      'c1.input-spikes.json', 'c1.membrane.json', 'c1.output-spikes.json', 'c1.weights.json',
      'c2.input-spikes.json', 'c2.membrane.json', 'c2.output-spikes.json', 'c2.weights.json',
      'fc.input-spikes.json', 'fc.membrane.json', 'fc.output-spikes.json', 'fc.weights.json', 'manifest.json',
    ]);
    const t = (f: string) => JSON.parse(readFileSync(join(dump, f), 'utf8'));
    const out = t('c1.output-spikes.json');
    expect(out.layout).toBe('t,h,w,c');
    expect(out.shape).toEqual([3, 8, 8, 4]);
    // The dump's spike counts are the report's.
    for (let s = 0; s < 3; s++) expect(out.data.slice(s * 256, (s + 1) * 256).reduce((a: number, b: number) => a + b, 0)).toBe(report.layers[0].snn.spikes.out[s]);
    expect(t('c2.weights.json').shape).toEqual([6, 3, 3, 4]);
    expect(t('fc.weights.json').layout).toBe('n,k');

    // The dumped weights, given as the workload's weights folder with another seed's default weights replaced: the
    // same spikes as the run that wrote them (the input draw depends on the seed only).
    const wl = join(dir, 'from-dump.yaml');
    writeFileSync(wl, readFileSync(join(HERE, 'tiny-snn.yaml'), 'utf8').replace('snn:\n', `snn:\n  weights: ${dump}\n`));
    const again = await runCli(['run', '--arch', join(HERE, 'arch-8.yaml'), '--workload', wl, '--snn', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).layers.map((l: { snn: { spikes: unknown } }) => l.snn.spikes)).toEqual(report.layers.map((l: { snn: { spikes: unknown } }) => l.snn.spikes));
  });

  test("a workload's snn block alone runs spiking; --no-snn runs it dense", async () => {
    const own = await runCli([...BASE, '--json']);
    expect(own.code, own.stderr).toBe(0);
    const spiking = JSON.parse(own.stdout);
    expect(spiking.snn.spec.timesteps).toBe(3); // the block's, as with --snn
    expect(spiking.layers.every((l: { snn?: unknown }) => l.snn !== undefined)).toBe(true);
    const dense = await runCli([...BASE, '--no-snn', '--json']);
    expect(dense.code, dense.stderr).toBe(0);
    const report = JSON.parse(dense.stdout);
    expect(report.snn).toBeUndefined();
    expect(report.layers.some((l: { snn?: unknown }) => l.snn !== undefined)).toBe(false);
    // The dense run is the quantized baseline's run: the same cycles per layer.
    expect(report.layers.map((l: { cycles: { total: number } }) => l.cycles.total)).toEqual(spiking.layers.map((l: { cycles: { total: number } }) => l.cycles.total));
  });

  test('the table: the dense table, then the spiking one, within 120 columns', async () => {
    const r = await runCli([...BASE, '--snn', '--timesteps', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Spiking run: T = 2 steps/);
    expect(r.stdout).toMatch(/2-bit activations/); // ⌈log2(2 + 1)⌉
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
  });
});

describe('bad input: one line, exit 2', () => {
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const layers = 'layers:\n  - { name: c1, kind: conv, ifmap: { h: 4, w: 4, c: 1 }, kernel: 3, filters: 2 }\n';
  test.each([
    ['an unknown snn key', 'snn: { timestep: 4 }\n', /snn\.timestep.*unknown key/],
    ['a leak on an if neuron', 'snn: { neuron: if, leak: 0.5 }\n', /snn\.leak.*integrate-and-fire/],
    ['an override of no layer', 'snn: { layers: { c9: { threshold: 3 } } }\n', /snn\.layers\.c9.*no layer/],
    ['timesteps 0', 'snn: { timesteps: 0 }\n', /snn\.timesteps/],
    ['a missing weights folder', 'snn: { weights: nowhere }\n', /c1\.weights\.json.*no such file/],
  ])('%s', async (_what, snn, message) => {
    const line = await expectBadCli(['run', '--workload', write('bad.yaml', snn + layers), '--snn']);
    expect(line).toMatch(message);
  });
  test('--timesteps 0, --timing scalesim, --grouping packed, a residual network', async () => {
    expect(await expectBadCli([...BASE, '--snn', '--timesteps', '0'])).toMatch(/--timesteps/);
    expect(await expectBadCli([...BASE, '--snn', '--timing', 'scalesim'])).toMatch(/--timing/);
    expect(await expectBadCli([...BASE, '--snn', '--grouping', 'packed'])).toMatch(/--grouping/);
    expect(await expectBadCli(['run', '--workload', 'resnet50', '--snn'])).toMatch(/residual add/);
  });
  test('a spiking flag with --no-snn; a dense-only flag on a workload that runs spiking', async () => {
    expect(await expectBadCli([...BASE, '--no-snn', '--timesteps', '2'])).toMatch(/--timesteps.*--no-snn/);
    expect(await expectBadCli([...BASE, '--trace', join(dir, 't.json')])).toMatch(/--trace.*--no-snn/);
    expect(await expectBadCli([...BASE, '--values', 'off'])).toMatch(/--values.*--no-snn/);
  });
  test('a weights file of the wrong shape', async () => {
    const wdir = join(dir, 'w');
    rmSync(wdir, { recursive: true, force: true });
    const fs = await import('node:fs');
    fs.mkdirSync(wdir);
    writeFileSync(join(wdir, 'c1.weights.json'), JSON.stringify({ shape: [2, 3, 3, 2], layout: 'filters,r,s,c', data: new Array(36).fill(0) }));
    const line = await expectBadCli(['run', '--workload', write('w.yaml', `snn: { weights: ${wdir} }\n${layers}`), '--snn']);
    expect(line).toMatch(/c1\.weights\.json: shape.*\[2, 3, 3, 1\]/);
  });
});
