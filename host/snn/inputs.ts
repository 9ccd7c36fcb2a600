// What a spiking layer computes with: its weights (seeded, or a file) and, for a layer that reads encoded input, its
// input over time (rate-coded spikes, or direct values). A producer's spikes are pooled or reshaped here too.
import { join } from 'node:path';
import { OperandSource, OPERAND_RANGE } from '../simulate/operands.ts';
import { OPERAND_BITS, type OperandPrecision } from '../spec/types.ts';
import type { SnnSpec } from '../spec/workload/workload-snn.ts';
import type { SnnLayerPlan } from './plan.ts';
import { Uniform, streamSeed } from './random.ts';
import { readTensor } from './files/tensor.ts';

/** Weight bits of `precision` (the array's operand width). */
export const weightBits = (precision: OperandPrecision): number => OPERAND_BITS[precision];

/** A file name for a layer's tensors: its name with anything outside [A-Za-z0-9_.-] as '_'. */
export const fileStem = (layer: string): string => layer.replace(/[^A-Za-z0-9_.-]/g, '_');

/** Weights of a layer, filters × K (K = (r, s, c) of the filter's group, a gemm's k), from `spec.weights` or the seed. */
export function layerWeights(p: SnnLayerPlan, spec: SnnSpec, precision: OperandPrecision, seed: number, index: number): Int32Array {
  const { layer, gemm: g } = p;
  const filters = g.N * g.groups;
  if (spec.weights !== null) {
    const { min, max } = OPERAND_RANGE[precision];
    const conv = layer.kind !== 'gemm';
    const shape = conv ? [filters, layer.filter.h, layer.filter.w, g.K / (layer.filter.h * layer.filter.w)] : [filters, g.K];
    return Int32Array.from(readTensor(join(spec.weights, `${fileStem(layer.name)}.weights.json`), conv ? 'filters,r,s,c' : 'n,k', shape, min, max));
  }
  return new OperandSource(precision, streamSeed(seed, index, 0)).fill(new Int32Array(filters * g.K));
}

/** Input intensities u ∈ [0, 1] of an encoded layer: the spec's input file (the first layer only) or the seed. */
function intensities(p: SnnLayerPlan, spec: SnnSpec, seed: number, index: number): Float64Array {
  const { h, w, c } = p.input;
  if (spec.input !== null && index === 0) return readTensor(spec.input, 'h,w,c', [h, w, c], 0, 1);
  const u = new Uniform(streamSeed(seed, index, 1));
  const out = new Float64Array(h * w * c);
  for (let i = 0; i < out.length; i++) out[i] = u.next();
  return out;
}

/**
 * Contract: the input of an encoded layer for steps 0..T−1, step-major (T × h·w·c). Rate: step t's spike i is drawn
 * with probability min(1, 2·rate·u_i) (one stream over steps in order, so the first T' steps of a longer run are
 * the run of T' steps); direct: round(127·u_i) every step.
 */
export function encodedInput(p: SnnLayerPlan, spec: SnnSpec, seed: number, index: number, rate: number): Int32Array {
  const u = intensities(p, spec, seed, index);
  const n = u.length;
  const out = new Int32Array(spec.timesteps * n);
  if (p.source.kind === 'encoded' && p.source.direct) {
    for (let t = 0; t < spec.timesteps; t++) for (let i = 0; i < n; i++) out[t * n + i] = Math.round(127 * u[i]);
    return out;
  }
  const draw = new Uniform(streamSeed(seed, index, 2));
  for (let t = 0; t < spec.timesteps; t++) {
    for (let i = 0; i < n; i++) out[t * n + i] = draw.next() < Math.min(1, 2 * rate * u[i]) ? 1 : 0;
  }
  return out;
}

/** Contract: a layer's input spikes (T × h·w·c) from its producer's output spikes (T × H·W·C), pooled (OR) or reshaped. */
export function fromProducer(p: SnnLayerPlan, producer: SnnLayerPlan, spikes: Uint8Array, steps: number): Int32Array {
  const src = p.source;
  if (src.kind !== 'producer') throw new Error('fromProducer: an encoded layer');
  const { h, w, c } = p.input;
  const n = h * w * c;
  if (src.how !== 'pool') return Int32Array.from(spikes.subarray(0, steps * n));
  const { h: ph, w: pw } = src.pool;
  const W = producer.output.w;
  const N = producer.output.h * W * c;
  const out = new Int32Array(steps * n);
  for (let t = 0; t < steps; t++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let ch = 0; ch < c; ch++) {
          let any = 0;
          for (let fy = 0; fy < ph && any === 0; fy++) {
            for (let fx = 0; fx < pw; fx++) {
              if (spikes[t * N + ((y * ph + fy) * W + x * pw + fx) * c + ch]) {
                any = 1;
                break;
              }
            }
          }
          out[t * n + (y * w + x) * c + ch] = any;
        }
      }
    }
  }
  return out;
}
