// `systole validate`: run an analytic model (built-in, a user module or a CSV of predictions) and the cycle-level
// simulation on every layer, print predicted vs simulated with signed relative errors, and exit 1 when a layer is
// beyond the tolerance (so it can gate a CI). Bad input exits 2 like every command.
import type { Command } from 'commander';
import { loadModel, MODEL_NAMES, parseTolerance, renderValidationTable, validate, DEFAULT_TOLERANCE } from '../analytic/index.ts';
import { createEmitter } from '../events.ts';
import { attachProgressBar } from '../progress.ts';
import { assertReportDirWritable, writeReportDir } from '../report/write.ts';
import { loadArch } from '../spec/arch/arch.ts';
import { DATAFLOW_KINDS, MEMORY_MODELS, TIMING_MODES, type ArchSpec, type MemoryModel, type TimingMode } from '../spec/types.ts';
import { InputError } from '../errors.ts';
import { loadWorkload } from '../spec/workload/workload.ts';
import { assertHtmlWritable, writeHtmlReport } from '../view/write.ts';
import { parseArraySize, parseChoice } from './run.ts';

/** The raw option values commander hands to the action. */
export interface ValidateFlags {
  model: string;
  arch: string;
  workload: string;
  dataflow?: string;
  array?: string;
  timing?: string;
  memory?: string;
  tolerance: string;
  json?: boolean;
  out?: string;
  html?: string;
}

/** Thrown after the output is written when some layer is beyond tolerance: the CLI prints it and exits 1. */
export class ToleranceExceeded extends Error {
  constructor(readonly layers: string[], total: number, tolerance: string) {
    const names = layers.length <= 5 ? layers.join(', ') : `${layers.slice(0, 5).join(', ')}, …`;
    super(`validate: ${layers.length} of ${total} layers beyond the ${tolerance} tolerance (${names})`);
    this.name = 'ToleranceExceeded';
  }
}

/**
 * What each built-in model is compared with by default: the simulation it predicts exactly. SCALE-Sim's closed forms
 * describe `--timing scalesim`; the textbook model describes native timing with operands always on chip. Other
 * models (roofline, files) are compared with native timing and the arch's memory.
 */
export const MODEL_DEFAULTS: Record<string, { timing: TimingMode; memory?: MemoryModel; says: string }> = {
  scalesim: { timing: 'scalesim', says: "SCALE-Sim v2's closed forms" },
  textbook: { timing: 'native', memory: 'ideal', says: 'fill + steady state + drain of the native microarchitecture' },
  roofline: { timing: 'native', says: 'the roofline bound' },
};

/** The line saying what is compared with what, e.g. `model scalesim (...) vs the cycle-level simulation, timing ...`. */
export function comparedLine(model: string, timing: TimingMode, arch: ArchSpec, memoryFrom: string): string {
  const what = MODEL_DEFAULTS[model]?.says;
  const memory = timing === 'native' ? `, ${arch.memory.model} memory (${memoryFrom})` : '';
  return `compared: model ${model}${what === undefined ? '' : ` (${what})`} vs the cycle-level simulation, timing ${timing}${memory}\n`;
}

