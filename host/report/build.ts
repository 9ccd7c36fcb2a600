// Stats → report. Every figure here is a counter of the cycle-level run divided by the array's size; nothing is
// predicted by a formula.
import type { CoreStats } from '../core/index.ts';
import { DEFAULT_ENERGY_TABLE, layerEnergy, sumEnergy, type EnergyTable } from '../energy/index.ts';
import type { LoweredGemm } from '../lower/shape.ts';
import type { ScaleSimDram } from '../memory/scalesim/index.ts';
import type { ArchSpec, ComputeLayer, DataflowKind, TimingMode, VectorLayer, Workload } from '../spec/types.ts';
import { type DramCounts, REPORT_SCHEMA, type LayerReport, type Report, type SramCounts, type StallCauses } from './types.ts';

/** A fraction, or 0 when the denominator is 0. */
const frac = (num: number, den: number): number => (den > 0 ? num / den : 0);

/**
 * Contract: the report of one layer from its stats (cycles in the stats' timing convention); energy at `energy`'s
 * prices. DRAM figures come from the native memory system (`memory`) or, under scalesim timing, from SCALE-Sim's
 * own memory model (`scalesim`), whose USER-mode stalls add to the core's stall-free cycles.
 */
export function layerReport(
  arch: ArchSpec, layer: ComputeLayer, gemm: LoweredGemm, dataflow: DataflowKind, grouping: LayerReport['grouping'],
  s: CoreStats, verified: boolean | null, memory: boolean, energy: EnergyTable = DEFAULT_ENERGY_TABLE,
  scalesim?: ScaleSimDram,
): LayerReport {
  const pes = arch.array.rows * arch.array.cols;
  const scalesimTiming = s.mappingEffSum > 0;
  const extraStall = scalesim?.cycles.stall ?? 0;
  const total = s.cycles + extraStall;
  const dramWords = s.dramIfmapReads + s.dramFilterReads + s.dramOfmapWrites + s.dramOfmapReads;
  const report: Omit<LayerReport, 'energy'> = {
    name: layer.name,
    kind: layer.kind,
    dataflow,
    gemm: { M: gemm.M, N: gemm.N, K: gemm.K, groups: gemm.groups },
    grouping,
    folds: { rows: s.foldRows, cols: s.foldCols },
    macs: s.busyPeCycles,
    cycles: {
      total,
      compute: s.cycles - s.stallCycles,
      stall: s.stallCycles + extraStall,
      stallBy: { ifmap: s.stallIfmap, filter: s.stallFilter, ofmap: s.stallOfmap, bank: s.stallBank, unattributed: extraStall },
    },
    // Under scalesim timing, mapping and compute utilization are SCALE-Sim's means of per-fold figures (the same
    // values as the aggregate ratios below, to the last bit as it computes them).
    utilization: {
      mapping: scalesimTiming ? s.mappingEffSum / s.folds : frac(s.usedPeFolds, pes * s.folds),
      compute: scalesimTiming ? s.computeUtilSum / s.folds : frac(s.busyPeCycles, pes * s.utilWindowCycles),
      overall: frac(s.busyPeCycles, pes * total),
    },
    sram: {
      ifmapReads: s.ifmapReads,
      filterReads: s.filterReads,
      ofmapWrites: s.ofmapWrites,
      ofmapReads: s.ofmapReads,
      ifmapWrites: s.ifmapWrites,
      filterWrites: s.filterWrites,
    },
    dram: scalesim
      ? { ...scalesim.dram, ofmapReads: 0 }
      : memory
        ? { ifmapReads: s.dramIfmapReads, filterReads: s.dramFilterReads, ofmapWrites: s.dramOfmapWrites, ofmapReads: s.dramOfmapReads }
        : null,
    dramBandwidth: scalesim
      ? { average: frac(scalesim.dram.ifmapReads + scalesim.dram.filterReads + scalesim.dram.ofmapWrites, total), peak: null }
      : memory
        ? { average: frac(dramWords, s.cycles), peak: s.dramPeakBandwidth }
        : null,
    ...(scalesim && {
      scalesim: { sramWindows: scalesim.sramWindows, dramWindows: scalesim.dramWindows, avgDramBandwidth: scalesim.avgBandwidth },
    }),
    verified,
  };
  return { ...report, energy: layerEnergy(arch, report, energy) };
}

