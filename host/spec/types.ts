// Normalised specs: what downstream code sees after host/spec/ has parsed, validated and filled defaults.
// Raw YAML/JSON/CSV never leaves host/spec/. Every field here is required: defaults are filled in once, in the
// schema, and the normalised spec is echoed into every report.
import type { SnnSpec } from './workload/workload-snn.ts';

/** The dataflows the core can run. The registry in mappings/index.ts must have one entry per kind. */
export const DATAFLOW_KINDS = ['os', 'ws', 'is'] as const;
export type DataflowKind = (typeof DATAFLOW_KINDS)[number];

export const TIMING_MODES = ['native', 'scalesim'] as const;
export type TimingMode = (typeof TIMING_MODES)[number];

/** Operand precision. Operands are signed integers of this width; accumulation is int32 (wraps modulo 2^32). */
export const MEMORY_MODELS = ['simulated', 'ideal'] as const;
export type MemoryModel = (typeof MEMORY_MODELS)[number];

/** Operand precisions: signed integers of 1–8 bits, or 16 (int4, int8 and int16 as ever). */
export const OPERAND_PRECISIONS = ['int1', 'int2', 'int3', 'int4', 'int5', 'int6', 'int7', 'int8', 'int16'] as const;
export type OperandPrecision = (typeof OPERAND_PRECISIONS)[number];

/** Width in bits of each operand precision (the one table of it; bytes are bits / 8, bit-packed). */
export const OPERAND_BITS: Record<OperandPrecision, number> = {
  int1: 1, int2: 2, int3: 3, int4: 4, int5: 5, int6: 6, int7: 7, int8: 8, int16: 16,
};

/** Operation kinds of the vector unit: add (add, subtract, compare/max), mul, div, exp (exp and the other
 *  transcendental functions: sigmoid, tanh, erf), rsqrt. */
export const VECTOR_OPS = ['add', 'mul', 'div', 'exp', 'rsqrt'] as const;
export type VectorOp = (typeof VECTOR_OPS)[number];

export interface ArchSpec {
  name: string;
  array: { rows: number; cols: number }; // 1..512 each
  dataflow: DataflowKind;
  /** operand: the weights' width, and the activations' unless `activation` is given (ifmap and ofmap words). */
  precision: { operand: OperandPrecision; activation?: OperandPrecision; accumulator: 'int32' };
  sram: {
    /** One scratchpad for ifmap and filter words (one LRU over both), or null: one per operand. When set,
     *  ifmapKiB and filterKiB echo it (the size each operand's accesses see, e.g. for energy). */
    unifiedKiB: number | null;
    ifmapKiB: number;
    filterKiB: number;
    ofmapKiB: number;
    /** Each buffer split in halves: one fills from DRAM while the array uses the other. */
    doubleBuffer: boolean;
    /** Banks per buffer; 0 = one bank per array lane (no conflicts). */
    banks: number;
    portsPerBank: number;
    /** Consecutive words per bank before the next bank (address-to-bank interleave). */
    interleaveWords: number;
  };
  /** bandwidthWordsPerCycle is always set; bandwidthGBps and clockGHz are echoed when the spec gave it that way. */
  dram: { bandwidthWordsPerCycle: number; bandwidthGBps?: number; clockGHz?: number; interface: 'calc' | 'user'; latencyCycles: number };
  /** Native timing's memory system: simulated scratchpads and DRAM, or ideal (operands always on chip). */
  memory: { model: MemoryModel; sliceSteps: number };
  /** Microarchitecture knobs of native timing (ignored by --timing scalesim, which serialises folds). */
  microarch: {
    /** Next fold's operands enter the array edge right after this fold's last operands (wavefronts pipelined). */
    foldPipelining: boolean;
    /** WS/IS: PEs hold a shadow stationary register, so the next fold's stationary operands load during this fold. */
    stationaryDoubleBuffer: boolean;
  };
  /** The vector unit beside the array, for the layers between the GEMMs (host/vector/): `lanes` work items at a
   *  time, each lane doing opsPerCycle[op] operations of a kind per cycle (fractions: one op every 1/x cycles). */
  vector: { lanes: number; opsPerCycle: Record<VectorOp, number> };
  /** Present only for specs read from a SCALE-Sim .cfg: the settings Systole keeps but does not model. */
  scalesim?: ScaleSimExtras;
  /** Spiking runs only; absent: no event-driven front end (the array skips whole all-zero lowered rows only). */
  snn?: { eventDriven: boolean };
}

