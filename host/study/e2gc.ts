// The E2GC comparison (issue 4): a ResNeXt-style grouped 3×3 convolution at the four widths of ResNeXt-50's stages
// (Xie et al. 2017: 56×56×128, 28×28×256, 14×14×512, 7×7×1024, 32 groups of width 4 at the first stage), with the
// group count held constant (32 groups: group size grows 4 → 32) against the group size held constant (4 channels
// per group: 32 → 256 groups), as E2GC (Energy-efficient Group Convolution) proposes. Every dataflow and both group
// strategies; cycles and utilization come from the cycle-level simulation.
import { GROUPING_KINDS, type GroupingKind } from '../../mappings/index.ts';
import { GROUPINGS_BY_TIMING, runsUnder } from '../../mappings/grouping.ts';
import type { SystoleEmitter } from '../events.ts';
import { simulate } from '../simulate/index.ts';
import { studyProgress } from './progress.ts';
import { type ArchSpec, type ConvLayer, DATAFLOW_KINDS, type DataflowKind, type TimingMode } from '../spec/types.ts';

export const E2GC_STAGES = [
  { h: 56, c: 128 },
  { h: 28, c: 256 },
  { h: 14, c: 512 },
  { h: 7, c: 1024 },
] as const;
export const CONSTANT_GROUPS = 32;
export const CONSTANT_GROUP_SIZE = 4;

export type GroupPolicy = 'constant-count' | 'constant-size';

export interface E2gcRow {
  stage: number;
  policy: GroupPolicy;
  groups: number;
  groupSize: number;
  macs: number;
  /** A strategy the timing cannot run (packed under scalesim) is absent. */
  runs: Record<DataflowKind, Partial<Record<GroupingKind, { cycles: number; utilization: number; groupsPerFold: number }>>>;
}

/** The grouped 3×3 conv of one stage under one policy (stride 1, padding 1, as many filters as channels). */
export function e2gcLayer(stage: number, policy: GroupPolicy): ConvLayer {
  const { h, c } = E2GC_STAGES[stage];
  const groups = policy === 'constant-count' ? CONSTANT_GROUPS : c / CONSTANT_GROUP_SIZE;
  return {
    name: `stage${stage + 1}-${policy}`,
    kind: 'gconv',
    inputs: [],
    ifmap: { h, w: h, c },
    filter: { h: 3, w: 3 },
    filters: c,
    stride: { h: 1, w: 1 },
    padding: { top: 1, bottom: 1, left: 1, right: 1 },
    groups,
  };
}

/** Contract: both policies at every stage, every dataflow and group strategy (progress events on `emitter`). */
export async function e2gcStudy(arch: ArchSpec, timing: TimingMode = 'native', emitter?: SystoleEmitter): Promise<E2gcRow[]> {
  const rows: E2gcRow[] = [];
  const progress = studyProgress(emitter, E2GC_STAGES.length * 2 * DATAFLOW_KINDS.length * GROUPINGS_BY_TIMING[timing].length);
  for (let stage = 0; stage < E2GC_STAGES.length; stage++) {
    for (const policy of ['constant-count', 'constant-size'] as const) {
      const layer = e2gcLayer(stage, policy);
      const workload = { name: layer.name, batch: 1, layers: [layer] };
      const runs = {} as E2gcRow['runs'];
      let macs = 0;
      for (const dataflow of DATAFLOW_KINDS) {
        runs[dataflow] = {} as E2gcRow['runs'][DataflowKind];
        for (const grouping of GROUPING_KINDS) {
          if (!runsUnder(timing, grouping)) continue;
          const l = (await progress(`${layer.name} ${dataflow} ${grouping}`, () => simulate(arch, workload, { timing, dataflow, grouping }))).layers[0];
          macs = l.macs;
          runs[dataflow][grouping] = { cycles: l.cycles.total, utilization: l.utilization.overall, groupsPerFold: l.grouping.groupsPerFold };
        }
      }
      rows.push({ stage: stage + 1, policy, groups: layer.groups, groupSize: layer.ifmap.c / layer.groups, macs, runs });
    }
  }
  return rows;
}
