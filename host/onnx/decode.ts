// ONNX bytes → a plain, typed model (OnnxModel): the protobuf decoded with the schema in schema.ts, 64-bit integers
// turned into numbers (refused beyond 2^53), tensors reduced to their name, type, dims, integer values (for the
// constants that shape computations read) and whether their data lives in an external file. No node-only imports.
import { InputError } from '../errors.ts';
import { modelProtoType } from './schema.ts';

/** A dimension of a declared shape: a number, a symbolic name (dim_param), or null when neither is given. */
export type OnnxDim = number | string | null;

export interface OnnxValueInfo {
  name: string;
  /** 'tensor', or the kind of a non-tensor value (sequence, map, optional, sparse tensor), or null when untyped. */
  kind: 'tensor' | 'sequence' | 'map' | 'optional' | 'sparse_tensor' | null;
  elemType: number;
  /** The declared shape, or null when the value has none. */
  dims: OnnxDim[] | null;
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  /** Integer values (int32/int64 constants, from the typed field or raw little-endian bytes), else null. */
  ints: number[] | null;
  /** The data is stored in a separate file (data_location EXTERNAL or external_data entries). */
  external: boolean;
}

export interface OnnxAttribute {
  name: string;
  type: number;
  f: number;
  i: number;
  s: string;
  t: OnnxTensor | null;
  floats: number[];
  ints: number[];
  /** Set when the attribute refers to a function's attribute (only legal inside functions). */
  refAttrName: string;
}

export interface OnnxNode {
  /** Position in the graph's node list. */
  index: number;
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  sparseInitializers: number;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  valueInfo: OnnxValueInfo[];
}

export interface OnnxModel {
  irVersion: number;
  producer: string;
  /** Operator set versions by domain ('' is the default ONNX domain, also written 'ai.onnx'). */
  opsets: Map<string, number>;
  graph: OnnxGraph;
}

/** AttributeProto.AttributeType values. */
export const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

const FIX = 'give an .onnx model file as saved by an ONNX exporter (torch.onnx.export, tf2onnx, onnx.save)';

/** Decode an ONNX model; `source` names the file in messages. */
export function decodeOnnx(bytes: Uint8Array, source: string): OnnxModel {
  if (bytes.length === 0) throw new InputError(source, 'empty file, not an ONNX model', FIX);
  const type = modelProtoType();
  let raw: RawModel;
  try {
    raw = type.decode(bytes) as unknown as RawModel;
  } catch (e) {
    const why = String((e as Error).message).split('\n')[0].slice(0, 100);
    throw new InputError(source, `not an ONNX model: its protobuf does not decode (${why})`, FIX);
  }
  const int = (v: LongLike, what: string) => toInt(v, `${source}: ${what}`);
  const irVersion = int(raw.ir_version ?? 0, 'ir_version');
  if (raw.graph == null) throw new InputError(source, 'not an ONNX model: it has no graph (ModelProto.graph is missing)', FIX);
  if (irVersion < 3) {
    throw new InputError(source, `ir_version ${irVersion} is not an ONNX IR version Systole reads (3 or later; a file that is not an ONNX model decodes to 0)`, FIX);
  }
  const opsets = new Map<string, number>();
  for (const o of raw.opset_import ?? []) opsets.set(o.domain === 'ai.onnx' ? '' : (o.domain ?? ''), int(o.version ?? 0, 'opset_import.version'));
  const g = raw.graph;
  const tensor = (t: RawTensor, where: string): OnnxTensor => {
    const dims = (t.dims ?? []).map((d, i) => int(d, `${where}.dims[${i}]`));
    const dataType = t.data_type ?? 0;
    const external = t.data_location === 1 || (t.external_data ?? []).length > 0;
    return { name: t.name ?? '', dims, dataType, ints: external ? null : intValues(t, dataType, where, int), external };
  };
  const valueInfo = (v: RawValueInfo): OnnxValueInfo => {
    const ty = v.type;
    const kind = ty == null ? null : ty.tensor_type != null ? 'tensor' : ty.sequence_type != null ? 'sequence' : ty.map_type != null ? 'map'
      : ty.optional_type != null ? 'optional' : ty.sparse_tensor_type != null ? 'sparse_tensor' : null;
    const shape = ty?.tensor_type?.shape;
    const dims = shape == null ? null : (shape.dim ?? []).map((d, i): OnnxDim =>
      Object.hasOwn(d, 'dim_value') ? int(d.dim_value!, `value '${v.name}' dim ${i}`) : Object.hasOwn(d, 'dim_param') && d.dim_param !== '' ? d.dim_param! : null);
    return { name: v.name ?? '', kind, elemType: ty?.tensor_type?.elem_type ?? 0, dims };
  };
  const nodes = (g.node ?? []).map((n, index): OnnxNode => {
    const where = `node ${index} (${n.op_type ?? '?'})`;
    return {
      index,
      name: n.name ?? '',
      opType: n.op_type ?? '',
      domain: n.domain === 'ai.onnx' ? '' : (n.domain ?? ''),
      inputs: n.input ?? [],
      outputs: n.output ?? [],
      attributes: (n.attribute ?? []).map((a) => ({
        name: a.name ?? '',
        type: a.type ?? 0,
        f: a.f ?? 0,
        i: int(a.i ?? 0, `${where} attribute ${a.name}`),
        s: a.s instanceof Uint8Array ? new TextDecoder().decode(a.s) : '',
        t: a.t == null ? null : tensor(a.t, `${where} attribute ${a.name}`),
        floats: a.floats ?? [],
        ints: (a.ints ?? []).map((v) => int(v, `${where} attribute ${a.name}`)),
        refAttrName: a.ref_attr_name ?? '',
      })),
    };
  });
  return {
    irVersion,
    producer: raw.producer_name ?? '',
    opsets,
    graph: {
      name: g.name ?? '',
      nodes,
      initializers: (g.initializer ?? []).map((t, i) => tensor(t, `initializer ${i} (${t.name ?? ''})`)),
      sparseInitializers: (g.sparse_initializer ?? []).length,
      inputs: (g.input ?? []).map(valueInfo),
      outputs: (g.output ?? []).map(valueInfo),
      valueInfo: (g.value_info ?? []).map(valueInfo),
    },
  };
}

