// Weight stationary: filters sit in the PEs; ifmap rows stream from the left; partial sums flow down.
import { CoreDataflow } from '../host/core/index.ts';
import type { Dataflow } from './types.ts';

export const ws: Dataflow = {
  kind: 'ws',
  core: CoreDataflow.WS,
  geometry: ({ M, N, K }) => ({ sr: K, sc: N, t: M }),
  summary: 'weight stationary: filters stay in PEs (rows = K, cols = filters), output pixels stream through',
};
