// Hardware accounting of a spiking run, and of its quantized baseline, from the core's counters.
//
// Spiking layer, per window of steps (the core's counters of that window's GEMMs):
//   - accumulates issued = the array's busy PE-cycles (every kept lowered row × K × N), priced as an int32 add
//     (host/energy/widths.ts); a direct-encoded layer's are MACs of 8-bit inputs. Registers per accumulate: the
//     spike (1 bit; direct 8), the weight and the int32 partial sum, at the table's price per bit.
//   - input spikes: every ifmap word the array reads or DRAM fills into the buffer is one spike, moved bit-packed:
//     1 bit (direct: 8). Weights: the filter words read and filled, at the weight width.
//   - output spikes: each neuron's spike bit of each step is written into the ofmap buffer, and (memory simulated)
//     back to DRAM for the next layer, bit-packed. The currents leave the array into the neuron units at its edge,
//     so the core's ofmap words are not priced as such; a WS/IS block that spills (ofmapReads) moves int32 partial
//     sums: each read back, and its write, at 32 bits.
//   - arch.snn.eventDriven: an address-event front end skips every zero spike: it issues the events (non-zero inputs ×
//     fan-out) and moves each spike as an address of ⌈log2(positions)⌉ bits instead of a bitmap. Its cycles are the
//     array's row-skipping run's (the per-element timing of such a front end is not simulated).
//   - membrane potentials (int32, the accumulator's width): one access per neuron per step stays in the PE's
//     accumulator when the layer's output is one OS tile (one group, M ≤ rows, N ≤ cols: the same PEs every step);
//     otherwise a read and a write per neuron per step in the ofmap buffer when all of the layer's potentials fit in
//     it (always, with ideal memory), else in DRAM.
// Quantized baseline: the dense run of the same layer (simulate()) on the arch with ⌈log2(T+1)⌉-bit activations and
// the same weights (qnnArch): its scratchpads hold bit-packed words of those widths, so its stalls and DRAM traffic
// are that machine's; its energy is host/energy's at those widths (MACs by the table or its a·w rule, words per bit).
import { ACCUMULATOR_BITS, macPJAtWidths, ADD32_PJ, sramPJPer64Bit, wordBits, type EnergyTable } from '../energy/index.ts';
import type { LayerReport } from '../report/types.ts';
import { OPERAND_BITS, type ArchSpec, type OperandPrecision } from '../spec/types.ts';
import type { SnnLayerRun, SnnRun } from './run.ts';
import type { BitBudget, QnnFigures, SnnLayerSection, SnnRunSection } from './types.ts';

/** Activation bits of the quantized network equivalent to T rate-coded steps (Yan et al.): ⌈log2(T + 1)⌉. */
export const qnnActivationBits = (timesteps: number): number => Math.ceil(Math.log2(timesteps + 1));

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** pJ per bit of a read or write of an SRAM of `kib`. */
const sramBit = (table: EnergyTable, op: 'read' | 'write', kib: number) => sramPJPer64Bit(table.sramPJPer64Bit[op], kib) / 64;

function budget(weightBits: number, activationBits: number, steps: number, synapses: number): BitBudget {
  const perSynapse = weightBits * activationBits * steps;
  return { perSynapse, total: perSynapse * synapses };
}

/**
 * The arch the quantized baseline runs on: activations of ⌈log2(T+1)⌉ bits (precision.activation; 16-bit words for
 * T > 255, past the 1–8-bit widths), the arch's weights. Its scratchpads hold bit-packed words of those widths.
 */
export function qnnArch(arch: ArchSpec, timesteps: number): ArchSpec {
  const bits = qnnActivationBits(timesteps);
  const activation: OperandPrecision = bits <= 8 ? (`int${bits}` as OperandPrecision) : 'int16';
  return { ...arch, precision: { ...arch.precision, activation } };
}

