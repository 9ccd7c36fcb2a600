// How the groups of a grouped or depthwise layer share the array.
//   sequential: one group's GEMM after another, each folded onto the array on its own.
//   packed:     block-diagonal packing (mappings/packing.ts): as many groups per fold as fit side by side,
//               which is only possible when a group's spatial dimensions are at most half the array's.
import type { TimingMode } from '../host/spec/types.ts';
import type { Dataflow, GemmShape } from './types.ts';

export const GROUPING_KINDS = ['sequential', 'packed'] as const;
export type GroupingKind = (typeof GROUPING_KINDS)[number];

/** The strategies each timing mode can run: SCALE-Sim has no block-diagonal packing (simulate refuses a packed fold). */
export const GROUPINGS_BY_TIMING = {
  native: GROUPING_KINDS,
  scalesim: ['sequential'],
} as const satisfies Record<TimingMode, readonly GroupingKind[]>;

/** Contract: true when `timing` can run `grouping` (GROUPINGS_BY_TIMING). */
export const runsUnder = (timing: TimingMode, grouping: GroupingKind): boolean =>
  (GROUPINGS_BY_TIMING[timing] as readonly GroupingKind[]).includes(grouping);

export interface Grouping {
  readonly kind: GroupingKind;
  /** Contract: how many of `groups` equal GEMMs of shape g run together in one fold (≥ 1). */
  groupsPerFold(df: Dataflow, g: GemmShape, array: { rows: number; cols: number }, groups: number): number;
}

export const sequential: Grouping = { kind: 'sequential', groupsPerFold: () => 1 };

export const packed: Grouping = {
  kind: 'packed',
  groupsPerFold(df, g, array, groups) {
    const { sr, sc } = df.geometry(g);
    return Math.max(1, Math.min(groups, Math.floor(array.rows / sr), Math.floor(array.cols / sc)));
  },
};
