// ONNX model → Systole workload. The graph is walked in its (topological) node order; each node's handler infers
// its output shapes and emits the Systole layers it maps onto, whose `inputs` are the layers that produced the
// node's computed inputs (through any shape-only ops). Graph inputs must have static shapes (or be given by
// --input-shape); their dimension 0 is the batch, which becomes the workload's `batch` (every layer is per sample).
// The result is a raw workload object, as a YAML file would hold it: the loader (host/spec/workload/workload.ts) validates
// it with the workload schema like any other (one source of truth for layers). No node-only imports here, nor in
// anything this folder imports (tests/onnx/browser.test.ts checks): the importer runs in a browser as is.
import { InputError } from '../errors.ts';
import { decodeOnnx, type OnnxModel, type OnnxNode, type OnnxValueInfo } from './decode.ts';
import { Attributes, type NodeContext, type RawLayerObject, type Shape3, type TensorInfo, describeNode, fmtDims } from './node.ts';
import { OPS, SUPPORTED_OPS } from './ops/index.ts';
import { DATA_TYPES } from './schema.ts';

export interface OnnxImportOptions {
  /** Shapes of graph inputs (--input-shape): by input name, or '' for the only input. */
  inputShapes?: Map<string, number[]>;
  /** The workload name (default: the graph's name, else the file's stem). */
  name?: string;
}

const WINDOWED = new Set(['conv', 'dwconv', 'gconv', 'pool']);

const STATIC_FIX = (name: string, dims: string) => `give its shape with --input-shape ${name}=${dims}, or export the model with static shapes`;

/** A workload as a YAML/JSON file writes it, before validation. */
export interface RawWorkload {
  name?: string;
  batch: number;
  layers: RawLayerObject[];
}

/** Import an ONNX model's bytes; `source` (the file) prefixes every message. */
export function importOnnx(bytes: Uint8Array, source: string, options: OnnxImportOptions = {}): RawWorkload {
  return importModel(decodeOnnx(bytes, source), source, options);
}

