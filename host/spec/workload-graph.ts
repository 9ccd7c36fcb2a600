// Graph checks of a workload: unique layer names, inputs naming earlier layers (topological order), and residual
// adds whose producers have the add's shape; and, for graphs built from a workload, every other edge's shape
// (checkEdgeShapes: a convolution's or gemm's declared input against its producer's output).
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

/** A producer's output as positions × channels (h×w×c, or m rows × n·groups columns for a gemm). */
interface Shape {
  h: number;
  w: number;
  c: number;
}

function shapeOf(layer: Layer): Shape {
  if (layer.kind === 'add') return layer.shape;
  if (layer.kind === 'gemm') return { h: layer.m, w: 1, c: layer.n * layer.groups };
  const { eh, ew } = convOutput(layer);
  return { h: eh, w: ew, c: layer.filters };
}

const POOLING = 'height and width must equal the producer\'s or divide them evenly (a pooling step the workload leaves out)';

/** Why `layer` cannot read `producer` as operand `j`, or null when the shapes agree. Convolutions and a gemm's A
 *  operand need the producer's channels and its positions (equal, or an even down-sampling: pooling is not a
 *  layer); a gemm's B operand needs its element count; adds are checked by checkAdd. */
function edgeMismatch(layer: Layer, j: number, producer: Layer): string | null {
  const p = shapeOf(producer);
  const got = `'${producer.name}' outputs ${fmt(p)}`;
  if (layer.kind === 'conv' || layer.kind === 'dwconv' || layer.kind === 'gconv') {
    const { h, w, c } = layer.ifmap;
    const spatial = p.h % h === 0 && p.w % w === 0;
    if (p.c === c && spatial) return null;
    const why = p.c !== c ? `channels must match` : POOLING;
    return `${got}, but '${layer.name}' declares its input (ifmap) as ${fmt(layer.ifmap)} (${why})`;
  }
  if (layer.kind !== 'gemm') return null;
  if (j === 0) {
    const k = layer.k * layer.groups;
    if (p.c === k && (p.h * p.w) % layer.m === 0) return null;
    const why = p.c !== k ? `its k·groups = ${k} must equal the producer's channels` : `its m = ${layer.m} rows must equal or divide the producer's ${p.h * p.w} positions`;
    return `${got}, but gemm '${layer.name}' reads it as ${layer.m}×${k} (${why})`;
  }
  const elements = layer.k * layer.n * layer.groups;
  if (p.h * p.w * p.c === elements) return null;
  return `${got} (${p.h * p.w * p.c} elements), but gemm '${layer.name}' reads it as its B operand of k·n·groups = ${elements} elements`;
}

/** Check that every layer's declared input shape matches what its producers output (the add shapes are checked
 *  when the workload is read). For graphs built from a workload, where a wrong shape would mis-size tensors; `at(i,
 *  key)` locates layer i's key for messages. */
export function checkEdgeShapes(layers: Layer[], at: (index: number, key: string) => string): void {
  const byName = new Map(layers.map((l) => [l.name, l]));
  layers.forEach((layer, i) => {
    layer.inputs.forEach((name, j) => {
      const producer = byName.get(name);
      if (producer === undefined || layer.kind === 'add') return;
      const why = edgeMismatch(layer, j, producer);
      if (why !== null) throw new InputError(at(i, `inputs[${j}]`), why, `fix the shape or name the right producer in inputs (default: the previous layer)`);
    });
  });
}
