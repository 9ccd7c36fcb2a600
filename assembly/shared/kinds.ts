// Enums shared by the core (asc) and the host (tsc). One source of truth for the ABI's codes.

/** Which operand sits still in the PEs. IS runs the WS datapath with the operands' roles swapped. */
export enum Dataflow {
  OS = 0,
  WS = 1,
  IS = 2,
}

/** native: what the configured microarchitecture does. scalesim: SCALE-Sim v2's conventions. */
export enum Timing {
  Native = 0,
  ScaleSim = 1,
}

/** Bit flags of the microarchitecture (native timing only). */
export enum MicroFlag {
  FoldPipelining = 1,
  StationaryDoubleBuffer = 2,
}

/** How a vector-unit layer's work items read their inputs (vector/unit.ts). */
export enum VectorPattern {
  /** Item i is output element i; it reads element i of each of its operands (operand j at j·items + i). */
  Elementwise = 0,
  /** Item r is row r of `rowLength` elements (read r·L … r·L + L − 1, L outputs); weights: words 0 … weights − 1. */
  Rows = 1,
  /** Item o is an output element of a pooling window (HWC, sample after sample); it reads the window's elements. */
  Pool = 2,
}

/** Which folds of a streamed GEMM compute values (all compute timing and counters). */
export enum Values {
  Full = 0,
  Sampled = 1,
  Off = 2,
}
