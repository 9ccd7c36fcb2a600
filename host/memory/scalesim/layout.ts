// How SCALE-Sim lays each operand out in a fold's demand lines (scalesim/compute/systolic_compute_{os,ws,is}.py,
// create_*_demand_mat), derived from the dataflow's axes instead of a branch per dataflow. README.md § Demand lines
// gives the table this reproduces. For an R×C array and T = the time-axis size:
// - The stationary operand is the one whose dimensions are the rows and cols axes (no time dimension).
//   An input held stationary (WS filter, IS ifmap) is loaded first: R lines, flipped (line j is rows-axis index
//   fr·R + R−1−j), C lanes along the columns, no skew, no prefix. The output held stationary (OS ofmap) drains
//   last: the same flipped R lines, skewed, after T−1 null lines.
// - A streamed operand has one line per time index (T data lines), lanes along whichever array edge its other
//   dimension is on, skewed (lane l is l lines late). Prefix: an input waits R lines for a stationary input to load
//   (WS ifmap, IS filter) or none (OS); the output waits 2R−1 lines (WS, IS ofmap).
// - A fold is L = 2R + C + T − 2 lines when an input is stationary, R + C + T − 2 when the output is.
import type { Dataflow, GemmDim } from '../../../mappings/index.ts';
import type { OperandMatrix, OperandName } from './operands.ts';

/** One operand's demand lines within a fold. */
export interface StreamLayout {
  /** The array edge its lanes run along: 'rows' (R lanes) or 'cols' (C lanes). */
  lanesOn: 'rows' | 'cols';
  /** The GEMM dimension its lanes index, and the one its data lines index. */
  laneDim: GemmDim;
  lineDim: GemmDim;
  /** Lane l's data starts l lines late (SCALE-Sim's skew_matrix). */
  skewed: boolean;
  /** Null lines before the data lines in each fold. */
  prefix: number;
  /** Data lines per fold: T for a streamed operand, R for the stationary one. */
  dataLines: number;
  /** Data line j is rows-axis index fr·R + R−1−j (stationary operand); otherwise time index j. */
  stationary: boolean;
  /** Whether the lane dimension is the operand matrix's first (row) dimension. */
  laneFirst: boolean;
}

/** A dataflow's fold: lines per fold and each operand's layout. */
export interface FoldLayout {
  foldLines: number;
  stationary: OperandName;
  streams: Record<OperandName, StreamLayout>;
}

/** Derive SCALE-Sim's demand layout of each operand from the dataflow's axes. */
export function foldLayout(
  dataflow: Dataflow,
  ops: Record<OperandName, OperandMatrix>,
  R: number,
  C: number,
  T: number,
): FoldLayout {
  const { rows, cols, time } = dataflow.axes;
  const names: OperandName[] = ['ifmap', 'filter', 'ofmap'];
  const stationary = names.find((n) => !ops[n].dims.includes(time));
  if (stationary === undefined) throw new Error(`dataflow ${dataflow.kind}: no operand is free of the time axis ${time}`);
  const inputStationary = stationary !== 'ofmap';
  const layout = (name: OperandName): StreamLayout => {
    const dims = ops[name].dims;
    if (name === stationary) {
      return {
        lanesOn: 'cols', laneDim: cols, lineDim: rows, skewed: !inputStationary, prefix: inputStationary ? 0 : T - 1,
        dataLines: R, stationary: true, laneFirst: dims[0] === cols,
      };
    }
    const laneDim = dims[0] === time ? dims[1] : dims[0];
    const prefix = name === 'ofmap' ? 2 * R - 1 : inputStationary ? R : 0;
    return {
      lanesOn: laneDim === rows ? 'rows' : 'cols', laneDim, lineDim: time, skewed: true, prefix,
      dataLines: T, stationary: false, laneFirst: dims[0] === laneDim,
    };
  };
  return {
    foldLines: inputStationary ? 2 * R + C + T - 2 : R + C + T - 2,
    stationary,
    streams: { ifmap: layout('ifmap'), filter: layout('filter'), ofmap: layout('ofmap') },
  };
}
