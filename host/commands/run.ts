// `systole run`: load an architecture and a workload, simulate, then print a table or JSON and/or write --out DIR.
import type { Command } from 'commander';
import { GROUPING_KINDS } from '../../mappings/grouping.ts';
import { loadEnergyTable } from '../energy/load.ts';
import { InputError } from '../errors.ts';
import { createEmitter } from '../events.ts';
import { VALUES_MODES, simulate } from '../simulate/index.ts'; // the specs and options are checked here already
import { attachProgressBar } from '../progress.ts';
import { renderTable, TABLE_WIDTH } from '../report/table.ts';
import { assertReportDirWritable, writeReportDir } from '../report/write.ts';
import { loadArch } from '../spec/arch/arch.ts';
import { applyArchOverrides, parseArchOverrides, parsePositive } from '../spec/arch/overrides.ts';
export { parseArraySize, parsePositive } from '../spec/arch/overrides.ts';
import { DATAFLOW_KINDS, isComputeLayer, TIMING_MODES, type ArchSpec, type Workload } from '../spec/types.ts';
import { loadWorkload } from '../spec/workload/workload.ts';
import { assertHtmlWritable, writeHtmlReport } from '../view/write.ts';
import { parseInputShapes } from '../onnx/input-shape.ts';
import { runSpiking } from './run-snn.ts';
import { simulateWithTimeline } from '../trace/record.ts';
import { systolicTrace } from '../trace/systolic.ts';
import { assertTraceWritable, writeTrace } from '../trace/write.ts';

/** The raw option values commander hands to the action. */
export interface RunFlags {
  arch: string;
  workload: string;
  dataflow?: string;
  grouping?: string;
  array?: string;
  timing: string;
  verify?: boolean;
  json?: boolean;
  wide?: boolean;
  out?: string;
  html?: string;
  energy?: string;
  sramKib?: string;
  bandwidth?: string;
  layer?: string[];
  batch?: string;
  inputShape?: string[];
  values?: string;
  fastForward?: boolean;
  snn?: boolean;
  timesteps?: string;
  timeBatch?: string;
  dump?: string;
  trace?: string;
}

/** Collects a repeatable flag's values. */
export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/**
 * The layer names of `--layer` values: each value (the flag may be repeated) is a comma-separated list in which
 * `\,` is a comma inside a name; a value that is exactly the name of a layer is that one name.
 */
export function layerNames(values: string[], workload: Workload): string[] {
  const known = new Set(workload.layers.map((l) => l.name));
  return values.flatMap((v) =>
    known.has(v) ? [v] : v.split(/(?<!\\),/).map((n) => n.trim().replace(/\\,/g, ',')).filter((n) => n !== ''),
  );
}

/** Keeps the layers named by the `--layer` values, in workload order; unknown names are an InputError. */
export function selectLayers(workload: Workload, values: string | string[]): Workload {
  const list = typeof values === 'string' ? [values] : values;
  const wanted = layerNames(list, workload);
  const byName = new Map(workload.layers.map((l) => [l.name, l]));
  const missing = wanted.find((n) => !byName.has(n));
  if (missing !== undefined || wanted.length === 0) {
    const some = workload.layers.filter(isComputeLayer).slice(0, 4).map((l) => l.name).join(', ');
    throw new InputError(
      '--layer',
      `workload ${workload.name} has no layer ${JSON.stringify(missing ?? list.join(','))}`,
      `name layers of the workload, e.g. ${some} (repeat --layer, or write \\, for a comma inside a name)`,
    );
  }
  return { name: workload.name, batch: workload.batch, layers: workload.layers.filter((l) => wanted.includes(l.name)).map((l) => ({ ...l, inputs: [] })) };
}

/** Parses `--batch N`: samples per inference, a positive integer (it replaces the workload's `batch`). */
export function parseBatch(value: string): number {
  const n = parsePositive('--batch', value);
  if (!Number.isInteger(n)) throw new InputError('--batch', `${JSON.stringify(value)} is not a whole number of samples`, 'give a positive integer, e.g. --batch 8');
  return n;
}

/** Returns `value` if it is one of `allowed`; otherwise an InputError naming `flag` and listing the valid values. */
export function parseChoice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(flag, `unknown value ${JSON.stringify(value)}`, `use one of ${allowed.join(', ')}`);
}

