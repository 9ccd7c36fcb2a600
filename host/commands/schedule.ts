// `systole schedule`: the greedy operator schedule (order + scratchpad allocation + eviction) of a workload or a
// graph against both baselines, as a table, JSON, or files; `--check FILE` replays a schedule and reports its
// first violation.
import type { Command } from 'commander';
import { InputError } from '../errors.ts';
import { createEmitter } from '../events.ts';
import { attachProgressBar } from '../progress.ts';
import {
  archBytesPerCycle, assertScheduleDirWritable, checkSchedule, otherGraph, compareSchedules, loadGraph, loadSchedule,
  parseBytes, renderScheduleTable, workloadGraph, writeScheduleDir, type Graph,
} from '../schedule/index.ts';
import { loadArch } from '../spec/arch/arch.ts';
import { OPERAND_PRECISIONS, type ArchSpec } from '../spec/types.ts';
import { parseInputShapes } from '../onnx/input-shape.ts';
import { collect, parseChoice, parsePositive } from './run.ts';

/** The raw option values commander hands to the action. */
export interface ScheduleFlags {
  workload?: string;
  graph?: string;
  scratchpad?: string;
  alignment: string;
  precision?: string;
  tileBytes?: string;
  arch?: string;
  dramBytesPerCycle?: string;
  json?: boolean;
  out?: string;
  check?: string;
  evaluations?: string;
  inputShape?: string[];
}

/** Largest --evaluations accepted (each evaluation simulates the whole plan). */
const MAX_EVALUATIONS = 1_000_000;

/** Options that pick and shape the graph, shared with `systole graph`. */
export interface GraphFlags {
  workload?: string;
  graph?: string;
  precision?: string;
  tileBytes?: string;
  arch?: string;
  inputShape?: string[];
}

/** The graph named by --workload or --graph; `scratchpadBytes` sets the automatic tile budget of workloads. */
export function resolveGraph(flags: GraphFlags, scratchpadBytes: number | null, arch: ArchSpec | null): Graph {
  if ((flags.workload === undefined) === (flags.graph === undefined)) {
    throw new InputError('--workload/--graph', 'give exactly one of them', 'e.g. --workload resnet50 or --graph net.graph.yaml');
  }
  if (flags.graph !== undefined) {
    for (const [flag, v] of [['--precision', flags.precision], ['--tile-bytes', flags.tileBytes], ['--input-shape', flags.inputShape]] as const) {
      if (v !== undefined) throw new InputError(flag, 'applies to --workload only (a graph file has its tensor sizes)', `drop ${flag}`);
    }
    return loadGraph(flags.graph);
  }
  const precision = flags.precision === undefined ? (arch?.precision.operand ?? 'int8') : parseChoice('--precision', flags.precision, OPERAND_PRECISIONS);
  let tileBytes: number | null | 'auto' = null;
  if (flags.tileBytes === 'none') tileBytes = null;
  else if (flags.tileBytes !== undefined && flags.tileBytes !== 'auto') tileBytes = parseBytes('--tile-bytes', flags.tileBytes);
  else if (scratchpadBytes !== null) tileBytes = 'auto';
  const inputShapes = flags.inputShape === undefined ? undefined : parseInputShapes(flags.inputShape);
  return workloadGraph({ workload: flags.workload!, precision, tileBytes, scratchpadBytes: scratchpadBytes ?? undefined, arch, inputShapes });
}

/** The `schedule` action; bad flags throw synchronously, the --out write is the returned promise. */
export function scheduleCommand(flags: ScheduleFlags): Promise<void> | void {
  const alignment = parseBytes('--alignment', flags.alignment);
  const arch = flags.arch === undefined ? null : loadArch(flags.arch);
  if (flags.check !== undefined) return checkCommand(flags, arch);
  if (flags.scratchpad === undefined) throw new InputError('--scratchpad', 'is required', 'give the scratchpad size, e.g. --scratchpad 512KiB');
  const scratchpadBytes = parseBytes('--scratchpad', flags.scratchpad);
  const evaluations = flags.evaluations === undefined ? undefined : parseEvaluations(flags.evaluations);
  const bw = flags.dramBytesPerCycle !== undefined ? parsePositive('--dram-bytes-per-cycle', flags.dramBytesPerCycle) : arch === null ? undefined : archBytesPerCycle(arch);
  if (flags.out !== undefined) assertScheduleDirWritable(flags.out);
  const graph = resolveGraph(flags, scratchpadBytes, arch);
  // A progress bar on stderr when it is a terminal (host/progress.ts draws nothing on a pipe).
  const emitter = createEmitter();
  const stopProgress = attachProgressBar(emitter, process.stderr);
  let method = '';
  const onProgress = (done: number, total: number, m: string) => {
    if (m !== method) emitter.emit('layer:start', { index: 0, name: (method = m) });
    emitter.emit('progress', { done, total });
  };
  let result;
  try {
    result = compareSchedules(graph, { scratchpadBytes, alignment, dramBytesPerCycle: bw, evaluations, onProgress });
  } finally {
    stopProgress();
  }
  const { report, schedules } = result;
  for (const s of schedules) {
    const c = checkSchedule(graph, s);
    if (!c.ok) throw new Error(`internal error: the ${s.method} schedule fails the checker at step ${c.step}: ${c.violation}`);
  }
  const print = (): void => {
    if (flags.json === true) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(renderScheduleTable(report));
  };
  if (flags.out === undefined) return print();
  return writeScheduleDir(flags.out, report, graph, schedules).then(print);
}

