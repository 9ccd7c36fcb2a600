// `systole schedule --out DIR`: the report, the graph and every schedule, written all-or-nothing (into a fresh
// temporary directory that is then renamed onto DIR). DIR must be absent, empty, or a previous schedule output.
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.ts';
import type { ScheduleReport } from './compare.ts';
import type { Graph, Schedule } from '../types.ts';

const MARKER = 'schedule-report.json';

/** Fail early (before any work) when DIR cannot be written. */
export function assertScheduleDirWritable(dir: string): void {
  if (!fs.existsSync(dir)) {
    const parent = path.dirname(path.resolve(dir));
    if (!fs.existsSync(parent)) throw new InputError(`--out ${dir}`, `the parent folder ${parent} does not exist`, 'create it first');
    return;
  }
  if (!fs.statSync(dir).isDirectory()) throw new InputError(`--out ${dir}`, 'is a file', 'give a folder');
  const entries = fs.readdirSync(dir);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new InputError(`--out ${dir}`, 'folder is not empty and holds no previous schedule output', 'give a new or empty folder');
  }
}

/** Write schedule-report.json, graph.json and <method>.schedule.json to DIR. */
export function writeScheduleDir(dir: string, report: ScheduleReport, graph: Graph, schedules: Schedule[]): void {
  assertScheduleDirWritable(dir);
  const target = path.resolve(dir);
  const tmp = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}-`));
  try {
    const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;
    fs.writeFileSync(path.join(tmp, MARKER), json(report));
    fs.writeFileSync(path.join(tmp, 'graph.json'), json(graph));
    for (const s of schedules) fs.writeFileSync(path.join(tmp, `${s.method}.schedule.json`), json(s));
    if (fs.existsSync(target)) fs.rmSync(target, { recursive: true });
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
