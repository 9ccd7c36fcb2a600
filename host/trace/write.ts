// --trace FILE: the trace as JSON, written all or nothing through the shared --out writer (report/out.ts).
import { assertOutFile, writeOutFile } from '../report/out.ts';
import type { ChromeTrace } from './chrome.ts';

/** Contract: throws InputError unless `file` can receive a trace; touches nothing (call before the run). */
export const assertTraceWritable = (file: string): void => assertOutFile(file, '--trace');

/** Contract: writes the trace to `file` (one JSON.stringify of the whole document: the fastest way V8 has). */
export function writeTrace(trace: ChromeTrace, file: string): Promise<void> {
  return writeOutFile(file, JSON.stringify(trace), '--trace');
}
