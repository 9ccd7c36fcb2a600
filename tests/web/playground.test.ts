// The playground in a real browser: `systole serve --port 0` started by the test on 127.0.0.1, Debian's Chromium
// through playwright-core. Runs MobileNetV1 on the 64×64 preset in the page's Web Worker and checks the totals and the
// SCALE-Sim CSVs and the trace it offers against the CLI's (run --out, --trace), every chart drawn (bars counted from ECharts' rendered elements), the
// progress bar full, no console error; then a pasted SCALE-Sim .cfg + topology CSV, and a bad paste (one line, no
// console error). Screenshot: test-artifacts/playground.png.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import type { AttentionReport } from '../../host/attention/report.ts';
import type { Report } from '../../host/report/types.ts';
import { CLI, runCli } from '../cli/run-cli.ts';
import { collectErrors, launchChromium, renderedCharts, screenshot, type Browser } from '../helpers/browser.ts';
import { expectedCharts } from './expected-bars.ts';

const SCALESIM = new URL('../fixtures/scalesim/', import.meta.url);
let server: ChildProcess;
let url: string;
let browser: Browser;
let dir: string;

/** Starts `systole serve --port 0` and resolves with the address it prints. */
function serve(): Promise<string> {
  server = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`systole serve exited with ${code}: ${out}`)));
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-playground-'));
  [url, browser] = await Promise.all([serve(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens the playground and waits for the worker to have loaded the core. */
async function openPlayground(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(url);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
  return { page, errors };
}

async function runInPage(page: Page): Promise<string> {
  await page.click('#run');
  await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 180_000 });
  return (await page.getAttribute('body', 'data-state'))!;
}

/** The text behind a download link of the page (a blob: URL made by the page). */
const download = (page: Page, name: string): Promise<string> =>
  page.evaluate(async (n) => {
    const a = Array.from(document.querySelectorAll<HTMLAnchorElement>("#downloads a")).find((x) => x.download === n);
    return a ? (await fetch(a.href)).text() : `no download named ${n}`;
  }, name);

describe('systole serve: the playground in Chromium', () => {
  it("runs MobileNetV1 on array-64 in the page's worker: the CLI's cycles and CSVs, every chart drawn", async () => {
    const cli = runCli(['run', '--json', '--out', path.join(dir, 'cli'), '--trace', path.join(dir, 'trace.json')], dir);
    const { page, errors } = await openPlayground();
    await page.check('#trace');
    expect(await page.inputValue('#arch-preset')).toBe('array-64');
    expect(await page.inputValue('#workload-preset')).toBe('mobilenet_v1');
    const archs = await page.locator('#arch-preset option').allTextContents();
    expect(archs).toContain('scalesim-default');
    expect(archs).not.toContain('fusemax-cloud'); // attention archs are under the attention machine
    expect(await runInPage(page)).toBe('done');
    const { code, stdout, stderr } = await cli;
    expect(code, stderr).toBe(0);
    const expected = JSON.parse(stdout) as Report;
    const report = (await page.evaluate(() => (window as unknown as { systole: { report: Report } }).systole.report)) as Report;
    expect(report.totals.cycles).toBe(expected.totals.cycles);
    expect(report.layers.map((l) => l.cycles.total)).toEqual(expected.layers.map((l) => l.cycles.total));
    expect((await page.textContent('dd[data-total="total cycles"]'))!.replace(/,/g, '')).toBe(String(expected.totals.cycles));
    expect(await page.evaluate(() => (document.getElementById('progress') as HTMLProgressElement).value)).toBe(1);
    for (const csv of ['COMPUTE_REPORT.csv', 'DETAILED_ACCESS_REPORT.csv', 'BANDWIDTH_REPORT.csv']) {
      expect(await download(page, csv), csv).toBe(fs.readFileSync(path.join(dir, 'cli', csv), 'utf8'));
    }
    expect(JSON.parse(await download(page, 'report.json')).totals).toEqual(expected.totals);
    expect(JSON.parse(await download(page, 'trace.json'))).toEqual(JSON.parse(fs.readFileSync(path.join(dir, 'trace.json'), 'utf8')));
    expect(await download(page, 'report.html')).toContain('<script type="application/json" id="systole-report">');
    const rendered = await renderedCharts(page);
    for (const [id, want] of Object.entries(expectedCharts(expected))) {
      expect(rendered[id]?.bars, id).toBe(want.bars);
      expect(rendered[id]?.points, id).toBe(want.points);
    }
    expect(errors).toEqual([]);
    expect(await page.textContent('#status')).not.toMatch(/snn block/); // MobileNetV1 has none: no note
    await screenshot(page, 'playground');
    await page.close();
  });

  it("applies run's --array, --sram-kib and --bandwidth overrides as the CLI does, and shows a bad one's one-line error", async () => {
    const flags = ['--array', '32x32', '--sram-kib', '16', '--bandwidth', '4'];
    // --no-snn: example has an snn block, which the CLI runs spiking by default; the playground runs workloads dense
    const cli = await runCli(['run', '--json', '--workload', 'example', '--no-snn', ...flags], dir);
    expect(cli.code, cli.stderr).toBe(0);
    const expected = JSON.parse(cli.stdout) as Report;
    const { page, errors } = await openPlayground();
    await page.selectOption('#workload-preset', 'example');
    await page.fill('#array', '32x32');
    await page.fill('#sramKib', '16');
    await page.fill('#bandwidth', '4');
    expect(await runInPage(page)).toBe('done');
    const report = (await page.evaluate(() => (window as unknown as { systole: { report: Report } }).systole.report)) as Report;
    expect(report.arch.array).toEqual({ rows: 32, cols: 32 });
    expect(report.arch).toEqual(expected.arch);
    expect(report.layers.map((l) => l.cycles.total)).toEqual(expected.layers.map((l) => l.cycles.total));
    expect(report.totals).toEqual(expected.totals);
    // The page says it ran the spiking workload dense (it would otherwise differ from `systole run` silently).
    expect(await page.textContent('#status')).toMatch(/this workload has an snn block: the playground ran it dense, as 'systole run --no-snn' does/);
    await screenshot(page, 'playground-overrides');

    await page.fill('#array', '32y32');
    expect(await runInPage(page)).toBe('error');
    const bad = await runCli(['run', '--workload', 'example', '--no-snn', '--array', '32y32'], dir);
    expect(await page.textContent('#status')).toBe(bad.stderr.trim().replace(/^systole: /, ''));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs the attention machine in the page's worker: the CLI's report and trace, its charts drawn as in attention --html", async () => {
    const flags = ['--arch', 'fusemax-cloud', '--model', 'bert', '--seq', '512'];
    const cli = await runCli(['attention', ...flags, '--json', '--trace', path.join(dir, 'attn-trace.json'), '--html', path.join(dir, 'attn.html')], dir);
    expect(cli.code, cli.stderr).toBe(0);
    const expected = JSON.parse(cli.stdout) as AttentionReport;
    // the charts of the CLI's HTML report, drawn in the same browser
    const file = await browser.context.newPage();
    await file.goto(pathToFileURL(path.join(dir, 'attn.html')).href);
    await file.waitForFunction(() => (window as unknown as { systole?: unknown }).systole !== undefined);
    const cliCharts = await renderedCharts(file);
    await file.close();

    const { page, errors } = await openPlayground();
    await page.check('input[name="machine"][value="attention"]');
    expect(await page.isVisible('#arch-preset')).toBe(false);
    expect(await page.locator('#attn-arch option').allTextContents()).toEqual(expect.arrayContaining(['fusemax-cloud', 'fusemax-edge']));
    expect(await page.locator('#attn-arch option').allTextContents()).not.toContain('array-64');
    await page.selectOption('#attn-arch', 'fusemax-cloud');
    await page.selectOption('#attn-model', 'bert');
    expect(await page.inputValue('#attn-cascade')).toBe('fusemax');
    await page.fill('#attn-seq', '512');
    await page.check('#trace');
    expect(await runInPage(page)).toBe('done');
    const report = (await page.evaluate(() => (window as unknown as { systole: { report: AttentionReport } }).systole.report)) as AttentionReport;
    expect(report.cycles.total).toBe(expected.cycles.total);
    expect(report).toEqual(expected);
    expect((await page.textContent('dd[data-total="total cycles"]'))!.replace(/,/g, '')).toBe(String(expected.cycles.total));
    expect(await download(page, 'report.json')).toBe(cli.stdout); // what attention --json prints
    expect(JSON.parse(await download(page, 'trace.json'))).toEqual(JSON.parse(fs.readFileSync(path.join(dir, 'attn-trace.json'), 'utf8')));
    expect(await download(page, 'report.html')).toContain('<script type="application/json" id="systole-report">');
    const rendered = await renderedCharts(page);
    expect(Object.keys(rendered).sort()).toEqual(['einsums', 'energy']);
    expect(rendered.einsums.bars).toBe(expected.einsums.length); // each Einsum on its one array
    expect(rendered).toEqual(cliCharts);
    await screenshot(page, 'playground-attention');

    await page.fill('#attn-seq', 'many');
    expect(await runInPage(page)).toBe('error');
    const bad = await runCli(['attention', '--arch', 'fusemax-cloud', '--model', 'bert', '--seq', 'many'], dir);
    expect(await page.textContent('#status')).toBe(bad.stderr.trim().replace(/^systole: /, ''));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs a pasted SCALE-Sim .cfg and topology CSV as the CLI does, and shows a bad paste's one-line error", async () => {
    const cfg = new URL('scale.cfg', SCALESIM);
    const csv = new URL('test.csv', SCALESIM);
    const cli = await runCli(['run', '--json', '--timing', 'scalesim', '--arch', cfg.pathname, '--workload', csv.pathname], dir);
    expect(cli.code, cli.stderr).toBe(0);
    const expected = JSON.parse(cli.stdout) as Report;
    const { page, errors } = await openPlayground();
    await page.check('input[name="arch-from"][value="paste"]');
    await page.selectOption('#arch-format', 'scale.cfg');
    await page.fill('#arch-text', fs.readFileSync(cfg, 'utf8'));
    await page.check('input[name="workload-from"][value="paste"]');
    await page.selectOption('#workload-format', 'topology.csv');
    await page.fill('#workload-text', fs.readFileSync(csv, 'utf8'));
    await page.selectOption('#timing', 'scalesim');
    expect(await runInPage(page)).toBe('done');
    const report = (await page.evaluate(() => (window as unknown as { systole: { report: Report } }).systole.report)) as Report;
    expect(report.layers.map((l) => l.cycles.total)).toEqual(expected.layers.map((l) => l.cycles.total));
    expect(report.totals).toEqual(expected.totals);

    await page.fill('#workload-text', 'name,H,W,R_f,S_f,C,N,stride,\nconv1,4,4,9,9,3,8,1,\n');
    expect(await runInPage(page)).toBe('error');
    const message = (await page.textContent('#status'))!;
    expect(message).toMatch(/^pasted\/workload\/topology\.csv row 2\b/);
    expect(message).not.toContain('\n');
    expect(errors).toEqual([]);
    await page.close();
  });
});
