// The depthwise study (issue 4): a workload's layers on one array, every dataflow × both group strategies, with
// SCALE-Sim's dense encoding of each depthwise layer (a conv with C channels and 1 filter: the right MACs, the
// wrong shape) beside the true depthwise mapping, and whether each layer is memory-bound: by the roofline (moving
// its compulsory DRAM words takes longer than computing) and by the simulation (the share of cycles it stalled).
import { GROUPING_KINDS, type GroupingKind } from '../../mappings/index.ts';
import { GROUPINGS_BY_TIMING, runsUnder } from '../../mappings/grouping.ts';
import { rooflineTerms } from '../analytic/models/roofline.ts';
import { lowerLayer } from '../lower/shape.ts';
import type { LayerReport } from '../report/types.ts';
import type { SystoleEmitter } from '../events.ts';
import { simulate } from '../simulate/index.ts';
import { studyProgress } from './progress.ts';
import { isComputeLayer, type ArchSpec, type ComputeLayer, type ConvLayer, DATAFLOW_KINDS, type DataflowKind, type TimingMode, type Workload } from '../spec/types.ts';

export interface Mapped {
  cycles: number;
  /** Cycles the array stalled on the memory system (0 with ideal memory or scalesim timing). */
  stall: number;
  utilization: number; // overall
  groupsPerFold: number;
}

export interface StudyRow {
  layer: string;
  kind: ComputeLayer['kind'];
  macs: number;
  /** Cycles to move the layer's compulsory DRAM words at the arch's bandwidth (roofline's memory roof). */
  dramCycles: number;
  /** packed is null under --timing scalesim (SCALE-Sim has no block-diagonal packing: nothing to compare). */
  runs: Record<DataflowKind, { sequential: Mapped; packed: Mapped | null; dense: Mapped | null }>;
}

export interface DepthwiseStudy {
  arch: ArchSpec;
  workload: string;
  timing: TimingMode;
  rows: StudyRow[];
}

const mapped = (l: LayerReport): Mapped => ({
  cycles: l.cycles.total,
  stall: l.cycles.stall,
  utilization: l.utilization.overall,
  groupsPerFold: l.grouping.groupsPerFold,
});

/** SCALE-Sim's encoding of a depthwise layer: a dense conv over all C channels with a single filter. */
export function denseEncoding(layer: ConvLayer): ConvLayer {
  return { ...layer, kind: 'conv', filters: 1, groups: 1 };
}

/** Contract: runs the study (progress events on `emitter`, one per simulation); every figure is a cycle-level simulation except dramCycles (a closed form). */
export async function depthwiseStudy(arch: ArchSpec, workload: Workload, timing: TimingMode = 'native', emitter?: SystoleEmitter): Promise<DepthwiseStudy> {
  const compute = workload.layers.filter(isComputeLayer);
  const dw = compute.filter((l): l is ConvLayer => l.kind === 'dwconv');
  const dense: Workload = { name: `${workload.name}-dense-dw`, batch: 1, layers: dw.map((l) => ({ ...denseEncoding(l), inputs: [] })) };
  const rows: StudyRow[] = compute.map((l) => {
    const g = lowerLayer(l);
    return { layer: l.name, kind: l.kind, macs: g.M * g.N * g.K * g.groups, dramCycles: rooflineTerms(arch, l, g).memoryCycles, runs: {} as StudyRow['runs'] };
  });
  const progress = studyProgress(emitter, DATAFLOW_KINDS.length * (GROUPINGS_BY_TIMING[timing].length + (dense.layers.length > 0 ? 1 : 0)));
  for (const dataflow of DATAFLOW_KINDS) {
    const byStrategy = {} as Partial<Record<GroupingKind, LayerReport[]>>;
    for (const grouping of GROUPING_KINDS) {
      if (!runsUnder(timing, grouping)) continue;
      byStrategy[grouping] = (await progress(`${dataflow} ${grouping}`, () => simulate(arch, workload, { timing, dataflow, grouping }))).layers;
    }
    const denseLayers = dense.layers.length > 0 ? (await progress(`${dataflow} dense`, () => simulate(arch, dense, { timing, dataflow }))).layers : [];
    rows.forEach((row, i) => {
      const d = denseLayers.find((l) => l.name === row.layer);
      row.runs[dataflow] = {
        sequential: mapped(byStrategy.sequential![i]),
        packed: byStrategy.packed === undefined ? null : mapped(byStrategy.packed[i]),
        dense: d === undefined ? null : mapped(d),
      };
    });
  }
  return { arch, workload: workload.name, timing, rows };
}
