// The Dataflow interface: what the host needs to know about one way of mapping a GEMM onto the array.
import type { CoreDataflow } from '../host/core/index.ts';
import type { DataflowKind } from '../host/spec/types.ts';

/** How a GEMM's dimensions land on the array (SCALE-Sim's Sr/Sc/T table, shared/DESIGN.md). */
export interface Geometry {
  sr: number; // spatial along array rows
  sc: number; // spatial along array columns
  t: number; // temporal (streamed) dimension
}

export interface Dataflow {
  readonly kind: DataflowKind;
  /** Contract: the core datapath that runs this dataflow. */
  readonly core: CoreDataflow;
  /** Contract: which GEMM dimension goes to array rows, columns and time. */
  geometry(gemm: { M: number; N: number; K: number }): Geometry;
  /** One line for help text and reports. */
  readonly summary: string;
}
