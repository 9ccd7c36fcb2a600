// Energy per action of the spatial attention machine (FuseMax-style 2D + 1D arrays), pJ. The same kind of table as
// the systolic one (defaults.ts / schema.ts): plain per-action prices, every number with its source, a strict
// override file of any subset of the entries (`applyAttentionEnergyOverride`, `loadAttentionEnergyTable`).
// The analytic model (host/attention/analytic/) and the cycle-level attention core price their counts from here.
//
// Source [F]: the FuseMax artifact's Accelergy energy reference tables (ERT), FPSG-UIUC/micro24-fusemax-artifact at
// commit f543beb9, workspace/inputs/yamls/area_energy/outputs-{2d,1d}-{fusemax,flat}/ERT.yaml (45 nm, 16-bit
// words; the tables the artifact's `fusemax`/`flat` energy runs use: accel_fusemax/accel-top-{2d,1d}-path.yaml,
// accel_flat/...). Accelergy prices one action of one component instance:
//   mac (class fpmac, 16-bit mult + 16-bit add)      compute 17.1645        [F] 2d-fusemax, 1d-fusemax, 2d/1d-flat
//   add (fpmac_adder, 16 bit)                         compute 8.3395         [F] all four tables
//   max (mac_max, 16-bit compare)                     compute 0.028036       [F] 2d-fusemax, 1d-flat
//   divide (fpmac_divide, 16 bit)                     compute 36.251153      [F] 1d-fusemax, 1d-flat (the artifact's
//                                                     custom table: Xia et al. 2021, 550.24 pJ at 32 bit, 90 nm, scaled by Accelergy)
//   exponentiatial (mac_exponential, FLAT's 1D unit)  compute 94.6475        [F] 1d-flat
//   global_buffer (smartbuffer_SRAM, 16 MiB, 4096-bit rows = 256 words)  read 484.97271, write 451.30271 per row [F] 2d-fusemax
//   DRAM (HBM2/LPDDR4 class, 64-bit access = 4 words) read 249.6, write 249.6 per access                   [F] 2d-fusemax
//   reg_file (smartbuffer_RF, 16 bit): FuseMax 2D (12 words) and 1D (32 words): read 0.653431, write 0.56957
//                                      FLAT 2D (4 words): read 0.291512, write 0.225259; FLAT 1D (16 words): 0.385026, 0.336188
// Caveat: these stored tables were generated from older architecture files than the artifact's runs use (their
// inputs/input.yaml: global buffer of 64-bit rows, 32 MiB, 4 banks; FuseMax 2D reg_file 32 words) and another Accelergy
// setup (the artifact's outputs/pregenerated-check prices the 32-word 1D reg_file at 2.194455 read / 1.906455 write);
// the published runs' prices are not in the repository (README: "Energy: what the artifact prices").
// Derived here: per-word prices divide a row or access by its words (global buffer /256, DRAM /4). An exp on FuseMax's
// arrays has no unit of its own: it costs 6 MACs + 1 add (the artifact's compute_cost for SLN and PRM, proposal.py),
// i.e. 6 · 17.1645 + 8.3395 = 111.3265 pJ; on FLAT's 1D array it is the exponential unit, 94.6475 pJ.
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { DATA_EXTENSIONS, extensionOf, parseDataText, readText } from '../spec/text/files.ts';
import { strict } from '../spec/schema-parts.ts';
import { expects, toInputError } from '../spec/text/zod-error.ts';
import { MAX_PJ_PER_ACTION } from './schema.ts';

/** A read/write pair of per-word prices. */
export interface ReadWritePJ {
  read: number;
  write: number;
}

/** Energy per action of the attention machine, pJ. */
export interface AttentionEnergyTable {
  /** One 16-bit multiply-accumulate (2D or 1D PE). */
  macPJ: number;
  /** One 16-bit add. */
  addPJ: number;
  /** One 16-bit max (compare). */
  maxPJ: number;
  /** One exp: on an array without an exp unit, the MACs + adds it is computed with (see expOnArrayPJ). */
  expPJ: number;
  /** One 16-bit divide (1D array). */
  dividePJ: number;
  /** Global buffer, per word read or written. */
  globalBufferPJPerWord: ReadWritePJ;
  /** DRAM, per word read or written. */
  dramPJPerWord: ReadWritePJ;
  /** A PE register of the 2D array, per word read or written. */
  register2dPJPerWord: ReadWritePJ;
  /** A PE register of the 1D array, per word read or written. */
  register1dPJPerWord: ReadWritePJ;
}

const F_MAC = 17.1645; // [F] mac compute
const F_ADD = 8.3395; // [F] add compute
const GB_WORDS_PER_ROW = 256; // [F] global_buffer width 4096 bits / 16-bit words
const DRAM_WORDS_PER_ACCESS = 4; // [F] DRAM width 64 bits / 16-bit words

