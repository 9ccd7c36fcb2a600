// Workload spec: a network as an ordered list of layers, read from YAML/JSON files, presets in workloads/, or a
// SCALE-Sim topology .csv. Output: the normalised Workload (host/spec/types.ts).
//
// File format (unknown keys are rejected everywhere; every dimension is a positive integer):
//
//   name: my-net                        # default: the file name without extension
//   batch: 1                            # samples per inference (every shape is per sample); default 1
//   defaults:                           # optional; applies to conv/dwconv/gconv layers that omit the key
//     stride: 1
//     padding: 0
//   layers:                             # in topological order: a layer may only read layers above it
//     - name: conv1
//       kind: conv                      # conv | dwconv | gconv | gemm | pool | eltwise | add | activation |
//                                       # softmax | layernorm
//       ifmap: { h: 224, w: 224, c: 3 } # the unpadded input
//       filter: { h: 3, w: 3 }          # or the shorthand `kernel: 3` (or kernel: {h, w})
//       filters: 32                     # output channels (conv, gconv)
//       stride: 2                       # a number or {h, w}; default 1
//       padding: 1                      # a number (all sides), {h, w} (top=bottom=h, left=right=w),
//                                       # {top, bottom, left, right}, or 'same' (TensorFlow SAME: output
//                                       # ceil(H/stride), the odd padding pixel at bottom/right); default 0
//       inputs: [previous]              # producer layer names; default: the previous layer ([] for the first)
//     - { name: dw, kind: dwconv, ifmap: {...}, kernel: 3, multiplier: 1 }   # groups = c, filters = c·multiplier
//     - { name: g, kind: gconv, ifmap: {...}, kernel: 3, filters: 64, groups: 4 }  # groups divides c and filters
//     - { name: fc, kind: gemm, m: 1, n: 1000, k: 1024, groups: 1 }          # groups: independent GEMMs (heads)
//     - { name: res, kind: add, shape: { h: 56, w: 56, c: 256 }, inputs: [a, b] }  # = eltwise op add; inputs
//                                       # required; each input's output must have this shape (a gemm's: the same
//                                       # element count)
//     - { name: m, kind: eltwise, op: mul, shape: {...}, inputs: [a, b, c] }  # add | mul | sub over N inputs
//     - { name: p, kind: pool, op: max, ifmap: {...}, kernel: 3, stride: 2, padding: 1 }  # or global: true
//     - { name: r, kind: activation, op: relu, shape: {...} }               # relu|clip|sigmoid|tanh|gelu|silu
//     - { name: s, kind: softmax, length: 512, rows: 6144 }                 # also layernorm: rows × length
//
// Precision is an arch setting, not a workload one. Every error is one InputError naming the file, the layer
// (index and name) and the key.
import { InputError } from '../../errors.ts';
import { importOnnx } from '../../onnx/import.ts';
import { DATA_EXTENSIONS, extensionOf, parseDataText, presetFile, presetNames, readBytes, readText, stemOf } from '../text/files.ts';
import { loadScaleSimTopology } from '../scalesim/scalesim.ts';
import type { Layer, Workload } from '../types.ts';
import { checkGraph } from './workload-graph.ts';
import { parseSnn } from './workload-snn.ts';
import { normaliseLayer } from './workload-layers.ts';
import { LAYER_SCHEMAS, layerKindSchema, workloadSchema } from './workload-schema.ts';
import { renderPath, toInputError } from '../text/zod-error.ts';

/** Validate a raw workload object (parsed YAML/JSON or an API object) and normalise every layer. */
export function parseWorkload(raw: unknown, source: string): Workload {
  const top = workloadSchema.safeParse(raw, { reportInput: true });
  if (!top.success) throw toInputError(top.error, source, raw);
  const { name, batch, defaults = {}, snn, layers: rawLayers } = top.data;

  const at = (i: number, key: string) => `${source}: ${renderPath(['layers', i], raw)}.${key}`;
  const layers: Layer[] = rawLayers.map((rawLayer, i) => {
    const prefix = ['layers', i];
    const kind = layerKindSchema.safeParse(rawLayer, { reportInput: true });
    if (!kind.success) throw toInputError(kind.error, source, raw, prefix);
    const parsed = LAYER_SCHEMAS[kind.data.kind].safeParse(rawLayer, { reportInput: true });
    if (!parsed.success) throw toInputError(parsed.error, source, raw, prefix);
    const previous = i === 0 ? [] : [nameAt(rawLayers, i - 1)];
    return normaliseLayer(parsed.data, parsed.data.inputs ?? previous, defaults, (key) => at(i, key));
  });
  checkGraph(layers, at);
  const workload: Workload = { name: name ?? stemOf(source), batch, layers };
  if (snn !== undefined) workload.snn = parseSnn(snn, source, layers.map((l) => l.name));
  return workload;
}

const nameAt = (layers: unknown[], i: number) => (layers[i] as { name: string }).name;

/** How a workload file is read: --input-shape's static shapes for an ONNX model's dynamic inputs. */
export interface LoadWorkloadOptions {
  inputShapes?: Map<string, number[]>;
}

/** Load a workload from a preset name (a file in workloads/ without extension) or a .yaml/.yml/.json/.csv/.onnx path. */
export function loadWorkload(ref: string, options: LoadWorkloadOptions = {}): Workload {
  const ext = extensionOf(ref);
  if (options.inputShapes !== undefined && options.inputShapes.size > 0 && ext !== '.onnx') {
    throw new InputError('--input-shape', `applies to ONNX models only, and ${ref} is not one`, 'drop --input-shape, or give a .onnx workload');
  }
  if ((DATA_EXTENSIONS as readonly string[]).includes(ext)) return parseWorkload(parseDataText(readText(ref), ref), ref);
  if (ext === '.csv') return loadScaleSimTopology(ref);
  if (ext === '.onnx') return parseWorkload(importOnnx(readBytes(ref), ref, { inputShapes: options.inputShapes, name: stemOf(ref) }), ref);
  if (ext !== '') {
    throw new InputError(ref, `unsupported workload file type '${ext}'`, 'use a .yaml, .yml or .json file, a SCALE-Sim topology .csv or an ONNX model .onnx');
  }
  const file = presetFile('workloads', ref);
  if (file === null) {
    throw new InputError(`workload '${ref}'`, 'no such preset', `use one of ${presetNames('workloads').join(', ')}, or a file path`);
  }
  return parseWorkload(parseDataText(readText(file), file), `workloads/${stemOf(file)}${extensionOf(file)}`);
}
