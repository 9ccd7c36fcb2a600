// The attention core's ABI layouts, compiled by both asc (assembly/attention/) and tsc (host/core/attention.ts).
// One source of truth for the config block, the op table and the stats block.

/** What an op does on its array; the host compiles each Einsum of a cascade to one of these (host/attention/compile.ts). */
export enum OpKind {
  /** 2D: tile[p,m0] = Σe Q[p,e]·K[m0,e]; Q streams in from the left, K from the top (E steps). */
  Qk = 0,
  /** 2D: vec[p,f] (+)= Σm0 tile[p,m0]·V[m0,f]; the tile stays in the PEs, V streams down, sums move along the row (F steps). */
  Pv = 1,
  /** 2D: scalar[p] (max|+)= reduce over the row of tile[p,m0] (a chain or a tree across the columns). */
  RowMax = 2,
  RowSum = 3,
  /** 2D: tile[p,m0] = exp(tile[p,m0] − scalar[p]); the scalar enters at the row end and is broadcast along the row. */
  ExpDiff2 = 4,
  /** 1D, per query: reduce a tile row held in the global buffer (C steps). */
  Red1Max = 5,
  Red1Sum = 6,
  /** 1D, per query, element by element over a tile row (C steps): exp(tile − scalar), tile / scalar. */
  ExpDiff1T = 7,
  Div1T = 8,
  /** 1D, per query, scalars (1 step). */
  SMax = 9,
  SAdd = 10,
  SMul = 11,
  SExpDiff = 12,
  SDiv = 13,
  /** 1D, per query, vectors of F (F steps): vec · scalar, vec + vec, vec / scalar. */
  VMulS = 14,
  VAdd = 15,
  VDivS = 16,
}

/** How an operand's producer is found (the tile = (unit, query block q, key tile m1)). */
export enum DepKind {
  None = 0,
  /** Written by an earlier op of the same tile. */
  SameTile = 1,
  /** Carried state: written by the producer in the previous key tile of the same query block (init at m1 = 0). */
  PrevTile = 2,
  /** Written by the producer in the last key tile of the query block (ops that run once the keys are done). */
  LastTile = 3,
  /** Written in an earlier pass: ordered by the pass barrier. */
  EarlierPass = 4,
}

/** When an op's DRAM words move (per op instance). */
export enum DramWhen {
  Every = 0,
  /** Only for the first query block of a unit (a K/V tile shared by the unit's query blocks). */
  FirstBlock = 1,
  /** Only for the first key tile (a query block's Q). */
  FirstTile = 2,
  /** Only for the last key tile (an accumulated output leaving after its last contribution). */
  LastTile = 3,
}

/** Op table: OP_FIELDS f64 per op. */
export enum OpField {
  Array = 0, // 0: 2D, 1: 1D
  Kind = 1, // OpKind
  Pass = 2, // 0-based pass of the binding
  AtEnd = 3, // 1: runs once per query block after its last key tile
  Cost = 4, // cycles per element step (exp: the array's expCycles, divide: divideCycles, else 1)
  Dst = 5, // value slots (per kind: tile, scalar or vector)
  A = 6,
  B = 7,
  Accumulate = 8, // 1: reduces across key tiles too (reads its own previous value)
  DepA = 9, // producer op index of A (or -1), and how it is found (DepKind)
  DepAKind = 10,
  DepB = 11,
  DepBKind = 12,
  AInit = 13, // value of a PrevTile operand at m1 = 0 (−inf allowed)
  BInit = 14,
  IsOutput = 15, // 1: its vector is the attention output (copied out per query block)
  Macs = 16, // actions per element step, for energy: MACs, max, add, exp-unit, divide
  Maxes = 17,
  Adds = 18,
  Exps = 19,
  Divs = 20,
  DramReadWords = 21,
  DramReadWhen = 22, // DramWhen
  DramWriteWords = 23,
  DramWriteWhen = 24,
  GbReadWords = 25,
  GbWriteWords = 26,
  DramRead2Words = 27, // a second read with its own rule (QK: the key tile and, at the first key tile, the queries)
  DramRead2When = 28,
  // [p, m0] tensors kept in the global buffer up to key tile SpillFromTile − 1 and in DRAM from there on (FLAT's
  // scores when a row of them does not fit): words per instance read and written, on chip or in DRAM
  SpillFromTile = 29,
  TileReadWords = 30,
  TileWriteWords = 31,
  // of those, when spilled (microarch.spill): words read from DRAM (the rest from the global buffer), words written to
  // DRAM and to the global buffer
  SpillReadWords = 32,
  SpillWriteDramWords = 33,
  SpillWriteGbWords = 34,
  Stage = 35, // tile interleaving (online order): at step k the op runs for tile k − Stage (binding.stages)
  RegReads = 36, // PE register words read and written per element step (its operands read, its result written)
  RegWrites = 37,
  COUNT = 38,
}