/** Contract: the quantized baseline of one layer from its dense report on qnnArch (cycles, counts and energy). */
export function qnnFigures(qnn: ArchSpec, dense: LayerReport, activationBits: number): QnnFigures {
  const w = OPERAND_BITS[qnn.precision.operand];
  const words = wordBits(qnn);
  const d = dense.dram;
  const dramBits = d === null ? null : (d.ifmapReads + d.ofmapWrites + d.ofmapReads) * words.ifmap + d.filterReads * words.filter;
  const e = dense.energy;
  const energy = { mac: e.mac, registers: e.registers, sram: e.sram.total, dram: e.dram.total, total: e.mac + e.registers + e.sram.total + e.dram.total };
  return {
    activationBits, weightBits: w, cycles: dense.cycles.total, macs: dense.macs, energy,
    dramBytes: dramBits === null ? null : dramBits / 8, bitBudget: budget(w, activationBits, 1, dense.macs),
  };
}

/** Where a layer's membrane potentials live (see the top of this file). */
function membraneHome(arch: ArchSpec, dataflow: string, l: SnnLayerRun, bits: number): 'registers' | 'sram' | 'dram' {
  const { M, N, groups } = l.plan.gemm;
  if (dataflow === 'os' && groups === 1 && M <= arch.array.rows && N <= arch.array.cols) return 'registers';
  const neurons = M * N * groups;
  if (arch.memory.model === 'ideal' || neurons * bits <= arch.sram.ofmapKiB * 8192) return 'sram';
  return 'dram';
}

/** Contract: the `snn` section of one layer: its spiking run's counts, bytes and energy, beside its quantized baseline. */
export function snnLayerSection(run: SnnRun, l: SnnLayerRun, qnnDense: LayerReport, table: EnergyTable): SnnLayerSection {
  const { arch, spec } = run;
  const T = spec.timesteps;
  const src = l.plan.source;
  const direct = src.kind === 'encoded' && src.direct;
  const inBits = direct ? 8 : 1;
  const w = OPERAND_BITS[arch.precision.operand];
  const acc = ACCUMULATOR_BITS[arch.precision.accumulator];
  const memory = arch.memory.model === 'simulated';
  const kib = arch.sram;
  const { M, N, K, groups } = l.plan.gemm;
  const neurons = M * N * groups;
  const inPositions = l.plan.input.h * l.plan.input.w * l.plan.input.c;

  const c = { ifR: 0, ifW: 0, flR: 0, flW: 0, ofR: 0, dIf: 0, dFl: 0, dOfR: 0, cycles: 0, stall: 0 };
  const perWindow: number[] = [];
  for (const win of l.windows) {
    const s = win.stats;
    perWindow.push(s === null ? 0 : s.cycles);
    if (s === null) continue;
    c.ifR += s.ifmapReads; c.ifW += s.ifmapWrites; c.flR += s.filterReads; c.flW += s.filterWrites; c.ofR += s.ofmapReads;
    c.dIf += s.dramIfmapReads; c.dFl += s.dramFilterReads; c.dOfR += s.dramOfmapReads;
    c.cycles += s.cycles; c.stall += s.stallCycles;
  }
  const home = membraneHome(arch, run.dataflow, l, acc);
  // Event-driven front end (arch.snn.eventDriven): each spike is an address event of ⌈log2(positions)⌉ bits, read once
  // and fanned out to the accumulates it drives (events); a direct-encoded input keeps the array's row skipping.
  const events = arch.snn?.eventDriven === true && !direct;
  const inSpikes = sum(l.inSpikes);
  const outSpikes = sum(l.outSpikes);
  const inAddr = Math.max(1, Math.ceil(Math.log2(inPositions)));
  const outAddr = Math.max(1, Math.ceil(Math.log2(neurons)));
  const issued = events ? l.acs.events : l.acs.issued;
  const accesses = (home === 'registers' ? 1 : 2) * neurons * T;
  const rd = (kb: number) => sramBit(table, 'read', kb);
  const wr = (kb: number) => sramBit(table, 'write', kb);
  const dramR = table.dramPJPer64Bit.read / 64;
  const dramW = table.dramPJPer64Bit.write / 64;
  const outBits = events ? outSpikes * outAddr : neurons * T;
  const inSramBits = { read: events ? inSpikes * inAddr : c.ifR * inBits, write: events ? (memory ? inSpikes * inAddr : 0) : c.ifW * inBits };
  const inDramBits = events ? inSpikes * inAddr : c.dIf * inBits;
  const sram = {
    spikes: inSramBits.read * rd(kib.ifmapKiB) + inSramBits.write * wr(kib.ifmapKiB) + outBits * wr(kib.ofmapKiB),
    weights: (c.flR * rd(kib.filterKiB) + c.flW * wr(kib.filterKiB)) * w,
    membrane: home === 'sram' ? (neurons * T) * (rd(kib.ofmapKiB) + wr(kib.ofmapKiB)) * acc : 0,
    partialSums: c.ofR * (rd(kib.ofmapKiB) + wr(kib.ofmapKiB)) * acc,
    total: 0,
  };
  sram.total = sram.spikes + sram.weights + sram.membrane + sram.partialSums;
  const dram = {
    spikes: memory ? inDramBits * dramR + outBits * dramW : 0,
    weights: memory ? c.dFl * w * dramR : 0,
    membrane: home === 'dram' ? neurons * T * (dramR + dramW) * acc : 0,
    partialSums: memory ? c.dOfR * (dramR + dramW) * acc : 0,
    total: 0,
  };
  dram.total = dram.spikes + dram.weights + dram.membrane + dram.partialSums;
  const compute = issued * (direct ? macPJAtWidths(table, inBits, w) : ADD32_PJ);
  const registers = (issued * (inBits + w + acc) + (home === 'registers' ? neurons * T * acc : 0)) * table.registerPJPerBit;
  const dramBits = memory ? inDramBits + outBits + c.dFl * w + 2 * c.dOfR * acc + (home === 'dram' ? 2 * neurons * T * acc : 0) : null;
  return {
    timesteps: T,
    timeBatch: spec.timeBatch,
    neuron: l.plan.neuron,
    input: src.kind === 'encoded' ? (src.direct ? 'direct' : 'rate') : src.how === 'same' ? 'producer' : src.how === 'pool' ? 'pooled' : 'reshaped',
    spikes: { in: l.inSpikes, out: l.outSpikes },
    rates: { in: inSpikes / (inPositions * T), out: outSpikes / (neurons * T) },
    frontEnd: events ? 'events' : 'rows',
    acs: { ...l.acs, issued },
    rows: { ...l.rows },
    cycles: { perWindow, total: c.cycles, stall: c.stall },
    membrane: { bits: acc, where: home, accesses, bytes: (accesses * acc) / 8 },
    weightBytes: { sram: ((c.flR + c.flW) * w) / 8, dram: memory ? (c.dFl * w) / 8 : null },
    spikeBytes: {
      in: { sram: (inSramBits.read + inSramBits.write) / 8, dram: memory ? inDramBits / 8 : null },
      out: { sram: outBits / 8, dram: memory ? outBits / 8 : null },
    },
    dramBytes: dramBits === null ? null : dramBits / 8,
    energy: { compute, registers, sram, dram, total: compute + registers + sram.total + dram.total },
    bitBudget: budget(w, 1, T, M * N * K * groups),
    qnn: qnnFigures(qnnArch(arch, T), qnnDense, qnnActivationBits(T)),
  };
}

