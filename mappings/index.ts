// The registries: dataflows and group strategies. Forget to register a kind and tsc fails.
import type { DataflowKind } from '../host/spec/types.ts';
import { type Grouping, type GroupingKind, packed, sequential } from './grouping.ts';
import { is } from './is.ts';
import { os } from './os.ts';
import type { Dataflow } from './types.ts';
import { ws } from './ws.ts';

export type { Dataflow, GemmDim, GemmShape, Geometry } from './types.ts';
export { GROUPING_KINDS, type Grouping, type GroupingKind } from './grouping.ts';

export const DATAFLOWS = { os, ws, is } satisfies Record<DataflowKind, Dataflow>;
export const GROUPINGS = { sequential, packed } satisfies Record<GroupingKind, Grouping>;

export function dataflowOf(kind: DataflowKind): Dataflow {
  return DATAFLOWS[kind];
}
