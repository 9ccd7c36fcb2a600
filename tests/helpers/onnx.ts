// The tests' ONNX encoder: builds models node by node and writes them with protobufjs from the same schema the
// importer reads (host/onnx/schema.ts). Weights are written as dims only (or zero-filled raw_data on request):
// Systole needs their shapes, not their values.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importOnnx } from '../../host/onnx/import.ts';
import { modelProtoType } from '../../host/onnx/schema.ts';
import type { Workload } from '../../host/spec/types.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';

/** An attribute value: an integer (INT), { f } (FLOAT), integer list (INTS), string (STRING), { t } (TENSOR). */
export type AttrValue = number | number[] | string | { f: number } | { t: TensorSpec } | { floats: number[] };

export interface TensorSpec {
  name?: string;
  dims: number[];
  /** ONNX data type (1 float, 7 int64, 6 int32; default 1). */
  dataType?: number;
  /** int64 values (written as raw little-endian bytes), for shape constants. */
  int64?: number[];
  /** Write zero-filled raw_data of the tensor's size (a model with its weights inside). */
  zeros?: boolean;
  external?: boolean;
}

export type Dim = number | string | null;

function tensorProto(t: TensorSpec): Record<string, unknown> {
  const dataType = t.dataType ?? (t.int64 !== undefined ? 7 : 1);
  const out: Record<string, unknown> = { name: t.name ?? '', dims: t.dims, data_type: dataType };
  if (t.int64 !== undefined) {
    const raw = new Uint8Array(t.int64.length * 8);
    const view = new DataView(raw.buffer);
    t.int64.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    out.raw_data = raw;
  } else if (t.zeros === true) {
    out.raw_data = new Uint8Array(t.dims.reduce((a, b) => a * b, 1) * 4);
  }
  if (t.external === true) {
    out.data_location = 1;
    out.external_data = [{ key: 'location', value: 'weights.bin' }];
  }
  return out;
}

function attribute(name: string, v: AttrValue): Record<string, unknown> {
  if (typeof v === 'number') return { name, type: 2, i: v };
  if (typeof v === 'string') return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  if ('f' in v) return { name, type: 1, f: v.f };
  if ('floats' in v) return { name, type: 6, floats: v.floats };
  return { name, type: 4, t: tensorProto(v.t) };
}

const valueInfo = (name: string, dims: Dim[] | null, elemType = 1) => ({
  name,
  type: { tensor_type: { elem_type: elemType, ...(dims === null ? {} : { shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : typeof d === 'string' ? { dim_param: d } : {})) } }) } },
});

/** Builds one ONNX model. Node names double as Systole layer names. */
export class OnnxBuilder {
  readonly nodes: Record<string, unknown>[] = [];
  readonly initializers: Record<string, unknown>[] = [];
  readonly inputs: Record<string, unknown>[] = [];
  readonly outputs: Record<string, unknown>[] = [];
  readonly valueInfo: Record<string, unknown>[] = [];
  /** Raw model fields to override (for malformed-model tests). */
  model: Record<string, unknown> = {};
  private counter = 0;

  constructor(
    readonly name: string,
    readonly opset = 17,
  ) {}

  input(name: string, dims: Dim[] | null, elemType = 1): string {
    this.inputs.push(valueInfo(name, dims, elemType));
    return name;
  }

  output(name: string, dims: Dim[] | null = null): void {
    this.outputs.push(valueInfo(name, dims));
  }

  declare(name: string, dims: Dim[]): void {
    this.valueInfo.push(valueInfo(name, dims));
  }

  /** An initializer (a weight, or an int64 constant with `int64`). Returns its name. */
  init(name: string, spec: Omit<TensorSpec, 'name'>): string {
    this.initializers.push(tensorProto({ ...spec, name }));
    return name;
  }

  /** A node; returns its first output's name (default: the node's name). */
  node(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, opts: { name?: string; outputs?: string[]; domain?: string } = {}): string {
    const name = opts.name ?? `${opType.toLowerCase()}_${this.counter++}`;
    const outputs = opts.outputs ?? [name];
    this.nodes.push({
      name,
      op_type: opType,
      input: inputs,
      output: outputs,
      domain: opts.domain ?? '',
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outputs[0];
  }

  /** The model as a plain object in the schema's field names. */
  toObject(): Record<string, unknown> {
    return {
      ir_version: 8,
      producer_name: 'systole-tests',
      opset_import: [{ domain: '', version: this.opset }],
      graph: { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs, value_info: this.valueInfo },
      ...this.model,
    };
  }

  bytes(): Uint8Array {
    const type = modelProtoType();
    return type.encode(type.fromObject(this.toObject())).finish();
  }

  /** Writes the model to `dir/NAME.onnx` (default: a fresh temporary folder); returns the path. */
  write(dir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-onnx-')), file = `${this.name}.onnx`): string {
    const p = path.join(dir, file);
    fs.writeFileSync(p, this.bytes());
    return p;
  }
}

/** Imports model bytes as the loader does (host/spec/workload/workload.ts): importOnnx, then the workload schema. */
export const importWorkload = (bytes: Uint8Array, source: string): Workload => parseWorkload(importOnnx(bytes, source), source);