export function importModel(model: OnnxModel, source: string, options: OnnxImportOptions = {}): RawWorkload {
  const { graph } = model;
  const opset = model.opsets.get('');
  if (opset === undefined) throw new InputError(source, 'the model imports no default-domain (ai.onnx) operator set', 'fix the model: opset_import must name the ONNX opset version');
  const tensors = new Map<string, TensorInfo>();
  const external = new Set<string>();
  const unavailable = new Map<string, string>();

  for (const t of graph.initializers) {
    if (t.name === '') throw new InputError(`${source}: initializer`, 'an initializer has no name', 'fix the model');
    if (t.external) external.add(t.name);
    tensors.set(t.name, { dims: t.dims, sources: [], constant: true, values: t.ints, layer: null });
  }
  if (graph.sparseInitializers > 0) {
    throw new InputError(source, `${graph.sparseInitializers} sparse initializer(s)`, 'save the model with dense initializers');
  }

  const consumers = new Map<string, OnnxNode[]>();
  for (const node of graph.nodes) for (const i of node.inputs) if (i !== '') consumers.set(i, [...(consumers.get(i) ?? []), node]);
  const graphOutputs = new Set(graph.outputs.map((o) => o.name));
  const firstUser = (name: string) => {
    const user = consumers.get(name)?.[0];
    return user === undefined ? '' : ` (read by ${describeNode(user)})`;
  };

  const inputs = graph.inputs.filter((v) => !tensors.has(v.name));
  const shapes = options.inputShapes ?? new Map<string, number[]>();
  for (const key of shapes.keys()) {
    if (key === '' ? inputs.length !== 1 : !inputs.some((v) => v.name === key)) {
      const names = inputs.map((v) => `'${v.name}'`).join(', ') || 'none';
      throw new InputError(`--input-shape ${key === '' ? '' : `${key}=`}…`, key === '' ? `the model has ${inputs.length} inputs (${names}), so a shape must name its input` : `the model has no input '${key}' (its inputs: ${names})`, 'write --input-shape NAME=1x3x224x224 for each input to set');
    }
  }
  let batch: number | null = null;
  for (const v of inputs) {
    const dims = inputDims(v, shapes.get(v.name) ?? (inputs.length === 1 ? shapes.get('') : undefined), source, firstUser(v.name));
    if (dims.length > 0) batch ??= dims[0];
    tensors.set(v.name, { dims, sources: [], constant: false, values: null, layer: null });
  }
  if (inputs.length === 0) throw new InputError(source, 'the graph has no inputs (every input is an initializer)', 'fix the model');
  const samples = batch ?? 1;

  const layers: RawLayerObject[] = [];
  const layerNames = new Set<string>();
  const layerOutputs = new Map<string, Shape3 | null>();
  const convLayers = new Set<string>();

  for (const node of graph.nodes) {
    const where = `${source}: ${describeNode(node)}`;
    const fail: (what: string, fix: string) => never = (what, fix) => {
      throw new InputError(where, what, fix);
    };
    if (node.domain !== '') fail(`operator domain '${node.domain}' is not supported`, `Systole imports ONNX's default-domain operators (${SUPPORTED_OPS.join(', ')})`);
    const handler = Object.hasOwn(OPS, node.opType) ? OPS[node.opType] : undefined;
    if (handler === undefined) fail(`unsupported operator '${node.opType}'`, `Systole imports ${SUPPORTED_OPS.join(', ')}; replace the op or simplify the model (onnx-simplifier)`);
    if (node.outputs.length === 0 || node.outputs[0] === '') fail('it has no output', 'fix the model');
    const windowed = new Set<string>();
    const get = (i: number, required: boolean): TensorInfo | null => {
      const name = node.inputs[i];
      if (name === undefined || name === '') {
        if (required) fail(`input ${i} is missing`, `give ${node.opType} its input ${i}`);
        return null;
      }
      const why = unavailable.get(name);
      if (why !== undefined) fail(`reads '${name}', ${why}`, 'export the model for inference, without this output');
      const t = tensors.get(name);
      if (t === undefined) fail(`input '${name}' is not a graph input, an initializer or an earlier node's output`, 'fix the model (nodes must be listed in topological order)');
      if (external.has(name)) fail(`reads initializer '${name}', whose data is in an external file`, 'save the model with its weights inside the .onnx file (onnx.save_model(model, path, save_as_external_data=False))');
      return t;
    };
    const ctx: NodeContext = {
      node,
      where,
      opset,
      batch: samples,
      input: (i) => get(i, true)!,
      optional: (i) => get(i, false),
      consumers: (t) => {
        const name = node.inputs.find((n) => tensors.get(n) === t) ?? '';
        return (consumers.get(name)?.length ?? 0) + (graphOutputs.has(name) ? 1 : 0);
      },
      attr: new Attributes(node, fail),
      emit: (layer, from, suffix) => {
        const base = (node.name !== '' ? node.name : `${node.opType}_${node.index}`) + (suffix === undefined ? '' : `.${suffix}`);
        const name = layerNames.has(base) ? `${base}#${node.index}` : base;
        layerNames.add(name);
        layers.push({ name, ...layer, inputs: [...new Set(from.flatMap((t) => t.sources))] });
        layerOutputs.set(name, layer.kind === 'eltwise' || layer.kind === 'activation' ? (layer.shape as Shape3) : null);
        if (WINDOWED.has(layer.kind)) windowed.add(name);
        if (layer.kind === 'conv' || layer.kind === 'dwconv' || layer.kind === 'gconv') convLayers.add(name);
        return name;
      },
      layerOutput: (name) => layerOutputs.get(name) ?? null,
      fail,
    };
    const outputs = handler(ctx, convLayers);
    // A conv's or pool's output is NCHW: per sample its layer output is H×W×C.
    for (const t of outputs) if (t.layer !== null && windowed.has(t.layer)) layerOutputs.set(t.layer, { h: t.dims[2], w: t.dims[3], c: t.dims[1] });
    node.outputs.forEach((name, i) => {
      if (name === '') return;
      if (tensors.has(name) || unavailable.has(name)) fail(`output '${name}' is already defined (by an input, an initializer or an earlier node)`, 'fix the model (every tensor has one producer)');
      if (i < outputs.length) {
        for (const d of outputs[i].dims) if (!Number.isSafeInteger(d) || d < 0) fail(`its output '${name}' gets dimension ${d}`, 'fix the model');
        tensors.set(name, outputs[i]);
      } else {
        unavailable.set(name, `output ${i} of ${describeNode(node)}, which Systole does not provide`);
      }
    });
  }

  for (const out of graph.outputs) {
    const t = tensors.get(out.name);
    if (t === undefined) {
      throw new InputError(`${source}: graph output '${out.name}'`, unavailable.get(out.name) ?? 'is not produced by any node, input or initializer', 'fix the model');
    }
  }
  for (const v of [...graph.outputs, ...graph.valueInfo]) checkDeclared(v, tensors.get(v.name), source);
  if (layers.length === 0) throw new InputError(source, 'the model has no operator Systole simulates (only shape operations)', `give a model with ${SUPPORTED_OPS.filter((o) => !['Reshape', 'Flatten', 'Transpose'].includes(o)).slice(0, 6).join(', ')}, …`);
  const name = options.name ?? (graph.name !== '' ? graph.name : undefined);
  return { ...(name === undefined ? {} : { name }), batch: samples, layers };
}

