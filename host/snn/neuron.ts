// The neuron update of one time step, for every neuron of a layer (a functional unit beside the array: it takes the
// array's outputs, the input currents, and keeps the membrane potentials).
//   lif: V ← V − trunc(V · leak)       (if: leak = 0)
//        V ← V + I
//        V ≥ θ: spike; zero reset V ← 0, subtract reset V ← V − θ
import type { NeuronSpec } from '../spec/workload/workload-snn.ts';

/** A layer's neuron with its threshold resolved to a number. */
export type Neuron = Omit<NeuronSpec, 'threshold'> & { threshold: number };

/** Contract: one step of every neuron: updates `v` with `current`, writes 0/1 into `spikes`, returns the spike count. */
export function stepNeurons(n: Neuron, v: Float64Array, current: Int32Array, spikes: Uint8Array): number {
  const { threshold, leak } = n;
  const zero = n.reset === 'zero';
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    let x = v[i];
    if (leak > 0) x -= Math.trunc(x * leak);
    x += current[i];
    if (x >= threshold) {
      spikes[i] = 1;
      count++;
      x = zero ? 0 : x - threshold;
    } else {
      spikes[i] = 0;
    }
    v[i] = x;
  }
  return count;
}

/** The default threshold for fan-in K: round(30·√K), × 64 for a direct-encoded layer (inputs 0..127, not 0/1). */
export const autoThreshold = (fanIn: number, direct: boolean): number => Math.round(30 * Math.sqrt(fanIn)) * (direct ? 64 : 1);