/** The `validate` action: everything between parsed flags and what lands on stdout / in --out. */
export async function validateCommand(flags: ValidateFlags): Promise<void> {
  // 1. Validate every flag before any work, so bad input fails fast and nothing is written.
  const defaults = MODEL_DEFAULTS[flags.model];
  const timing = flags.timing === undefined ? (defaults?.timing ?? 'native') : parseChoice('--timing', flags.timing, TIMING_MODES);
  const memory = flags.memory === undefined ? undefined : parseChoice('--memory', flags.memory, MEMORY_MODELS);
  if (memory !== undefined && timing !== 'native') {
    throw new InputError('--memory', `applies to native timing only (this run's timing is ${timing}, which has no simulated memory system)`, 'drop --memory, or add --timing native');
  }
  const dataflow = flags.dataflow === undefined ? undefined : parseChoice('--dataflow', flags.dataflow, DATAFLOW_KINDS);
  const array = flags.array === undefined ? undefined : parseArraySize(flags.array);
  const tolerance = parseTolerance(flags.tolerance);
  if (flags.out !== undefined) assertReportDirWritable(flags.out);
  if (flags.html !== undefined) assertHtmlWritable(flags.html);

  // 2. Load the specs, then the model (a CSV is checked against the workload's layer names).
  const loaded = await loadArch(flags.arch);
  const memoryModel = timing === 'native' ? (memory ?? defaults?.memory) : undefined;
  const memoryFrom = memory !== undefined ? '--memory' : memoryModel !== undefined ? `the ${flags.model} model's default; --memory to change` : "the arch's";
  const arch: ArchSpec = {
    ...loaded,
    array: array ?? loaded.array,
    memory: memoryModel === undefined ? loaded.memory : { ...loaded.memory, model: memoryModel },
  };
  const workload = await loadWorkload(flags.workload);
  const source = await loadModel(flags.model, workload);

  // 3. Predict every layer, simulate, compare (progress bar on a terminal, warnings as stderr lines).
  const emitter = createEmitter();
  emitter.on('warning', (w) => process.stderr.write(`systole: warning: ${w.message}\n`));
  const stopProgress = attachProgressBar(emitter, process.stderr);
  let report;
  try {
    report = await validate(arch, workload, source, { timing, dataflow, tolerance, emitter });
  } finally {
    stopProgress();
  }

  // 4. Output: the directory first (all or nothing), then stdout; then the verdict as the exit code.
  if (flags.out !== undefined) await writeReportDir(report, flags.out);
  if (flags.html !== undefined) await writeHtmlReport(report, flags.html);
  process.stdout.write(flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : comparedLine(flags.model, timing, arch, memoryFrom) + renderValidationTable(report));
  const beyond = report.validation!.layersBeyondTolerance;
  if (beyond.length > 0) throw new ToleranceExceeded(beyond, report.layers.length, flags.tolerance.trim());
}

/** Adds the `validate` subcommand to `program`. */
export function register(program: Command): void {
  program
    .command('validate')
    .description('compare an analytic model with the cycle-level simulation, layer by layer; exit 1 if any layer is beyond tolerance')
    .requiredOption('--model <name|file>', `${MODEL_NAMES.join('|')}, a .js/.mjs module (default export: (arch, layer, lowered, dataflow) => prediction) or a .csv of predictions (layer,cycles,...)`)
    .option('--arch <preset|file>', 'architecture preset or file (.yaml, .json, SCALE-Sim .cfg)', 'array-64')
    .option('--workload <preset|file>', 'workload preset or file (.yaml, .json, SCALE-Sim .csv)', 'mobilenet_v1')
    .option('--dataflow <kind>', `dataflow, one of ${DATAFLOW_KINDS.join('|')} (default: the architecture's)`)
    .option('--array <RxC>', 'override the array size, rows x cols, e.g. 32x16')
    .option('--timing <mode>', `timing mode of the simulation, one of ${TIMING_MODES.join('|')} (default: scalesim for --model scalesim, else native)`)
    .option('--memory <model>', `native timing's memory, one of ${MEMORY_MODELS.join('|')} (default: ideal for --model textbook, else the arch's)`)
    .option('--tolerance <percent>', 'largest |relative error| per layer and metric, as a percentage (e.g. 5%, 0.5%)', DEFAULT_TOLERANCE)
    .option('--json', 'print the report JSON with its validation fields on stdout (nothing else)')
    .option('--out <dir>', 'write report.json (with validation), COMPUTE_REPORT.csv and DETAILED_ACCESS_REPORT.csv to DIR')
    .option('--html <file>', 'write the report as one self-contained HTML page, with the validation errors per layer and metric')
    .action((flags: ValidateFlags) => validateCommand(flags));
}
