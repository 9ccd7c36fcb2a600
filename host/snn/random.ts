// Seeded uniform numbers for spike encoding and input intensities (xorshift32; results depend only on the seed).

/** A stream of uniform numbers in [0, 1): 2⁻³² steps, from a seed (0 is taken as 1). */
export class Uniform {
  private s: number;

  constructor(seed: number) {
    this.s = seed | 0 || 1;
  }

  /** Contract: the next number in [0, 1). */
  next(): number {
    let s = this.s;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.s = s;
    return (s >>> 0) / 4294967296;
  }
}

/** A per-purpose seed derived from the run's seed (layer index, stream id), so streams do not overlap. */
export const streamSeed = (seed: number, layer: number, stream: number): number =>
  (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(layer + 1, 0xc2b2ae35) + Math.imul(stream + 1, 0x27d4eb2f)) | 0;
