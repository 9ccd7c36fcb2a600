// The dataflow registry. Forget to register a kind of DATAFLOW_KINDS and tsc fails.
import type { DataflowKind } from '../host/spec/types.ts';
import { is } from './is.ts';
import { os } from './os.ts';
import type { Dataflow } from './types.ts';
import { ws } from './ws.ts';

export type { Dataflow, Geometry } from './types.ts';

export const DATAFLOWS = { os, ws, is } satisfies Record<DataflowKind, Dataflow>;

export function dataflowOf(kind: DataflowKind): Dataflow {
  return DATAFLOWS[kind];
}