/**
 * Contract: the report of a layer the vector unit ran, from its stats: cycles, stalls, SRAM/DRAM words through the
 * shared memory system, operations by kind; the array is idle (no MACs, utilization 0).
 */
export function vectorLayerReport(
  arch: ArchSpec, layer: VectorLayer, s: CoreStats, memory: boolean, energy: EnergyTable = DEFAULT_ENERGY_TABLE,
): LayerReport {
  const ops = { add: s.vectorAdd, mul: s.vectorMul, div: s.vectorDiv, exp: s.vectorExp, rsqrt: s.vectorRsqrt };
  const dramWords = s.dramIfmapReads + s.dramFilterReads + s.dramOfmapWrites + s.dramOfmapReads;
  const report: Omit<LayerReport, 'energy'> = {
    name: layer.name,
    kind: layer.kind,
    dataflow: 'vector',
    gemm: { M: 0, N: 0, K: 0, groups: 0 },
    grouping: { strategy: 'sequential', groupsPerFold: 0 },
    folds: { rows: 0, cols: 0 },
    macs: 0,
    cycles: {
      total: s.cycles,
      compute: s.cycles - s.stallCycles,
      stall: s.stallCycles,
      stallBy: { ifmap: s.stallIfmap, filter: s.stallFilter, ofmap: s.stallOfmap, bank: s.stallBank, unattributed: 0 },
    },
    utilization: { mapping: 0, compute: 0, overall: 0 },
    sram: { ifmapReads: s.ifmapReads, filterReads: s.filterReads, ofmapWrites: s.ofmapWrites, ofmapReads: 0, ifmapWrites: s.ifmapWrites, filterWrites: s.filterWrites },
    dram: memory ? { ifmapReads: s.dramIfmapReads, filterReads: s.dramFilterReads, ofmapWrites: s.dramOfmapWrites, ofmapReads: s.dramOfmapReads } : null,
    dramBandwidth: memory ? { average: frac(dramWords, s.cycles), peak: s.dramPeakBandwidth } : null,
    vector: {
      lanes: arch.vector.lanes,
      items: s.vectorBusyLaneSteps,
      steps: s.vectorSteps,
      ops,
      laneUtilization: frac(s.vectorBusyLaneSteps, s.vectorSteps * arch.vector.lanes),
    },
    verified: null,
  };
  return { ...report, energy: layerEnergy(arch, { ...report, vectorOps: ops }, energy) };
}

/** Field-by-field sums of numeric records. */
function sum<T extends object>(items: T[], zero: T): T {
  const out: Record<string, number> = { ...(zero as Record<string, number>) };
  for (const it of items) for (const k of Object.keys(out)) out[k] += (it as Record<string, number>)[k];
  return out as T;
}

const ZERO_SRAM: SramCounts = { ifmapReads: 0, filterReads: 0, ofmapWrites: 0, ofmapReads: 0, ifmapWrites: 0, filterWrites: 0 };
const ZERO_DRAM: DramCounts = { ifmapReads: 0, filterReads: 0, ofmapWrites: 0, ofmapReads: 0 };
const ZERO_STALLS: StallCauses = { ifmap: 0, filter: 0, ofmap: 0, bank: 0, unattributed: 0 };

/** Contract: the whole report; totals are sums over layers (the vector unit's included), utilization = MACs /
 *  (cycles · PEs); `energy` priced it. */
export function runReport(
  tool: { name: string; version: string }, arch: ArchSpec, workload: Workload, timing: TimingMode,
  layers: LayerReport[], energy: EnergyTable = DEFAULT_ENERGY_TABLE,
): Report {
  const cycles = layers.reduce((a, l) => a + l.cycles.total, 0);
  const macs = layers.reduce((a, l) => a + l.macs, 0);
  return {
    schema: REPORT_SCHEMA,
    tool,
    timing,
    arch,
    workload: { name: workload.name, batch: workload.batch },
    layers,
    totals: {
      cycles,
      macs,
      utilization: frac(macs, cycles * arch.array.rows * arch.array.cols),
      sram: sum(layers.map((l) => l.sram), ZERO_SRAM),
      dram: layers.some((l) => l.dram === null) ? null : sum(layers.map((l) => l.dram!), ZERO_DRAM),
      stallBy: sum(layers.map((l) => l.cycles.stallBy), ZERO_STALLS),
      energy: sumEnergy(layers.map((l) => l.energy)),
    },
    energyTable: energy,
  };
}
