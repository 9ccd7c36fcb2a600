// Small attention machines for tests, written out in full (not from the presets) so that every figure a hand
// derivation uses is visible here.
import { type AttentionArchSpec, parseAttentionArch } from '../../host/spec/arch/attention-arch.ts';
import type { AttentionShape } from '../../host/attention/shape.ts';

/** An R×C 2D array with R 1D PEs, exp = 7 cycles on both arrays, divide 1, a 64 KiB buffer and a DRAM so fast that a
 *  read issued at cycle t is usable at t + 1 (the channel rounds the arrival up to the next whole cycle). */
export function smallArch(rows: number, cols: number, microarch: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): AttentionArchSpec {
  return parseAttentionArch(
    {
      kind: 'attention',
      name: `test-${rows}x${cols}`,
      clockMHz: 1000,
      array2d: { rows, cols, registerWords: 16, expCycles: 7 },
      array1d: { pes: rows, registerWords: 64, expCycles: 7, divideCycles: 1 },
      globalBuffer: { sizeKiB: 64 },
      dram: { bandwidthGiBps: 1e9 },
      microarch,
      ...extra,
    },
    'test.yaml',
  );
}

export const IDEAL = { fill: false, skew: false, drain: false, oneCycleReduction: true };

export const shape = (seq: number, e: number, f: number, heads = 1, batch = 1): AttentionShape => ({ model: 'custom', heads, qkDim: e, vDim: f, seq, batch });
