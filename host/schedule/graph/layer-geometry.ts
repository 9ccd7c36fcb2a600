// What a workload layer reads and writes, as row × width × channel blocks, for building operator graphs:
//   conv/dwconv/gconv: out Eh×Ew×filters, weights R·S·(C/groups) per filter;
//   gemm: out m×1×(n·groups), weights k per output column (none for an activation × activation GEMM);
//   eltwise, activation: out = their shape, no weights; softmax, layernorm: out rows×1×length (layer norm: 2 weights
//   per channel, γ and β); pool: out Eh×Ew×c, no weights.
// Operands: the producers named in `inputs`; a layer with no inputs reads the network input, and so does the
// second operand of an eltwise (residual add) that names only one producer (the workload files' convention for a residual
// with the network input, e.g. BERT's attention residual).
import { layerOutput } from '../../lower/shape.ts';
import { isComputeLayer, type Layer } from '../../spec/types.ts';

/** A rows × width × channels block of elements. */
export interface Block {
  rows: number;
  width: number;
  channels: number;
}

/** The network input, as an operand source. */
export const NETWORK_INPUT = '';

/** One activation operand of a layer. */
export interface Operand {
  /** Producer layer name, or NETWORK_INPUT. */
  from: string;
  /** The A (row-split) operand, or the B operand of an activation × activation GEMM (needs all its rows). */
  role: 'a' | 'b';
}

/** What a layer writes and reads, as blocks. */
export interface LayerGeometry {
  out: Block;
  /** Weight elements per output channel (0: no weights). */
  weightPerChannel: number;
  operands: Operand[];
  /** The block this layer expects to read as its A operand (for the network input's size and row mapping). */
  inBlock: Block;
}

/** Geometry of a layer. */
export function layerGeometry(layer: Layer): LayerGeometry {
  const from = layer.inputs.length > 0 ? layer.inputs : [NETWORK_INPUT];
  const out = rowsOf(layerOutput(layer));
  switch (layer.kind) {
    case 'eltwise': {
      const srcs = from.length >= 2 ? from : [from[0], NETWORK_INPUT];
      return { out, weightPerChannel: 0, operands: srcs.map((f) => ({ from: f, role: 'a' })), inBlock: rowsOf(layer.shape) };
    }
    case 'activation':
    case 'softmax':
    case 'layernorm':
      return { out, weightPerChannel: layer.kind === 'layernorm' ? 2 : 0, operands: [{ from: from[0], role: 'a' }], inBlock: out };
    case 'pool':
      return { out, weightPerChannel: 0, operands: [{ from: from[0], role: 'a' }], inBlock: rowsOf(layer.ifmap) };
    case 'gemm': {
      const inBlock = { rows: layer.m, width: 1, channels: layer.k * layer.groups };
      if (from.length >= 2) {
        return { out, weightPerChannel: 0, operands: [{ from: from[0], role: 'a' }, ...from.slice(1).map((f) => ({ from: f, role: 'b' as const }))], inBlock };
      }
      return { out, weightPerChannel: layer.k, operands: [{ from: from[0], role: 'a' }], inBlock };
    }
    default:
      return {
        out,
        weightPerChannel: (layer.filter.h * layer.filter.w * layer.ifmap.c) / layer.groups,
        operands: from.map((f) => ({ from: f, role: 'a' })),
        inBlock: rowsOf(layer.ifmap),
      };
  }
}

const rowsOf = (s: { h: number; w: number; c: number }): Block => ({ rows: s.h, width: s.w, channels: s.c });

/** Elements of a block. */
export const elements = (b: Block): number => b.rows * b.width * b.channels;

/** Rows [lo, hi] of the layer's A input needed for output rows [o0, o1] (convolution window and stride). */
export function inputRows(layer: Layer, o0: number, o1: number): [number, number] {
  if (layer.kind !== 'conv' && layer.kind !== 'dwconv' && layer.kind !== 'gconv' && layer.kind !== 'pool') return [o0, o1];
  const lo = o0 * layer.stride.h - layer.padding.top;
  const hi = o1 * layer.stride.h - layer.padding.top + layer.filter.h - 1;
  return [Math.max(0, lo), Math.min(layer.ifmap.h - 1, hi)];
}

/** Channels [c0, c1) of an operand with `srcChannels` channels needed for output channels [o0, o1). */
export function inputChannels(layer: Layer, srcChannels: number, o0: number, o1: number): [number, number] {
  if (layer.kind === 'eltwise' || layer.kind === 'activation') return srcChannels === layer.shape.c ? [o0, o1] : [0, srcChannels];
  if (layer.kind === 'pool') return srcChannels === layer.ifmap.c ? [o0, o1] : [0, srcChannels];
  if (!isComputeLayer(layer)) return [0, srcChannels]; // softmax, layer norm: a row needs all of its axis
  const groups = layer.groups;
  if (groups === 1 || srcChannels % groups !== 0) return [0, srcChannels];
  const perGroupOut = layer.kind === 'gemm' ? layer.n : layer.filters / groups;
  const expected = layer.kind === 'gemm' ? null : layer.ifmap.c;
  if (expected !== null && srcChannels !== expected) return [0, srcChannels];
  const g0 = Math.floor(o0 / perGroupOut);
  const g1 = Math.floor((o1 - 1) / perGroupOut);
  const w = srcChannels / groups;
  return [g0 * w, (g1 + 1) * w];
}
