// Output stationary: each PE owns one output; ifmap rows stream from the left, filter columns from the top.
import { CoreDataflow } from '../host/core/index.ts';
import { defineDataflow } from './types.ts';

export const os = defineDataflow({
  kind: 'os',
  core: CoreDataflow.OS,
  axes: { rows: 'M', cols: 'N', time: 'K' },
  summary: 'output stationary: outputs stay in PEs (rows = output pixels, cols = filters), K streams through',
});
