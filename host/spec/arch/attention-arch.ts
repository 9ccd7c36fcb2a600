// The spatial attention machine's arch spec (`kind: attention`): one strict schema (unknown keys rejected, units in
// key names, defaults filled in once here). Read by loadAttentionArch() in arch.ts; presets in archs/ (fusemax-*, flat-*).
//
//   kind: attention
//   name: fusemax-cloud                 # default: the file name without extension
//   clockMHz: 940
//   operandBits: 16                     # word size of every operand, buffer and DRAM word
//   array2d: { rows: 256, cols: 256, registerWords: 16, expCycles: 7 }
//   array1d: { pes: 256, registerWords: 32, expCycles: 7, divideCycles: 1 }
//   globalBuffer: { sizeKiB: 16384, banks: 32, rowWords: 256 }
//   dram: { bandwidthGiBps: 400, latencyCycles: 0 }
//   microarch: { fill: true, skew: true, drain: true, reduction: chain, oneCycleReduction: false, spill: per-pass,
//                registerAccounting: all-pes }
//
// Rows of the 2D array hold queries (p), columns hold keys (m0); PE i of the 1D array holds query i's state
// (a block of `rows` queries runs on the 1D array in ceil(rows / pes) passes).
import { z } from 'zod';
import { stemOf } from '../text/files.ts';
import { bool, intIn, name, posNumber, strict } from '../schema-parts.ts';
import { expects, toInputError } from '../text/zod-error.ts';

export const REDUCTION_KINDS = ['chain', 'tree'] as const;
export type ReductionKind = (typeof REDUCTION_KINDS)[number];
export const SPILL_KINDS = ['per-pass', 'artifact'] as const;
export type SpillKind = (typeof SPILL_KINDS)[number];
export const REGISTER_ACCOUNTINGS = ['all-pes', 'artifact'] as const;
/** How PE register-file energy is totalled. 'all-pes': every PE's accesses (what the hardware does). 'artifact': one
 *  PE's share, the FuseMax artifact's accounting (see AttentionMicroarch.registerAccounting). */
export type RegisterAccounting = (typeof REGISTER_ACCOUNTINGS)[number];

/** The normalised attention arch (every default filled in); echoed into every attention report. */
export interface AttentionArchSpec {
  kind: 'attention';
  name: string;
  clockMHz: number;
  operandBits: 8 | 16 | 32;
  array2d: { rows: number; cols: number; registerWords: number; expCycles: number };
  array1d: { pes: number; registerWords: number; expCycles: number; divideCycles: number };
  globalBuffer: { sizeKiB: number; banks: number; rowWords: number };
  /** bandwidthWordsPerCycle is derived: GiB/s · 2^30 / (operand bytes · clock). */
  dram: { bandwidthGiBps: number; latencyCycles: number; bandwidthWordsPerCycle: number };
  microarch: AttentionMicroarch;
}

/** What the analytic model leaves out, each a knob; `--idealized` sets fill, skew, drain off, oneCycleReduction on,
 *  spill and registerAccounting to artifact. */
export interface AttentionMicroarch {
  /** Streamed Einsums (QK, SLNV, AV): operands entering at the top edge take rows − 1 cycles to reach the last row. */
  fill: boolean;
  /** Streamed Einsums: each column starts one cycle after the one on its left (cols − 1 cycles of stagger). */
  skew: boolean;
  /** Values leaving or entering a row through its end (the running max broadcast back into the row): cols − 1 hops. */
  drain: boolean;
  /** Row reductions (max, sum over the columns): a systolic chain (cols cycles) or a tree (ceil(log2 cols) cycles). */
  reduction: ReductionKind;
  /** Every row reduction takes one cycle, whatever `reduction` says (the published model's charge). */
  oneCycleReduction: boolean;
  /** [p, m0] tensors (FLAT's scores) whose key tile does not fit on chip (compile.ts: spillFromTile). per-pass: every
   *  Einsum that reads or writes one goes to DRAM; artifact: the producer writes it to DRAM only when a later pass
   *  reads it, a reader in the producer's pass takes it from the global buffer as it is produced, a reader in a later
   *  pass reads it from DRAM (FLAT: QK and SN one write and one read each, the FuseMax artifact's charge of two writes
   *  and two reads per spilled score, flat.py). */
  spill: SpillKind;
  /** An accounting knob, not timing: which PEs' register-file accesses the energy report prices. all-pes: every PE's
   *  (the core counts them per element step). artifact: one PE's, i.e. the count / PEs of that array, as the FuseMax
   *  artifact prices them (FPSG-UIUC/micro24-fusemax-artifact at f543beb9, workspace/src/accel/cascade.py: lines
   *  120-122 and 133 hand Accelergy the 2D and 1D register counts as a single reg_file instance, "Using only one of
   *  each of the components, since they are identical"; lines 147-149 read Timeloop's "Scalar reads" (per-instance),
   *  the first line workspace/src/utils/stats.py finds under the tensor: one PE's accesses, not the array's). */
  registerAccounting: RegisterAccounting;
}

