// The `systole.report/1` document (shared/DESIGN.md). New fields may be added; existing ones keep their meaning.
import type { GroupingKind } from '../../mappings/grouping.ts';
import type { EnergyBreakdown, EnergyTable } from '../energy/types.ts';
import type { ArchSpec, DataflowKind, LayerKind, TimingMode, VectorOp } from '../spec/types.ts';
import type { SnnLayerSection, SnnRunSection } from '../snn/types.ts';

export const REPORT_SCHEMA = 'systole.report/1';

export interface SramCounts {
  ifmapReads: number;
  filterReads: number;
  ofmapWrites: number;
  ofmapReads: number;
  /** Words written into the ifmap and filter buffers from DRAM (0 with ideal memory). */
  ifmapWrites: number;
  filterWrites: number;
}

export interface DramCounts {
  ifmapReads: number;
  filterReads: number;
  ofmapWrites: number;
  /** Partial sums read back (an output block too large for the ofmap buffer). */
  ofmapReads: number;
}

/** First and last cycle an operand's buffer or DRAM channel is used (SCALE-Sim's Start/Stop Cycle columns). */
export interface AccessWindow {
  start: number;
  stop: number;
}

/** SCALE-Sim v2's per-layer memory figures beyond the counts (one group's windows and rates). */
export interface ScaleSimFigures {
  sramWindows: { ifmap: AccessWindow; filter: AccessWindow; ofmap: AccessWindow };
  dramWindows: { ifmap: AccessWindow; filter: AccessWindow; ofmap: AccessWindow };
  avgDramBandwidth: { ifmapRead: number; filterRead: number; ofmapWrite: number };
}

/** Stall cycles by cause: waiting for ifmap or filter words from DRAM, for ofmap buffer space, for SRAM bank ports. */
export interface StallCauses {
  ifmap: number;
  filter: number;
  ofmap: number;
  bank: number;
  /** --timing scalesim with USER bandwidth: SCALE-Sim's own stall count, which it does not split by cause. */
  unattributed: number;
}

/** A layer the vector unit ran (pool, eltwise, activation, softmax, layernorm). */
export interface VectorFigures {
  lanes: number;
  /** Work items (output elements, or rows for softmax and layer norm) and steps (each gives every lane ≤ 1 item). */
  items: number;
  steps: number;
  /** Operations done, by kind. */
  ops: Record<VectorOp, number>;
  /** Lane occupancy: items / (steps · lanes). */
  laneUtilization: number;
}

export interface LayerReport {
  name: string;
  kind: LayerKind;
  /** The array's dataflow; 'vector' for a layer the vector unit ran (its gemm, folds and MACs are 0). */
  dataflow: DataflowKind | 'vector';
  gemm: { M: number; N: number; K: number; groups: number };
  /** How the groups shared the array: one after another, or `groupsPerFold` packed block-diagonally. */
  grouping: { strategy: GroupingKind; groupsPerFold: number };
  /** Folds of the last GEMM the core ran for this layer (one group, or one pack of groups). */
  folds: { rows: number; cols: number };
  macs: number;
  cycles: { total: number; compute: number; stall: number; stallBy: StallCauses };
  utilization: { mapping: number; compute: number; overall: number };
  sram: SramCounts;
  /** DRAM words moved; null when memory is not simulated (ideal memory, or scalesim timing without a DRAM model). */
  dram: DramCounts | null;
  /** DRAM words per cycle: average over the layer, peak over any 1024-cycle window (null: not modelled); null as dram. */
  dramBandwidth: { average: number; peak: number | null } | null;
  /** --timing scalesim: SCALE-Sim's own access windows and average DRAM bandwidths (for its CSV reports). */
  scalesim?: ScaleSimFigures;
  /** Vector-unit layers only: lanes, items, steps, operations by kind. */
  vector?: VectorFigures;
  /** true/false when --verify compared the output with a reference GEMM; null when not checked (vector layers:
   *  always null, the vector unit computes no values). */
  verified: boolean | null;
  /** pJ by component: the counts above times the energy table (host/energy/); DRAM 0 while `dram` is null. */
  energy: EnergyBreakdown;
  /** `systole validate`: the model's figures against this layer's (absent from plain runs). */
  validation?: LayerValidation;
  /** Spiking runs (`run --snn`, a workload's snn block): the layer run spiking, beside its quantized baseline. */
  snn?: SnnLayerSection;
  /** --values given: which folds computed values (timing and counters come from every fold whichever). */
  simulation?: FoldSimulation;
}

/** How a layer's folds were simulated. */
export interface FoldSimulation {
  values: 'full' | 'sampled' | 'off';
  folds: number;
  /** Folds whose outputs were computed (and, with --verify, checked). */
  foldsWithValues: number;
  /** Folds whose register-level run was not stepped: the outcome recorded for an earlier fold of the same shape. */
  foldsAdvanced: number;
  /** Of foldsAdvanced, the folds added as whole periods of identical folds (not placed one by one either). */
  foldsInPeriods: number;
}

/** One figure of one layer: predicted, simulated, and the signed relative error (pred − sim)/sim. */
export interface MetricComparison {
  predicted: number;
  simulated: number;
  /** null when the simulated figure is 0 and the predicted one is not (the relative error is undefined). */
  error: number | null;
}

export interface LayerValidation {
  /** By metric name (`cycles`, `utilization.overall`, `sram.ifmapReads`, ...): the metrics both sides have. */
  metrics: Record<string, MetricComparison>;
  /** Some metric's |error| exceeds the tolerance (or is undefined). */
  beyondTolerance: boolean;
}

/** One metric over all layers: mean and largest |error|; for counts (not fractions) also the network totals. */
export interface MetricSummary {
  layers: number;
  meanAbsError: number;
  /** The error (signed) of largest magnitude, and its layer (null when no layer has a defined error). */
  maxError: number;
  maxErrorLayer: string | null;
  /** Layers whose error is undefined (simulated 0, predicted not); left out of the mean and max. */
  undefinedErrors: number;
  total?: MetricComparison;
}

export interface ValidationSummary {
  /** The built-in model's name or the user's file. */
  model: string;
  /** Largest |relative error| a layer may have, as a fraction (5% → 0.05). */
  tolerance: number;
  metrics: Record<string, MetricSummary>;
  layersBeyondTolerance: string[];
  pass: boolean;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: string; version: string };
  timing: TimingMode;
  arch: ArchSpec;
  /** The workload's name and batch (samples per inference; every layer's counts are for the whole batch). */
  workload: { name: string; batch: number };
  layers: LayerReport[];
  totals: {
    cycles: number;
    macs: number;
    utilization: number;
    sram: SramCounts;
    dram: DramCounts | null;
    stallBy: StallCauses;
    /** pJ by component, summed over layers. */
    energy: EnergyBreakdown;
  };
  /** The energy per action (pJ) that priced this run: the defaults, or the defaults with --energy's overrides. */
  energyTable: EnergyTable;
  /** `systole validate`: the summary over layers (absent from plain runs). */
  validation?: ValidationSummary;
  /** Spiking runs: the spec and the run's sums (host/snn/types.ts). */
  snn?: SnnRunSection;
}
