// Input stationary: im2col windows sit in the PEs; filters stream from the left; partial sums flow down.
import { CoreDataflow } from '../host/core/index.ts';
import type { Dataflow } from './types.ts';

export const is: Dataflow = {
  kind: 'is',
  core: CoreDataflow.IS,
  geometry: ({ M, N, K }) => ({ sr: K, sc: M, t: N }),
  summary: 'input stationary: input windows stay in PEs (rows = K, cols = output pixels), filters stream through',
};
