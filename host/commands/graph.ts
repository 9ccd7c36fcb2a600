// `systole graph`: a workload as an operator graph (systole.graph/1), e.g. to edit it or to feed `systole schedule
// --graph`. Untiled unless --tile-bytes is given.
import type { Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import { InputError } from '../errors.ts';
import { loadArch } from '../spec/arch/arch.ts';
import { assertOutFile, writeOutFile } from '../report/out.ts';
import { extensionOf } from '../spec/text/files.ts';
import { OPERAND_PRECISIONS } from '../spec/types.ts';
import { collect } from './run.ts';
import { resolveGraph } from './schedule.ts';

/** The raw option values commander hands to the action. */
export interface GraphCommandFlags {
  workload?: string;
  precision?: string;
  tileBytes?: string;
  arch?: string;
  yaml?: boolean;
  out?: string;
  inputShape?: string[];
}

/** The `graph` action; bad flags throw synchronously, the --out write is the returned promise. */
export function graphCommand(flags: GraphCommandFlags): Promise<void> | void {
  if (flags.workload === undefined) throw new InputError('--workload', 'is required', 'e.g. systole graph --workload resnet50');
  if (flags.tileBytes === 'auto') throw new InputError('--tile-bytes', "'auto' needs a scratchpad, which `graph` does not have", 'give a size, e.g. --tile-bytes 256KiB, or none');
  const ext = flags.out === undefined ? '' : extensionOf(flags.out);
  if (flags.out !== undefined && !['.json', '.yaml', '.yml'].includes(ext)) {
    throw new InputError(`--out ${flags.out}`, 'unsupported file type', 'use a .json, .yaml or .yml file name');
  }
  if (flags.out !== undefined) assertOutFile(flags.out);
  const arch = flags.arch === undefined ? null : loadArch(flags.arch);
  const graph = resolveGraph({ workload: flags.workload, precision: flags.precision, tileBytes: flags.tileBytes, inputShape: flags.inputShape }, null, arch);
  const asYaml = flags.out === undefined ? flags.yaml === true : ext !== '.json';
  const text = asYaml ? toYaml(graph) : `${JSON.stringify(graph, null, 2)}\n`;
  if (flags.out === undefined) process.stdout.write(text);
  else return writeOutFile(flags.out, text);
}

/** Adds the `graph` subcommand to `program`. */
export function register(program: Command): void {
  program
    .command('graph')
    .description('convert a workload into an operator graph (systole.graph/1) with tensor sizes from shapes and precision')
    .option('--workload <preset|file>', 'workload preset or file (.yaml, .json, SCALE-Sim .csv, ONNX .onnx)')
    .option('--input-shape <[name=]dims>', 'static shape of an ONNX model input with dynamic dimensions, e.g. input=1x3x224x224 (repeat per input)', collect)
    .option('--precision <p>', `operand precision, one of ${OPERAND_PRECISIONS.join('|')} (default: the arch's, else int8)`)
    .option('--tile-bytes <size|none>', 'split layers so each op needs at most about this many bytes (default: none)')
    .option('--arch <preset|file>', 'add per-op cycles from the SCALE-Sim model on this architecture')
    .option('--yaml', 'print YAML instead of JSON')
    .option('--out <file>', 'write the graph to a .json or .yaml file instead of stdout')
    .action((flags: GraphCommandFlags) => graphCommand(flags));
}
