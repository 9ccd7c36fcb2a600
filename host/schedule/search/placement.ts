// Where the greedy puts a tensor inside the free holes of the scratchpad. Each rule scores the candidate
// addresses Arena.placeBy offers (both ends of every hole that fits); the lowest score wins.
import { EDGE, FREE } from './arena.ts';

/** best-fit: smallest hole; first-fit: lowest address; lifetime: next to a neighbour (or the scratchpad's edge,
 *  which lives to the end) that dies when the tensor dies; split: long-lived tensors from the top, short-lived
 *  ones from the bottom. A tensor's override (Plan.flip) places it at the lowest (1) or highest (2) address
 *  that fits instead. */
export const PLACEMENTS = ['best-fit', 'first-fit', 'lifetime', 'split'] as const;
/** A placement rule. */
export type PlacementRule = (typeof PLACEMENTS)[number];

/** Scores a candidate address (lower is better); see Arena.placeBy. */
export type Scorer = (address: number, left: number, right: number, holeBytes: number) => number;

const firstFit: Scorer = (address) => address;
const lastFit: Scorer = (address) => -address;

/** Scorer for tensor `t` placed at step `i` of `steps`; `death[x]` is the last step that uses tensor x. */
export function scorer(rule: PlacementRule, override: number, t: number, i: number, death: ArrayLike<number>, steps: number, capacity: number): Scorer {
  if (override === 1) return firstFit;
  if (override === 2) return lastFit;
  const dies = (x: number) => Math.max(death[x], i);
  switch (rule) {
    case 'best-fit':
      return (address, _l, _r, hole) => hole + address / (capacity + 1);
    case 'first-fit':
      return firstFit;
    case 'lifetime': {
      const dt = dies(t);
      return (_a, left, right, hole) => {
        let m = Infinity;
        for (const x of [left, right]) if (x !== FREE) m = Math.min(m, Math.abs(dt - (x === EDGE ? steps : dies(x))));
        return m + hole / capacity;
      };
    }
    case 'split':
      return dies(t) - i > Math.max(2, steps / 16) ? lastFit : firstFit;
  }
}
