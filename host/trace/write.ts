// --trace FILE: the trace as JSON, streamed event by event into the shared --out writer (report/out.ts), all or
// nothing.
import { assertOutFile, writeOutFile } from '../report/out.ts';
import { type TraceBuild, streamTrace } from './chrome.ts';

/** Contract: throws InputError unless `file` can receive a trace; touches nothing (call before the run). */
export const assertTraceWritable = (file: string): void => assertOutFile(file, '--trace');

/** Contract: writes the trace `build` emits to `file`, each event's JSON as it comes (no document in memory). */
export function writeTrace(build: TraceBuild, file: string): Promise<void> {
  return writeOutFile(file, (write) => streamTrace(build, write), '--trace');
}
