// Whole-network wall time through the public library API: MobileNetV1 on the 64×64 preset in all three dataflows
// and both timing modes, ResNet-50 on the 128×128 preset (OS, native), all with ideal memory (the stall-free array);
// then MobileNetV1 (OS) and ResNet-50 with the memory system simulated, to set beside their stall-free runs. The
// specs are loaded once, outside the timed runs; one timed run is one `simulate()` call (layer lowering, operand
// generation, every fold on the core, the memory system when on).
import { loadArch, loadWorkload, simulate } from '../host/index.ts';
import type { DataflowKind, MemoryModel, TimingMode } from '../host/spec/types.ts';
import { runSuite } from './suite.ts';

/** One network run measured. */
export interface NetworkCase {
  network: 'mobilenet_v1' | 'resnet50';
  arch: 'array-64' | 'array-128';
  dataflow: DataflowKind;
  timing: TimingMode;
  memory: MemoryModel;
}

/** The runs of the issues' benchmarks. */
export const NETWORK_CASES: readonly NetworkCase[] = [
  ...(['native', 'scalesim'] as const).flatMap((timing) =>
    (['os', 'ws', 'is'] as const).map(
      (dataflow): NetworkCase => ({ network: 'mobilenet_v1', arch: 'array-64', dataflow, timing, memory: 'ideal' }),
    ),
  ),
  { network: 'resnet50', arch: 'array-128', dataflow: 'os', timing: 'native', memory: 'ideal' },
  { network: 'mobilenet_v1', arch: 'array-64', dataflow: 'os', timing: 'native', memory: 'simulated' },
  { network: 'resnet50', arch: 'array-128', dataflow: 'os', timing: 'native', memory: 'simulated' },
];

/** Wall time and what was simulated, per case. */
export interface NetworkFigure {
  run: NetworkCase;
  meanSeconds: number;
  bestSeconds: number;
  /** The least CPU time (user + system, all threads) of CPU_RUNS runs: what an idle machine's wall time would be. */
  cpuSeconds: number;
  rmePercent: number;
  samples: number;
  cycles: number;
  macs: number;
}

/** Runs per case whose CPU time is taken (after the benchmark.js runs). */
const CPU_RUNS = 3;

async function leastCpuSeconds(run: () => Promise<unknown>): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < CPU_RUNS; i++) {
    const before = process.cpuUsage();
    await run();
    const used = process.cpuUsage(before);
    least = Math.min(least, (used.user + used.system) / 1e6);
  }
  return least;
}

/** The case's name in the printed output. */
export function caseName(c: NetworkCase): string {
  return `${c.network} ${c.arch} ${c.dataflow} ${c.timing}${c.memory === 'simulated' ? ' +memory' : ''}`;
}

/** Contract: times every case with benchmark.js after one untimed run (whose report gives cycles and MACs), then its CPU time. */
export async function measureNetworks(cases: readonly NetworkCase[] = NETWORK_CASES): Promise<NetworkFigure[]> {
  const prepared = await Promise.all(
    cases.map(async (c) => {
      const preset = loadArch(c.arch);
      const arch = { ...preset, memory: { ...preset.memory, model: c.memory } };
      const workload = loadWorkload(c.network);
      const options = { timing: c.timing, dataflow: c.dataflow };
      const report = await simulate(arch, workload, options);
      return { c, report, fnAsync: () => simulate(arch, workload, options) };
    }),
  );
  const results = await runSuite(
    'network wall time',
    prepared.map(({ c, fnAsync }) => ({
      name: caseName(c),
      fnAsync,
      maxTime: c.network === 'resnet50' ? 1 : 1.5,
      minSamples: c.network === 'resnet50' ? 2 : 4,
    })),
  );
  const figures: NetworkFigure[] = [];
  for (const { c, report, fnAsync } of prepared) {
    const r = results.find((x) => x.name === caseName(c));
    if (!r) throw new Error(`bench ${caseName(c)}: benchmark.js produced no result`);
    const { meanSeconds, bestSeconds, rmePercent, samples } = r;
    const cpuSeconds = await leastCpuSeconds(fnAsync);
    figures.push({ run: c, meanSeconds, bestSeconds, cpuSeconds, rmePercent, samples, cycles: report.totals.cycles, macs: report.totals.macs });
  }
  return figures;
}
