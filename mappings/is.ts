// Input stationary: im2col windows sit in the PEs; filters stream from the left; partial sums flow down.
import { CoreDataflow } from '../host/core/index.ts';
import { defineDataflow } from './types.ts';

export const is = defineDataflow({
  kind: 'is',
  core: CoreDataflow.IS,
  axes: { rows: 'K', cols: 'M', time: 'N' },
  summary: 'input stationary: input windows stay in PEs (rows = K, cols = output pixels), filters stream through',
});
