// The messages between the playground page (main.ts) and its Web Worker (worker.ts).
import type { AttentionReport } from '../host/attention/report.ts';
import type { Report } from '../host/report/types.ts';
import type { ArchOverrideFlags } from '../host/spec/arch/overrides.ts';

/** Where a spec comes from: a preset by name, or a pasted file (its name's extension picks the reader). */
export type SpecSource = { preset: string } | { file: string; text: string };

/** A systolic run: what `systole run` takes. */
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

/** An attention run: what `systole attention --arch A --model M --seq N --cascade C` takes (flags as typed). */
export interface AttentionRequest {
  type: 'attention';
  arch: string;
  model: string;
  seq: string;
  cascade: string;
  /** Return the Chrome trace as trace.json (what `attention --trace` writes). */
  trace: boolean;
}

export type WorkerRequest = RunRequest | AttentionRequest;

export type WorkerMessage =
  | { type: 'ready'; archs: string[]; workloads: string[]; attentionArchs: string[]; models: string[]; cascades: string[] }
  | { type: 'progress'; done: number; total: number; layer: string }
  /** note: what the page must say beside the result (e.g. a spiking workload run dense), or absent. */
  | { type: 'done'; report: Report | AttentionReport; files: Record<string, string>; note?: string }
  | { type: 'error'; message: string; input: boolean };
