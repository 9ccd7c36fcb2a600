// The two documents of the operator scheduler: a graph (`systole.graph/1`) and a schedule (`systole.schedule/1`).
// Both are plain data; every module of host/schedule/ and the independent checker share these types and nothing else.

/** Where a tensor lives at the start: inputs and weights start in DRAM, outputs must end there. */
export const TENSOR_KINDS = ['input', 'weight', 'intermediate', 'output'] as const;
/** One of TENSOR_KINDS. */
export type TensorKind = (typeof TENSOR_KINDS)[number];

/** A tensor of a graph. */
export interface GraphTensor {
  bytes: number; // positive integer
  kind: TensorKind;
}

/** An operator of a graph. */
export interface GraphOp {
  name: string;
  /** Tensors read (activations and weights). */
  inputs: string[];
  /** Tensors written (each intermediate or output tensor has exactly one producer). */
  outputs: string[];
  /** Compute cycles of the op, when known (for latency). */
  cycles?: number;
}

/** A `systole.graph/1` document. */
export interface Graph {
  schema: 'systole.graph/1';
  name: string;
  tensors: Record<string, GraphTensor>;
  /** In any order; schedulers choose the execution order. */
  ops: GraphOp[];
}

/** Size and alignment of the scratchpad, bytes. */
export interface Scratchpad {
  bytes: number;
  /** Every resident tensor starts at a multiple of this (bytes). */
  alignment: number;
}

/** A tensor at a scratchpad address. */
export interface Placement {
  tensor: string;
  address: number;
}

/** One op of the schedule: loads happen before the op, stores then evictions after it. */
export interface Step {
  op: string;
  loads: Placement[];
  stores: string[];
  evictions: string[];
  /** Everything in the scratchpad while the op runs (including its freshly written outputs). */
  resident: Placement[];
}

/** Off-chip traffic in bytes: compulsory = each consumed input/weight loaded once + each output stored once. */
export interface Traffic {
  compulsory: number;
  nonCompulsory: number;
  total: number;
}

/** A `systole.schedule/1` document. */
export interface Schedule {
  schema: 'systole.schedule/1';
  /** Which scheduler produced it ('greedy', 'round-trip', 'naive', ...). */
  method: string;
  scratchpad: Scratchpad;
  steps: Step[];
  traffic: Traffic;
}

/** What the checker reports: the first violation, at a step index (steps.length = after the last step). */
export type CheckResult = { ok: true } | { ok: false; step: number; kind: ViolationKind; violation: string };

/** Every kind of violation the checker reports. */
export const VIOLATION_KINDS = [
  'bad-scratchpad',
  'unknown-op',
  'repeated-op',
  'not-topological',
  'unknown-tensor',
  'load-not-in-dram',
  'load-already-resident',
  'misaligned',
  'out-of-bounds',
  'overlap',
  'moved',
  'resident-mismatch',
  'operand-not-resident',
  'store-not-resident',
  'evict-not-resident',
  'evict-unsaved',
  'missing-op',
  'output-not-stored',
  'traffic-mismatch',
] as const;
/** One of VIOLATION_KINDS. */
export type ViolationKind = (typeof VIOLATION_KINDS)[number];
