// Graph checks of a workload: unique layer names, inputs naming earlier layers (topological order), and vector
// layers (pool, eltwise, activation, softmax, layer norm) whose producers output what they read; and, for graphs built from a workload, every other edge's shape
// (checkEdgeShapes: a convolution's or gemm's declared input against its producer's output).
import { InputError } from '../../errors.ts';
import { elementsOf, layerOutput } from '../../lower/shape.ts';
import { isComputeLayer as isCompute, type Layer, type TensorShape, type VectorLayer } from '../types.ts';
import type { KeyLocator } from './workload-layers.ts';

const fmt = (s: TensorShape) => `${s.h}×${s.w}×${s.c}`;

/** A gemm's, softmax's or layer norm's output is rows × columns: a consumer may read it as any h×w×c of the same
 *  element count. A convolution's, pool's or element-wise layer's output is h×w×c as it is. */
const isFlat = (l: Layer) => l.kind === 'gemm' || l.kind === 'softmax' || l.kind === 'layernorm';

/** What a vector layer reads from each producer, and how it names that shape in messages. */
function vectorInput(layer: VectorLayer): { shape: TensorShape; what: string; key: string } {
  switch (layer.kind) {
    case 'pool':
      return { shape: layer.ifmap, what: `the pool's ifmap is ${fmt(layer.ifmap)}`, key: 'ifmap' };
    case 'softmax':
    case 'layernorm':
      return { shape: { h: layer.rows, w: 1, c: layer.length }, what: `the ${layer.kind} reads rows × length = ${layer.rows}×${layer.length}`, key: 'rows and length' };
    default:
      return { shape: layer.shape, what: `the ${layer.kind === 'eltwise' ? `${layer.op}'s` : 'activation'} shape is ${fmt(layer.shape)}`, key: 'shape' };
  }
}

/** Every producer of a vector layer outputs what it reads: the same h×w×c, or the same element count when either
 *  side is rows × columns (a gemm, softmax or layer norm). */
function checkVectorInputs(layer: VectorLayer, byName: Map<string, Layer>, at: KeyLocator): void {
  const { shape, what, key } = vectorInput(layer);
  const flat = isFlat(layer);
  layer.inputs.forEach((producer, j) => {
    const p = byName.get(producer)!;
    const out = layerOutput(p);
    const byCount = flat || isFlat(p);
    const matches = byCount ? elementsOf(out) === elementsOf(shape) : out.h === shape.h && out.w === shape.w && out.c === shape.c;
    if (!matches) {
      const got = isFlat(p) ? `${elementsOf(out)} elements` : fmt(out);
      const more = byCount ? ` (${elementsOf(shape)} elements)` : '';
      throw new InputError(at(`inputs[${j}]`), `'${producer}' outputs ${got}, but ${what}${more}`, `fix the ${layer.kind === 'eltwise' ? layer.op : layer.kind} ${key} or its inputs`);
    }
  });
}

/** Check names, edges and the shapes vector layers read; `at(i, key)` locates layer i's key for messages. */
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
    if (!isCompute(layer)) checkVectorInputs(layer, byName, (key) => at(i, key));
    byName.set(layer.name, layer);
    indexOf.set(layer.name, i);
  });
}

const POOLING = 'height and width must equal the producer\'s or divide them evenly (a pooling step the workload leaves out)';

/** Why `layer` cannot read `producer` as operand `j`, or null when the shapes agree. Convolutions and a gemm's A
 *  operand need the producer's channels and its positions (equal, or an even down-sampling: pooling is not a
 *  layer); a gemm's B operand needs its element count; vector layers are checked by checkVectorInputs. */
function edgeMismatch(layer: Layer, j: number, producer: Layer): string | null {
  const p = layerOutput(producer);
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
    // A rows × columns producer (gemm, softmax, layer norm) read per group, e.g. attention's P·V reading the
    // softmax of every head: the same elements, split into groups of m × k.
    if (isFlat(producer) && elementsOf(p) === layer.m * k) return null;
    const why = p.c !== k ? `its k·groups = ${k} must equal the producer's channels` : `its m = ${layer.m} rows must equal or divide the producer's ${p.h * p.w} positions`;
    return `${got}, but gemm '${layer.name}' reads it as ${layer.m}×${k} (${why})`;
  }
  const elements = layer.k * layer.n * layer.groups;
  if (p.h * p.w * p.c === elements) return null;
  return `${got} (${p.h * p.w * p.c} elements), but gemm '${layer.name}' reads it as its B operand of k·n·groups = ${elements} elements`;
}

/** Check that every layer's declared input shape matches what its producers output (vector layers' are checked
 *  when the workload is read). For graphs built from a workload, where a wrong shape would mis-size tensors; `at(i,
 *  key)` locates layer i's key for messages. */
export function checkEdgeShapes(layers: Layer[], at: (index: number, key: string) => string): void {
  const byName = new Map(layers.map((l) => [l.name, l]));
  layers.forEach((layer, i) => {
    layer.inputs.forEach((name, j) => {
      const producer = byName.get(name);
      if (producer === undefined || !isCompute(layer)) return;
      const why = edgeMismatch(layer, j, producer);
      if (why !== null) throw new InputError(at(i, `inputs[${j}]`), why, `fix the shape or name the right producer in inputs (default: the previous layer)`);
    });
  });
}
