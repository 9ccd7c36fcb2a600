// Does every op's working set (inputs + outputs) fit the scratchpad at all? If not, name the op and the
// smallest scratchpad that would hold it.
import { InputError } from '../../errors.ts';
import { alignUp, type Prepared } from '../graph/prepared.ts';
import type { Scratchpad } from '../types.ts';

/** Smallest scratchpad holding these tensors at aligned addresses: all padded sizes, the most padded one last, unpadded. */
export function minScratchpadFor(sizes: number[], alignment: number): number {
  let padded = 0;
  let maxWaste = 0;
  for (const b of sizes) {
    const up = alignUp(b, alignment);
    padded += up;
    maxWaste = Math.max(maxWaste, up - b);
  }
  return padded - maxWaste;
}

/** Tensors of op `o` (inputs then outputs). */
export const opTensors = (p: Prepared, o: number): number[] => [...p.opInputs[o], ...p.opOutputs[o]];

/** Smallest scratchpad on which every op of the graph fits on its own. */
export function minScratchpad(p: Prepared, alignment: number): number {
  let worst = 0;
  for (let o = 0; o < p.opName.length; o++) {
    worst = Math.max(worst, minScratchpadFor(opTensors(p, o).map((t) => p.bytes[t]), alignment));
  }
  return worst;
}

/** Throw an InputError for the first op whose tensors cannot fit the scratchpad together. */
export function assertOpsFit(p: Prepared, pad: Scratchpad): void {
  if (!Number.isInteger(pad.bytes) || pad.bytes < 1) throw new InputError('scratchpad', `size must be a positive integer of bytes, got ${pad.bytes}`, 'pass e.g. --scratchpad 512KiB');
  if (!Number.isInteger(pad.alignment) || pad.alignment < 1) throw new InputError('scratchpad', `alignment must be a positive integer of bytes, got ${pad.alignment}`, 'pass e.g. --alignment 64');
  for (let o = 0; o < p.opName.length; o++) {
    const need = minScratchpadFor(opTensors(p, o).map((t) => p.bytes[t]), pad.alignment);
    if (need > pad.bytes) {
      throw new InputError(
        `graph ${p.graph.name}: op '${p.opName[o]}'`,
        `its inputs and outputs need ${need} bytes together but the scratchpad holds ${pad.bytes}`,
        `use a scratchpad of at least ${need} bytes (or tile the op)`,
      );
    }
  }
}
