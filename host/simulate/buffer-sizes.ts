// The smallest scratchpads the native memory system can model, and the check that the arch's are at least that.
//
// The memory system moves and reuses operand words a slice at a time (memory.sliceSteps array steps; a WS/IS fold's
// stationary block is one slice too): a slice is fetched whole, then consumed while the next one fills the other
// half of a double buffer. A buffer that cannot hold the slice in use (two slices with double buffering: one half
// each) could only stream its words through, re-fetching the ones a slice uses twice, in an order the slice model
// does not know; any figure it gave would be made up. Real designs size a scratchpad for at least one array step per
// lane times the prefetch depth, so such a buffer is refused, naming the smallest size that works and the other fix
// (shorter slices). Sizes are per the full array, whatever the layer, so the check depends on the arch alone.
//
// Slice words, R × C array, s = sliceSteps:
//   OS       ifmap R·s (R rows × s steps), filter s·C; unified: both at once, R·s + s·C; ofmap: one fold's R·C sums
//   WS       filter R·C (stationary block), ifmap s·R (streamed); unified: the larger, max(R·C, s·R); ofmap s·C
//   IS       ifmap R·C (stationary block), filter s·R (streamed); unified: max(R·C, s·R); ofmap s·C
// (WS/IS outputs leave the array C per step; a block larger than the ofmap buffer spills between folds of K.)
import { InputError } from '../errors.ts';
import { OPERAND_BITS, type ArchSpec, type DataflowKind } from '../spec/types.ts';

export type Buffer = 'ifmapKiB' | 'filterKiB' | 'unifiedKiB' | 'ofmapKiB';

/** Words of the largest slice each scratchpad of `arch` holds at once, running `dataflow`. */
export function sliceWords(arch: ArchSpec, dataflow: DataflowKind): Record<Buffer, number> {
  const { rows: R, cols: C } = arch.array;
  const s = arch.memory.sliceSteps;
  if (dataflow === 'os') return { ifmapKiB: R * s, filterKiB: s * C, unifiedKiB: R * s + s * C, ofmapKiB: R * C };
  const stationary = R * C;
  const streamed = s * R;
  const ws = dataflow === 'ws';
  return {
    ifmapKiB: ws ? streamed : stationary,
    filterKiB: ws ? stationary : streamed,
    unifiedKiB: Math.max(stationary, streamed),
    ofmapKiB: s * C,
  };
}

/**
 * Bits of one word of scratchpad `b`, bit-packed: ifmap and ofmap words at the activation width, filter words at the
 * operand (weight) width, a unified scratchpad at the wider of the two (it holds both).
 */
export function bufferBits(arch: ArchSpec, b: Buffer): number {
  const w = OPERAND_BITS[arch.precision.operand];
  const a = OPERAND_BITS[arch.precision.activation ?? arch.precision.operand];
  return b === 'filterKiB' ? w : b === 'unifiedKiB' ? Math.max(a, w) : a;
}

/** KiB → whole words of scratchpad `b` (bit-packed at bufferBits). */
export const wordsOf = (arch: ArchSpec, kib: number, b: Buffer): number => Math.floor((kib * 1024 * 8) / bufferBits(arch, b));

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Contract: throws an InputError naming the first scratchpad of `arch` too small to hold its slices. */
export function checkBufferSizes(arch: ArchSpec, dataflow: DataflowKind): void {
  const need = sliceWords(arch, dataflow);
  const halves = arch.sram.doubleBuffer ? 2 : 1;
  const buffers: Buffer[] = arch.sram.unifiedKiB === null ? ['ifmapKiB', 'filterKiB', 'ofmapKiB'] : ['unifiedKiB', 'ofmapKiB'];
  for (const b of buffers) {
    const kib = arch.sram[b] as number;
    const min = halves * need[b];
    if (wordsOf(arch, kib, b) >= min) continue;
    const minKiB = (min * bufferBits(arch, b)) / 8192;
    const unit = b === 'ofmapKiB' ? 'output block' : 'slice';
    throw new InputError(
      `arch ${arch.name}: sram.${b}`,
      `${kib} KiB holds ${plural(wordsOf(arch, kib, b), 'word')}, less than ${halves === 2 ? `two ${unit}s (double buffered: one per half)` : `one ${unit}`} of ` +
        `${need[b]} words (${dataflow.toUpperCase()} on ${arch.array.rows}×${arch.array.cols}, memory.sliceSteps ${arch.memory.sliceSteps}), so the memory system cannot be modelled`,
      `give at least ${minKiB} KiB${unit === 'slice' || dataflow !== 'os' ? ', or lower memory.sliceSteps' : ''}`,
    );
  }
}
