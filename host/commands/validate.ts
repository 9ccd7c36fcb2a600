// `systole validate`: run an analytic model (built-in, a user module or a CSV of predictions) and the cycle-level
// simulation on every layer, print predicted vs simulated with signed relative errors, and exit 1 when a layer is
// beyond the tolerance (so it can gate a CI). Bad input exits 2 like every command.
import type { Command } from 'commander';
import { loadModel, MODEL_NAMES, parseTolerance, renderValidationTable, validate, DEFAULT_TOLERANCE } from '../analytic/index.ts';
import { createEmitter } from '../events.ts';
import { attachProgressBar } from '../progress.ts';
import { assertReportDirWritable, writeReportDir } from '../report/write.ts';
import { loadArch } from '../spec/arch.ts';
import { DATAFLOW_KINDS, TIMING_MODES, type ArchSpec } from '../spec/types.ts';
import { loadWorkload } from '../spec/workload.ts';
import { parseArraySize, parseChoice } from './run.ts';

/** The raw option values commander hands to the action. */
export interface ValidateFlags {
  model: string;
  arch: string;
  workload: string;
  dataflow?: string;
  array?: string;
  timing: string;
  tolerance: string;
  json?: boolean;
  out?: string;
}

/** Thrown after the output is written when some layer is beyond tolerance: the CLI prints it and exits 1. */
export class ToleranceExceeded extends Error {
  constructor(readonly layers: string[], total: number, tolerance: string) {
    const names = layers.length <= 5 ? layers.join(', ') : `${layers.slice(0, 5).join(', ')}, …`;
    super(`validate: ${layers.length} of ${total} layers beyond the ${tolerance} tolerance (${names})`);
    this.name = 'ToleranceExceeded';
  }
}

/** The `validate` action: everything between parsed flags and what lands on stdout / in --out. */
export async function validateCommand(flags: ValidateFlags): Promise<void> {
  // 1. Validate every flag before any work, so bad input fails fast and nothing is written.
  const timing = parseChoice('--timing', flags.timing, TIMING_MODES);
  const dataflow = flags.dataflow === undefined ? undefined : parseChoice('--dataflow', flags.dataflow, DATAFLOW_KINDS);
  const array = flags.array === undefined ? undefined : parseArraySize(flags.array);
  const tolerance = parseTolerance(flags.tolerance);
  if (flags.out !== undefined) assertReportDirWritable(flags.out);

  // 2. Load the specs, then the model (a CSV is checked against the workload's layer names).
  const loaded = await loadArch(flags.arch);
  const arch: ArchSpec = array === undefined ? loaded : { ...loaded, array };
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
  process.stdout.write(flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderValidationTable(report));
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
    .option('--timing <mode>', `timing mode of the simulation, one of ${TIMING_MODES.join('|')}`, 'native')
    .option('--tolerance <percent>', 'largest |relative error| per layer and metric, as a percentage (e.g. 5%, 0.5%)', DEFAULT_TOLERANCE)
    .option('--json', 'print the report JSON with its validation fields on stdout (nothing else)')
    .option('--out <dir>', 'write report.json (with validation), COMPUTE_REPORT.csv and DETAILED_ACCESS_REPORT.csv to DIR')
    .action((flags: ValidateFlags) => validateCommand(flags));
}