/** SCALE-Sim .cfg settings with no ArchSpec counterpart, kept so reports can echo them (host/spec/scalesim/scalesim-cfg.ts). */
export interface ScaleSimExtras {
  /** [general] run_name. */
  runName: string;
  /** [architecture_presets] Ifmap/Filter/OfmapOffset: DRAM base addresses (words) of the three operands. */
  offsets: { ifmap: number; filter: number; ofmap: number };
  /** [architecture_presets] MemoryBanks (only 1 is supported). */
  memoryBanks: number;
  /** [architecture_presets] Bandwidth as written, one entry per bank (words per cycle). */
  bandwidths: number[];
  /** [network_presets] TopologyCsvLoc, or null. */
  topologyCsv: string | null;
  /** Other keys SCALE-Sim (v2, or its v3 successor) reads that Systole does not model, as `section.Key: value`. */
  unmodelled: Record<string, string>;
}

/** Layer kinds. conv/dwconv/gconv are convolutions (dwconv: groups = channels) and gemm a plain matmul: these run
 *  on the systolic array (COMPUTE_KINDS). The others are the layers between the GEMMs (VECTOR_KINDS): pooling,
 *  element-wise ops over N inputs (a workload's `add` is an eltwise add), activations, softmax and layer norm. */
export const COMPUTE_KINDS = ['conv', 'dwconv', 'gconv', 'gemm'] as const;
export const VECTOR_KINDS = ['pool', 'eltwise', 'activation', 'softmax', 'layernorm'] as const;
export type ComputeKind = (typeof COMPUTE_KINDS)[number];
export type VectorKind = (typeof VECTOR_KINDS)[number];
export type LayerKind = ComputeKind | VectorKind;

export const POOL_OPS = ['max', 'avg'] as const;
export const ELTWISE_OPS = ['add', 'mul', 'sub'] as const;
export const ACTIVATION_OPS = ['relu', 'clip', 'sigmoid', 'tanh', 'gelu', 'silu'] as const;
export type PoolOp = (typeof POOL_OPS)[number];
export type EltwiseOp = (typeof ELTWISE_OPS)[number];
export type ActivationOp = (typeof ACTIVATION_OPS)[number];

/** A tensor of h × w × c elements per sample (HWC). */
export interface TensorShape {
  h: number;
  w: number;
  c: number;
}

interface LayerBase {
  name: string;
  /** Names of producer layers (graph edges). Default: the previous layer (none for the first). */
  inputs: string[];
}

export interface ConvLayer extends LayerBase {
  kind: 'conv' | 'dwconv' | 'gconv';
  ifmap: TensorShape; // unpadded input
  filter: { h: number; w: number };
  filters: number; // output channels (total, across groups)
  stride: { h: number; w: number };
  padding: { top: number; bottom: number; left: number; right: number };
  groups: number; // 1 for conv, c for dwconv (filters = c * multiplier)
}

export interface GemmLayer extends LayerBase {
  kind: 'gemm';
  m: number;
  n: number;
  k: number;
  /** Independent GEMMs of this shape (e.g. attention heads), run one after another. */
  groups: number;
}

/** Max or average pooling of each channel over a window (output Eh × Ew × c, as a convolution's output size).
 *  `global`: the window is the whole ifmap (stride 1, no padding; output 1 × 1 × c). */
export interface PoolLayer extends LayerBase {
  kind: 'pool';
  op: PoolOp;
  global: boolean;
  ifmap: TensorShape;
  filter: { h: number; w: number };
  stride: { h: number; w: number };
  padding: { top: number; bottom: number; left: number; right: number };
}

/** out = in₀ op in₁ op … element by element over `shape` (every input has that shape). One input: the other
 *  operand is a constant (a bias or scale). */
export interface EltwiseLayer extends LayerBase {
  kind: 'eltwise';
  op: EltwiseOp;
  shape: TensorShape;
}

/** out = f(in) element by element over `shape`. */
export interface ActivationLayer extends LayerBase {
  kind: 'activation';
  op: ActivationOp;
  shape: TensorShape;
}

/** Softmax (or layer normalisation) along an axis of `length` elements, for `rows` independent rows per sample. */
export interface RowwiseLayer extends LayerBase {
  kind: 'softmax' | 'layernorm';
  length: number;
  rows: number;
}

export type ComputeLayer = ConvLayer | GemmLayer;
export type VectorLayer = PoolLayer | EltwiseLayer | ActivationLayer | RowwiseLayer;
export type Layer = ComputeLayer | VectorLayer;

/** Runs on the systolic array (a convolution or a GEMM), as opposed to the vector unit. */
export const isComputeLayer = (l: Layer): l is ComputeLayer => (COMPUTE_KINDS as readonly string[]).includes(l.kind);

export interface Workload {
  name: string;
  /** Samples per inference (every layer's shapes are per sample); 1 unless the workload or --batch says. */
  batch: number;
  layers: Layer[];
  /** Present when the workload file has an `snn` block: how it runs as a spiking network (host/snn/). */
  snn?: SnnSpec;
}

/** Where a spec came from, for error messages and the report. */
export interface SpecSource {
  file: string | null; // null for built-in presets / objects passed to the API
}
