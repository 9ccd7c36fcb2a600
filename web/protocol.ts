// The messages between the playground page (main.ts) and its Web Worker (worker.ts).
import type { Report } from '../host/report/types.ts';
import type { ArchOverrideFlags } from '../host/spec/arch/overrides.ts';

/** Where a spec comes from: a preset by name, or a pasted file (its name's extension picks the reader). */
export type SpecSource = { preset: string } | { file: string; text: string };

export interface RunRequest {
  type: 'run';
  arch: SpecSource;
  workload: SpecSource;
  timing: 'native' | 'scalesim';
  /** undefined: the arch's dataflow. */
  dataflow?: 'os' | 'ws' | 'is';
  /** Record the core's timeline and return the Chrome trace as trace.json (what `run --trace` writes). */
  trace: boolean;
  /** run's --array, --sram-kib and --bandwidth, as typed (absent: not given). */
  overrides: ArchOverrideFlags;
}

export type WorkerMessage =
  | { type: 'ready'; archs: string[]; workloads: string[] }
  | { type: 'progress'; done: number; total: number; layer: string }
  | { type: 'done'; report: Report; files: Record<string, string> }
  | { type: 'error'; message: string; input: boolean };