/** Config block: CFG_COUNT f64 written by the host before run(). */
export enum Cfg {
  Rows = 0,
  Cols = 1,
  Pes = 2,
  Fill = 3,
  Skew = 4,
  Drain = 5,
  TreeReduction = 6,
  OneCycleReduction = 7,
  BandwidthWordsPerCycle = 8,
  DramLatency = 9,
  Heads = 10, // batch × heads: independent repetitions of the per-head work
  Queries = 11, // P
  Keys = 12, // M
  E = 13,
  F = 14,
  BlocksPerUnit = 15, // query blocks of R rows in one unit (FuseMax: P1; FLAT: 1 or the head; unfused: the head)
  Passes = 16,
  OnlineOrder = 17, // 1: per unit, key tiles outer and query blocks inner (one pass); 0: per pass, blocks outer
  Ops = 18,
  Values = 19, // 1: compute real values (register level); 0: timing only (identical timing)
  FastForward = 20, // 1: advance whole periods once the pipeline state repeats
  MaxLag = 21,
  Lag = 22, // Lag + n: lag of pass n (MAX_PASSES slots)
  RealQueries = 30, // the sequence before padding to whole tiles (Queries, Keys): the rest is masked
  RealKeys = 31,
  COUNT = 32,
}

/** Lag of each pass (software pipelining of units): pass n of unit u is issued after lag-0 passes of unit u + lag. */
export const MAX_PASSES = 8;
export const MAX_OPS = 32;

/** Stats block: AttnStat.COUNT f64, then MAX_OPS f64 of busy cycles per op (Einsum). */
export enum AttnStat {
  Cycles = 0,
  Busy2d = 1, // Σ over 2D op instances of PE-cycles doing work
  Busy1d = 2,
  Active2d = 3, // cycles the 2D array ran an op
  Active1d = 4,
  Macs2d = 5,
  Max2d = 6,
  Add2d = 7,
  Macs1d = 8,
  Max1d = 9,
  Add1d = 10,
  Exp1d = 11,
  Div1d = 12,
  GbReads = 13,
  GbWrites = 14,
  DramReads = 15,
  DramWrites = 16,
  DramWaitCycles = 17, // cycles an op's start was delayed by DRAM words not yet arrived (arrays otherwise ready)
  TilesSimulated = 18, // key tiles (one query block × one key tile) simulated event by event
  TilesAdvanced = 19, // key tiles covered by whole-period fast-forward
  OpInstances = 20,
  Periods = 21, // fast-forward jumps taken
  StepMismatches = 22, // values on: 2D ops whose stepped PE windows ended at another cycle than timing.ts says (0)
  RegReads2d = 23, // PE register words read and written, per array
  RegWrites2d = 24,
  RegReads1d = 25,
  RegWrites1d = 26,
  GbPeakWords = 27, // the most words the global buffer held at once (assembly/attention/occupancy.ts); not a sum
  COUNT = 28,
}

/** The timeline (recorded when the host asks, assembly/attention/machine.ts record()): AttnTrace.COUNT f64 per record. */
export enum AttnTrace {
  Start = 0,
  End = 1,
  /** TraceArray: the 2D or 1D array (an op instance), a fast-forward jump (whole periods added at once) or a DRAM
   *  transfer (Start to End: the cycles the channel sends it; Op, Q, M1, Unit: the instance that reads or wrote it). */
  Array = 2,
  Op = 3, // −1 for a jump
  Q = 4, // query block (a jump: key tiles it advanced)
  M1 = 5, // key tile
  Unit = 6,
  COUNT = 7,
}

/** What a timeline record is (its AttnTrace.Array field). */
export enum TraceArray {
  Array2d = 0,
  Array1d = 1,
  Jump = 2,
  DramRead = 3,
  DramWrite = 4,
}