/** The `run` action: everything between parsed flags and what lands on stdout / in --out. */
export async function runCommand(flags: RunFlags): Promise<void> {
  // 1. Validate every flag before any work, so bad input fails fast and nothing is written.
  const timing = parseChoice('--timing', flags.timing, TIMING_MODES);
  const dataflow = flags.dataflow === undefined ? undefined : parseChoice('--dataflow', flags.dataflow, DATAFLOW_KINDS);
  const grouping = flags.grouping === undefined ? undefined : parseChoice('--grouping', flags.grouping, GROUPING_KINDS);
  const overrides = parseArchOverrides(flags);
  const batch = flags.batch === undefined ? undefined : parseBatch(flags.batch);
  const inputShapes = flags.inputShape === undefined ? undefined : parseInputShapes(flags.inputShape);
  const values = flags.values === undefined ? undefined : parseChoice('--values', flags.values, VALUES_MODES);
  if (values === 'off' && flags.verify === true) {
    throw new InputError('--verify', 'has no values to check under --values off (timing and counters only)', 'drop --verify, or use --values full or sampled');
  }
  if (flags.out !== undefined) assertReportDirWritable(flags.out);
  if (flags.html !== undefined) assertHtmlWritable(flags.html);
  if (flags.trace !== undefined) assertTraceWritable(flags.trace);

  // 2. Load the specs (presets or files); --array, --sram-kib and --bandwidth override the architecture, --layer
  //    picks layers of the workload, --energy the prices.
  const arch: ArchSpec = applyArchOverrides(await loadArch(flags.arch), timing, overrides);
  const loadedWorkload = await loadWorkload(flags.workload, { inputShapes });
  const all = batch === undefined ? loadedWorkload : { ...loadedWorkload, batch };
  const workload = flags.layer === undefined ? all : selectLayers(all, flags.layer);
  const energy = flags.energy === undefined ? undefined : loadEnergyTable(flags.energy);

  // Spiking: --snn, a spiking flag, or the workload's own snn block; --no-snn runs such a workload dense.
  const spikingFlag = ['--dump', '--timesteps', '--time-batch'].find((_, i) => [flags.dump, flags.timesteps, flags.timeBatch][i] !== undefined);
  if (flags.snn === false && spikingFlag !== undefined) {
    throw new InputError(spikingFlag, 'is for a spiking run, and --no-snn runs the workload dense', `drop ${spikingFlag}, or drop --no-snn`);
  }
  if (flags.snn === true || spikingFlag !== undefined || (flags.snn === undefined && workload.snn !== undefined)) {
    await runSpiking(flags, arch, workload, { timing, dataflow, grouping, energy });
    return;
  }

  // 3. Simulate, with a progress bar on stderr when it is a terminal and warnings as stderr lines.
  const emitter = createEmitter();
  emitter.on('warning', (w) => process.stderr.write(`systole: warning: ${w.message}\n`));
  const stopProgress = attachProgressBar(emitter, process.stderr);
  let report;
  let trace;
  try {
    const options = { timing, dataflow, grouping, verify: flags.verify === true, emitter, energy, values, fastForward: flags.fastForward !== false };
    if (flags.trace === undefined) report = await simulate(arch, workload, options);
    else {
      const run = await simulateWithTimeline(arch, workload, options);
      report = run.report;
      trace = systolicTrace(report, run.timelines);
    }
  } finally {
    stopProgress();
  }

  // 4. Output: the directory first (all or nothing), the trace, then stdout (JSON alone, or the table).
  if (flags.out !== undefined) await writeReportDir(report, flags.out);
  if (flags.html !== undefined) await writeHtmlReport(report, flags.html);
  if (flags.trace !== undefined && trace !== undefined) await writeTrace(trace, flags.trace);
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
    process.stdout.write(renderTable(report, { color, wide: flags.wide === true }));
  }
}

/** Adds the `run` subcommand to `program`. */
export function register(program: Command): void {
  program
    .command('run')
    .description('simulate a workload on an architecture and report cycles, utilization and traffic per layer')
    .option('--arch <preset|file>', 'architecture preset or file (.yaml, .json, SCALE-Sim .cfg)', 'array-64')
    .option('--workload <preset|file>', 'workload preset or file (.yaml, .json, SCALE-Sim .csv, ONNX .onnx)', 'mobilenet_v1')
    .option('--input-shape <[name=]dims>', 'static shape of an ONNX model input with dynamic dimensions, e.g. input=1x3x224x224 (repeat per input)', collect)
    .option('--dataflow <kind>', `dataflow, one of ${DATAFLOW_KINDS.join('|')} (default: the architecture's)`)
    .option('--grouping <kind>', `how grouped/depthwise layers share the array, one of ${GROUPING_KINDS.join('|')} (default: sequential)`)
    .option('--array <RxC>', 'override the array size, rows x cols, e.g. 32x16')
    .option('--sram-kib <KiB>', 'override the size of every scratchpad (ifmap, filter, ofmap; or unified and ofmap), in KiB')
    .option('--bandwidth <words>', 'override the DRAM bandwidth, in words per cycle (scalesim timing: USER interface only)')
    .option('--layer <names>', 'simulate only these layers (comma-separated; repeat the flag, or write \\, for a comma inside a name)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--batch <N>', "samples per inference (overrides the workload's batch; default: the workload's, 1)")
    .option('--timing <mode>', `timing mode, one of ${TIMING_MODES.join('|')}`, 'native')
    .option('--verify', "compare every fold's outputs with a reference computed for that fold")
    .option('--values <mode>', `which folds compute values, one of ${VALUES_MODES.join('|')} (sampled: 1 in 64 and each shape's first and last; timing and counters are the same)`)
    .option('--no-fast-forward', 'step every fold in full (the report is the same; for checking the fast-forward)')
    .option('--json', 'print the report JSON on stdout (nothing else)')
    .option('--wide', `print every column of the table (default: columns left out to fit ${TABLE_WIDTH} characters)`)
    .option('--energy <file>', 'energy per action in pJ, overriding the defaults (format: host/energy/horowitz-45nm.yaml)')
    .option('--out <dir>', 'write report.json and SCALE-Sim\'s COMPUTE, DETAILED_ACCESS and BANDWIDTH report CSVs to DIR')
    .option('--html <file>', 'write the report as one self-contained HTML page (charts, roofline, sortable table; opens offline)')
    .option('--snn', "run the workload as a spiking network (its snn block, or the defaults) beside its quantized baseline (default when the workload has an snn block)")
    .option('--no-snn', 'run a workload that has an snn block dense (as a conventional network)')
    .option('--timesteps <T>', 'spiking run: time steps (overrides the snn block)')
    .option('--time-batch <TW>', 'spiking run: steps per window sharing one weight load (overrides the snn block)')
    .option('--dump <dir>', "spiking run: write every layer's weights, input and output spikes and final membrane potentials as JSON")
    .option('--trace <file>', 'write the timeline (folds, stalls by cause, DRAM, scratchpad occupancy) as a Chrome trace for Perfetto / chrome://tracing')
    .action((flags: RunFlags) => runCommand(flags));
}
