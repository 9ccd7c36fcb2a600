// The order in which SCALE-Sim's USER-mode read buffer expects an input operand from DRAM: its prefetch matrix
// (scalesim/compute/systolic_compute_{os,ws,is}.py, create_{ifmap,filter}_prefetch_mat), flattened row-major.
// - A streamed input: one block per fold along its lane axis, each block T lines × (R or C) lanes (lanes past the
//   operand's edge are −1); the stacked blocks are read anti-diagonal by anti-diagonal, bottom-left to top-right
//   (the "ISSUE #15, #16" roll-out), because the skewed demand reads them that way.
// - A stationary input (WS filter, IS ifmap): one block per column fold, each the full rows-axis extent × C lanes,
//   read row by row (no roll-out: it is not skewed).
import type { FoldLayout } from './layout.ts';
import type { OperandMatrix } from './operands.ts';

export interface FoldSizes {
  R: number;
  C: number;
  /** Sizes of the rows, cols and time axes (Sr, Sc, T). */
  sr: number;
  sc: number;
  t: number;
}

/** The prefetch sequence of an input operand (−1 = padding), as SCALE-Sim's fetch matrix holds it. */
export function prefetchOrder(op: OperandMatrix, fold: FoldLayout, name: 'ifmap' | 'filter', z: FoldSizes): Int32Array {
  const s = fold.streams[name];
  const width = s.lanesOn === 'rows' ? z.R : z.C;
  const laneSize = s.lanesOn === 'rows' ? z.sr : z.sc;
  const folds = Math.ceil(laneSize / width);
  const blockLines = s.stationary ? z.sr : z.t;
  const lines = folds * blockLines;
  const at = (line: number, col: number): number => {
    const f = Math.floor(line / blockLines);
    const lane = f * width + col;
    if (lane >= laneSize) return -1;
    const i = line - f * blockLines;
    return s.laneFirst ? op.at(lane, i) : op.at(i, lane);
  };
  const out = new Int32Array(lines * width);
  let n = 0;
  if (s.stationary) {
    for (let line = 0; line < lines; line++) for (let col = 0; col < width; col++) out[n++] = at(line, col);
    return out;
  }
  for (let d = 0; d < lines + width - 1; d++) {
    const lo = Math.max(0, d - width + 1);
    for (let line = Math.min(d, lines - 1); line >= lo; line--) out[n++] = at(line, d - line);
  }
  return out;
}
