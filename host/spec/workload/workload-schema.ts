// Zod schemas of the raw workload file (before defaults, shorthands and cross-field checks). See workload.ts.
import { z } from 'zod';
import { ACTIVATION_OPS, ELTWISE_OPS, POOL_OPS, type LayerKind } from '../types.ts';
import { bool, intIn, name, posInt, strict } from '../schema-parts.ts';
import { expects } from '../text/zod-error.ts';

const hw = (lo = 1) => strict({ h: intIn(lo), w: intIn(lo) }, 'a mapping {h, w}');
const hwc = () => strict({ h: posInt(), w: posInt(), c: posInt() }, 'a mapping {h, w, c}');

const stride = z.union([posInt(), hw()], expects('a positive integer or {h, w} of positive integers'));
const padding = z.union(
  [
    intIn(0),
    z.literal('same'),
    hw(0),
    strict({ top: intIn(0), bottom: intIn(0), left: intIn(0), right: intIn(0) }, 'a mapping {top, bottom, left, right}'),
  ],
  expects("a non-negative integer, 'same', {h, w} or {top, bottom, left, right}"),
);

/** Raw stride and padding as written (number, {h,w}, 'same' or four sides). */
export type RawStride = z.infer<typeof stride>;
export type RawPadding = z.infer<typeof padding>;

const inputs = () => z.array(name(), expects('a list of earlier layer names'));

const base = { name: name(), inputs: inputs().optional() };
const convBase = {
  ...base,
  ifmap: hwc(),
  filter: hw().optional(),
  kernel: z.union([posInt(), hw()], expects('a positive integer or {h, w}')).optional(),
  stride: stride.optional(),
  padding: padding.optional(),
};

const CONV_KEYS = 'a conv layer {name, kind, ifmap, filter|kernel, filters, stride, padding, inputs}';

const opOf = <T extends readonly [string, ...string[]]>(ops: T) => z.enum(ops);
const eltwiseInputs = () => inputs().min(1, expects('a list of at least one earlier layer name'));
const ELTWISE_KEYS = 'an eltwise layer {name, kind, op, shape, inputs}';
const ROWWISE = (kind: string) => `a ${kind} layer {name, kind, length, rows, inputs}`;
const POOL_KEYS = 'a pool layer {name, kind, op, ifmap, filter|kernel, stride, padding, global, inputs}';

/** The kinds a workload file may write: every normalised kind, and `add` (an eltwise add, op implied). */
export type RawLayerKind = LayerKind | 'add';

/** One strict schema per layer kind; `satisfies` makes tsc fail if a kind is forgotten. */
export const LAYER_SCHEMAS = {
  conv: strict({ ...convBase, kind: z.literal('conv'), filters: posInt() }, CONV_KEYS, {
    groups: 'conv is dense: use kind: gconv for grouped or kind: dwconv for depthwise convolution',
    multiplier: 'conv is dense: use kind: dwconv for depthwise convolution',
  }),
  dwconv: strict({ ...convBase, kind: z.literal('dwconv'), multiplier: posInt().default(1) }, CONV_KEYS, {
    filters: 'a dwconv has filters = ifmap.c * multiplier: set multiplier (default 1) instead',
    groups: 'a dwconv has groups = ifmap.c: remove it, or use kind: gconv',
  }),
  gconv: strict({ ...convBase, kind: z.literal('gconv'), filters: posInt(), groups: posInt() }, CONV_KEYS),
  gemm: strict({ ...base, kind: z.literal('gemm'), m: posInt(), n: posInt(), k: posInt(), groups: posInt().default(1) }, 'a gemm layer {name, kind, m, n, k, groups, inputs}'),
  pool: strict({ ...convBase, kind: z.literal('pool'), op: opOf(POOL_OPS), global: bool().default(false) }, POOL_KEYS, {
    filters: 'pooling keeps the channel count: remove filters',
  }),
  eltwise: strict({ ...base, kind: z.literal('eltwise'), op: opOf(ELTWISE_OPS), shape: hwc(), inputs: eltwiseInputs() }, ELTWISE_KEYS),
  add: strict({ ...base, kind: z.literal('add'), shape: hwc(), inputs: eltwiseInputs() }, 'an add layer {name, kind, shape, inputs}'),
  activation: strict({ ...base, kind: z.literal('activation'), op: opOf(ACTIVATION_OPS), shape: hwc() }, 'an activation layer {name, kind, op, shape, inputs}'),
  softmax: strict({ ...base, kind: z.literal('softmax'), length: posInt(), rows: posInt().default(1) }, ROWWISE('softmax')),
  layernorm: strict({ ...base, kind: z.literal('layernorm'), length: posInt(), rows: posInt().default(1) }, ROWWISE('layernorm')),
} satisfies Record<RawLayerKind, z.ZodType>;

export const LAYER_KINDS = Object.keys(LAYER_SCHEMAS) as RawLayerKind[];

export type RawConv = z.infer<(typeof LAYER_SCHEMAS)['conv' | 'dwconv' | 'gconv']>;
export type RawPool = z.infer<(typeof LAYER_SCHEMAS)['pool']>;
export type RawLayer = z.infer<(typeof LAYER_SCHEMAS)[RawLayerKind]>;

/** Only the kind, to pick the layer schema. */
export const layerKindSchema = z.looseObject(
  { kind: z.enum(LAYER_KINDS as [RawLayerKind, ...RawLayerKind[]]) },
  { error: (iss) => (iss.code === 'invalid_type' ? expects('a layer mapping with name and kind') : undefined) },
);

/**
 * Layers a workload may have (a SCALE-Sim topology counts a depthwise row as one layer per channel). A run keeps
 * about 2.5 KB per layer (measured on a 10,000-layer topology after GC: 0.4 KB of spec, 1.9 KB of report, 0.2 KB of
 * table text; the process grows by 3–3.6 KB per layer), so this bounds a run to a few hundred MB; beyond it, one
 * InputError instead of running out of memory after minutes.
 */
export const MAX_WORKLOAD_LAYERS = 100_000;

/** The workload file: name, optional defaults for conv-like layers, and the layers in topological order. */
export const workloadSchema = strict(
  {
    name: name().optional(),
    batch: posInt().default(1),
    defaults: strict({ stride: stride.optional(), padding: padding.optional() }, 'a mapping {stride, padding}').optional(),
    snn: z.unknown().optional(), // checked by workload-snn.ts
    layers: z
      .array(z.unknown(), expects('a list of layers'))
      .min(1, expects('a non-empty list of layers'))
      .max(MAX_WORKLOAD_LAYERS, expects(`a list of at most ${MAX_WORKLOAD_LAYERS.toLocaleString('en-US')} layers`, 'several workloads of fewer layers')),
  },
  'a mapping {name, batch, defaults, snn, layers}',
);
