// `systole schedule --out DIR`: the report, the graph and every schedule, written all or nothing by the shared --out
// writer (host/report/out.ts: umask permissions, parents created, cleaned up on signals and errors, OS errors as one
// line). DIR must be absent, empty, or a previous schedule output (only its files), which is replaced whole.
import { assertOutFolder, type OutFolderKind, writeOutFolder } from '../../report/out.ts';
import type { ScheduleReport } from './compare.ts';
import type { Graph, Schedule } from '../types.ts';

const MARKER = 'schedule-report.json';

/** A previous schedule output: the marker, graph.json and <method>.schedule.json files, nothing else. */
const SCHEDULE_DIR: OutFolderKind = {
  what: 'a previous schedule output',
  owns: (_dir, entries) => entries.includes(MARKER) && entries.every((e) => e === MARKER || e === 'graph.json' || e.endsWith('.schedule.json')),
};

/** Fail early (before any work) when DIR cannot be written. */
export const assertScheduleDirWritable = (dir: string): void => assertOutFolder(dir, SCHEDULE_DIR);

/** Write schedule-report.json, graph.json and <method>.schedule.json to DIR. */
export function writeScheduleDir(dir: string, report: ScheduleReport, graph: Graph, schedules: Schedule[]): Promise<void> {
  const json = (x: unknown) => () => `${JSON.stringify(x, null, 2)}\n`;
  const files: Record<string, () => string> = { [MARKER]: json(report), 'graph.json': json(graph) };
  for (const s of schedules) files[`${s.method}.schedule.json`] = json(s);
  return writeOutFolder(dir, files, SCHEDULE_DIR);
}
