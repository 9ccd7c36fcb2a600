// The `snn` sections of systole.report/1: per layer (layers[i].snn) and for the run (report.snn). Counts come from
// the spiking run on the core (host/snn/run.ts); bytes and pJ are derived from them as host/snn/account.ts says.
import type { SnnSpec } from '../spec/workload/workload-snn.ts';
import type { Neuron } from './neuron.ts';

/** pJ by component. sram/dram split by what moves: spikes (bit-packed), weights, membrane potentials, partial sums. */
export interface SnnEnergy {
  /** Accumulates issued (a direct-encoded layer: MACs at 8-bit activations). */
  compute: number;
  registers: number;
  sram: { spikes: number; weights: number; membrane: number; partialSums: number; total: number };
  dram: { spikes: number; weights: number; membrane: number; partialSums: number; total: number };
  total: number;
}

/** Shen et al.'s bit budget: weight bits × activation bits × time steps, per synapse and over the layer's synapses. */
export interface BitBudget {
  perSynapse: number;
  /** perSynapse × synaptic connections (the layer's dense MACs of one step). */
  total: number;
}

/** The quantized network of equal capacity: ⌈log2(T+1)⌉-bit activations, the same weights, one dense run. */
export interface QnnFigures {
  activationBits: number;
  weightBits: number;
  cycles: number;
  macs: number;
  energy: { mac: number; registers: number; sram: number; dram: number; total: number };
  dramBytes: number | null;
  bitBudget: BitBudget;
}

export interface SnnLayerSection {
  timesteps: number;
  timeBatch: number;
  neuron: Neuron;
  /** Where the input spikes came from: the producer's output (as is, OR-pooled, reshaped) or encoded input. */
  input: 'producer' | 'pooled' | 'reshaped' | 'rate' | 'direct';
  /** Input and output spikes per time step (direct input: its non-zero values). */
  spikes: { in: number[]; out: number[] };
  /** Spikes per position per step, fractions in [0, 1]. */
  rates: { in: number; out: number };
  /** rows: the array skips all-zero lowered rows; events: an address-event front end skips every zero (arch.snn). */
  frontEnd: 'rows' | 'events';
  /** Accumulates issued (rows: the array's busy PE-cycles; events: the events), dense (no skipping), and events
   *  (non-zero inputs × fan-out). */
  acs: { issued: number; dense: number; events: number };
  /** Lowered rows the array ran against all of them. */
  rows: { issued: number; dense: number };
  /** Cycles per window of timeBatch steps (one step each when timeBatch = 1), total, stalled. */
  cycles: { perWindow: number[]; total: number; stall: number };
  membrane: { bits: number; where: 'registers' | 'sram' | 'dram'; accesses: number; bytes: number };
  /** Bytes moved through the scratchpads (reads and fills) and DRAM. */
  weightBytes: { sram: number; dram: number | null };
  spikeBytes: { in: { sram: number; dram: number | null }; out: { sram: number; dram: number | null } };
  dramBytes: number | null;
  energy: SnnEnergy;
  bitBudget: BitBudget;
  qnn: QnnFigures;
}

/** Run-wide: the spec, sums over layers, the average spike rate and the energy ratio to the quantized network. */
export interface SnnRunSection {
  spec: SnnSpec;
  seed: number;
  dataflow: string;
  totals: {
    cycles: number;
    acs: { issued: number; dense: number; events: number };
    /** Input spikes over input positions × steps, summed over layers (the rate that drives accumulates). */
    spikeRate: number;
    energyPJ: number;
    dramBytes: number | null;
    bitBudget: number;
    qnn: { activationBits: number; cycles: number; energyPJ: number; dramBytes: number | null; bitBudget: number };
  };
}
