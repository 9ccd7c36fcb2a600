// `systole study snn`: spiking runs against their quantized baselines over time steps and input spike rates.
//
// Per input rate, one spiking run of the largest T on the core computes the spikes; the first T steps of a run are
// the run of T steps (inputs are drawn step after step from one stream; neurons are causal). Each T is accounted
// (host/snn/account.ts) with the whole inference as one time batch (timeBatch = T: the weights are loaded once per
// window, as once per inference in the quantized network): the largest T's run is that run; a smaller T's window is
// run on the core again without values for its counters (run.ts, rewindowed). With `timeBatch: 1` (weights loaded
// every step) the first T windows of the largest T's run are the run of T steps, accounted on their own.
// One dense run per activation width ⌈log2(T+1)⌉ gives the quantized baselines (qnnArch: bit-packed words of that
// width in the scratchpads, MACs priced at the two widths). Each point is accounted twice, for the array that skips
// whole all-zero rows and for an event-driven front end (arch.snn.eventDriven).
// The break-even spike rate of a T and front end is where SNN/QNN energy crosses 1, interpolated linearly between
// the two measured points around the crossing (derived, not simulated); null when no measured point is on each side.
import { DEFAULT_ENERGY_TABLE, type EnergyTable } from '../energy/index.ts';
import type { SystoleEmitter } from '../events.ts';
import type { LayerReport } from '../report/types.ts';
import { simulate } from '../simulate/index.ts';
import type { ArchSpec, Workload } from '../spec/types.ts';
import { parseSnn, type SnnSpec } from '../spec/workload/workload-snn.ts';
import { qnnActivationBits, qnnArch, snnLayerSection, snnRunSection } from './account.ts';
import { rewindowed, runSnn, type SnnRun } from './run.ts';

export const STUDY_TIMESTEPS = [1, 2, 4, 8, 16];
/**
 * Input rates (rate coding's mean input spike rate, 1: every intensity u spikes with probability min(1, 2u)): from
 * where a seeded network's activity dies out to where it saturates (README, Spiking networks: about 0–2% to 32% of
 * VGG-16's inputs at T = 16; half its neurons have a negative mean drive, so ~50% is out of reach of random weights).
 */
export const STUDY_RATES = [0.003, 0.01, 0.05, 0.15, 0.5, 1];

export type FrontEnd = 'rows' | 'events';

export interface SnnStudyRow {
  workload: string;
  frontEnd: FrontEnd;
  timesteps: number;
  inputRate: number;
  /** Measured: input spikes over input positions × steps, over all layers (a fraction). */
  spikeRate: number;
  snnEnergyPJ: number;
  qnnEnergyPJ: number;
  snnCycles: number;
  qnnCycles: number;
  /** Shen et al.'s bit budget over the network: SNN (w·1·T per synapse) and the QNN's (w·⌈log2(T+1)⌉). */
  bitBudget: number;
  qnnBitBudget: number;
  snnDramBytes: number | null;
  qnnDramBytes: number | null;
}

export interface SnnStudy {
  arch: string;
  workload: string;
  timeBatch: 'all' | 1;
  rows: SnnStudyRow[];
  breakEven: { workload: string; frontEnd: FrontEnd; timesteps: number; spikeRate: number | null }[];
}

export interface SnnStudyOptions {
  timesteps?: number[];
  rates?: number[];
  /** 'all' (default): each run is one window of T steps; 1: a window per step (weights loaded every step). */
  timeBatch?: 'all' | 1;
  seed?: number;
  energy?: EnergyTable;
  emitter?: SystoleEmitter;
}

/** The run's first T steps, as a run of T steps (one step per window: timeBatch 1). */
export function prefixRun(run: SnnRun, T: number): SnnRun {
  const spec = { ...run.spec, timesteps: T };
  const layers = run.layers.map((l) => {
    const windows = l.windows.slice(0, T);
    return {
      ...l,
      inSpikes: l.inSpikes.slice(0, T),
      outSpikes: l.outSpikes.slice(0, T),
      windows,
      rows: { issued: windows.reduce((a, w) => a + w.rows, 0), dense: (l.rows.dense / run.spec.timesteps) * T },
      acs: {
        issued: windows.reduce((a, w) => a + (w.stats?.busyPeCycles ?? 0), 0),
        dense: (l.acs.dense / run.spec.timesteps) * T,
        events: windows.reduce((a, w) => a + w.events, 0),
      },
    };
  });
  return { ...run, spec, layers };
}

