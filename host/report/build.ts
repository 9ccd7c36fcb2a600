// Stats → report. Every figure here is a counter of the cycle-level run divided by the array's size; nothing is
// predicted by a formula.
import type { CoreStats } from '../core/index.ts';
import { DEFAULT_ENERGY_TABLE, layerEnergy, sumEnergy, type EnergyTable } from '../energy/index.ts';
import type { LoweredGemm } from '../lower/shape.ts';
import type { ArchSpec, ComputeLayer, DataflowKind, TimingMode, Workload } from '../spec/types.ts';
import { REPORT_SCHEMA, type LayerReport, type Report, type SramCounts } from './types.ts';

/** A fraction, or 0 when the denominator is 0. */
const frac = (num: number, den: number): number => (den > 0 ? num / den : 0);

/** Contract: the report of one layer from its stats (cycles in the stats' timing convention); energy at `energy`'s prices. */
export function layerReport(
  arch: ArchSpec, layer: ComputeLayer, gemm: LoweredGemm, dataflow: DataflowKind, grouping: LayerReport['grouping'],
  s: CoreStats, verified: boolean | null, energy: EnergyTable = DEFAULT_ENERGY_TABLE,
): LayerReport {
  const pes = arch.array.rows * arch.array.cols;
  const report: Omit<LayerReport, 'energy'> = {
    name: layer.name,
    kind: layer.kind,
    dataflow,
    gemm: { M: gemm.M, N: gemm.N, K: gemm.K, groups: gemm.groups },
    grouping,
    folds: { rows: s.foldRows, cols: s.foldCols },
    macs: s.busyPeCycles,
    cycles: { total: s.cycles, compute: s.cycles - s.stallCycles, stall: s.stallCycles },
    utilization: {
      mapping: frac(s.usedPeFolds, pes * s.folds),
      compute: frac(s.busyPeCycles, pes * s.utilWindowCycles),
      overall: frac(s.busyPeCycles, pes * s.cycles),
    },
    sram: { ifmapReads: s.ifmapReads, filterReads: s.filterReads, ofmapWrites: s.ofmapWrites, ofmapReads: s.ofmapReads },
    dram: null,
    verified,
  };
  return { ...report, energy: layerEnergy(arch, report, energy) };
}

const sumSram = (layers: LayerReport[]): SramCounts => ({
  ifmapReads: layers.reduce((a, l) => a + l.sram.ifmapReads, 0),
  filterReads: layers.reduce((a, l) => a + l.sram.filterReads, 0),
  ofmapWrites: layers.reduce((a, l) => a + l.sram.ofmapWrites, 0),
  ofmapReads: layers.reduce((a, l) => a + l.sram.ofmapReads, 0),
});

/** Contract: the whole report; totals are sums over layers, utilization = MACs / (cycles · PEs). */
export function runReport(
  tool: { name: string; version: string }, arch: ArchSpec, workload: Workload, timing: TimingMode,
  layers: LayerReport[],
): Report {
  const cycles = layers.reduce((a, l) => a + l.cycles.total, 0);
  const macs = layers.reduce((a, l) => a + l.macs, 0);
  return {
    schema: REPORT_SCHEMA,
    tool,
    timing,
    arch,
    workload: { name: workload.name },
    layers,
    totals: {
      cycles,
      macs,
      utilization: frac(macs, cycles * arch.array.rows * arch.array.cols),
      sram: sumSram(layers),
      dram: null,
      energy: sumEnergy(layers.map((l) => l.energy)),
    },
  };
}
