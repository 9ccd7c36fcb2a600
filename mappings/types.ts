// The Dataflow interface: what the host needs to know about one way of mapping a GEMM onto the array.
import type { CoreDataflow } from '../host/core/index.ts';
import type { DataflowKind } from '../host/spec/types.ts';

export type GemmDim = 'M' | 'N' | 'K';
export type GemmShape = Record<GemmDim, number>;

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
  /** Contract: which GEMM dimension runs along the array's rows, its columns, and time. */
  readonly axes: { rows: GemmDim; cols: GemmDim; time: GemmDim };
  /** Contract: the sizes along rows, columns and time of a GEMM (derived from axes). */
  geometry(gemm: GemmShape): Geometry;
  /** One line for help text and reports. */
  readonly summary: string;
}

/** A Dataflow from its axes (geometry derived). */
export function defineDataflow(d: Omit<Dataflow, 'geometry'>): Dataflow {
  return { ...d, geometry: (g) => ({ sr: g[d.axes.rows], sc: g[d.axes.cols], t: g[d.axes.time] }) };
}