/** Contract: run-wide sums of the layer sections. */
export function snnRunSection(run: SnnRun, layers: SnnLayerSection[]): SnnRunSection {
  const total = (f: (s: SnnLayerSection) => number) => sum(layers.map(f));
  const nullable = (f: (s: SnnLayerSection) => number | null) => (layers.some((s) => f(s) === null) ? null : total((s) => f(s) ?? 0));
  const positions = sum(run.layers.map((l) => l.plan.input.h * l.plan.input.w * l.plan.input.c * run.spec.timesteps));
  return {
    spec: run.spec,
    seed: run.seed,
    dataflow: run.dataflow,
    totals: {
      cycles: total((s) => s.cycles.total),
      acs: { issued: total((s) => s.acs.issued), dense: total((s) => s.acs.dense), events: total((s) => s.acs.events) },
      spikeRate: sum(run.layers.map((l) => sum(l.inSpikes))) / positions,
      energyPJ: total((s) => s.energy.total),
      dramBytes: nullable((s) => s.dramBytes),
      bitBudget: total((s) => s.bitBudget.total),
      qnn: {
        activationBits: qnnActivationBits(run.spec.timesteps),
        cycles: total((s) => s.qnn.cycles),
        energyPJ: total((s) => s.qnn.energy.total),
        dramBytes: nullable((s) => s.qnn.dramBytes),
        bitBudget: total((s) => s.qnn.bitBudget.total),
      },
    },
  };
}
