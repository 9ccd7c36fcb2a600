// Unfused attention as the FuseMax artifact models it: QK on the 2D array writes QK to DRAM; the stable softmax on
// the 1D array reads it and writes A to DRAM; AV on the 2D array reads A. Three phases one after another, each
// max(its memory time, its compute time).
import { flatEinsums } from './flat.ts';
import { busy, memoryCycles, tiles } from './einsum.ts';
import type { AnalyticParams, EinsumCost, Shape } from './types.ts';

/** The same Einsums as FLAT's (QK, AV on 2D; M, SN, SD, A on 1D). */
export const unfusedEinsums = (p: AnalyticParams, s: Shape): EinsumCost[] => flatEinsums(p, s);

/** Per phase: DRAM words read and written. Q, K, V read once, QK and A written once and read once, the output
 *  written once; a softmax row that does not fit the buffer spills (the artifact's prop_spilled). */
export function unfusedPhases(p: AnalyticParams, s: Shape) {
  const { B, H, P, M, E, F } = s;
  const pm = B * H * P * M;
  const spilled = 1 - Math.min(1, p.bufferBytes / (M * p.bytesPerWord));
  return {
    qk: { read: B * H * (P * E + M * E), write: pm },
    softmax: { read: pm + 2 * pm * spilled, write: pm + pm * spilled }, // spilled: SN written, QK and SN read
    av: { read: pm + B * H * M * F, write: B * H * P * F },
    gb: { read: 3 * pm + B * H * (P * E * tiles(p, s).M1 + M * E * tiles(p, s).Pt), write: 2 * pm + B * H * (P * E + M * E) },
  };
}

/** Sum over the phases of max(memory, compute). */
export function unfusedCycles(p: AnalyticParams, s: Shape, es: readonly EinsumCost[]) {
  const ph = unfusedPhases(p, s);
  const mem = (x: { read: number; write: number }) => memoryCycles(p, (x.read + x.write) * p.bytesPerWord);
  const total =
    Math.max(mem(ph.qk), busy(es, 'QK')) + Math.max(mem(ph.softmax), busy(es, 'M', 'SN', 'SD', 'A')) + Math.max(mem(ph.av), busy(es, 'AV'));
  return { total, compute: busy(es, 'QK', 'M', 'SN', 'SD', 'A', 'AV'), phases: ph };
}
