// Inputs and outputs of the analytic (closed-form) attention model. See README.md for every assumption.
import type { AttentionEnergyTable } from '../../energy/attention.ts';
import type { RegisterAccounting } from '../../spec/arch/attention-arch.ts';

export const ANALYTIC_CASCADES = ['fusemax', 'flat', 'unfused'] as const;
export type AnalyticCascade = (typeof ANALYTIC_CASCADES)[number];

/** The machine, as the analytic model sees it. The 2D array holds a tile of `rows2d` queries × `cols2d` keys
 *  (the key tile M0 = cols2d; the convention of the attention arch spec's array2d); the 1D array has `pes1d` PEs,
 *  one query each. */
export interface AnalyticParams {
  name: string;
  rows2d: number;
  cols2d: number;
  pes1d: number;
  clockGHz: number;
  /** DRAM bandwidth, 10^9 bytes per second (400 GiB/s = 429.4967296). */
  dramGBps: number;
  /** Global buffer capacity, bytes. */
  bufferBytes: number;
  /** Bytes per operand word (the artifact: 2, 16-bit). */
  bytesPerWord: number;
  /** Energy per action (host/energy/attention.ts). */
  energy: AttentionEnergyTable;
}

/** How register accesses are totalled (the attention arch's microarch.registerAccounting: 'all-pes' or the FuseMax
 *  artifact's one-PE share; see README.md). */
export type { RegisterAccounting };

export interface AnalyticOptions {
  /** fusemax only: interleave the tiles of consecutive query blocks (the paper's "+Binding"); false is
   *  "+Architecture" (the 2D array stalls for the row max). Default true. */
  interleave?: boolean;
  /** fusemax only: bind the cascade as FLAT binds (2D: QK and SLNV only; the rest on a 1D array with an exp unit),
   *  the paper's "+Cascade" (attn-cascade.csv); `interleave` is then ignored. Default false. */
  flatBinding?: boolean;
  /** Default 'all-pes'. */
  registerAccounting?: RegisterAccounting;
}

/** What an Einsum does per element of its iteration space, and how many elements. */
export interface Actions {
  mac: number;
  add: number;
  max: number;
  exp: number;
  divide: number;
}

/** One Einsum of a cascade: where it runs, its busy cycles on that array, the actions it performs. */
export interface EinsumCost {
  name: string;
  array: '2d' | '1d';
  /** Cycles the array is busy with this Einsum (every PE of the array active; no fill, drain or skew). */
  busyCycles: number;
  actions: Actions;
  /** Register words read and written on the array (all PEs). */
  registers: { reads: number; writes: number };
}

export interface EnergyByComponent {
  mac: number;
  add: number;
  max: number;
  exp: number;
  divide: number;
  registers2d: number;
  registers1d: number;
  globalBuffer: number;
  dram: number;
  total: number;
}

export interface AnalyticResult {
  cascade: AnalyticCascade;
  machine: string;
  model: string;
  seq: number;
  batch: number;
  interleave: boolean | null;
  cycles: {
    /** max(compute, memory) as the cascade combines them (see README.md). */
    total: number;
    /** The compute critical path (the waterfall). */
    compute: number;
    /** DRAM bytes / bandwidth, in cycles. */
    memory: number;
    /** Busy cycles summed over the Einsums of each array. */
    busy2d: number;
    busy1d: number;
  };
  seconds: number;
  /** Fractions of `cycles.total`: each array's busy cycles, and each 2D Einsum's. */
  utilization: { array2d: number; array1d: number; einsums: Record<string, number> };
  einsums: EinsumCost[];
  dram: { readBytes: number; writeBytes: number; bytes: number };
  globalBuffer: { readWords: number; writeWords: number };
  energy: EnergyByComponent;
}

/** The shape of one attention problem: batch, heads, sequence (queries P = keys M), widths E and F. */
export interface Shape {
  B: number;
  H: number;
  P: number;
  M: number;
  E: number;
  F: number;
}
