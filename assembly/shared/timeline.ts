// The timeline block of the systolic core (recorded only when tracing is on; assembly/trace/recorder.ts), decoded by
// host/trace/. Compiled by both asc and tsc: one layout for core and host. All times are cycles of the layer's clock
// (0 = the layer's first cycle); DRAM transfer ends may be fractional (a transfer lasts words / bandwidth cycles).

/** One record per fold: FoldField.COUNT f64. */
export enum FoldField {
  /** Cycle the fold's stationary words start loading (WS/IS), or its stream starts (OS; scalesim: its serial start). */
  LoadStart,
  /** Cycle its first streaming word enters the array. */
  StreamStart,
  /** Cycle after its last result left the array (stream start + cycles + stall; scalesim: serial end). */
  End,
  /** Cycles it takes without stalls (native: wavefront and drain; scalesim: SCALE-Sim's fold cycles). */
  Cycles,
  /** Its stall cycles by cause (they add up to End − StreamStart − Cycles under native timing). */
  StallIfmap,
  StallFilter,
  StallOfmap,
  StallBank,
  /** Array rows and columns the fold uses, and its streaming steps T. */
  Rows,
  Cols,
  Steps,
  /** PE-cycles that did a MAC (each busy PE-cycle is one MAC). */
  Busy,
  /** 0-based GEMM of the layer (a group, or a pack of groups), and the fold's place along the array's rows/cols. */
  Gemm,
  RowFold,
  ColFold,
  COUNT,
}

/** What an event record is. */
export enum EventKind {
  /** The array frozen from Start to End (ifmap/filter: waiting for DRAM words; ofmap: for a free ofmap half or the
   *  layer's last write-backs; bank: SRAM bank conflicts, summed per slice and placed at the slice's end). */
  StallIfmap,
  StallFilter,
  StallOfmap,
  StallBank,
  /** The DRAM channel sending reads from Start to End: A ifmap, B filter, C partial-sum words (contiguous reads merged). */
  DramRead,
  /** The channel writing A output words back from Start to End; B: cycle the fold finished them, C: cycle written. */
  DramWrite,
  /** Scratchpad words on chip from Start on: A ifmap buffer, B filter buffer (unified: A both, B 0). */
  Occupancy,
  /** DRAM words per 1024-cycle window (the peak-bandwidth windows): windows Start..End (inclusive) moved A words each. */
  DramWindow,
}

/** One event: EventField.COUNT f64. */
export enum EventField {
  Kind,
  Start,
  End,
  A,
  B,
  C,
  /** The fold it belongs to (its index among the layer's folds), −1 for none (the layer's final write-backs). */
  Fold,
  COUNT,
}
