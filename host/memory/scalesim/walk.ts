// The demand walk of one SCALE-Sim layer: its memory system's service_memory_requests
// (scalesim/memory/double_buffered_scratchpad_mem.py) over the demand lines its compute system generates
// (systolic_compute_{os,ws,is}.py), without building the matrices. Folds run column fold outer, row fold inner;
// every fold is `foldLines` demand lines. Line i is issued at cycle i + stalls so far; each buffer serves it; the
// stall it adds is max(ifmap served − cycle − 1, filter served − cycle − 1, ofmap served − cycle): the read ports'
// hit latency is 1, the write port's 0 (SCALE-Sim v2 at 22f88b1, with d78b477's ofmap fix; before it the ofmap term
// was served − cycle − 1). Every term is ≥ 0 (a read is served at cycle + 1 at the earliest, a write at cycle), so
// no line adds a negative stall.
import type { DramFigures, ReadBuffer, WriteBuffer } from './buffers.ts';
import type { FoldLayout, StreamLayout } from './layout.ts';
import type { OperandMatrix, OperandName } from './operands.ts';
import type { FoldSizes } from './prefetch-order.ts';

/** First and last cycle an SRAM served a non-null demand (SCALE-Sim's SRAM Start/Stop Cycle). */
export interface Window {
  start: number;
  stop: number;
}

/** What one SCALE-Sim layer's memory system reports. */
export interface WalkResult {
  dram: Record<OperandName, DramFigures>;
  sram: Record<OperandName, Window>;
  /** The last demand line's serviced cycle (COMPUTE_REPORT Total Cycles) and the stalls added on the way. */
  totalCycles: number;
  stallCycles: number;
}

/** One operand's demand lines: which lanes and addresses each line of a fold holds. */
class Stream {
  private readonly width: number;
  private readonly laneSize: number;
  private laneBase = 0;
  private lanes = 0;
  private lineBase = 0;
  constructor(
    private readonly s: StreamLayout,
    private readonly op: OperandMatrix,
    private readonly z: FoldSizes,
  ) {
    this.width = s.lanesOn === 'rows' ? z.R : z.C;
    this.laneSize = s.lanesOn === 'rows' ? z.sr : z.sc;
  }

  /** Enter fold (fr, fc). */
  fold(fr: number, fc: number): void {
    this.laneBase = (this.s.lanesOn === 'rows' ? fr : fc) * this.width;
    this.lanes = Math.min(this.width, this.laneSize - this.laneBase);
    this.lineBase = fr * this.z.R;
  }

  /** Feed line t's non-null addresses to `buf` (or, without a buffer, count them); returns how many. */
  line(t: number, buf: ReadBuffer | null): number {
    const { skewed, prefix, dataLines, stationary, laneFirst } = this.s;
    const j0 = t - prefix;
    let lo = 0;
    let hi = this.lanes - 1;
    if (skewed) {
      lo = Math.max(0, j0 - dataLines + 1);
      hi = Math.min(hi, j0);
    } else if (j0 < 0 || j0 >= dataLines) {
      return 0;
    }
    if (buf === null && this.op.neverNull) {
      // Counting only, and every address of this operand is a word: the lanes whose line is in the fold.
      if (hi < lo) return 0;
      if (!stationary) return hi - lo + 1;
      // line = lineBase + R − 1 − j must be < sr, with j = j0 − l (skewed) or j0: count the lanes that pass.
      let n = 0;
      for (let l = lo; l <= hi; l++) if (this.lineBase + this.z.R - 1 - (skewed ? j0 - l : j0) < this.z.sr) n++;
      return n;
    }
    let n = 0;
    for (let l = lo; l <= hi; l++) {
      const j = skewed ? j0 - l : j0;
      const line = stationary ? this.lineBase + this.z.R - 1 - j : j;
      if (stationary && line >= this.z.sr) continue;
      const lane = this.laneBase + l;
      const a = laneFirst ? this.op.at(lane, line) : this.op.at(line, lane);
      if (a < 0) continue;
      n++;
      if (buf !== null) buf.read(a);
    }
    return n;
  }
}

/** Record the served cycle of a line that held a non-null demand. */
function touch(w: Window, served: number): void {
  if (Number.isNaN(w.start)) w.start = served;
  w.stop = served;
}

/** Run every demand line of one layer through the buffers. */
export function walkLayer(
  fold: FoldLayout,
  ops: Record<OperandName, OperandMatrix>,
  z: FoldSizes,
  buffers: { ifmap: ReadBuffer; filter: ReadBuffer; ofmap: WriteBuffer },
): WalkResult {
  const ifmap = new Stream(fold.streams.ifmap, ops.ifmap, z);
  const filter = new Stream(fold.streams.filter, ops.filter, z);
  const ofmap = new Stream(fold.streams.ofmap, ops.ofmap, z);
  const sram = { ifmap: { start: NaN, stop: NaN }, filter: { start: NaN, stop: NaN }, ofmap: { start: NaN, stop: NaN } };
  const Fr = Math.ceil(z.sr / z.R);
  const Fc = Math.ceil(z.sc / z.C);
  let stalls = 0;
  let row = 0;
  let served = 0;
  for (let fc = 0; fc < Fc; fc++) {
    for (let fr = 0; fr < Fr; fr++) {
      ifmap.fold(fr, fc);
      filter.fold(fr, fc);
      ofmap.fold(fr, fc);
      for (let t = 0; t < fold.foldLines; t++, row++) {
        const cycle = row + stalls;
        buffers.ifmap.beginLine(cycle);
        const ifmapReads = ifmap.line(t, buffers.ifmap);
        const ifmapServed = buffers.ifmap.endLine();
        buffers.filter.beginLine(cycle);
        const filterReads = filter.line(t, buffers.filter);
        const filterServed = buffers.filter.endLine();
        const writes = ofmap.line(t, null);
        served = buffers.ofmap.writeLine(cycle, writes);
        if (ifmapReads > 0) touch(sram.ifmap, ifmapServed);
        if (filterReads > 0) touch(sram.filter, filterServed);
        if (writes > 0) touch(sram.ofmap, served);
        stalls += Math.max(ifmapServed - cycle - 1, filterServed - cycle - 1, served - cycle);
      }
    }
  }
  return {
    dram: { ifmap: buffers.ifmap.finish(), filter: buffers.filter.finish(), ofmap: buffers.ofmap.finish(served) },
    sram,
    totalCycles: served,
    stallCycles: stalls,
  };
}
