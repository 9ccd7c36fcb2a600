// The vector unit: the layers between the GEMMs (pooling, element-wise ops, activations, softmax, layer norm).
// `lanes` lanes work side by side, each on one work item per step (an output element, or a whole row for softmax
// and layer norm); a step takes `cyclesPerStep` cycles (the host's sum over op kinds of the ops an item needs over
// the ops a lane does per cycle). The unit shares the array's memory system (memory/system.ts): a slice of
// `sliceSteps` steps touches its input words in the ifmap scratchpad (overlapping pooling windows reuse them on
// chip) and its weights (layer norm's γ, β) in the filter scratchpad, waits for the words fetched from DRAM and for
// a free ofmap half, works, and writes its outputs back through the channel. With ideal memory, steps × cycles.
import { Stat } from '../shared/stats';
import { VectorPattern } from '../shared/kinds';
import { addStat, setStat } from '../counters';
import { SliceBuffer } from '../memory/buffer';
import { dramPeakBandwidth, memVectorBegin, memVectorEnd, memVectorSlice, memVectorSliceBegin, vectorBuffer, writesDoneAt } from '../memory/system';

// Pooling geometry: input h×w×c per sample, window fh×fw, stride, top/left padding, output eh×ew.
let ph: i32 = 1;
let pw: i32 = 1;
let pc: i32 = 1;
let pfh: i32 = 1;
let pfw: i32 = 1;
let psh: i32 = 1;
let psw: i32 = 1;
let ppt: i32 = 0;
let ppl: i32 = 0;
let peh: i32 = 1;
let pew: i32 = 1;

export function setVectorPool(h: i32, w: i32, c: i32, fh: i32, fw: i32, sh: i32, sw: i32, pt: i32, pl: i32, eh: i32, ew: i32): void {
  ph = h;
  pw = w;
  pc = c;
  pfh = fh;
  pfw = fw;
  psh = sh;
  psw = sw;
  ppt = pt;
  ppl = pl;
  peh = eh;
  pew = ew;
}

// Ops per work item by kind (Stat.VectorAdd … VectorRsqrt).
let opAdd: f64 = 0;
let opMul: f64 = 0;
let opDiv: f64 = 0;
let opExp: f64 = 0;
let opRsqrt: f64 = 0;

export function setVectorOps(add: f64, mul: f64, div: f64, exp: f64, rsqrt: f64): void {
  opAdd = add;
  opMul = mul;
  opDiv = div;
  opExp = exp;
  opRsqrt = rsqrt;
}

/** Input words item `i` reads (touched in `buf` when it is not null); pooling windows clip at the padding. */
function touchItem(buf: SliceBuffer | null, pattern: i32, items: i32, i: i32, operands: i32, rowLength: i32): i64 {
  if (pattern == VectorPattern.Elementwise) {
    if (buf) for (let j = 0; j < operands; j++) buf.touch(j * items + i);
    return operands;
  }
  if (pattern == VectorPattern.Rows) {
    if (buf) for (let k = 0; k < rowLength; k++) buf.touch(i * rowLength + k);
    return rowLength;
  }
  const c = i % pc;
  const pix = i / pc;
  const ow = pix % pew;
  const oh = (pix / pew) % peh;
  const sample = pix / (pew * peh);
  const y0 = oh * psh - ppt;
  const x0 = ow * psw - ppl;
  let n: i64 = 0;
  for (let y = max(y0, 0); y < min(y0 + pfh, ph); y++) {
    const row = (sample * ph + y) * pw;
    for (let x = max(x0, 0); x < min(x0 + pfw, pw); x++) {
      if (buf) buf.touch((row + x) * pc + c);
      n++;
    }
  }
  return n;
}

/**
 * Contract: runs one vector layer of `items` work items on `lanes` lanes, `cyclesPerStep` cycles per step, each item
 * reading its inputs by `pattern` and `weights` weight words, writing `outPerItem` outputs; stats accumulate into
 * the current layer (beginLayer() before, and no endLayer(): this sets the layer's cycles and stalls itself).
 * `inputSpace`: words of the input address space. `memory`: through the memory system (native timing) or ideal.
 */
export function runVector(
  pattern: i32, items: i32, lanes: i32, cyclesPerStep: f64, operands: i32, rowLength: i32, weights: i32,
  outPerItem: i32, inputSpace: i32, memory: bool, sliceSteps: i32,
): void {
  const steps = (items + lanes - 1) / lanes;
  const perSlice = memory ? sliceSteps : steps;
  let inputReads: i64 = 0;
  let end: f64 = 0;
  if (memory) memVectorBegin(inputSpace, weights);
  for (let s0 = 0; s0 < steps; s0 += perSlice) {
    const s1 = min(steps, s0 + perSlice);
    const i0 = s0 * lanes;
    const i1 = min(items, s1 * lanes);
    const buf: SliceBuffer | null = memory ? vectorBuffer(true) : null;
    if (memory) memVectorSliceBegin();
    for (let i = i0; i < i1; i++) inputReads += touchItem(buf, pattern, items, i, operands, rowLength);
    if (memory && weights > 0) {
      const wb = vectorBuffer(false);
      for (let k = 0; k < weights; k++) wb.touch(k);
    }
    const cycles = <f64>(s1 - s0) * cyclesPerStep;
    const outs = <f64>(i1 - i0) * <f64>outPerItem;
    end = memory ? memVectorSlice(cycles, outs) : end + cycles;
  }
  const n = <f64>items;
  addStat(Stat.IfmapReads, <f64>inputReads);
  addStat(Stat.FilterReads, n * <f64>weights);
  addStat(Stat.OfmapWrites, n * <f64>outPerItem);
  addStat(Stat.VectorAdd, n * opAdd);
  addStat(Stat.VectorMul, n * opMul);
  addStat(Stat.VectorDiv, n * opDiv);
  addStat(Stat.VectorExp, n * opExp);
  addStat(Stat.VectorRsqrt, n * opRsqrt);
  addStat(Stat.VectorBusyLaneSteps, n);
  addStat(Stat.VectorSteps, <f64>steps);
  let stall: f64 = 0;
  if (memory) {
    stall = memVectorEnd();
    // The layer is over when its last outputs have been written back.
    const done = Math.ceil(writesDoneAt());
    if (done > end) {
      addStat(Stat.StallOfmap, done - end);
      stall += done - end;
      end = done;
    }
    setStat(Stat.DramPeakBandwidth, dramPeakBandwidth());
  }
  setStat(Stat.StallCycles, stall);
  setStat(Stat.Cycles, end);
}
