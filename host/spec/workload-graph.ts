// Graph checks of a workload: unique layer names, inputs naming earlier layers (topological order), and residual
// adds whose producers have the add's shape.
import { InputError } from '../errors.ts';
import { convOutput } from '../lower/shape.ts';
import type { Layer } from './types.ts';
import type { KeyLocator } from './workload-layers.ts';

/** Output of a layer as h×w×c when it has one, else only its element count (a gemm: groups·m·n). */
function outputOf(layer: Layer): { h: number; w: number; c: number } | { elements: number } {
  if (layer.kind === 'add') return layer.shape;
  if (layer.kind === 'gemm') return { elements: layer.groups * layer.m * layer.n };
  const { eh, ew } = convOutput(layer);
  return { h: eh, w: ew, c: layer.filters };
}

const fmt = (s: { h: number; w: number; c: number }) => `${s.h}×${s.w}×${s.c}`;

function checkAdd(layer: Extract<Layer, { kind: 'add' }>, byName: Map<string, Layer>, at: KeyLocator): void {
  const { h, w, c } = layer.shape;
  layer.inputs.forEach((producer, j) => {
    const out = outputOf(byName.get(producer)!);
    const matches = 'elements' in out ? out.elements === h * w * c : out.h === h && out.w === w && out.c === c;
    if (!matches) {
      const got = 'elements' in out ? `${out.elements} elements` : fmt(out);
      throw new InputError(at(`inputs[${j}]`), `'${producer}' outputs ${got}, but the add's shape is ${fmt(layer.shape)}`, 'fix the add shape or its inputs');
    }
  });
}

/** Check names, edges and add shapes; `at(i, key)` locates layer i's key for messages. */
export function checkGraph(layers: Layer[], at: (index: number, key: string) => string): void {
  const byName = new Map<string, Layer>();
  const indexOf = new Map<string, number>();
  layers.forEach((layer, i) => {
    const first = indexOf.get(layer.name);
    if (first !== undefined) {
      throw new InputError(at(i, 'name'), `duplicate layer name '${layer.name}' (also layers[${first}])`, 'give every layer its own name');
    }
    layer.inputs.forEach((producer, j) => {
      if (!byName.has(producer)) {
        const why = producer === layer.name ? 'is this layer itself' : layers.some((l) => l.name === producer) ? 'comes later in the file' : 'does not exist';
        throw new InputError(at(i, `inputs[${j}]`), `input '${producer}' ${why}`, 'name a layer defined earlier in the file (layers are listed in topological order)');
      }
    });
    if (layer.kind === 'add') checkAdd(layer, byName, (key) => at(i, key));
    byName.set(layer.name, layer);
    indexOf.set(layer.name, i);
  });
}
