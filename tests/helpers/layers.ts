// Layer builders for tests: a normalised ConvLayer with every field filled, overridable field by field.
import type { ConvLayer } from '../../host/spec/types.ts';

/** An 8×8×4 input, 3×3 filters, 8 of them, stride 1, no padding, one group — unless `over` says otherwise. */
export const convLayer = (over: Partial<ConvLayer> = {}): ConvLayer => ({
  name: 'l',
  kind: 'conv',
  inputs: [],
  ifmap: { h: 8, w: 8, c: 4 },
  filter: { h: 3, w: 3 },
  filters: 8,
  stride: { h: 1, w: 1 },
  padding: { top: 0, bottom: 0, left: 0, right: 0 },
  groups: 1,
  ...over,
});
