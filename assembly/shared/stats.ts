// The stats block: Stat.COUNT f64 slots in WASM memory, written by the core, decoded by host/core/.
// Counts are whole numbers (f64 holds them exactly below 2^53). Reset by beginLayer().

export enum Stat {
  /** Cycles the layer took, as the timing mode reports them (scalesim: index of the last demand row). */
  Cycles,
  /** Cycles the array waited: the sum of the Stall* causes below (0 without the memory system). */
  StallCycles,
  /** Σ over cycles of PEs that did a MAC: the MACs the array actually performed. */
  BusyPeCycles,
  /** Cycles over which compute utilization is averaged (the timing mode's convention). */
  UtilWindowCycles,
  /** Σ over folds of the PEs the fold maps work onto (rows used × cols used). */
  UsedPeFolds,
  /** Folds run (all GEMMs of the layer). */
  Folds,
  /** Folds of the last GEMM along the array's rows and columns. */
  FoldRows,
  FoldCols,
  /** SRAM words read from the ifmap and filter buffers, written to and read back from the ofmap buffer. */
  IfmapReads,
  FilterReads,
  OfmapWrites,
  OfmapReads,
  /** Native memory system: words filled into the ifmap and filter buffers from DRAM. */
  IfmapWrites,
  FilterWrites,
  /** Stall cycles by cause: waiting for ifmap or filter words from DRAM, for a free ofmap half, SRAM bank ports. */
  StallIfmap,
  StallFilter,
  StallOfmap,
  StallBank,
  /** DRAM words moved per operand (ofmap reads: partial sums read back). */
  DramIfmapReads,
  DramFilterReads,
  DramOfmapWrites,
  DramOfmapReads,
  /** Most DRAM words per cycle over any 1024-cycle window. */
  DramPeakBandwidth,
  /** scalesim: Σ over folds of SCALE-Sim's per-fold mapping efficiency and compute utilization, summed in fold
   *  order like its Python (the layer's figures are these sums over Folds). */
  MappingEffSum,
  ComputeUtilSum,
  /** Vector unit: operations done, by kind (add: add, subtract, compare/max; mul; div; exp: exp and the other
   *  transcendental functions; rsqrt), and Σ over steps of the lanes that had a work item. */
  VectorAdd,
  VectorMul,
  VectorDiv,
  VectorExp,
  VectorRsqrt,
  VectorBusyLaneSteps,
  /** Vector unit: steps (each gives every lane at most one work item). */
  VectorSteps,
  /** Folds whose values were computed (streamed GEMMs under --values sampled/off compute fewer than Folds). */
  ValueFolds,
  /** Folds whose array run was not stepped again: the outcome recorded for an earlier fold of the same shape. */
  AdvancedFolds,
  /** Of AdvancedFolds, the folds advanced as whole periods (array/period.ts): not placed one by one either. */
  PeriodFolds,
  COUNT,
}
