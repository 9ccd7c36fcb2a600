// `systole run --snn` (or a workload with an snn block): the spiking run beside its quantized baseline, printed as the
// dense table plus the spiking table, or as JSON (systole.report/1 with `snn` sections); --dump writes its tensors.
import type { GroupingKind } from '../../mappings/grouping.ts';
import type { EnergyTable } from '../energy/types.ts';
import { InputError } from '../errors.ts';
import { createEmitter } from '../events.ts';
import { attachProgressBar } from '../progress.ts';
import { renderTable } from '../report/table.ts';
import { writeReportDir } from '../report/write.ts';
import { assertDumpDir, writeDump } from '../snn/files/dump.ts';
import { simulateSnn } from '../snn/index.ts';
import { renderSnnTable } from '../snn/report/render.ts';
import type { ArchSpec, DataflowKind, TimingMode, Workload } from '../spec/types.ts';
import { parseSnn } from '../spec/workload/workload-snn.ts';
import { writeHtmlReport } from '../view/write.ts';
import type { RunFlags } from './run.ts';

/** A whole number in lo..hi given to `flag`, or an InputError. */
function intFlag(flag: string, value: string, lo: number, hi: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < lo || n > hi) {
    throw new InputError(flag, `${JSON.stringify(value)} is not an integer in ${lo}..${hi}`, `give e.g. ${flag} 4`);
  }
  return n;
}

export async function runSpiking(
  flags: RunFlags, arch: ArchSpec, workload: Workload,
  o: { timing: TimingMode; dataflow?: DataflowKind; grouping?: GroupingKind; energy?: EnergyTable },
): Promise<void> {
  if (o.timing !== 'native') {
    throw new InputError('--timing', `${o.timing} does not apply to a spiking run (its steps run on the native machine)`, 'drop --timing, or run dense with --no-snn');
  }
  if (o.grouping === 'packed') {
    throw new InputError('--grouping', 'packed does not apply to a spiking run (its groups run one after another)', 'drop --grouping, or run dense with --no-snn');
  }
  const denseOnly = ([['--trace', flags.trace], ['--verify', flags.verify], ['--values', flags.values]] as const).find(([, v]) => v !== undefined);
  if (denseOnly !== undefined) {
    throw new InputError(denseOnly[0], 'applies to a dense run, and this run is spiking (--snn or the workload\'s snn block)', `drop ${denseOnly[0]}, or run dense with --no-snn`);
  }
  const base = workload.snn ?? parseSnn(undefined, flags.workload, workload.layers.map((l) => l.name));
  const timesteps = flags.timesteps === undefined ? base.timesteps : intFlag('--timesteps', flags.timesteps, 1, 1024);
  const timeBatch = flags.timeBatch === undefined ? base.timeBatch : intFlag('--time-batch', flags.timeBatch, 1, 1024);
  const spec = { ...base, timesteps, timeBatch };
  if (flags.dump !== undefined) assertDumpDir(flags.dump);

  const emitter = createEmitter();
  const stop = attachProgressBar(emitter, process.stderr);
  let result;
  try {
    result = await simulateSnn(arch, workload, spec, { dataflow: o.dataflow, energy: o.energy, emitter });
  } finally {
    stop();
  }
  if (flags.out !== undefined) await writeReportDir(result.report, flags.out);
  if (flags.html !== undefined) await writeHtmlReport(result.report, flags.html);
  if (flags.dump !== undefined) await writeDump(result.run, flags.dump);
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
    return;
  }
  const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  process.stdout.write(renderTable(result.report, { color, wide: flags.wide === true }));
  process.stdout.write(`\n${renderSnnTable(result.report)}`);
}
