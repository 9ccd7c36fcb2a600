// `--out DIR`: the report directory (report.json + SCALE-Sim-compatible CSVs), written all-or-nothing.
// Files are rendered into a fresh temp directory next to DIR, which is then renamed onto DIR; on any failure the
// temp directory is removed and DIR is left as it was (absent, or the previous Systole report).
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { computeReportCsv, detailedAccessReportCsv, bandwidthReportCsv } from './scalesim-csv.ts';
import type { Report } from './types.ts';

/** The files of a report directory and how each is rendered, in writing order. */
export const REPORT_FILES: Record<string, (report: Report) => string> = {
  'report.json': (report) => `${JSON.stringify(report, null, 2)}\n`,
  'COMPUTE_REPORT.csv': computeReportCsv,
  'DETAILED_ACCESS_REPORT.csv': detailedAccessReportCsv,
  'BANDWIDTH_REPORT.csv': bandwidthReportCsv,
};

const WHERE = (dir: string): string => `--out ${dir}`;

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

/**
 * Throws InputError unless `dir` may receive a report: absent, an empty directory, or a previous Systole report
 * directory (only Systole's files, with a Systole report.json), which is replaced whole.
 */
export function assertReportDirWritable(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return; // absent: created on write
  }
  if (!stat.isDirectory()) {
    throw new InputError(WHERE(dir), 'exists and is not a directory', 'choose a new directory name for --out');
  }
  const entries = fs.readdirSync(dir);
  if (entries.length === 0) return;
  const foreign = entries.filter((e) => !Object.hasOwn(REPORT_FILES, e));
  if (foreign.length > 0 || !isSystoleReport(path.join(dir, 'report.json'))) {
    const example = foreign[0] ?? entries[0];
    throw new InputError(
      WHERE(dir),
      `directory is not empty and is not a Systole report directory (it holds ${JSON.stringify(example)})`,
      'choose a new or empty directory for --out',
    );
  }
}

/** Writes report.json, COMPUTE_REPORT.csv and DETAILED_ACCESS_REPORT.csv into `dir` atomically (all or nothing). */
export function writeReportDir(report: Report, dir: string): void {
  const target = path.resolve(dir);
  assertReportDirWritable(target);
  const parent = path.dirname(target);
  const createdParent = makeParent(parent, dir);
  const base = path.basename(target);
  let tmp: string | null = null;
  try {
    tmp = fs.mkdtempSync(path.join(parent, `.${base}.tmp-`));
    for (const [name, render] of Object.entries(REPORT_FILES)) {
      fs.writeFileSync(path.join(tmp, name), render(report));
    }
    replaceDir(tmp, target);
    tmp = null;
  } catch (e) {
    if (tmp !== null) fs.rmSync(tmp, { recursive: true, force: true });
    if (createdParent !== undefined) fs.rmSync(createdParent, { recursive: true, force: true });
    throw e;
  }
}

/** Creates `parent` (and its missing ancestors); returns the first directory created, if any. */
function makeParent(parent: string, dir: string): string | undefined {
  try {
    return fs.mkdirSync(parent, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError(WHERE(dir), `cannot create its parent directory ${parent} (${code})`, 'choose a writable path for --out');
  }
}

/** Renames `from` onto `to`; an existing `to` is moved aside first and restored if the rename fails. */
function replaceDir(from: string, to: string): void {
  if (!fs.existsSync(to)) {
    fs.renameSync(from, to);
    return;
  }
  const aside = `${from}.old`;
  fs.renameSync(to, aside);
  try {
    fs.renameSync(from, to);
  } catch (e) {
    fs.renameSync(aside, to);
    throw e;
  }
  fs.rmSync(aside, { recursive: true, force: true });
}
