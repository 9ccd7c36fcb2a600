// `--html FILE` (run, validate, report): the report as one self-contained HTML file, written all or nothing by the
// shared --out writer. The page's script is the bundle web/build.mjs made (build/web/report-app.js: app.ts with
// Apache ECharts); it is read from this package, never fetched.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/wasm.ts';
import { assertOutFile, writeOutFile } from '../report/out.ts';
import { type AnyReport, htmlDocument } from './html.ts';

let appScript: string | null = null;

/** The bundled report script; an Error naming the fix when the web build has not run. */
export function reportAppScript(): string {
  if (appScript === null) {
    const file = join(packageRoot(), 'build', 'web', 'report-app.js');
    if (!existsSync(file)) throw new Error(`systole: ${file} is missing; run \`npm run build\` (npm ci does it)`);
    appScript = readFileSync(file, 'utf8');
  }
  return appScript;
}

/** Contract: the report as a self-contained HTML document. */
export const reportHtml = (report: AnyReport): string => htmlDocument(report, reportAppScript());

/** Contract: throws InputError unless `file` can receive the HTML report (call before any long work). */
export const assertHtmlWritable = (file: string): void => assertOutFile(file, '--html');

/** Contract: writes the HTML report to `file`, all or nothing. */
export const writeHtmlReport = (report: AnyReport, file: string): Promise<void> => writeOutFile(file, reportHtml(report), '--html');
