// Headless Chromium for the browser tests: Debian's /usr/bin/chromium (never a downloaded browser), driven by
// playwright-core, with the flags the project's standards list and a fresh profile folder per launch. Screenshots go
// to test-artifacts/ (gitignored).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Contract: a headless Chromium with a fresh --user-data-dir (removed again by close()). */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects a page's console errors and uncaught exceptions (the page's and its workers'). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m: ConsoleMessage) => (m.type() === 'error' ? errors.push(`worker: ${m.text()}`) : undefined)));
  return errors;
}

/** Contract: a full-page screenshot saved as test-artifacts/NAME.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Per chart id: bars drawn (bar-series items with a rendered graphic element), scatter points drawn, SVG elements. */
export interface RenderedChart {
  bars: number;
  points: number;
  svgPaths: number;
  width: number;
  height: number;
}

/** Contract: what every chart of window.systole rendered, read from ECharts' instances and their SVG. */
export function renderedCharts(page: Page): Promise<Record<string, RenderedChart>> {
  return page.evaluate(() => {
    type Item = { count(): number; getItemGraphicEl(i: number): unknown };
    type SeriesModel = { subType: string; getData(): Item };
    type Instance = { getModel(): { eachSeries(f: (s: SeriesModel) => void): void }; getDom(): HTMLElement };
    const out: Record<string, { bars: number; points: number; svgPaths: number; width: number; height: number }> = {};
    const charts = (window as unknown as { systole: { charts: Record<string, Instance> } }).systole.charts;
    for (const [id, chart] of Object.entries(charts)) {
      let bars = 0;
      let points = 0;
      chart.getModel().eachSeries((s) => {
        const data = s.getData();
        for (let i = 0; i < data.count(); i++) {
          if (!data.getItemGraphicEl(i)) continue;
          if (s.subType === 'bar') bars++;
          if (s.subType === 'scatter') points++;
        }
      });
      const svg = chart.getDom().querySelector('svg');
      const box = svg?.getBoundingClientRect();
      out[id] = { bars, points, svgPaths: svg?.querySelectorAll('path').length ?? 0, width: box?.width ?? 0, height: box?.height ?? 0 };
    }
    return out;
  });
}