/** `--evaluations N`: an integer in 1..MAX_EVALUATIONS. */
function parseEvaluations(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_EVALUATIONS) {
    throw new InputError('--evaluations', `${JSON.stringify(value)} is not an integer in 1..${MAX_EVALUATIONS}`, 'give a plan count, e.g. --evaluations 200');
  }
  return n;
}

/** `--check FILE`: replay a schedule against its graph; a violation is bad input (exit 2). */
function checkCommand(flags: ScheduleFlags, arch: ArchSpec | null): void {
  const file = flags.check!;
  const schedule = loadSchedule(file);
  const padBytes = flags.scratchpad === undefined ? schedule.scratchpad.bytes : parseBytes('--scratchpad', flags.scratchpad);
  if (padBytes !== schedule.scratchpad.bytes) {
    throw new InputError(file, `is a schedule for a ${schedule.scratchpad.bytes}-byte scratchpad, not --scratchpad ${flags.scratchpad} (${padBytes} B)`, 'drop --scratchpad (the schedule names its own) or schedule again for this scratchpad');
  }
  const graph = resolveGraph(flags, padBytes, arch);
  const foreign = otherGraph(graph, schedule);
  if (foreign !== null) throw new InputError(file, `is a schedule for another graph: ${foreign}`, 'check it against the graph or workload (and tiling) it was made for');
  const result = checkSchedule(graph, schedule);
  if (!result.ok) {
    const op = schedule.steps[result.step]?.op;
    const at = result.step < schedule.steps.length ? `step ${result.step} (op ${op})` : 'after the last step';
    throw new InputError(`${file}: ${at}`, `${result.kind}: ${result.violation}`, 'fix the schedule (this is the first violation)');
  }
  const t = schedule.traffic;
  process.stdout.write(`${file}: valid schedule of ${graph.name} (${schedule.steps.length} steps, traffic ${t.total} B, non-compulsory ${t.nonCompulsory} B)\n`);
}

/** Adds the `schedule` subcommand to `program`. */
export function register(program: Command): void {
  program
    .command('schedule')
    .description('greedy operator order + scratchpad allocation + eviction vs round-trip and naive baselines (COSMA-style, no solver)')
    .option('--workload <preset|file>', 'workload preset or file, converted to a graph (tiled to the scratchpad)')
    .option('--input-shape <[name=]dims>', 'static shape of an ONNX model input with dynamic dimensions (repeat per input)', collect)
    .option('--graph <file>', 'operator graph file (systole.graph/1, .json or .yaml)')
    .option('--scratchpad <size>', 'scratchpad size, e.g. 512KiB, 1MiB, 262144')
    .option('--alignment <bytes>', 'address alignment of every tensor', '64')
    .option('--precision <p>', `operand precision of a workload, one of ${OPERAND_PRECISIONS.join('|')} (default: the arch's, else int8)`)
    .option('--tile-bytes <size|auto|none>', 'tile budget for workload layers (auto: 2/3 of the scratchpad, at least what one op needs; none: one op per layer)')
    .option('--arch <preset|file>', 'per-op cycles (SCALE-Sim model) and DRAM bandwidth for latency')
    .option('--evaluations <n>', 'plan evaluations of each local search of the greedy (default: max(40, 30000 / ops), fewer on heavy graphs; the report says)')
    .option('--dram-bytes-per-cycle <n>', 'DRAM bandwidth for latency (overrides the arch)')
    .option('--json', 'print the report JSON on stdout (nothing else)')
    .option('--out <dir>', 'write schedule-report.json, graph.json and one <method>.schedule.json per method to DIR')
    .option('--check <file>', 'replay a schedule file against --graph/--workload and report its first violation')
    .action((flags: ScheduleFlags) => scheduleCommand(flags));
}
