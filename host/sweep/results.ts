// A sweep's output directory, safe against being killed at any instant:
//   results.jsonl  the journal: one line per finished point, appended with a single write (and fdatasync) when the
//                  point finishes; a line cut short by a kill is dropped (truncated) when the sweep is rerun.
//   results.csv    the table in point order with the Pareto marks, rewritten whole (temp file + rename) when the
//                  sweep starts over an existing journal and when it ends; never half-written.
//   reports/KEY.json  each point's full report when asked for (temp file + rename, before its journal line).
import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import type { Report } from '../report/types.ts';
import type { PointRow } from './evaluate.ts';
import { paretoFront } from './pareto.ts';
import type { SweepPoint } from './points.ts';

export const JOURNAL = 'results.jsonl';
export const TABLE = 'results.csv';

/** Write `text` to `file` atomically: a temp file in the same folder, then rename over it. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** The rows of an existing journal by key (a trailing partial line is cut off the file); empty if there is none. */
export function readJournal(dir: string): Map<string, PointRow> {
  const file = join(dir, JOURNAL);
  const rows = new Map<string, PointRow>();
  if (!existsSync(file)) return rows;
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, end))); // a row cut short by a kill
  text.slice(0, end).split('\n').forEach((line, i) => {
    if (line === '') return;
    let row: PointRow;
    try {
      row = JSON.parse(line) as PointRow;
    } catch {
      throw new InputError(`${file} line ${i + 1}`, 'is not a JSON row of a sweep', 'remove the line, or give --out a fresh directory');
    }
    if (typeof row.key !== 'string') throw new InputError(`${file} line ${i + 1}`, 'has no key', 'remove the line, or give --out a fresh directory');
    rows.set(row.key, row);
  });
  return rows;
}

/** Appends finished points to the journal of `dir`, one whole line per write. */
export class Journal {
  private readonly fd: number;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(join(dir, JOURNAL), 'a');
  }

  /** Contract: when this returns, the row (and its report, if given) is on disk; a kill before leaves no trace of it. */
  append(row: PointRow, report?: Report): void {
    if (report !== undefined) {
      mkdirSync(join(this.dir, 'reports'), { recursive: true });
      writeAtomic(join(this.dir, 'reports', `${row.key}.json`), `${JSON.stringify(report, null, 2)}\n`);
    }
    writeSync(this.fd, `${JSON.stringify(row)}\n`);
    fdatasyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

const FIGURES = ['cycles', 'stall', 'utilization', 'energyPJ', 'dramBytes', 'pes', 'sramBytes'] as const;

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of the sweep's points that have finished, in point order, with each Pareto front's marks. */
export function markedRows(points: readonly SweepPoint[], done: ReadonlyMap<string, PointRow>): (PointRow & { paretoEnergy: boolean; paretoArea: boolean })[] {
  const rows = points.flatMap((p) => {
    const r = done.get(p.key);
    return r === undefined ? [] : [{ ...r, workload: p.workload.name, params: p.params }];
  });
  const ok = rows.filter((r) => r.status === 'ok');
  const n = (v: number | null | undefined) => v ?? Number.NaN;
  const energy = paretoFront(ok, (r) => r.workload, [(r) => n(r.cycles), (r) => n(r.energyPJ)]);
  const area = paretoFront(ok, (r) => r.workload, [(r) => n(r.cycles), (r) => n(r.pes), (r) => n(r.sramBytes)]);
  const marks = new Map(ok.map((r, i) => [r, { paretoEnergy: energy.has(i), paretoArea: area.has(i) }]));
  return rows.map((r) => ({ ...r, ...(marks.get(r) ?? { paretoEnergy: false, paretoArea: false }) }));
}

/** results.csv: the comparable fields first, the wall-clock `host.wallMs` last. */
export function renderCsv(axes: readonly string[], rows: ReturnType<typeof markedRows>): string {
  const header = ['key', 'workload', ...axes, 'status', ...FIGURES, 'paretoEnergy', 'paretoArea', 'error', 'host.wallMs'];
  const lines = rows.map((r) =>
    [r.key, r.workload, ...axes.map((a) => r.params[a]), r.status, ...FIGURES.map((f) => r[f]), r.paretoEnergy ? 1 : 0, r.paretoArea ? 1 : 0, r.error, r.host.wallMs]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

/** Rewrite results.csv of `dir` from the finished points. */
export function writeTable(dir: string, axes: readonly string[], rows: ReturnType<typeof markedRows>): void {
  writeAtomic(join(dir, TABLE), renderCsv(axes, rows));
}

/** Refuses an --out path that exists and is not a directory, before any work. */
export function assertOutDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new InputError(`--out ${dir}`, 'exists and is not a directory', 'give a directory (new, or the one of an earlier run of this sweep)');
  }
}