/** A graph input's static dims: the declared shape, with --input-shape filling (and agreeing with) it. */
function inputDims(v: OnnxValueInfo, given: number[] | undefined, source: string, user: string): number[] {
  const where = `${source}: graph input '${v.name}'${user}`;
  if (v.kind !== 'tensor') throw new InputError(where, v.kind === null ? 'has no type' : `is a ${v.kind}, not a tensor`, 'give the model tensor inputs');
  if (v.elemType === 8) throw new InputError(where, `has element type ${DATA_TYPES[8]}`, 'give the model numeric inputs');
  const declared = v.dims;
  if (given !== undefined) {
    if (declared !== null && declared.length !== given.length) {
      throw new InputError(where, `is declared with rank ${declared.length} (${declared.map((d) => d ?? '?').join('×')}), but --input-shape gives ${fmtDims(given)}`, `give ${declared.length} dimensions`);
    }
    declared?.forEach((d, i) => {
      if (typeof d === 'number' && d !== given[i]) throw new InputError(where, `dimension ${i} is ${d} in the model, but --input-shape gives ${given[i]}`, `give ${d} there (only symbolic dimensions can be set)`);
    });
    return given;
  }
  const example = declared === null ? '1x3x224x224' : declared.map((d) => (typeof d === 'number' ? d : 1)).join('x');
  if (declared === null) throw new InputError(where, 'has no declared shape', STATIC_FIX(v.name, example));
  const dynamic = declared.findIndex((d) => typeof d !== 'number' || d === 0);
  if (dynamic >= 0) {
    const d = declared[dynamic];
    const what = d === 0 ? 'is 0' : typeof d === 'string' ? `is symbolic ('${d}')` : 'has no size';
    throw new InputError(where, `dimension ${dynamic} ${what}: the shape is dynamic`, STATIC_FIX(v.name, example));
  }
  return declared as number[];
}

/** A shape the model declares for a value (graph output or value_info) must agree with the inferred one where static. */
function checkDeclared(v: OnnxValueInfo, t: TensorInfo | undefined, source: string): void {
  if (t === undefined || v.dims === null) return;
  const agrees = v.dims.length === t.dims.length && v.dims.every((d, i) => typeof d !== 'number' || d === 0 || d === t.dims[i]);
  if (!agrees) {
    throw new InputError(`${source}: value '${v.name}'`, `is declared ${v.dims.map((d) => d ?? '?').join('×')}, but its producers compute ${fmtDims(t.dims)}`, 'fix the model (or re-run ONNX shape inference on it)');
  }
}
