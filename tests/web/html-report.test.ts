// The HTML report in a real browser (Debian's Chromium through playwright-core): `systole run --html` on MobileNetV1
// and the 64×64 preset, opened from file:// while offline. Checks: no request but the file itself, no console error,
// every chart drawn with one bar per layer and series (counted from ECharts' rendered elements against the CLI's
// JSON), the totals equal the CLI's, the table sorts; `validate --html` shows its errors. Screenshot:
// test-artifacts/html-report.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttentionReport } from '../../host/attention/report.ts';
import type { Report } from '../../host/report/types.ts';
import { launchChromium, collectErrors, renderedCharts, screenshot, type Browser } from '../helpers/browser.ts';
import { runCli } from '../cli/run-cli.ts';
import { expectedCharts } from './expected-bars.ts';

let dir: string;
let browser: Browser;
let report: Report;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-html-'));
  const [run] = await Promise.all([runCli(['run', '--json', '--html', path.join(dir, 'r.html')], dir), launchChromium().then((b) => (browser = b))]);
  expect(run.code, run.stderr).toBe(0);
  report = JSON.parse(run.stdout) as Report;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens a report file offline, records every request, waits for its charts. */
async function open(file: string) {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await browser.context.setOffline(true);
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => (window as unknown as { systole?: unknown }).systole !== undefined);
  return { page, errors, requests };
}

describe('systole run --html (MobileNetV1, array-64) in Chromium', () => {
  it('opens from file:// with no request beyond the file and no console error', async () => {
    const file = path.join(dir, 'r.html');
    const { page, errors, requests } = await open(file);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws every chart: one bar per layer and series, one roofline point per layer', async () => {
    const { page, errors } = await open(path.join(dir, 'r.html'));
    const rendered = await renderedCharts(page);
    const expected = expectedCharts(report);
    expect(Object.keys(rendered).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, want] of Object.entries(expected)) {
      expect(rendered[id].bars, id).toBe(want.bars);
      expect(rendered[id].points, id).toBe(want.points);
      expect(rendered[id].svgPaths, id).toBeGreaterThan(want.bars + want.points);
      expect(rendered[id].width * rendered[id].height, id).toBeGreaterThan(0);
    }
    expect(expected.cycles.bars).toBeGreaterThan(28); // 28 layers, at least one stall cause
    expect(errors).toEqual([]);
    await screenshot(page, 'html-report');
    await page.close();
  });

  it("shows the CLI's totals and sorts the layer table by a column", async () => {
    const { page } = await open(path.join(dir, 'r.html'));
    const total = await page.textContent('dd[data-total="total cycles"]');
    expect(total!.replace(/,/g, '')).toBe(String(report.totals.cycles));
    const rows = await page.locator('#layer-table tbody tr').count();
    expect(rows).toBe(report.layers.length);
    const cyclesCol = await page.locator('#layer-table th', { hasText: /^cycles$/ }).getAttribute('data-col');
    const firstCycles = async () => Number(await page.locator(`#layer-table tbody tr:first-child td:nth-child(${Number(cyclesCol) + 1})`).getAttribute('data-v'));
    const byCycles = report.layers.map((l) => l.cycles.total);
    await page.click(`#layer-table th[data-col="${cyclesCol}"]`);
    expect(await firstCycles()).toBe(Math.min(...byCycles));
    await page.click(`#layer-table th[data-col="${cyclesCol}"]`);
    expect(await firstCycles()).toBe(Math.max(...byCycles));
    await page.close();
  });

  it('systole report REPORT.json --html writes the same page as run --html', async () => {
    fs.writeFileSync(path.join(dir, 'r.json'), JSON.stringify(report));
    const res = await runCli(['report', 'r.json', '--html', 'again.html'], dir);
    expect(res.code, res.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'again.html'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'r.html'), 'utf8'));
  });

  it('validate --html shows the validation errors per layer and metric', async () => {
    const res = await runCli(['validate', '--model', 'roofline', '--json', '--html', path.join(dir, 'v.html')], dir);
    expect([0, 1], res.stderr).toContain(res.code);
    const validated = JSON.parse(res.stdout) as Report;
    const { page, errors } = await open(path.join(dir, 'v.html'));
    const rendered = await renderedCharts(page);
    expect(rendered.validation.bars).toBe(expectedCharts(validated).validation.bars);
    expect(rendered.validation.bars).toBeGreaterThan(0);
    expect(await page.textContent('#validation-summary h2')).toContain('model roofline');
    expect(await page.locator('#validation-summary tbody tr').count()).toBe(Object.keys(validated.validation!.metrics).length);
    expect(errors).toEqual([]);
    await screenshot(page, 'html-report-validate');
    await page.close();
  });

  it('attention --html: one bar per Einsum and per energy component, the totals, offline, no console error', async () => {
    const res = await runCli(['attention', '--arch', 'fusemax-edge', '--model', 'bert', '--seq', '1024', '--json', '--html', 'a.html'], dir);
    expect(res.code, res.stderr).toBe(0);
    const attention = JSON.parse(res.stdout) as AttentionReport;
    const file = path.join(dir, 'a.html');
    const { page, errors, requests } = await open(file);
    expect(requests).toEqual([pathToFileURL(file).href]);
    const rendered = await renderedCharts(page);
    expect(Object.keys(rendered).sort()).toEqual(['einsums', 'energy']);
    expect(rendered.einsums.bars).toBe(attention.einsums.length); // each Einsum on its one array
    expect(rendered.energy.bars).toBe(3 + 5 + 2 + 2); // 2D mac/max/add, 1D mac/max/add/exp/divide, 2D and 1D registers, global buffer, DRAM
    expect((await page.textContent('dd[data-total="total cycles"]'))!.replace(/,/g, '')).toBe(String(attention.cycles.total));
    expect(await page.locator('#layer-table tbody tr').count()).toBe(attention.einsums.length);
    expect(errors).toEqual([]);
    await screenshot(page, 'html-report-attention');
    await page.close();
    fs.writeFileSync(path.join(dir, 'a.json'), res.stdout);
    const again = await runCli(['report', 'a.json', '--html', 'a2.html'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'a2.html'), 'utf8')).toBe(fs.readFileSync(file, 'utf8'));
  });
});
