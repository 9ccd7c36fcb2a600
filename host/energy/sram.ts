// SRAM access energy at any size from a few published sizes.
//
// Between two points the energy follows a power law, i.e. a straight line on a log-log scale:
//   E(s) = E1 · (s / s1)^α,  α = ln(E2 / E1) / ln(s2 / s1).
// Horowitz's figures fit this well: 8 → 32 KiB gives α = 0.5 (energy ∝ √size, as bit-line and word-line lengths
// are), 32 → 1024 KiB gives α = ln 5 / ln 32 ≈ 0.46. Outside the published sizes the nearest segment's power law is
// extended; a one-point curve is a constant. A published size returns its published energy exactly.
import type { SramCurve } from './types.ts';

/** Contract: pJ per 64-bit access to an SRAM of `sizeKiB` (> 0), read from `curve` (sorted, ≥ 1 point). */
export function sramPJPer64Bit(curve: SramCurve, sizeKiB: number): number {
  const exact = curve.find((p) => p.sizeKiB === sizeKiB);
  if (exact !== undefined) return exact.pJ;
  if (curve.length === 1) return curve[0].pJ;
  let i = curve.findIndex((p) => p.sizeKiB > sizeKiB);
  if (i <= 0) i = i === 0 ? 1 : curve.length - 1;
  const [lo, hi] = [curve[i - 1], curve[i]];
  const alpha = Math.log(hi.pJ / lo.pJ) / Math.log(hi.sizeKiB / lo.sizeKiB);
  return lo.pJ * (sizeKiB / lo.sizeKiB) ** alpha;
}
