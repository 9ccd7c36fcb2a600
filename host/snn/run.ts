// A spiking run on the systolic core, time step by time step. Layers run one after another (layer-major: all steps
// of a layer, then the next; with feed-forward layers this gives the same spikes as step-major order, since a
// layer's step t reads only its producer's step t and its own state). Per window of `timeBatch` steps and per group:
//   1. lower each step's input (spikes 0/1, or direct values) by im2col (host/lower), as a dense run would;
//   2. skip the lowered rows that are all zero (the array's front end drops a whole row; a single zero element it
//      cannot skip), stacking the window's remaining rows into one GEMM: the window shares one weight load;
//   3. run that binary × int8 GEMM on the core (its memory system addresses every kept row's ifmap words, so
//      spikes fetched for one row are reused by overlapping ones, as in a dense run);
//   4. integrate the currents into the membrane potentials step by step (host/snn/neuron.ts): neurons fire and reset,
//      and the output spikes are the next layer's input at the same step.
// Firing rates are counted from the run. Cycles and traffic are the core's counters, one set per window.
import { CORE_MEMORY_LIMIT, Core, CoreTiming, type CoreStats, type OperandGeometry, coreBytesFor } from '../core/index.ts';
import { InputError } from '../errors.ts';
import type { SystoleEmitter } from '../events.ts';
import { im2col } from '../lower/im2col.ts';
import type { LoweredGemm } from '../lower/shape.ts';
import { memoryConfig, microFlags } from '../simulate/index.ts';
import type { ArchSpec, ConvLayer, DataflowKind, Workload } from '../spec/types.ts';
import type { SnnSpec } from '../spec/workload/workload-snn.ts';
import { dataflowOf } from '../../mappings/index.ts';
import { encodedInput, fromProducer, layerWeights } from './inputs.ts';
import { stepNeurons } from './neuron.ts';
import { type SnnLayerPlan, planSnn } from './plan.ts';

export interface SnnOptions {
  /** Seed of weights, intensities and spike draws (default fixed). */
  seed?: number;
  /** Overrides arch.dataflow. */
  dataflow?: DataflowKind;
  /** Receives progress (layers done / layers). */
  emitter?: SystoleEmitter;
}

/** One window of steps of one layer: the core's counters for its GEMMs (null: every lowered row was zero). */
export interface SnnWindow {
  first: number;
  steps: number;
  stats: CoreStats | null;
  /** Lowered rows the array ran (all groups), and events: non-zero inputs × fan-out. */
  rows: number;
  events: number;
}

export interface SnnLayerRun {
  plan: SnnLayerPlan;
  /** Spikes in the layer's input and output, per step (a direct-encoded input: its non-zero values). */
  inSpikes: number[];
  outSpikes: number[];
  windows: SnnWindow[];
  /** Lowered rows run on the array against all of them (dense), over all steps and groups. */
  rows: { issued: number; dense: number };
  /** Accumulates: issued by the array (busy PE-cycles), dense (every row), events (non-zero inputs × filters). */
  acs: { issued: number; dense: number; events: number };
  /** The tensors (weights filters×K; input and output step-major; final membrane potentials). */
  weights: Int32Array;
  input: Int32Array;
  output: Uint8Array;
  membrane: Float64Array;
}

export interface SnnRun {
  arch: ArchSpec;
  workload: string;
  spec: SnnSpec;
  dataflow: DataflowKind;
  seed: number;
  layers: SnnLayerRun[];
}

const DEFAULT_SEED = 0x5eed;

function convGeometry(layer: ConvLayer, ew: number, eh: number): NonNullable<OperandGeometry['conv']> {
  const { ifmap, filter, stride, padding } = layer;
  return {
    h: ifmap.h, w: ifmap.w, c: ifmap.c / layer.groups, filterW: filter.w, strideH: stride.h, strideW: stride.w,
    padTop: padding.top, padLeft: padding.left, outW: ew, outH: eh,
  };
}

/** Contract: runs `workload` as the spiking network `spec` on `arch`'s core (native timing) and returns every count. */
export function runSnn(arch: ArchSpec, workload: Workload, spec: SnnSpec, options: SnnOptions = {}): SnnRun {
  const seed = options.seed ?? DEFAULT_SEED;
  const df = dataflowOf(options.dataflow ?? arch.dataflow);
  const plans = planSnn(workload, spec);
  const core = new Core({
    rows: arch.array.rows, cols: arch.array.cols, dataflow: df.core, timing: CoreTiming.Native, flags: microFlags(arch),
    memory: memoryConfig(arch, 'native', df.kind),
  });
  const layers: SnnLayerRun[] = [];
  plans.forEach((p, i) => {
    const src = p.source;
    const input = src.kind === 'producer'
      ? fromProducer(p, plans[src.from], layers[src.from].output, spec.timesteps)
      : encodedInput(p, spec, seed, i, spec.inputRate);
    layers.push(runLayer(core, p, spec, input, layerWeights(p, spec, arch.precision.operand, seed, i), workload.name));
    options.emitter?.emit('progress', { done: i + 1, total: plans.length });
  });
  return { arch, workload: workload.name, spec, dataflow: df.kind, seed, layers };
}

/** B (K×N) of group `gi` from weights filters×K. */
function groupB(w: Int32Array, K: number, N: number, gi: number): Int32Array {
  const b = new Int32Array(K * N);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) b[k * N + n] = w[(gi * N + n) * K + k];
  return b;
}

