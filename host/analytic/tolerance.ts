// `--tolerance`: a percentage only (`5%`, `0.5%`, `0%`), so `5` and `0.05` cannot be confused; junk is an InputError.
import { InputError } from '../errors.ts';

/** The default tolerance of `systole validate`, as written on the command line. */
export const DEFAULT_TOLERANCE = '5%';

/** Parses `N%` (N a non-negative decimal) into a fraction: `5%` → 0.05. */
export function parseTolerance(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/.exec(value);
  if (m === null) {
    throw new InputError('--tolerance', `${JSON.stringify(value)} is not a percentage`, 'write it as a percentage, e.g. --tolerance 5% or --tolerance 0.5%');
  }
  return Number(m[1]) / 100;
}
