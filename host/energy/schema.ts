// Energy override file schema: strict (unknown keys rejected), every key optional, values in pJ. A file names only
// the entries it changes; applyEnergyOverride puts them over a base table (the defaults, defaults.ts).
//
//   macPJ: { int4: 0.15, int8: 0.3, int16: 0.9, fp16: 2.0, bf16: 2.0, fp32: 4.6 }   # per multiply-accumulate
//   registerPJPerBit: 0.009                             # per bit of one PE register access
//   sramPJPer64Bit:                                     # per 64-bit access, by SRAM size in KiB; a curve given
//     read:  { 8: 10, 32: 20, 1024: 100 }               # here replaces the default curve whole
//     write: { 8: 10, 32: 20, 1024: 100 }
//   dramPJPer64Bit: { read: 1300, write: 1300 }         # per 64 bits moved
//   vectorOpPJ: { add: 0.9, mul: 3.7, div: 18.4, exp: 18.4, rsqrt: 18.4 }   # per vector-unit operation
//
// host/energy/horowitz-45nm.yaml is the whole default table in this format.
import { z } from 'zod';
import { strict } from '../spec/schema-parts.ts';
import { expects, toInputError } from '../spec/text/zod-error.ts';
import { VECTOR_OPS, type VectorOp } from '../spec/types.ts';
import { MAC_PRECISIONS, type EnergyOverride, type EnergyTable, type MacPrecision, type SramCurve } from './types.ts';

/**
 * The most any one priced action may cost: 10⁶ pJ (1 µJ). The costliest action any table prices is a 64-bit DRAM
 * access, 1.3–2.6 nJ at 45 nm (Horowitz, ISSCC 2014; even old DDR at ~70 pJ/bit is 4.5 nJ): 1 µJ is over 200× that,
 * so a larger price is a unit slip (J or µJ written as pJ), not a machine. It also keeps every energy finite: a count
 * is below 2⁵³ (exact in a double), so a layer's energy stays below 2⁵³ · 64 bits · 10⁶ pJ ≈ 6·10²⁹ pJ.
 */
export const MAX_PJ_PER_ACTION = 1e6;

const PRICE_FIX = `a price in pJ of at most ${MAX_PJ_PER_ACTION} (1 µJ per action; more is a unit slip)`;

/** A non-negative number of pJ, at most MAX_PJ_PER_ACTION. */
const pJ = () => {
  const msg = expects(`a number of pJ in 0..${MAX_PJ_PER_ACTION}`, PRICE_FIX);
  return z.number(msg).nonnegative(msg).max(MAX_PJ_PER_ACTION, msg);
};

/** A positive number of pJ, at most MAX_PJ_PER_ACTION (SRAM curves are interpolated on a log scale, so no zeros). */
const positivePJ = () => {
  const msg = expects(`a number of pJ > 0, at most ${MAX_PJ_PER_ACTION}`, PRICE_FIX);
  return z.number(msg).positive(msg).max(MAX_PJ_PER_ACTION, msg);
};

const CURVE_EXAMPLE = '{ 8: 10, 32: 20, 1024: 100 }';

/** `{ sizeKiB: pJ, ... }` with at least one entry → a curve sorted by size. */
const curve = () =>
  z
    .record(z.string(), positivePJ(), expects(`a mapping of SRAM size in KiB to pJ, e.g. ${CURVE_EXAMPLE}`))
    .superRefine((rec, ctx) => {
      const sizes = Object.keys(rec);
      if (sizes.length === 0) {
        ctx.addIssue({ code: 'custom', input: rec, message: expects('at least one size: pJ entry', CURVE_EXAMPLE) });
      }
      for (const size of sizes) {
        const n = Number(size);
        if (size.trim() === '' || !Number.isFinite(n) || n <= 0) {
          const fix = `a mapping like ${CURVE_EXAMPLE}`;
          ctx.addIssue({ code: 'custom', input: size, message: expects('sizes in KiB > 0 as keys', fix) });
        }
      }
    })
    .transform((rec): SramCurve =>
      Object.entries(rec)
        .map(([size, e]) => ({ sizeKiB: Number(size), pJ: e }))
        .sort((a, b) => a.sizeKiB - b.sizeKiB),
    );

const macShape = Object.fromEntries(MAC_PRECISIONS.map((p) => [p, pJ().optional()])) as Record<
  MacPrecision,
  z.ZodOptional<ReturnType<typeof pJ>>
>;

const vectorShape = Object.fromEntries(VECTOR_OPS.map((op) => [op, pJ().optional()])) as Record<VectorOp, z.ZodOptional<ReturnType<typeof pJ>>>;

const overrideSchema = strict(
  {
    macPJ: strict(macShape, `a mapping of precision (${MAC_PRECISIONS.join(', ')}) to pJ`).optional(),
    registerPJPerBit: pJ().optional(),
    sramPJPer64Bit: strict({ read: curve().optional(), write: curve().optional() }, 'a mapping {read, write}').optional(),
    dramPJPer64Bit: strict({ read: pJ().optional(), write: pJ().optional() }, 'a mapping {read, write}').optional(),
    vectorOpPJ: strict(vectorShape, `a mapping of vector op (${VECTOR_OPS.join(', ')}) to pJ`).optional(),
  },
  'a mapping of energy keys (macPJ, registerPJPerBit, sramPJPer64Bit, dramPJPer64Bit, vectorOpPJ)',
);

/** Validate a raw override object (parsed YAML/JSON); null or undefined (an empty file) overrides nothing. */
export function parseEnergyOverride(raw: unknown, source: string): EnergyOverride {
  if (raw === null || raw === undefined) return {};
  const result = overrideSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw toInputError(result.error, source, raw);
  return result.data;
}

/** Contract: `base` with the entries `override` names replaced; every other entry is `base`'s. */
export function applyEnergyOverride(base: EnergyTable, override: EnergyOverride): EnergyTable {
  return {
    macPJ: { ...base.macPJ, ...override.macPJ },
    registerPJPerBit: override.registerPJPerBit ?? base.registerPJPerBit,
    sramPJPer64Bit: {
      read: override.sramPJPer64Bit?.read ?? base.sramPJPer64Bit.read,
      write: override.sramPJPer64Bit?.write ?? base.sramPJPer64Bit.write,
    },
    dramPJPer64Bit: {
      read: override.dramPJPer64Bit?.read ?? base.dramPJPer64Bit.read,
      write: override.dramPJPer64Bit?.write ?? base.dramPJPer64Bit.write,
    },
    vectorOpPJ: { ...base.vectorOpPJ, ...override.vectorOpPJ },
  };
}