/** FuseMax (cloud) prices: [F] 2d-fusemax and 1d-fusemax tables. */
export const FUSEMAX_ENERGY_TABLE: AttentionEnergyTable = {
  macPJ: F_MAC,
  addPJ: F_ADD,
  maxPJ: 0.028036, // [F] max compute
  expPJ: 6 * F_MAC + F_ADD, // derived: 6 MACs + 1 add (artifact proposal.py compute_cost of SLN/PRM) = 111.3265
  dividePJ: 36.251153, // [F] divide compute
  globalBufferPJPerWord: { read: 484.97271 / GB_WORDS_PER_ROW, write: 451.30271 / GB_WORDS_PER_ROW }, // [F] per 256-word row
  dramPJPerWord: { read: 249.6 / DRAM_WORDS_PER_ACCESS, write: 249.6 / DRAM_WORDS_PER_ACCESS }, // [F] per 64-bit access
  register2dPJPerWord: { read: 0.653431, write: 0.56957 }, // [F] 2d-fusemax reg_file (12 words)
  register1dPJPerWord: { read: 0.653431, write: 0.56957 }, // [F] 1d-fusemax reg_file
};

/** FLAT (cloud) prices: the same arithmetic, memories and buffer, FLAT's register files and its 1D exp unit. */
export const FLAT_ENERGY_TABLE: AttentionEnergyTable = {
  ...FUSEMAX_ENERGY_TABLE,
  expPJ: 94.6475, // [F] 1d-flat exponentiatial compute
  register2dPJPerWord: { read: 0.291512, write: 0.225259 }, // [F] 2d-flat reg_file (4 words)
  register1dPJPerWord: { read: 0.385026, write: 0.336188 }, // [F] 1d-flat reg_file (16 words)
};

/** An override: any subset of the entries (a read/write pair may give one side). */
export type AttentionEnergyOverride = Partial<Record<'macPJ' | 'addPJ' | 'maxPJ' | 'expPJ' | 'dividePJ', number>> &
  Partial<Record<'globalBufferPJPerWord' | 'dramPJPerWord' | 'register2dPJPerWord' | 'register1dPJPerWord', Partial<ReadWritePJ>>>;

/** A price in pJ, 0..MAX_PJ_PER_ACTION (the systolic table's bound: more than 1 µJ per action is a unit slip). */
const pJ = () => {
  const msg = expects(`a number of pJ in 0..${MAX_PJ_PER_ACTION}`, `a price in pJ of at most ${MAX_PJ_PER_ACTION} (1 µJ per action; more is a unit slip)`);
  return z.number(msg).nonnegative(msg).max(MAX_PJ_PER_ACTION, msg);
};
const pair = () => strict({ read: pJ().optional(), write: pJ().optional() }, 'a mapping {read, write} of pJ per word').optional();

const SCALARS = ['macPJ', 'addPJ', 'maxPJ', 'expPJ', 'dividePJ'] as const;
const PAIRS = ['globalBufferPJPerWord', 'dramPJPerWord', 'register2dPJPerWord', 'register1dPJPerWord'] as const;

const overrideSchema = strict(
  {
    ...(Object.fromEntries(SCALARS.map((k) => [k, pJ().optional()])) as Record<(typeof SCALARS)[number], z.ZodOptional<ReturnType<typeof pJ>>>),
    ...(Object.fromEntries(PAIRS.map((k) => [k, pair()])) as Record<(typeof PAIRS)[number], ReturnType<typeof pair>>),
  },
  `a mapping of attention energy keys (${[...SCALARS, ...PAIRS].join(', ')})`,
);

/** Validate a raw override object; null or undefined (an empty file) overrides nothing. */
export function parseAttentionEnergyOverride(raw: unknown, source: string): AttentionEnergyOverride {
  if (raw === null || raw === undefined) return {};
  const result = overrideSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw toInputError(result.error, source, raw);
  return result.data;
}

/** Contract: `base` with the entries `override` names replaced; every other entry is `base`'s. */
export function applyAttentionEnergyOverride(base: AttentionEnergyTable, override: AttentionEnergyOverride): AttentionEnergyTable {
  const out: AttentionEnergyTable = { ...base };
  for (const k of SCALARS) out[k] = override[k] ?? base[k];
  for (const k of PAIRS) out[k] = { ...base[k], ...stripUndefined(override[k] ?? {}) };
  return out;
}

const stripUndefined = (p: Partial<ReadWritePJ>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));

/** Contract: `base` (default FuseMax's) with the entries named in the .yaml/.yml/.json file at `path` replaced. */
export function loadAttentionEnergyTable(path: string, base: AttentionEnergyTable = FUSEMAX_ENERGY_TABLE): AttentionEnergyTable {
  const ext = extensionOf(path);
  if (!(DATA_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new InputError(path, `unsupported energy file type '${ext}'`, 'use a .yaml, .yml or .json file');
  }
  return applyAttentionEnergyOverride(base, parseAttentionEnergyOverride(parseDataText(readText(path), path), path));
}
