// The `systole.report/1` document (shared/DESIGN.md). New fields may be added; existing ones keep their meaning.
import type { GroupingKind } from '../../mappings/grouping.ts';
import type { ArchSpec, DataflowKind, LayerKind, TimingMode } from '../spec/types.ts';

export const REPORT_SCHEMA = 'systole.report/1';

export interface SramCounts {
  ifmapReads: number;
  filterReads: number;
  ofmapWrites: number;
  ofmapReads: number;
}

export interface DramCounts {
  ifmapReads: number;
  filterReads: number;
  ofmapWrites: number;
}

export interface LayerReport {
  name: string;
  kind: LayerKind;
  dataflow: DataflowKind;
  gemm: { M: number; N: number; K: number; groups: number };
  /** How the groups shared the array: one after another, or `groupsPerFold` packed block-diagonally. */
  grouping: { strategy: GroupingKind; groupsPerFold: number };
  /** Folds of the last GEMM the core ran for this layer (one group, or one pack of groups). */
  folds: { rows: number; cols: number };
  macs: number;
  cycles: { total: number; compute: number; stall: number };
  utilization: { mapping: number; compute: number; overall: number };
  sram: SramCounts;
  /** DRAM words moved; null while the memory system is not simulated (every operand is assumed on chip). */
  dram: DramCounts | null;
  /** true/false when --verify compared the output with a reference GEMM; null when not checked. */
  verified: boolean | null;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: string; version: string };
  timing: TimingMode;
  arch: ArchSpec;
  workload: { name: string };
  layers: LayerReport[];
  totals: {
    cycles: number;
    macs: number;
    utilization: number;
    sram: SramCounts;
    dram: DramCounts | null;
  };
}
