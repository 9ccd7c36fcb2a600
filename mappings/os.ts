// Output stationary: each PE owns one output; ifmap rows stream from the left, filter columns from the top.
import { CoreDataflow } from '../host/core/index.ts';
import type { Dataflow } from './types.ts';

export const os: Dataflow = {
  kind: 'os',
  core: CoreDataflow.OS,
  geometry: ({ M, N, K }) => ({ sr: M, sc: N, t: K }),
  summary: 'output stationary: outputs stay in PEs (rows = output pixels, cols = filters), K streams through',
};
