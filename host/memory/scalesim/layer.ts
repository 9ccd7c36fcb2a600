// A Systole layer as the SCALE-Sim v2 layer it would be written as (scalesim/topology_utils.py), and the buffer
// sizes SCALE-Sim's single_layer_sim.run() gives its memory system. See README.md § Layers.
import { InputError } from '../../errors.ts';
import type { LoweredGemm } from '../../lower/shape.ts';
import { OPERAND_BITS, type ArchSpec, type ComputeLayer } from '../../spec/types.ts';

/** One SCALE-Sim layer (one group of a Systole layer): pre-padded ifmap H×W×C, R×S filters, N of them. */
export interface ScaleSimLayer {
  h: number;
  w: number;
  r: number;
  s: number;
  c: number;
  n: number;
  strideH: number;
  strideW: number;
  /** Output height and width by SCALE-Sim's rule ceil((H − R + s)/s); eh·ew = M. */
  eh: number;
  ew: number;
}

/**
 * The pre-padded extent SCALE-Sim is given for one axis: h + leading padding, clamped to the extents whose
 * ceil((H − R + s)/s) equals the lowered output size e. Trailing zero rows that only a last partial window reaches
 * become SCALE-Sim's out-of-range (−1) addresses, as they are for a layer read from its own topology CSV.
 */
function prePadded(size: number, lead: number, window: number, stride: number, e: number): number {
  const lo = (e - 2) * stride + window + 1;
  const hi = (e - 1) * stride + window;
  return Math.min(hi, Math.max(size + lead, lo, window));
}

/** The SCALE-Sim layer that one group of `layer` runs as (a GEMM row is an M×K ifmap, a 1×K filter, N filters). */
export function scalesimLayer(layer: ComputeLayer, lowered: LoweredGemm): ScaleSimLayer {
  if (layer.kind === 'gemm') {
    return { h: lowered.M, w: lowered.K, r: 1, s: lowered.K, c: 1, n: lowered.N, strideH: 1, strideW: 1, eh: lowered.M, ew: 1 };
  }
  const { filter, stride, padding } = layer;
  return {
    h: prePadded(layer.ifmap.h, padding.top, filter.h, stride.h, lowered.eh),
    w: prePadded(layer.ifmap.w, padding.left, filter.w, stride.w, lowered.ew),
    r: filter.h,
    s: filter.w,
    c: layer.ifmap.c / layer.groups,
    n: lowered.N,
    strideH: stride.h,
    strideW: stride.w,
    eh: lowered.eh,
    ew: lowered.ew,
  };
}


/** Words per SRAM: floor(KiB·1024 / word bytes), SCALE-Sim's total_size_elems (its word_size is 1 byte, int8). */
export function bufferWords(arch: ArchSpec): { ifmap: number; filter: number; ofmap: number } {
  const bytes = OPERAND_BITS[arch.precision.operand] / 8;
  const words = (kib: number, key: string) => {
    const n = Math.floor((kib * 1024) / bytes);
    if (n < 100) {
      throw new InputError(`arch sram.${key}`, `${kib} KiB holds ${n} words; SCALE-Sim's buffers need at least 100 (they are tracked as 100 sets of floor(words/100))`, `set sram.${key} to at least ${Math.ceil((100 * bytes) / 1024 * 1000) / 1000} KiB`);
    }
    return n;
  };
  return { ifmap: words(arch.sram.ifmapKiB, 'ifmapKiB'), filter: words(arch.sram.filterKiB, 'filterKiB'), ofmap: words(arch.sram.ofmapKiB, 'ofmapKiB') };
}
