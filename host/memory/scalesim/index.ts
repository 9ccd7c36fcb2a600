// SCALE-Sim v2's per-layer DRAM figures for `--timing scalesim` (README.md has the model and its sources).
// A layer of G groups (depthwise, grouped, batched GEMMs) is G identical SCALE-Sim layers run one after another,
// each with a fresh memory system (simulator.py builds one single_layer_sim per layer): one is simulated and its
// counts are multiplied by G. Rates, access windows and cycles are one group's (identical for every group).
import type { Dataflow } from '../../../mappings/index.ts';
import { InputError } from '../../errors.ts';
import type { LoweredGemm } from '../../lower/shape.ts';
import type { ArchSpec, ComputeLayer } from '../../spec/types.ts';
import type { DramFigures, ReadBuffer } from './buffers.ts';
import { CalcReadBuffer } from './calc-read-buffer.ts';
import { bufferWords, scalesimLayer } from './layer.ts';
import { foldLayout } from './layout.ts';
import { operandMatrices } from './operands.ts';
import { type FoldSizes, prefetchOrder } from './prefetch-order.ts';
import { UserReadBuffer } from './user-read-buffer.ts';
import { type Window, walkLayer } from './walk.ts';
import { ScaleSimWriteBuffer } from './write-buffer.ts';

export type { ScaleSimLayer } from './layer.ts';
export type { Window } from './walk.ts';
export { bufferWords, scalesimLayer } from './layer.ts';

/** SCALE-Sim v2's DRAM (and memory-system) figures of one layer. */
export interface ScaleSimDram {
  /** Words moved, summed over the layer's groups (DETAILED_ACCESS_REPORT DRAM IFMAP/Filter Reads, OFMAP Writes). */
  dram: { ifmapReads: number; filterReads: number; ofmapWrites: number };
  /** Words per cycle as BANDWIDTH_REPORT's Avg IFMAP/FILTER/OFMAP DRAM BW: words / (stop − start + 1), one group. */
  avgBandwidth: { ifmapRead: number; filterRead: number; ofmapWrite: number };
  /** DETAILED_ACCESS_REPORT DRAM Start/Stop Cycle per operand, one group (reads start before 0: prefetch). */
  dramWindows: { ifmap: Window; filter: Window; ofmap: Window };
  /** DETAILED_ACCESS_REPORT SRAM Start/Stop Cycle per operand, one group. */
  sramWindows: { ifmap: Window; filter: Window; ofmap: Window };
  /** COMPUTE_REPORT Total Cycles (G groups back to back: G·(one group's + 1) − 1) and Stall Cycles (summed). */
  cycles: { total: number; stall: number };
  /** How many SCALE-Sim layers the figures add up (the layer's groups). */
  groups: number;
  /** The DRAM interface mode that produced them, and the read bandwidth used (words/cycle). */
  interface: 'calc' | 'user';
  bandwidthWordsPerCycle: number;
}

const window = (f: DramFigures): Window => ({ start: f.start, stop: f.stop });
const rate = (f: DramFigures): number => f.words / (f.stop - f.start + 1);

/** The read bandwidth of USER mode: the .cfg's first Bandwidth value, an integer number of words per cycle. */
function userBandwidth(arch: ArchSpec): number {
  const bw = arch.dram.bandwidthWordsPerCycle;
  if (!Number.isInteger(bw)) {
    throw new InputError('arch dram.bandwidthWordsPerCycle', `SCALE-Sim's USER mode moves whole words per cycle, got ${bw}`, 'use an integer bandwidth with --timing scalesim and dram.interface user');
  }
  return bw;
}

/** SCALE-Sim v2's DRAM traffic, rates and access windows for one layer on `arch` with `dataflow`. */
export function scalesimDram(arch: ArchSpec, layer: ComputeLayer, lowered: LoweredGemm, dataflow: Dataflow): ScaleSimDram {
  const l = scalesimLayer(layer, lowered);
  const ops = operandMatrices(l);
  const { rows: R, cols: C } = arch.array;
  const g = dataflow.geometry(lowered);
  const z: FoldSizes = { R, C, sr: g.sr, sc: g.sc, t: g.t };
  const fold = foldLayout(dataflow, ops, R, C, g.t);
  const words = bufferWords(arch);
  const user = arch.dram.interface === 'user';
  const bw = user ? userBandwidth(arch) : 10;
  const reader = (name: 'ifmap' | 'filter'): ReadBuffer =>
    user
      ? new UserReadBuffer(words[name], bw, prefetchOrder(ops[name], fold, name, z), ops[name].space)
      : new CalcReadBuffer(words[name], ops[name].space, `arch sram.${name}KiB`);
  const run = walkLayer(fold, ops, z, {
    ifmap: reader('ifmap'),
    filter: reader('filter'),
    ofmap: new ScaleSimWriteBuffer(words.ofmap, user ? bw : C),
  });
  const G = lowered.groups;
  const { ifmap, filter, ofmap } = run.dram;
  return {
    dram: { ifmapReads: G * ifmap.words, filterReads: G * filter.words, ofmapWrites: G * ofmap.words },
    avgBandwidth: { ifmapRead: rate(ifmap), filterRead: rate(filter), ofmapWrite: rate(ofmap) },
    dramWindows: { ifmap: window(ifmap), filter: window(filter), ofmap: window(ofmap) },
    sramWindows: run.sram,
    cycles: { total: G * (run.totalCycles + 1) - 1, stall: G * run.stallCycles },
    groups: G,
    interface: user ? 'user' : 'calc',
    bandwidthWordsPerCycle: bw,
  };
}
