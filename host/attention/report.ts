// The attention report, `systole.attention-report/1`: one run of one cascade on one attention arch. Every figure is
// a counter of the simulated run except those marked derived. New fields may be added; existing ones keep their
// names and meaning (bump the schema version otherwise).
import type { AttentionArchSpec } from '../spec/arch/attention-arch.ts';
import type { AttentionEnergy } from './energy.ts';

export interface AttentionReport {
  schema: 'systole.attention-report/1';
  tool: { name: string; version: string };
  /** The normalised arch, every default filled in (idealized: with the published model's microarch). */
  arch: AttentionArchSpec;
  cascade: string;
  model: string;
  seq: number;
  batch: number;
  heads: number;
  qkDim: number;
  vDim: number;
  idealized: boolean;
  /** total: the cycle the last op ended or the last write-back reached DRAM; dramWait: array-cycles an array's next
   *  Einsum had everything but its DRAM words (summed over both arrays). */
  cycles: { total: number; dramWait: number };
  /** Derived: cycles / clock. */
  seconds: number;
  /** Fractions in [0, 1]: PE-cycles doing work / (cycles × PEs). */
  utilization: { array2d: number; array1d: number };
  /** Cycles each PE of its array works on each Einsum (w, timing.ts; with fill, skew, drain off and one-cycle
   *  reductions the instance's whole duration), summed over its instances. */
  einsums: { name: string; array: '2d' | '1d'; busyCycles: number }[];
  /** peakBytes: the most bytes the buffer held at once, a counter of the run (assembly/attention/occupancy.ts:
   *  DRAM reads from their request to their last use, [p, m0] tiles kept on chip, write-backs until written);
   *  planBytes: what the memory plan reserves (derived). reads/writes are counted words. */
  globalBuffer: { peakBytes: number; planBytes: number; readWords: number; writeWords: number };
  dram: { readBytes: number; writeBytes: number };
  /** Derived: counted actions × energy per action. */
  energyPJ: AttentionEnergy;
  /** The memory plan: the sequence padded to whole query blocks and key tiles (the extra rows and columns masked,
   *  not counted as work), query blocks per unit, where [p, m0] tensors live (partial: the first scoreTilesOnChip key tiles
   *  of each row on chip, the rest in DRAM), whether per-query state fits in 1D registers. */
  plan: {
    padded: { queries: number; keys: number };
    blocksPerUnit: number;
    scores: 'registers' | 'globalBuffer' | 'dram' | 'partial';
    scoreTilesOnChip: number;
    /** Key tiles outer inside each pass, each K and V tile read once per unit (the cascade's weightStationary). */
    weightStationary: boolean;
    stateInRegisters: boolean;
  };
  /** Key tiles (one query block × one key tile) simulated event by event vs covered by whole periods. */
  simulation: { tilesSimulated: number; tilesAdvanced: number; periods: number; opInstances: number };
  /** null: not verified; else whether the output matched the reference within VERIFY_TOLERANCE. */
  verified: boolean | null;
  verifyError: number | null;
}