export const IDEALIZED_MICROARCH = { fill: false, skew: false, drain: false, oneCycleReduction: true, spill: 'artifact', registerAccounting: 'artifact' } as const;

const cycles = () => intIn(1, 1000);

const schema = strict(
  {
    kind: z.literal('attention', expects("'attention'")),
    name: name().optional(),
    clockMHz: posNumber(),
    operandBits: z.union([z.literal(8), z.literal(16), z.literal(32)], expects('8, 16 or 32')).default(16),
    array2d: strict(
      { rows: intIn(1, 1024), cols: intIn(1, 1024), registerWords: intIn(1, 1 << 16), expCycles: cycles() },
      'a mapping {rows, cols, registerWords, expCycles}',
    ),
    array1d: strict(
      { pes: intIn(1, 1024), registerWords: intIn(1, 1 << 16), expCycles: cycles(), divideCycles: cycles().default(1) },
      'a mapping {pes, registerWords, expCycles, divideCycles}',
    ),
    globalBuffer: strict(
      { sizeKiB: posNumber(), banks: intIn(1, 4096).default(1), rowWords: intIn(1, 1 << 16).default(1) },
      'a mapping {sizeKiB, banks, rowWords}',
    ),
    dram: strict(
      { bandwidthGiBps: posNumber(), latencyCycles: intIn(0, 1 << 20).default(0) },
      'a mapping {bandwidthGiBps, latencyCycles}',
    ),
    microarch: strict(
      {
        fill: bool().default(true),
        skew: bool().default(true),
        drain: bool().default(true),
        reduction: z.enum(REDUCTION_KINDS).default('chain'),
        oneCycleReduction: bool().default(false),
        spill: z.enum(SPILL_KINDS).default('per-pass'),
        registerAccounting: z.enum(REGISTER_ACCOUNTINGS).default('all-pes'),
      },
      'a mapping {fill, skew, drain, reduction, oneCycleReduction, spill, registerAccounting}',
    ).prefault({}),
  },
  'a mapping of attention arch keys (kind, name, clockMHz, operandBits, array2d, array1d, globalBuffer, dram, microarch)',
);

/** Validate a raw `kind: attention` object and fill in every default. */
export function parseAttentionArch(raw: unknown, source: string): AttentionArchSpec {
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw toInputError(result.error, source, raw);
  const { name: given, dram, ...rest } = result.data;
  const wordBytes = rest.operandBits / 8;
  const bandwidthWordsPerCycle = (dram.bandwidthGiBps * 2 ** 30) / (wordBytes * rest.clockMHz * 1e6);
  const { kind, ...body } = rest;
  return { kind, name: given ?? stemOf(source), ...body, dram: { ...dram, bandwidthWordsPerCycle } };
}

/** The arch with the published model's assumptions (no fill, no skew, no drain, one-cycle reductions, the artifact's
 *  spill charge and register accounting). */
export const idealize = (arch: AttentionArchSpec): AttentionArchSpec => ({
  ...arch,
  microarch: { ...arch.microarch, ...IDEALIZED_MICROARCH },
});
