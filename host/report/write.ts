// `--out DIR` of `run` and `validate`: report.json and the SCALE-Sim-compatible CSVs, written all or nothing by the
// shared --out writer (out.ts). DIR must be absent, empty, or a previous Systole report directory (only Systole's
// files, with a Systole report.json), which is replaced whole.
import fs from 'node:fs';
import path from 'node:path';
import { assertOutFolder, type OutFolderKind, writeOutFolder } from './out.ts';
import { REPORT_FILES } from './files.ts';
import type { Report } from './types.ts';

export { REPORT_FILES } from './files.ts';

/** True when `file` is a report.json written by Systole (any `systole.report/*` schema). */
function isSystoleReport(file: string): boolean {
  try {
    const doc: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const schema = (doc as { schema?: unknown } | null)?.schema;
    return typeof schema === 'string' && schema.startsWith('systole.report/');
  } catch {
    return false;
  }
}

/** A previous report directory: only Systole's report files, with a Systole report.json. */
export const REPORT_DIR: OutFolderKind = {
  what: 'a Systole report directory',
  owns: (dir, entries) => entries.every((e) => Object.hasOwn(REPORT_FILES, e)) && isSystoleReport(path.join(dir, 'report.json')),
};

/** Contract: throws InputError unless `dir` may receive a report; touches nothing. */
export const assertReportDirWritable = (dir: string): void => assertOutFolder(dir, REPORT_DIR);

/** Contract: writes the report's files into `dir`, all or nothing (see out.ts). */
export function writeReportDir(report: Report, dir: string): Promise<void> {
  const files = Object.fromEntries(Object.entries(REPORT_FILES).map(([name, render]) => [name, () => render(report)]));
  return writeOutFolder(dir, files, REPORT_DIR);
}
