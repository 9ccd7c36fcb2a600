// Spiking networks on the systolic core (host/snn/README.md): the run, its accounting, the quantized baseline and
// the study. simulateSnn is what `systole run --snn` calls.
import { DEFAULT_ENERGY_TABLE, type EnergyTable } from '../energy/index.ts';
import type { SystoleEmitter } from '../events.ts';
import type { Report } from '../report/types.ts';
import { simulate } from '../simulate/index.ts';
import type { ArchSpec, DataflowKind, Workload } from '../spec/types.ts';
import type { SnnSpec } from '../spec/workload/workload-snn.ts';
import { qnnArch, snnLayerSection, snnRunSection } from './account.ts';
import { runSnn, type SnnRun } from './run.ts';

export { qnnActivationBits, qnnArch } from './account.ts';
export { runSnn, type SnnRun, type SnnLayerRun } from './run.ts';
export type * from './types.ts';

export interface SimulateSnnOptions {
  dataflow?: DataflowKind;
  seed?: number;
  energy?: EnergyTable;
  emitter?: SystoleEmitter;
}

/**
 * Contract: the systole.report/1 of the dense run (native timing) with every layer's `snn` section and the run's `snn`
 * sums added, and the spiking run itself (for --dump). The quantized baseline is a dense run of its own on
 * qnnArch (⌈log2(T+1)⌉-bit activations).
 */
export async function simulateSnn(arch: ArchSpec, workload: Workload, spec: SnnSpec, options: SimulateSnnOptions = {}): Promise<{ report: Report; run: SnnRun }> {
  const table = options.energy ?? DEFAULT_ENERGY_TABLE;
  const run = runSnn(arch, workload, spec, { seed: options.seed, dataflow: options.dataflow });
  const report = await simulate(arch, workload, { timing: 'native', dataflow: options.dataflow, seed: options.seed, energy: table, emitter: options.emitter });
  const qnn = await simulate(qnnArch(arch, spec.timesteps), workload, { timing: 'native', dataflow: options.dataflow, seed: options.seed, energy: table });
  const sections = run.layers.map((l, i) => snnLayerSection(run, l, qnn.layers[i], table));
  report.layers.forEach((l, i) => (l.snn = sections[i]));
  report.snn = snnRunSection(run, sections);
  return { report, run };
}
