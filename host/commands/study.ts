// `systole study depthwise|e2gc`: the grouped-convolution studies of issue 4, as one command each.
import type { Command } from 'commander';
import { createEmitter, type SystoleEmitter } from '../events.ts';
import { attachProgressBar } from '../progress.ts';
import { loadArch } from '../spec/arch/arch.ts';
import { TIMING_MODES } from '../spec/types.ts';
import { loadWorkload } from '../spec/workload/workload.ts';
import { depthwiseStudy } from '../study/depthwise.ts';
import { e2gcStudy } from '../study/e2gc.ts';
import { fusemaxStudy } from '../study/fusemax.ts';
import { renderFusemaxStudy } from '../study/fusemax-render.ts';
import { renderDepthwiseStudy, renderE2gcStudy } from '../study/render.ts';
import { parseChoice } from './run.ts';
import { InputError } from '../errors.ts';
import { STUDY_RATES, STUDY_TIMESTEPS, snnStudy } from '../snn/study.ts';
import { renderSnnStudy } from '../snn/report/study-render.ts';

/** A comma-separated list of numbers, each accepted by `ok`; anything else is an InputError naming `flag`. */
function parseList(flag: string, value: string, ok: (n: number) => boolean, what: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const bad = parts.find((p) => p === '' || !Number.isFinite(Number(p)) || !ok(Number(p)));
  if (bad !== undefined) throw new InputError(flag, `${JSON.stringify(bad)} is not one of ${what}`, `give ${what}, comma-separated`);
  return [...new Set(parts.map(Number))];
}

interface StudyFlags {
  arch: string;
  workload: string;
  timing: string;
  json?: boolean;
}

/** Runs a study with a progress bar on stderr when it is a terminal (one step per simulation). */
async function withProgress<T>(study: (emitter: SystoleEmitter) => Promise<T>): Promise<T> {
  const emitter = createEmitter();
  const stop = attachProgressBar(emitter, process.stderr);
  try {
    return await study(emitter);
  } finally {
    stop();
  }
}

const print = (json: boolean | undefined, data: unknown, text: () => string) =>
  process.stdout.write(json === true ? `${JSON.stringify(data, null, 2)}\n` : text());

/** Adds `study depthwise`, `study e2gc`, `study fusemax` and `study snn`. */
export function register(program: Command): void {
  const study = program.command('study').description('grouped and depthwise convolution studies; the FuseMax attention study; spiking networks against quantized ones');
  study
    .command('fusemax')
    .description('4 models × 6 sequence lengths × FuseMax/FLAT/unfused on the attention machine, beside the analytic model and the published figures')
    .option('--idealized', "the published model's assumptions: no fill, skew or drain, one-cycle reductions")
    .option('--json', 'print the list of systole.attention-report/1 documents (each with analytic and published figures)')
    .action((f: { idealized?: boolean; json?: boolean }) => {
      const s = fusemaxStudy(f.idealized === true);
      print(f.json, s.points, () => renderFusemaxStudy(s));
    });
  study
    .command('snn')
    .description('a spiking network against its quantized equivalent over time steps and input spike rates')
    .option('--arch <preset|file>', 'architecture preset or file', 'array-64')
    .option('--workload <preset|file>', 'workload preset or file (its snn block, or the defaults)', 'vgg16_cifar10')
    .option('--timesteps <list>', 'time steps T, comma-separated', STUDY_TIMESTEPS.join(','))
    .option('--rates <list>', 'input spike rates of the rate coding, comma-separated, each in (0, 1]', STUDY_RATES.join(','))
    .option('--time-batch <all|1>', 'all: one weight load per inference (default); 1: weights loaded every step', 'all')
    .option('--json', 'print { rows, breakEven } (spike rates as fractions)')
    .action(async (f: { arch: string; workload: string; timesteps: string; rates: string; timeBatch: string; json?: boolean }) => {
      const timesteps = parseList('--timesteps', f.timesteps, (n) => Number.isInteger(n) && n >= 1 && n <= 1024, 'whole numbers in 1..1024');
      const rates = parseList('--rates', f.rates, (n) => n > 0 && n <= 1, 'numbers in (0, 1]');
      const timeBatch = parseChoice('--time-batch', f.timeBatch, ['all', '1'] as const) === 'all' ? 'all' : 1;
      const [arch, workload] = [loadArch(f.arch), loadWorkload(f.workload)];
      const s = await withProgress((emitter) => snnStudy(arch, workload, { timesteps, rates, timeBatch, emitter }));
      print(f.json, s, () => renderSnnStudy(s));
    });
  study
    .command('depthwise')
    .description('every layer × OS/WS/IS × sequential/packed groups, with SCALE-Sim\'s dense encoding of depthwise layers')
    .option('--arch <preset|file>', 'architecture preset or file', 'array-64')
    .option('--workload <preset|file>', 'workload preset or file', 'mobilenet_v1')
    .option('--timing <mode>', `timing mode, one of ${TIMING_MODES.join('|')}`, 'native')
    .option('--json', 'print the study as JSON')
    .action(async (f: StudyFlags) => {
      const timing = parseChoice('--timing', f.timing, TIMING_MODES);
      const [arch, workload] = [loadArch(f.arch), loadWorkload(f.workload)];
      const s = await withProgress((emitter) => depthwiseStudy(arch, workload, timing, emitter));
      print(f.json, s, () => renderDepthwiseStudy(s));
    });
  study
    .command('e2gc')
    .description('ResNeXt-style grouped conv: constant group count vs constant group size (E2GC)')
    .option('--arch <preset|file>', 'architecture preset or file', 'array-64')
    .option('--timing <mode>', `timing mode, one of ${TIMING_MODES.join('|')}`, 'native')
    .option('--json', 'print the study as JSON')
    .action(async (f: Omit<StudyFlags, 'workload'>) => {
      const timing = parseChoice('--timing', f.timing, TIMING_MODES);
      const arch = loadArch(f.arch);
      const rows = await withProgress((emitter) => e2gcStudy(arch, timing, emitter));
      print(f.json, rows, () => renderE2gcStudy(rows, arch, timing));
    });
}
