// The interfaces the demand walker drives: one per SCALE-Sim buffer kind (scalesim/memory/).

/** DRAM traffic of one buffer: words, and SCALE-Sim's first and last DRAM trace cycles. */
export interface DramFigures {
  words: number;
  start: number;
  stop: number;
}

/** A read buffer (ifmap or filter) in front of DRAM. */
export interface ReadBuffer {
  /** Contract: a demand line arrives at `cycle`; its non-null addresses follow through read(), in lane order. */
  beginLine(cycle: number): void;
  /** Contract: one demanded address (never −1). */
  read(addr: number): void;
  /** Contract: the cycle at which the line was served (SCALE-Sim's serviced cycle: cycle + 1 unless it stalled). */
  endLine(): number;
  /** Contract: after the last line, flush outstanding prefetches and return the DRAM figures. */
  finish(): DramFigures;
}

/** The ofmap write buffer in front of DRAM. */
export interface WriteBuffer {
  /** Contract: `count` words written by the demand line at `cycle`; returns the cycle they were accepted. */
  writeLine(cycle: number, count: number): number;
  /** Contract: after the last line (served at `cycle`), drain everything and return the DRAM figures. */
  finish(cycle: number): DramFigures;
}