/** A protobufjs 64-bit integer: a number, or a Long-like object {low, high, unsigned} when `long` is installed. */
type LongLike = number | { low: number; high: number; unsigned?: boolean; toString(): string };

/** A 64-bit integer as a number; beyond ±2^53 it is refused (no shape or count of a model is that large). */
function toInt(v: LongLike, where: string): number {
  if (typeof v === 'number') return v;
  const big = BigInt(v.toString());
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InputError(where, `integer ${big} is beyond 2^53`, 'fix the model (no dimension or attribute is that large)');
  }
  return Number(big);
}

/** The integer values of an int32/int64 tensor (typed field or raw little-endian bytes), else null. */
function intValues(t: RawTensor, dataType: number, where: string, int: (v: LongLike, w: string) => number): number[] | null {
  if (dataType === 7) {
    if ((t.int64_data ?? []).length > 0) return t.int64_data!.map((v, i) => int(v, `${where} value ${i}`));
    const raw = t.raw_data;
    if (!(raw instanceof Uint8Array) || raw.length === 0) return [];
    if (raw.length % 8 !== 0) throw new InputError(where, `int64 raw_data of ${raw.length} bytes is not a whole number of 8-byte values`, 'fix the model');
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    return Array.from({ length: raw.length / 8 }, (_, i) => {
      const big = view.getBigInt64(i * 8, true);
      if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < -BigInt(Number.MAX_SAFE_INTEGER)) return big > 0n ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER;
      return Number(big);
    });
  }
  if (dataType === 6) {
    if ((t.int32_data ?? []).length > 0) return t.int32_data!;
    const raw = t.raw_data;
    if (!(raw instanceof Uint8Array) || raw.length === 0) return [];
    if (raw.length % 4 !== 0) throw new InputError(where, `int32 raw_data of ${raw.length} bytes is not a whole number of 4-byte values`, 'fix the model');
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    return Array.from({ length: raw.length / 4 }, (_, i) => view.getInt32(i * 4, true));
  }
  return null;
}

// The decoded protobuf as protobufjs returns it (keepCase field names; every field may be absent).
interface RawModel { ir_version?: LongLike; producer_name?: string; graph?: RawGraph; opset_import?: { domain?: string; version?: LongLike }[] }
interface RawGraph {
  node?: RawNode[]; name?: string; initializer?: RawTensor[]; input?: RawValueInfo[]; output?: RawValueInfo[];
  value_info?: RawValueInfo[]; sparse_initializer?: unknown[];
}
interface RawNode { input?: string[]; output?: string[]; name?: string; op_type?: string; domain?: string; attribute?: RawAttribute[] }
interface RawAttribute {
  name?: string; type?: number; f?: number; i?: LongLike; s?: Uint8Array; t?: RawTensor; floats?: number[]; ints?: LongLike[];
  ref_attr_name?: string;
}
interface RawTensor {
  dims?: LongLike[]; data_type?: number; int32_data?: number[]; int64_data?: LongLike[]; name?: string; raw_data?: Uint8Array;
  external_data?: unknown[]; data_location?: number;
}
interface RawShape { dim?: { dim_value?: LongLike; dim_param?: string }[] }
interface RawValueInfo {
  name?: string;
  type?: { tensor_type?: { elem_type?: number; shape?: RawShape }; sequence_type?: unknown; map_type?: unknown; optional_type?: unknown; sparse_tensor_type?: unknown };
}
