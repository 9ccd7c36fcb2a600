// The workload's `snn` block: how the network runs as a spiking network, time step by time step (host/snn/).
//
//   snn:
//     timesteps: 4            # T, 1..1024                                                  (default 4)
//     neuron: if              # if (integrate-and-fire) | lif (leaky)                       (default if)
//     threshold: auto         # firing threshold in potential units (sums of int8 weights), or auto:
//                             #   round(30·√K) for a layer of fan-in K (see host/snn/README.md)  (default auto)
//     leak: 0                 # lif: each step V ← V − trunc(V·leak) before integrating, 0 ≤ leak < 1; if: 0
//     reset: subtract         # after a spike: zero (V ← 0) | subtract (V ← V − threshold)   (default subtract)
//     encoding: rate          # rate: input spikes drawn each step with probability min(1, 2·inputRate·u) from
//                             #   intensities u ∈ [0, 1); direct: the first layer gets u as int8 0..127 every step
//     inputRate: 0.25         # rate coding's mean input spike rate (for rate ≤ 0.5), (0, 1]   (default 0.25)
//     timeBatch: 1            # TW: time steps run as one GEMM per window, sharing one weight load  (default 1)
//     input: input.json       # optional: intensities {shape: [h, w, c], layout: 'h,w,c', data} (else seeded)
//     weights: weights/       # optional: a folder of LAYER.weights.json (layout filters,r,s,c; gemm n,k)
//     layers:                 # optional per-layer overrides of neuron, threshold, leak, reset
//       conv1: { threshold: 400 }
//
// Paths are relative to the workload file. Unknown keys are rejected; every error names the key.
import { z } from 'zod';
import { InputError } from '../../errors.ts';
import { intIn, name, strict } from '../schema-parts.ts';
import { expects, toInputError } from '../text/zod-error.ts';

export const NEURON_KINDS = ['if', 'lif'] as const;
export const RESET_KINDS = ['zero', 'subtract'] as const;
export const ENCODINGS = ['rate', 'direct'] as const;

/** A layer's neuron: model, threshold ('auto': from its fan-in), leak per step, reset. */
export interface NeuronSpec {
  neuron: (typeof NEURON_KINDS)[number];
  threshold: number | 'auto';
  leak: number;
  reset: (typeof RESET_KINDS)[number];
}

/** The normalised `snn` block. */
export interface SnnSpec extends NeuronSpec {
  timesteps: number;
  encoding: (typeof ENCODINGS)[number];
  inputRate: number;
  timeBatch: number;
  /** Paths (relative ones taken from the workload file's folder), or null: seeded. */
  input: string | null;
  weights: string | null;
  layers: Record<string, Partial<NeuronSpec>>;
}

const threshold = z.union(
  [z.number().positive().finite(), z.literal('auto')],
  expects("a positive number or 'auto'"),
);
const leak = z.number(expects('a number in [0, 1)')).min(0, expects('a number in [0, 1)')).lt(1, expects('a number in [0, 1)'));
const neuronKeys = {
  neuron: z.enum(NEURON_KINDS, expects('if or lif')).optional(),
  threshold: threshold.optional(),
  leak: leak.optional(),
  reset: z.enum(RESET_KINDS, expects('zero or subtract')).optional(),
};

export const snnSchema = strict(
  {
    timesteps: intIn(1, 1024).optional(),
    ...neuronKeys,
    encoding: z.enum(ENCODINGS, expects('rate or direct')).optional(),
    inputRate: z.number(expects('a number in (0, 1]')).gt(0, expects('a number in (0, 1]')).max(1, expects('a number in (0, 1]')).optional(),
    timeBatch: intIn(1, 1024).optional(),
    input: name().optional(),
    weights: name().optional(),
    layers: z.record(z.string(), strict(neuronKeys, 'a mapping {neuron, threshold, leak, reset}'), expects('a mapping of layer name to neuron overrides')).optional(),
  },
  'a mapping {timesteps, neuron, threshold, leak, reset, encoding, inputRate, timeBatch, input, weights, layers}',
);

export type RawSnn = z.infer<typeof snnSchema>;

export const SNN_DEFAULTS: Omit<SnnSpec, 'layers' | 'input' | 'weights'> = {
  timesteps: 4, neuron: 'if', threshold: 'auto', leak: 0, reset: 'subtract', encoding: 'rate', inputRate: 0.25, timeBatch: 1,
};

/** `path` relative to the folder of the file `source` (absolute paths as they are). Pure: the browser bundle has no node:path. */
function besideFile(source: string, path: string): string {
  if (path.startsWith('/')) return path;
  const slash = source.lastIndexOf('/');
  return slash < 0 ? path : `${source.slice(0, slash + 1)}${path}`;
}

/** An IF neuron does not leak; a leak without lif is refused rather than ignored. */
function checkNeuron(n: Partial<NeuronSpec>, base: NeuronSpec, where: string): void {
  const kind = n.neuron ?? base.neuron;
  const l = n.leak ?? base.leak;
  if (kind === 'if' && l !== 0) throw new InputError(`${where}.leak`, `is ${l} but the neuron is if (integrate-and-fire does not leak)`, 'set neuron: lif, or leak: 0');
}

/**
 * Contract: the normalised block of raw `snn` (undefined: all defaults) from `source` (a file, for relative paths);
 * `layerNames` are the workload's layers, so an override of an unknown layer is refused.
 */
export function parseSnn(raw: unknown, source: string, layerNames: readonly string[]): SnnSpec {
  const parsed = snnSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!parsed.success) throw toInputError(parsed.error, source, { snn: raw }, ['snn']);
  const d = parsed.data;
  const base = { ...SNN_DEFAULTS, ...Object.fromEntries(Object.entries(d).filter(([k, v]) => v !== undefined && k in SNN_DEFAULTS)) } as typeof SNN_DEFAULTS;
  checkNeuron(base, base, `${source}: snn`);
  const layers = d.layers ?? {};
  const known = new Set(layerNames);
  for (const [layer, o] of Object.entries(layers)) {
    if (!known.has(layer)) {
      throw new InputError(`${source}: snn.layers.${layer}`, 'names no layer of the workload', `use one of ${layerNames.slice(0, 4).join(', ')}…`);
    }
    checkNeuron(o, base, `${source}: snn.layers.${layer}`);
  }
  return {
    ...base,
    input: d.input === undefined ? null : besideFile(source, d.input),
    weights: d.weights === undefined ? null : besideFile(source, d.weights),
    layers,
  };
}
