// Byte sizes on the command line: `524288`, `512KiB`, `1MiB`, `4 MiB`, `64B` (binary units; KB/MB are 1000-based).
import { InputError } from '../../errors.ts';

const UNITS: Record<string, number> = { b: 1, kib: 1024, k: 1024, mib: 1024 ** 2, m: 1024 ** 2, gib: 1024 ** 3, kb: 1000, mb: 1000 ** 2, gb: 1000 ** 3 };

/** Parse a positive whole number of bytes given to `flag`. */
export function parseBytes(flag: string, value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  const unit = m ? UNITS[(m[2] || 'b').toLowerCase()] : undefined;
  const fix = `give a size such as 524288, 512KiB or 4MiB`;
  if (!m || unit === undefined) throw new InputError(flag, `${JSON.stringify(value)} is not a size`, fix);
  const bytes = Number(m[1]) * unit;
  if (!Number.isInteger(bytes) || bytes < 1) throw new InputError(flag, `${JSON.stringify(value)} is not a positive whole number of bytes`, fix);
  return bytes;
}

/** Bytes for people: `256 KiB`, `1.5 MiB`, `900 B`. */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(2)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
