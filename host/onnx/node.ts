// What an operator handler sees of one ONNX node: its inputs' tensors (shape, the layers that produce them, constant
// values), typed attribute getters with the operator's defaults, and one way to fail (an InputError naming the node
// and its op).
import { InputError } from '../errors.ts';
import { ATTR, type OnnxAttribute, type OnnxNode } from './decode.ts';

/** A tensor of the imported graph. Shapes include the batch dimension where the model has one. */
export interface TensorInfo {
  dims: number[];
  /** Layers whose outputs this tensor is made of (through shape-only ops); [] for graph inputs and constants. */
  sources: string[];
  /** A constant (initializer, Constant node, or computed from constants only). */
  constant: boolean;
  /** Integer values of a constant, when known (shape computations: Reshape targets, axes, Shape outputs). */
  values: number[] | null;
  /** The layer whose output this tensor is, unchanged (for folding a BatchNormalization into its conv). */
  layer: string | null;
}

/** A per-sample tensor as Systole's layers describe it. */
export interface Shape3 {
  h: number;
  w: number;
  c: number;
}

/** A raw workload layer as a YAML file would write it (validated afterwards by the workload schema). */
export type RawLayerObject = Record<string, unknown> & { name: string; kind: string };

export interface NodeContext {
  node: OnnxNode;
  /** `model.onnx: node 'conv1' (Conv)`, for messages. */
  where: string;
  /** The default-domain opset version the model imports. */
  opset: number;
  /** Samples per inference: dimension 0 of the graph's inputs. */
  batch: number;
  /** Input i (must be present). */
  input(i: number): TensorInfo;
  /** Input i, or null when absent or given as '' (an omitted optional input). */
  optional(i: number): TensorInfo | null;
  /** How many outputs of this node other nodes or the graph read (for folding). */
  consumers(tensor: TensorInfo): number;
  attr: Attributes;
  /** Emit a layer reading `from` (its `inputs` are their sources) and return its name: the node's name, with
   *  `.suffix` when one node becomes several layers. */
  emit(layer: Record<string, unknown> & { kind: string }, from: TensorInfo[], suffix?: string): string;
  /** The per-sample h×w×c output of an emitted layer whose output has that layout (conv, pool, eltwise,
   *  activation), or null for a rows × columns one (gemm, softmax, layernorm). */
  layerOutput(name: string): Shape3 | null;
  /** Throw an InputError naming the node and its op. */
  fail(what: string, fix: string): never;
}

/** Typed attribute getters; a wrong type fails naming the attribute. */
export class Attributes {
  private readonly byName: Map<string, OnnxAttribute>;
  constructor(
    node: OnnxNode,
    private readonly fail: (what: string, fix: string) => never,
  ) {
    this.byName = new Map(node.attributes.map((a) => [a.name, a]));
    for (const a of node.attributes) {
      if (a.refAttrName !== '') fail(`attribute '${a.name}' refers to a function attribute (${a.refAttrName}) outside a function`, 'fix the model');
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  private get(name: string, type: number, typeName: string): OnnxAttribute | undefined {
    const a = this.byName.get(name);
    if (a !== undefined && a.type !== type && a.type !== 0) this.fail(`attribute '${name}' is not ${typeName}`, 'fix the model');
    return a;
  }

  int(name: string, fallback: number): number {
    return this.get(name, ATTR.INT, 'an integer')?.i ?? fallback;
  }

  float(name: string, fallback: number): number {
    return this.get(name, ATTR.FLOAT, 'a float')?.f ?? fallback;
  }

  string(name: string, fallback: string): string {
    return this.get(name, ATTR.STRING, 'a string')?.s ?? fallback;
  }

  ints(name: string): number[] | null {
    return this.get(name, ATTR.INTS, 'a list of integers')?.ints ?? null;
  }

  tensor(name: string) {
    return this.get(name, ATTR.TENSOR, 'a tensor')?.t ?? null;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

/** Describe a node for messages: `node 'name' (Op)`, or `node #index (Op)` when it has no name. */
export const describeNode = (node: OnnxNode): string =>
  `node ${node.name !== '' ? `'${node.name}'` : `#${node.index}`} (${node.domain === '' ? '' : `${node.domain}.`}${node.opType})`;

/** Dims as 1×3×224×224. */
export const fmtDims = (dims: number[]): string => (dims.length === 0 ? 'a scalar' : dims.join('×'));

export const product = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

/** Normalise a possibly negative axis of a rank-r tensor, failing when it is out of range. */
export function axisOf(ctx: NodeContext, axis: number, rank: number, name = 'axis'): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) ctx.fail(`${name} ${axis} is out of range for a tensor of rank ${rank}`, `use an axis in ${-rank}..${rank - 1}`);
  return a;
}

/** A tensor with no layer behind it (a shape-only result). */
export const derived = (from: TensorInfo, dims: number[], values: number[] | null = null): TensorInfo => ({
  dims,
  sources: from.sources,
  constant: from.constant,
  values,
  layer: null,
});

export { InputError };