function runLayer(core: Core, p: SnnLayerPlan, spec: SnnSpec, input: Int32Array, weights: Int32Array, net: string): SnnLayerRun {
  const { layer, gemm: g } = p;
  const { M, N, K, groups } = g;
  const T = spec.timesteps;
  const inN = p.input.h * p.input.w * p.input.c;
  const outN = M * N * groups;
  const F = N * groups;
  const bs = Array.from({ length: groups }, (_, gi) => groupB(weights, K, N, gi));
  const conv = layer.kind === 'gemm' ? null : layer;
  const a = new Int32Array(M * K); // one step's lowered input of one group
  const lower = (t: number, gi: number): Int32Array => {
    const step = input.subarray(t * inN, (t + 1) * inN);
    if (conv === null) return step;
    return im2col(conv, step, gi, a);
  };
  const v = new Float64Array(outN);
  const output = new Uint8Array(T * outN);
  const run: SnnLayerRun = {
    plan: p, inSpikes: [], outSpikes: [], windows: [], rows: { issued: 0, dense: 0 },
    acs: { issued: 0, dense: M * N * K * groups * T, events: 0 }, weights, input, output, membrane: v,
  };
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let i = t * inN; i < (t + 1) * inN; i++) s += input[i] !== 0 ? 1 : 0;
    run.inSpikes.push(s);
  }
  for (let first = 0; first < T; first += spec.timeBatch) {
    const steps = Math.min(spec.timeBatch, T - first);
    const currents = new Int32Array(steps * outN);
    const win = { rows: 0, events: 0 };
    // Pass 1: which lowered rows of the window have a non-zero input (row t·M + m), per group.
    const kept = Array.from({ length: groups }, (_, gi) => {
      const rows: number[] = [];
      for (let s = 0; s < steps; s++) {
        const x = lower(first + s, gi);
        for (let m = 0; m < M; m++) {
          let nz = 0;
          for (let k = m * K; k < (m + 1) * K; k++) if (x[k] !== 0) nz++;
          if (nz > 0) rows.push(s * M + m);
          win.events += nz * N;
        }
      }
      win.rows += rows.length;
      return Int32Array.from(rows);
    });
    run.rows.dense += steps * M * groups;
    core.beginLayer();
    let ran = false;
    for (let gi = 0; gi < groups; gi++) {
      if (kept[gi].length === 0) continue;
      runGroup(core, conv, g, kept[gi], steps, bs[gi], (s) => lower(first + s, gi), currents, outN, F, gi, `workload ${net}, layer ${layer.name}`);
      ran = true;
    }
    const end = core.endLayer();
    const stats = ran ? end : null;
    run.windows.push({ first, steps, stats, ...win });
    if (stats !== null) run.acs.issued += stats.busyPeCycles;
    run.acs.events += win.events;
    run.rows.issued += win.rows;
    for (let s = 0; s < steps; s++) {
      const t = first + s;
      run.outSpikes.push(stepNeurons(p.neuron, v, currents.subarray(s * outN, (s + 1) * outN), output.subarray(t * outN, (t + 1) * outN)));
    }
  }
  return run;
}

/**
 * One group's kept rows of a window as one GEMM on the core; its currents into `currents` (step-major, outN per
 * step, output channel gi·N + n of position m at m·F). `lowered(s)` is step s's lowered input of the group (M×K).
 */
function runGroup(
  core: Core, conv: ConvLayer | null, g: LoweredGemm, rowMap: Int32Array, steps: number, b: Int32Array,
  lowered: (s: number) => Int32Array, currents: Int32Array, outN: number, F: number, gi: number, where: string,
): void {
  const { M, N, K } = g;
  const mk = rowMap.length;
  core.setOperandGeometry({
    gemm: { M: mk, N, K }, groups: 1, stacked: { M: false, N: false, K: false },
    ...(conv && { conv: convGeometry(conv, g.ew, g.eh) }), rowMap: { rows: rowMap, perCopy: M, copies: steps },
  });
  checkSize(mk, N, K, core, where);
  // Pass 2: the kept rows, in order, into the core's A (each step lowered again: one step's A held at a time).
  const c = core.runGemm(mk, N, K, (ops) => {
    let i = 0;
    for (let s = 0; s < steps && i < mk; s++) {
      if (Math.floor(rowMap[i] / M) !== s) continue;
      const x = lowered(s);
      while (i < mk && Math.floor(rowMap[i] / M) === s) {
        const m = rowMap[i] - s * M;
        ops.a.set(x.subarray(m * K, (m + 1) * K), i * K);
        i++;
      }
    }
    ops.b.set(b);
  });
  for (let i = 0; i < mk; i++) {
    const s = Math.floor(rowMap[i] / M);
    const m = rowMap[i] - s * M;
    const dst = s * outN + m * F + gi * N;
    for (let n = 0; n < N; n++) currents[dst + n] = c[i * N + n];
  }
}

/** The core addresses 4 GiB: a window too large for it is refused, naming the fix. */
function checkSize(m: number, n: number, k: number, core: Core, where: string): void {
  if (coreBytesFor(m, n, k, core.config.rows, core.config.cols) > CORE_MEMORY_LIMIT) {
    throw new InputError(where, `one window's GEMM (${m}×${n}×${k}) is too large for the core's memory`, 'lower snn.timeBatch');
  }
}
