// The core's ABI. The host configures the array and runs GEMMs fold by fold inside WASM; it reads the stats block.
// No per-cycle calls cross the boundary. Two ways to give a GEMM its operands (array/panels.ts):
//   materialised: prepare(M, N, K), write A (M×K) and B (K×N) at operandA/operandB, runGemm(), read C at result()
//   streamed:     prepareStreamed(M, N, K, conv, values, outputs), runGemm(): the core asks the host for each fold's
//                 operand panels (import env.fillPanel) and hands it each fold's outputs (env.foldOutput)
//
//   configure(rows, cols, dataflow, timing, flags)   array and microarchitecture (shared/kinds.ts)
//   beginLayer()  runGemm() × groups  endLayer()      stats accumulate over the GEMMs of one layer
//   packBlocks(rb, cb)                                block-diagonal packing of the next GEMMs (0, 0: dense)
//   configureMemory(...)                              native memory system (memory/system.ts); off: ideal memory
//   setGemmGeometry(...) setConvGeometry(...)         where A's and B's words live in DRAM (memory/addresses.ts)
//   ifmapStaging(words) im2colIntoA()                 a convolution's group ifmap, lowered by the core's im2col
//   setFastForward(on)                                skip work whose outcome is known exactly (default on)
//   setWindow(steps)                                  array steps a fold computes at a time (default 4096)
//   rowMapBuffer(rows) setRowMap(rows, perCopy, n)    A's rows picked from stacked copies (spiking runs skip rows)
//   stats()                                           pointer to Stat.COUNT f64 slots (shared/stats.ts)
//   beginLayer() setVectorOps/Pool(...) runVector(...) a layer on the vector unit (vector/unit.ts), no endLayer()
import { Timing, Values } from './shared/kinds';
import { Stat } from './shared/stats';
import { STATS, addStat, getStat, resetStats, setStat } from './counters';
import { setBlockShape } from './array/blocks';
import { resetReplay } from './array/replay';
import { configureArray, resetGemmIndex, runFolds, timing, useMemory } from './array/gemm';
export { setFastForward } from './array/gemm';
import { operandA as panelsA, prepareMaterialised, prepareStreamed as prepareStreamedPanels, stagedIfmap } from './array/panels';
import { extendLayer, lastFoldEnd, layerCycles, resetTimeline, utilWindow } from './array/timeline';
import { filterWords, gatherIm2col, ifmapWords } from './memory/addresses';
import { closeDramWindow, dramPeakBandwidth, resetMemoryGemm, resetMemoryLayer, writesDoneAt } from './memory/system';
import { EventKind } from './shared/timeline';
import { event, traceReset, tracing } from './trace/recorder';

export { configureMemory } from './memory/system';
export {
  traceConfigure, traceDropped, traceEventCount, traceEvents, traceFoldCount, traceFolds,
} from './trace/recorder';
export { rowMapBuffer, setConvGeometry, setGemmGeometry, setRowMap } from './memory/addresses';
export { ifmapStaging, operandA, operandB, result, setWindow } from './array/panels';
export { runVector, setVectorOps, setVectorPool } from './vector/unit';

export function configure(rows: i32, cols: i32, df: i32, tm: i32, fl: i32): void {
  configureArray(rows, cols, df, tm, fl);
}

/** Contract: a materialised GEMM: A, B, C hold M·K, K·N, M·N int32 words afterwards (contents undefined until written). */
export function prepare(m: i32, n: i32, k: i32): void {
  prepareMaterialised(m, n, k);
}

/**
 * Contract: the next runGemm() is streamed: operands come panel by panel from env.fillPanel (A of a convolution:
 * the im2col of the staged ifmap when `conv`), `values` (shared/kinds.ts Values) says which folds compute values,
 * `outputs` hands each fold's outputs to env.foldOutput. Nothing of size M, N or K is allocated.
 */
export function prepareStreamed(m: i32, n: i32, k: i32, conv: bool, values: i32, outputs: bool): void {
  prepareStreamedPanels(m, n, k, conv, <Values>values, outputs);
}

/** Contract: A = im2col of the staged ifmap under the conv geometry set by setConvGeometry (one group). */
export function im2colIntoA(): void {
  gatherIm2col(stagedIfmap(), panelsA());
}

export function stats(): usize {
  return STATS;
}

export function beginLayer(): void {
  resetStats();
  resetTimeline();
  resetMemoryLayer();
  setBlockShape(0, 0);
  resetReplay(); // recorded folds hold for the layer's GEMMs (same array, timing and packing)
  traceReset();
  resetGemmIndex();
}

/**
 * Contract: the following GEMMs are block-diagonal packings: PE(i, j) of a fold works only when i / rb == j / cb
 * (the host lays several groups' operands out so that each block is one group). 0, 0: dense.
 */
export function packBlocks(rb: i32, cb: i32): void {
  setBlockShape(rb, cb);
  resetReplay();
}

export function endLayer(): void {
  if (useMemory()) {
    // The layer is over when its last outputs have been written back.
    const tail = Math.ceil(writesDoneAt()) - <f64>lastFoldEnd();
    if (tail > 0) {
      if (tracing) event(EventKind.StallOfmap, <f64>lastFoldEnd(), Math.ceil(writesDoneAt()), 0, 0, 0, -1);
      addStat(Stat.StallOfmap, tail);
      extendLayer(<i64>Math.ceil(writesDoneAt()));
    }
    setStat(Stat.DramPeakBandwidth, dramPeakBandwidth());
    closeDramWindow();
  }
  setStat(
    Stat.StallCycles,
    getStat(Stat.StallIfmap) + getStat(Stat.StallFilter) + getStat(Stat.StallOfmap) + getStat(Stat.StallBank),
  );
  setStat(Stat.Cycles, <f64>layerCycles(timing));
  // Compute utilization averages over the cycles the array was not stalled.
  setStat(Stat.UtilWindowCycles, <f64>utilWindow(timing) - getStat(Stat.StallCycles));
}

/** Contract: C = A·B (int32, wrapping), simulated fold by fold; stats accumulate into the current layer. */
export function runGemm(): void {
  if (useMemory()) resetMemoryGemm(ifmapWords(), filterWords());
  runFolds();
}