function studyRow(workload: string, frontEnd: FrontEnd, inputRate: number, run: SnnRun, qnn: LayerReport[], table: EnergyTable): SnnStudyRow {
  const arch: ArchSpec = { ...run.arch, snn: { eventDriven: frontEnd === 'events' } };
  const r = { ...run, arch };
  const sections = r.layers.map((l, i) => snnLayerSection(r, l, qnn[i], table));
  const t = snnRunSection(r, sections).totals;
  return {
    workload, frontEnd, timesteps: run.spec.timesteps, inputRate, spikeRate: t.spikeRate,
    snnEnergyPJ: t.energyPJ, qnnEnergyPJ: t.qnn.energyPJ, snnCycles: t.cycles, qnnCycles: t.qnn.cycles,
    bitBudget: t.bitBudget, qnnBitBudget: t.qnn.bitBudget, snnDramBytes: t.dramBytes, qnnDramBytes: t.qnn.dramBytes,
  };
}

/** Where SNN/QNN energy crosses 1 over the rows (sorted by spike rate), interpolated; null without a crossing. */
export function breakEvenRate(rows: SnnStudyRow[]): number | null {
  const pts = [...rows].sort((a, b) => a.spikeRate - b.spikeRate).map((r) => ({ x: r.spikeRate, y: r.snnEnergyPJ / r.qnnEnergyPJ }));
  for (let i = 1; i < pts.length; i++) {
    const [a, b] = [pts[i - 1], pts[i]];
    if (a.y <= 1 && b.y >= 1 && b.y !== a.y) return a.x + ((1 - a.y) * (b.x - a.x)) / (b.y - a.y);
  }
  return null;
}

/** Contract: the study of `workload` on `arch` (its own snn block or the defaults; T and the input rate swept). */
export async function snnStudy(arch: ArchSpec, workload: Workload, options: SnnStudyOptions = {}): Promise<SnnStudy> {
  const timesteps = options.timesteps ?? STUDY_TIMESTEPS;
  const rates = options.rates ?? STUDY_RATES;
  const table = options.energy ?? DEFAULT_ENERGY_TABLE;
  const base: SnnSpec = workload.snn ?? parseSnn(undefined, workload.name, workload.layers.map((l) => l.name));
  const tMax = Math.max(...timesteps);
  const timeBatch = options.timeBatch ?? 'all';
  // The quantized baselines: one dense run per activation width (qnnArch), shared by the T of that width.
  const qnn = new Map<number, LayerReport[]>();
  for (const T of timesteps) {
    const bits = qnnActivationBits(T);
    if (!qnn.has(bits)) qnn.set(bits, (await simulate(qnnArch(arch, T), workload, { timing: 'native', seed: options.seed, energy: table })).layers);
  }
  const rows: SnnStudyRow[] = [];
  const account = (inputRate: number, run: SnnRun) => {
    const baseline = qnn.get(qnnActivationBits(run.spec.timesteps))!;
    for (const fe of ['rows', 'events'] as const) rows.push(studyRow(workload.name, fe, inputRate, run, baseline, table));
  };
  const steps = rates.length * tMax;
  let done = 0;
  for (const inputRate of rates) {
    const run = runSnn(arch, workload, { ...base, timesteps: tMax, timeBatch: timeBatch === 1 ? 1 : tMax, inputRate }, { seed: options.seed });
    for (const T of timesteps) account(inputRate, timeBatch === 1 ? prefixRun(run, T) : T === tMax ? run : rewindowed(run, T, T));
    done += tMax;
    options.emitter?.emit('progress', { done, total: steps });
  }
  const breakEven = timesteps.flatMap((T) =>
    (['rows', 'events'] as const).map((frontEnd) => ({
      workload: workload.name, frontEnd, timesteps: T,
      spikeRate: breakEvenRate(rows.filter((r) => r.timesteps === T && r.frontEnd === frontEnd)),
    })),
  );
  return { arch: arch.name, workload: workload.name, timeBatch, rows, breakEven };
}
