// Which spikes each layer of a spiking run reads, and its neuron. A layer reads the output spikes of its producer
// (`inputs[0]`): as they are when the shapes match, OR-pooled (a spike anywhere in the window: max pooling of 0/1)
// when the producer's map is an integer multiple of the layer's input with the same channels (the pooling the
// workload leaves implicit), reshaped when only the element counts agree (a gemm after a conv). Otherwise — the first
// layer, or independent layers such as a SCALE-Sim topology's — it reads encoded input (`source.kind: 'encoded'`).
import { InputError } from '../errors.ts';
import { type LoweredGemm, lowerLayer } from '../lower/shape.ts';
import { type ComputeLayer, type Workload, isComputeLayer } from '../spec/types.ts';
import type { SnnSpec } from '../spec/workload/workload-snn.ts';
import { autoThreshold, type Neuron } from './neuron.ts';

export interface Shape3 {
  h: number;
  w: number;
  c: number;
}

export type SpikeSource =
  | { kind: 'producer'; from: number; how: 'same' | 'pool' | 'reshape'; pool: { h: number; w: number } }
  | { kind: 'encoded'; direct: boolean };

export interface SnnLayerPlan {
  layer: ComputeLayer;
  gemm: LoweredGemm;
  /** Input activations h×w×c (a gemm's: m×1×k) and output h×w×c (eh×ew×filters; gemm m×1×n). */
  input: Shape3;
  output: Shape3;
  source: SpikeSource;
  neuron: Neuron;
}

const size = (s: Shape3) => s.h * s.w * s.c;

function shapes(layer: ComputeLayer, g: LoweredGemm): { input: Shape3; output: Shape3 } {
  if (layer.kind === 'gemm') return { input: { h: layer.m, w: 1, c: layer.k }, output: { h: layer.m, w: 1, c: layer.n } };
  return { input: layer.ifmap, output: { h: g.eh, w: g.ew, c: layer.filters } };
}

function sourceOf(input: Shape3, producer: Shape3 | null, from: number, first: boolean, direct: boolean): SpikeSource {
  if (producer !== null) {
    if (producer.c === input.c && producer.h % input.h === 0 && producer.w % input.w === 0) {
      const pool = { h: producer.h / input.h, w: producer.w / input.w };
      return { kind: 'producer', from, how: pool.h === 1 && pool.w === 1 ? 'same' : 'pool', pool };
    }
    if (size(producer) === size(input)) return { kind: 'producer', from, how: 'reshape', pool: { h: 1, w: 1 } };
  }
  return { kind: 'encoded', direct: direct && first };
}

/** Contract: the plan of every compute layer of `workload` run as `spec`; layers it cannot run are an InputError. */
export function planSnn(workload: Workload, spec: SnnSpec): SnnLayerPlan[] {
  const plans: SnnLayerPlan[] = [];
  const index = new Map<string, number>();
  const kinds = new Map(workload.layers.map((l) => [l.name, l.kind]));
  if (workload.batch > 1) {
    throw new InputError(`workload ${workload.name}`, `has batch ${workload.batch}, and a spiking run is one sample`, 'run it with batch 1 (drop --batch)');
  }
  for (const layer of workload.layers.filter(isComputeLayer)) {
    const where = `workload ${workload.name}, layer ${layer.name}`;
    if (layer.kind === 'gemm' && layer.groups > 1) {
      throw new InputError(where, `is a gemm of ${layer.groups} groups, which a spiking run does not chain`, 'run it with groups: 1, or without --snn');
    }
    const producerName = layer.inputs[0];
    const producerKind = producerName === undefined ? undefined : kinds.get(producerName);
    if (producerKind !== undefined && !['conv', 'dwconv', 'gconv', 'gemm'].includes(producerKind)) {
      throw new InputError(where, `reads the ${producerKind} layer ${producerName}, and spiking runs chain convolutions and gemms only (no residual add of spikes yet)`, 'run a network of convolutions and gemms with --snn (e.g. vgg16_cifar10, mobilenet_v1)');
    }
    const g = lowerLayer(layer);
    const { input, output } = shapes(layer, g);
    const from = producerName === undefined ? -1 : (index.get(producerName) ?? -1);
    const source = sourceOf(input, from < 0 ? null : plans[from].output, from, plans.length === 0, spec.encoding === 'direct');
    const o = spec.layers[layer.name] ?? {};
    const t = o.threshold ?? spec.threshold;
    const direct = source.kind === 'encoded' && source.direct;
    const neuron: Neuron = {
      neuron: o.neuron ?? spec.neuron,
      leak: o.leak ?? spec.leak,
      reset: o.reset ?? spec.reset,
      threshold: t === 'auto' ? autoThreshold(g.K, direct) : t,
    };
    index.set(layer.name, plans.length);
    plans.push({ layer, gemm: g, input, output, source, neuron });
  }
  return plans;
}
