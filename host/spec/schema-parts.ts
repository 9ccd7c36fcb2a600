// Zod building blocks shared by the arch and workload schemas, each carrying its own error wording.
import { z } from 'zod';
import { expects, strictKeys } from './text/zod-error.ts';

/** An integer in lo..hi (hi optional); the message names the range. */
export function intIn(lo: number, hi?: number) {
  const expected = hi === undefined ? (lo === 1 ? 'a positive integer' : `an integer >= ${lo}`) : `an integer in ${lo}..${hi}`;
  const fix = hi === undefined ? expected : `${lo}..${hi}`;
  const msg = expects(expected, fix);
  const base = z.number(msg).int(msg).min(lo, msg);
  return hi === undefined ? base : base.max(hi, msg);
}

/** A positive integer (layer dimensions, counts). */
export const posInt = () => intIn(1);

/** A positive finite number (sizes in KiB, bandwidths). */
export const posNumber = () => {
  const msg = expects('a positive number');
  return z.number(msg).positive(msg).finite(msg);
};

/** A boolean. */
export const bool = () => z.boolean(expects('true or false'));

/** A non-empty string. */
export const name = () => {
  const msg = expects('a non-empty string');
  return z.string(msg).min(1, msg);
};

/** A strict object: unknown keys are errors naming the known ones (or a hint); a non-object expects `what`. */
export function strict<T extends z.ZodRawShape>(shape: T, what: string, hints: Record<string, string> = {}) {
  const keys = strictKeys(shape, hints).error;
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? keys(iss) : iss.code === 'invalid_type' ? expects(what) : undefined),
  });
}
