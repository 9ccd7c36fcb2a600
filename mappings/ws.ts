// Weight stationary: filters sit in the PEs; ifmap rows stream from the left; partial sums flow down.
import { CoreDataflow } from '../host/core/index.ts';
import { defineDataflow } from './types.ts';

export const ws = defineDataflow({
  kind: 'ws',
  core: CoreDataflow.WS,
  axes: { rows: 'K', cols: 'N', time: 'M' },
  summary: 'weight stationary: filters stay in PEs (rows = K, cols = filters), output pixels stream through',
});
