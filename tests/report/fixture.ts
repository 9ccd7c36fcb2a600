// A hand-made two-layer report for the renderer tests (no simulator involved).
// Layer 0 is hand-traced with SCALE-Sim v2's OS closed forms (shared/DESIGN.md, "Timing conventions") for a 4×4
// array and a GEMM M=8, N=4, K=3: Sr=8, Sc=4, T=3, Fr=2, Fc=1, L=T+R+C-2=9, total=Fr·Fc·L-1=17,
// mapping=8·4/(16·2)=1, compute=1·3/9, overall=96/(17·16); SRAM ifmap=Fc·M·K=24, filter=Fr·N·K=24,
// ofmap writes=M·N+Fr·Fc·(R+C)=48. Layer 1 has round numbers chosen to exercise separators and grouping.
import type { ArchSpec } from '../../host/spec/types.ts';
import { REPORT_SCHEMA, type LayerReport, type Report } from '../../host/report/types.ts';
import { vectorOf, ARCH_DEFAULTS } from '../helpers/arch.ts';
import { DEFAULT_ENERGY_TABLE } from '../../host/energy/defaults.ts';

export const ARCH: ArchSpec = {
  name: 'tiny-4',
  array: { rows: 4, cols: 4 },
  dataflow: 'os',
  ...ARCH_DEFAULTS,
  vector: vectorOf(4),
};

export const GEMM_LAYER: LayerReport = {
  name: 'fc1',
  kind: 'gemm',
  dataflow: 'os',
  gemm: { M: 8, N: 4, K: 3, groups: 1 },
  grouping: { strategy: 'sequential', groupsPerFold: 1 },
  folds: { rows: 2, cols: 1 },
  macs: 96,
  cycles: { total: 17, compute: 17, stall: 0, stallBy: { ifmap: 0, filter: 0, ofmap: 0, bank: 0, unattributed: 0 } },
  utilization: { mapping: 1, compute: 3 / 9, overall: 96 / (17 * 16) },
  sram: { ifmapReads: 24, filterReads: 24, ofmapWrites: 48, ofmapReads: 0, ifmapWrites: 24, filterWrites: 12 },
  dram: { ifmapReads: 24, filterReads: 12, ofmapWrites: 32, ofmapReads: 0 },
  dramBandwidth: { average: 68 / 17, peak: 68 / 1024 },
  energy: { mac: 28.8, registers: 0, sram: { ifmap: 0, filter: 0, ofmap: 0, total: 0 }, dram: { ifmap: 0, filter: 0, ofmap: 0, total: 0 }, vector: 0, total: 28.8 },
  verified: true,
};

export const DW_LAYER: LayerReport = {
  name: 'conv_dw_1',
  kind: 'dwconv',
  dataflow: 'os',
  gemm: { M: 12544, N: 1, K: 9, groups: 32 },
  grouping: { strategy: 'sequential', groupsPerFold: 1 },
  folds: { rows: 3136, cols: 1 },
  macs: 3_612_672,
  cycles: { total: 1_234_567, compute: 1_200_000, stall: 34_567, stallBy: { ifmap: 30_000, filter: 4_000, ofmap: 567, bank: 0, unattributed: 0 } },
  utilization: { mapping: 0.25, compute: 0.5, overall: 0.9375 },
  sram: { ifmapReads: 1_000_000, filterReads: 2_000, ofmapWrites: 401_408, ofmapReads: 5, ifmapWrites: 401_408, filterWrites: 288 },
  dram: { ifmapReads: 401_408, filterReads: 288, ofmapWrites: 401_408, ofmapReads: 0 },
  dramBandwidth: { average: 803_104 / 1_234_567, peak: 10 },
  energy: { mac: 1_083_801.6, registers: 0, sram: { ifmap: 0, filter: 0, ofmap: 0, total: 0 }, dram: { ifmap: 0, filter: 0, ofmap: 0, total: 0 }, vector: 0, total: 1_083_801.6 },
  verified: null,
};

/** A report over the two layers above; totals are their sums (utilization: total MACs / (cycles · R · C)). */
export function makeReport(layers: LayerReport[] = [GEMM_LAYER, DW_LAYER]): Report {
  const sum = (f: (l: LayerReport) => number): number => layers.reduce((a, l) => a + f(l), 0);
  const cycles = sum((l) => l.cycles.total);
  const macs = sum((l) => l.macs);
  return {
    schema: REPORT_SCHEMA,
    tool: { name: 'systole', version: '0.0.0-test' },
    timing: 'scalesim',
    arch: ARCH,
    workload: { name: 'tiny_net', batch: 1 },
    layers,
    totals: {
      cycles,
      macs,
      utilization: macs / (cycles * 16),
      sram: {
        ifmapReads: sum((l) => l.sram.ifmapReads),
        filterReads: sum((l) => l.sram.filterReads),
        ofmapWrites: sum((l) => l.sram.ofmapWrites),
        ofmapReads: sum((l) => l.sram.ofmapReads),
        ifmapWrites: sum((l) => l.sram.ifmapWrites),
        filterWrites: sum((l) => l.sram.filterWrites),
      },
      dram: {
        ifmapReads: sum((l) => l.dram?.ifmapReads ?? 0),
        filterReads: sum((l) => l.dram?.filterReads ?? 0),
        ofmapWrites: sum((l) => l.dram?.ofmapWrites ?? 0),
        ofmapReads: sum((l) => l.dram?.ofmapReads ?? 0),
      },
      stallBy: {
        ifmap: sum((l) => l.cycles.stallBy.ifmap),
        filter: sum((l) => l.cycles.stallBy.filter),
        ofmap: sum((l) => l.cycles.stallBy.ofmap),
        bank: sum((l) => l.cycles.stallBy.bank),
        unattributed: sum((l) => l.cycles.stallBy.unattributed),
      },
      energy: {
        mac: sum((l) => l.energy.mac),
        registers: 0,
        sram: { ifmap: 0, filter: 0, ofmap: 0, total: 0 },
        dram: { ifmap: 0, filter: 0, ofmap: 0, total: 0 },
        vector: 0,
        total: sum((l) => l.energy.total),
      },
    },
    energyTable: DEFAULT_ENERGY_TABLE,
  };
}
