// The spiking run on the core against an independent reference forward (tests/snn/reference.ts): random small
// networks (dense and depthwise convolutions with padding and stride, OR pooling, a fully connected layer after a
// global pool), IF and LIF neurons, zero and subtract resets, every dataflow, per-step and time-batched windows,
// simulated and ideal memory. Spikes and final membrane potentials must be identical.
import { describe, expect, test } from 'vitest';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';
import { runSnn } from '../../host/snn/run.ts';
import { referenceSnn, type RefLayer } from './reference.ts';

/** A small deterministic generator for the test networks (not the simulator's). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface Net {
  raw: { name: string; layers: unknown[]; snn: Record<string, unknown> };
  shape: Omit<RefLayer, 'weights'>[];
}

function randomNet(seed: number, neuron: 'if' | 'lif', reset: 'zero' | 'subtract', steps: number, timeBatch: number): Net {
  const r = lcg(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const hw = pick([6, 8]);
  const c0 = pick([1, 3]);
  const f1 = pick([4, 6]);
  const f2 = pick([4, 8]);
  const dw = r() < 0.5;
  const leak = neuron === 'lif' ? pick([0.125, 0.25, 0.5]) : 0;
  const th = pick([60, 100, 150]);
  const n = { kind: neuron, threshold: th, leak, reset } as const;
  const pad1 = { top: 1, bottom: 1, left: 1, right: 1 };
  const zero = { top: 0, bottom: 0, left: 0, right: 0 };
  const shape: Omit<RefLayer, 'weights'>[] = [
    { op: { kind: 'conv', h: hw, w: hw, c: c0, r: 3, s: 3, filters: f1, groups: 1, stride: 1, pad: pad1 }, neuron: n, pool: 1 },
    dw
      ? { op: { kind: 'conv', h: hw, w: hw, c: f1, r: 3, s: 3, filters: f1, groups: f1, stride: 1, pad: pad1 }, neuron: n, pool: 1 }
      : { op: { kind: 'conv', h: hw, w: hw, c: f1, r: 3, s: 3, filters: f1, groups: 1, stride: 1, pad: pad1 }, neuron: n, pool: 1 },
    { op: { kind: 'conv', h: hw / 2, w: hw / 2, c: f1, r: 2, s: 2, filters: f2, groups: 1, stride: 2, pad: zero }, neuron: n, pool: 2 },
    { op: { kind: 'fc', k: f2, n: 5 }, neuron: { ...n, threshold: 40 }, pool: Math.floor((hw / 2 - 2) / 2) + 1 }, // a global pool of c3's map
  ];
  const layers = [
    { name: 'c1', kind: 'conv', ifmap: { h: hw, w: hw, c: c0 }, kernel: 3, filters: f1, padding: 1 },
    dw
      ? { name: 'c2', kind: 'dwconv', ifmap: { h: hw, w: hw, c: f1 }, kernel: 3, padding: 1 }
      : { name: 'c2', kind: 'conv', ifmap: { h: hw, w: hw, c: f1 }, kernel: 3, filters: f1, padding: 1 },
    { name: 'c3', kind: 'conv', ifmap: { h: hw / 2, w: hw / 2, c: f1 }, kernel: 2, stride: 2, filters: f2 },
    { name: 'fc', kind: 'gemm', m: 1, n: 5, k: f2 },
  ];
  const snn = { timesteps: steps, neuron, leak, reset, threshold: th, timeBatch, inputRate: pick([0.2, 0.4]), layers: { fc: { threshold: 40 } } };
  return { raw: { name: `net${seed}`, layers, snn }, shape };
}

const ARCHES = {
  'ideal 4×4': { array: { rows: 4, cols: 4 }, memory: { model: 'ideal' } },
  'simulated 8×4, small buffers': { array: { rows: 8, cols: 4 }, sram: { ifmapKiB: 1, filterKiB: 1, ofmapKiB: 1 }, memory: { sliceSteps: 8 } },
};

describe('spiking run = independent reference', () => {
  const cases: [string, 'if' | 'lif', 'zero' | 'subtract', string, number][] = [];
  for (const neuron of ['if', 'lif'] as const) for (const reset of ['zero', 'subtract'] as const) for (const df of ['os', 'ws', 'is']) for (const tb of [1, 3]) {
    cases.push([`${neuron}/${reset}/${df}/timeBatch ${tb}`, neuron, reset, df, tb]);
  }
  test.each(cases)('%s', (_name, neuron, reset, df, tb) => {
    for (let seed = 1; seed <= 2; seed++) {
      const net = randomNet(seed * 7 + tb, neuron, reset, 5, tb);
      const workload = parseWorkload(net.raw, 'test.yaml');
      for (const [archName, rawArch] of Object.entries(ARCHES)) {
        const arch = parseArch({ ...rawArch, dataflow: df }, archName);
        const run = runSnn(arch, workload, workload.snn!, { seed });
        const ref = referenceSnn(net.shape.map((s, i) => ({ ...s, weights: run.layers[i].weights })), run.layers[0].input, 5);
        run.layers.forEach((l, i) => {
          expect(Array.from(l.output), `${archName} seed ${seed} layer ${i} spikes`).toEqual(Array.from(ref.spikes[i]));
          expect(Array.from(l.membrane), `${archName} seed ${seed} layer ${i} membrane`).toEqual(Array.from(ref.membrane[i]));
        });
        // The network is not silent (else the comparison would prove little).
        expect(run.layers.slice(0, 3).every((l) => l.outSpikes.some((s) => s > 0))).toBe(true);
      }
    }
  });
});
