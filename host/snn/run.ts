// A spiking run on the systolic core, time step by time step. Layers run one after another (layer-major: all steps
// of a layer, then the next; with feed-forward layers this gives the same spikes as step-major order, since a
// layer's step t reads only its producer's step t and its own state). Per window of `timeBatch` steps and per group:
//   1. find the lowered rows (im2col's, host/lower) of each step's input (spikes 0/1, or direct values) that hold a
//      non-zero input (host/snn/rows.ts: from the input's non-zero counts, without lowering the step);
//   2. skip the lowered rows that are all zero (the array's front end drops a whole row; a single zero element it
//      cannot skip), stacking the window's remaining rows, gathered as im2col gives them, into one GEMM: the window
//      shares one weight load;
//   3. run that binary × int8 GEMM on the core (its memory system addresses every kept row's ifmap words, so
//      spikes fetched for one row are reused by overlapping ones, as in a dense run);
//   4. integrate the currents into the membrane potentials step by step (host/snn/neuron.ts): neurons fire and reset,
//      and the output spikes are the next layer's input at the same step.
// Firing rates are counted from the run. Cycles and traffic are the core's counters, one set per window.
// rewindowed() gives the run of a run's first steps in other windows: the same spikes, the core's counters of those
// windows run again without values (the study's shorter T from its longest run).
import { CORE_MEMORY_LIMIT, Core, CoreTiming, CoreValues, type CoreStats, type OperandGeometry, coreBytesFor } from '../core/index.ts';
import { InputError } from '../errors.ts';
import type { SystoleEmitter } from '../events.ts';
import { memoryConfig, microFlags } from '../simulate/index.ts';
import type { ArchSpec, ConvLayer, DataflowKind, Workload } from '../spec/types.ts';
import type { SnnSpec } from '../spec/workload/workload-snn.ts';
import { dataflowOf } from '../../mappings/index.ts';
import { encodedInput, fromProducer, layerWeights } from './inputs.ts';
import { stepNeurons } from './neuron.ts';
import { type SnnLayerPlan, planSnn } from './plan.ts';
import { RowLowerer } from './rows.ts';

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
  const cores = coresFor(arch, df.kind);
  const layers: SnnLayerRun[] = [];
  plans.forEach((p, i) => {
    const src = p.source;
    const input = src.kind === 'producer'
      ? fromProducer(p, plans[src.from], layers[src.from].output, spec.timesteps)
      : encodedInput(p, spec, seed, i, spec.inputRate);
    layers.push(runLayer(cores(p), p, spec, input, layerWeights(p, spec, arch.precision.operand, seed, i), workload.name));
    options.emitter?.emit('progress', { done: i + 1, total: plans.length });
  });
  return { arch, workload: workload.name, spec, dataflow: df.kind, seed, layers };
}

/**
 * A core with `arch`'s array and memory system, native timing. With `spikes` its ifmap scratchpad holds bit-packed
 * spikes, KiB·8192 of them (a direct-encoded layer's values: words of the arch's activation width). The ofmap
 * scratchpad keeps its words (it holds the currents, whose spilled partial sums account.ts prices at 32 bits), and so
 * does a unified ifmap + filter scratchpad (one word size for both operands).
 */
function nativeCore(arch: ArchSpec, dataflow: DataflowKind, spikes: boolean): Core {
  const df = dataflowOf(dataflow);
  const memory = memoryConfig(arch, 'native', df.kind);
  if (memory !== undefined && spikes && memory.unifiedWords === 0) memory.ifmapWords = Math.floor(arch.sram.ifmapKiB * 8192);
  return new Core({
    rows: arch.array.rows, cols: arch.array.cols, dataflow: df.core, timing: CoreTiming.Native, flags: microFlags(arch),
    memory,
  });
}

/** The core a layer runs on: one for spikes, one (made when needed) for a direct-encoded layer's values. */
function coresFor(arch: ArchSpec, dataflow: DataflowKind): (p: SnnLayerPlan) => Core {
  const spikes = nativeCore(arch, dataflow, true);
  let values: Core | null = null;
  return (p) => {
    if (!(p.source.kind === 'encoded' && p.source.direct)) return spikes;
    values ??= nativeCore(arch, dataflow, false);
    return values;
  };
}

/** B (K×N) of group `gi` from weights filters×K. */
function groupB(w: Int32Array, K: number, N: number, gi: number): Int32Array {
  const b = new Int32Array(K * N);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) b[k * N + n] = w[(gi * N + n) * K + k];
  return b;
}

/** What one window of a layer runs on: its lowerer, input, and (values) the groups' B and the currents' home. */
interface WindowWork {
  core: Core;
  plan: SnnLayerPlan;
  lowerer: RowLowerer;
  input: Int32Array;
  where: string;
  /** null: the core runs the window's GEMMs without values (counters only). */
  values: { bs: Int32Array[]; currents: Int32Array } | null;
}

/** One window of steps on the core, every group's kept rows as one GEMM; the currents into work.values. */
function runWindow(w: WindowWork, first: number, steps: number): SnnWindow {
  const { N, groups } = w.plan.gemm;
  const win: SnnWindow = { first, steps, stats: null, rows: 0, events: 0 };
  w.core.beginLayer();
  let ran = false;
  const keptRows = w.lowerer.kept(w.input, first, steps);
  for (let gi = 0; gi < groups; gi++) {
    const kept = keptRows[gi];
    win.rows += kept.rows.length;
    win.events += kept.nonZero * N;
    if (kept.rows.length === 0) continue;
    runGroup(w, kept.rows, first, steps, gi);
    ran = true;
  }
  const end = w.core.endLayer();
  win.stats = ran ? end : null;
  return win;
}

function runLayer(core: Core, p: SnnLayerPlan, spec: SnnSpec, input: Int32Array, weights: Int32Array, net: string): SnnLayerRun {
  const { M, N, K, groups } = p.gemm;
  const T = spec.timesteps;
  const inN = p.input.h * p.input.w * p.input.c;
  const outN = M * N * groups;
  const v = new Float64Array(outN);
  const output = new Uint8Array(T * outN);
  const run: SnnLayerRun = {
    plan: p, inSpikes: spikeCounts(input, inN, T), outSpikes: [], windows: [], rows: { issued: 0, dense: 0 },
    acs: { issued: 0, dense: M * N * K * groups * T, events: 0 }, weights, input, output, membrane: v,
  };
  const work: WindowWork = {
    core, plan: p, input, lowerer: new RowLowerer(p.layer.kind === 'gemm' ? null : p.layer, p.gemm, inN),
    where: `workload ${net}, layer ${p.layer.name}`,
    values: { bs: Array.from({ length: groups }, (_, gi) => groupB(weights, K, N, gi)), currents: new Int32Array(0) },
  };
  for (let first = 0; first < T; first += spec.timeBatch) {
    const steps = Math.min(spec.timeBatch, T - first);
    const currents = new Int32Array(steps * outN);
    work.values!.currents = currents;
    const win = runWindow(work, first, steps);
    addWindow(run, win, steps * M * groups);
    for (let s = 0; s < steps; s++) {
      const t = first + s;
      run.outSpikes.push(stepNeurons(p.neuron, v, currents.subarray(s * outN, (s + 1) * outN), output.subarray(t * outN, (t + 1) * outN)));
    }
  }
  return run;
}

/** Non-zero inputs of each of T steps. */
function spikeCounts(input: Int32Array, inN: number, T: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let i = t * inN; i < (t + 1) * inN; i++) s += input[i] !== 0 ? 1 : 0;
    out.push(s);
  }
  return out;
}

function addWindow(run: SnnLayerRun, win: SnnWindow, denseRows: number): void {
  run.windows.push(win);
  run.rows.dense += denseRows;
  run.rows.issued += win.rows;
  run.acs.events += win.events;
  if (win.stats !== null) run.acs.issued += win.stats.busyPeCycles;
}

/**
 * Contract: the run of `run`'s first `steps` steps in windows of `timeBatch`: the spikes are `run`'s (a layer's
 * first steps read only its producer's first steps and its own state: neurons are causal, and encoded inputs are
 * drawn step after step from one stream), the cycles and traffic are the core's counters of the new windows, run on
 * the core again without values (the counters do not depend on them). Its `membrane` is empty (the potentials after
 * `steps` steps are not kept); everything the accounting reads is the shorter run's.
 */
export function rewindowed(run: SnnRun, steps: number, timeBatch: number): SnnRun {
  if (steps > run.spec.timesteps) throw new RangeError(`rewindowed: ${steps} steps of a run of ${run.spec.timesteps}`);
  const cores = coresFor(run.arch, run.dataflow);
  const spec: SnnSpec = { ...run.spec, timesteps: steps, timeBatch };
  const layers = run.layers.map((l): SnnLayerRun => {
    const p = l.plan;
    const { M, N, K, groups } = p.gemm;
    const inN = p.input.h * p.input.w * p.input.c;
    const outN = M * N * groups;
    const input = l.input.subarray(0, steps * inN);
    const out: SnnLayerRun = {
      ...l, inSpikes: l.inSpikes.slice(0, steps), outSpikes: l.outSpikes.slice(0, steps), windows: [],
      rows: { issued: 0, dense: 0 }, acs: { issued: 0, dense: M * N * K * groups * steps, events: 0 },
      input, output: l.output.subarray(0, steps * outN), membrane: new Float64Array(0),
    };
    const work: WindowWork = {
      core: cores(p), plan: p, input, lowerer: new RowLowerer(p.layer.kind === 'gemm' ? null : p.layer, p.gemm, inN),
      where: `workload ${run.workload}, layer ${p.layer.name}`, values: null,
    };
    for (let first = 0; first < steps; first += timeBatch) {
      const n = Math.min(timeBatch, steps - first);
      addWindow(out, runWindow(work, first, n), n * M * groups);
    }
    return out;
  });
  return { ...run, spec, layers };
}

/**
 * One group's kept rows of a window as one GEMM on the core. With values: A gathered from the input, B the group's
 * weights, and the currents into work.values.currents (step-major, outN per step, output channel gi·N + n of
 * position m at m·F, F = N·groups); without: the core runs the same folds for their counters only.
 */
function runGroup(w: WindowWork, rowMap: Int32Array, first: number, steps: number, gi: number): void {
  const { core, plan: p } = w;
  const g = p.gemm;
  const { M, N, K } = g;
  const conv = p.layer.kind === 'gemm' ? null : p.layer;
  const mk = rowMap.length;
  core.setOperandGeometry({
    gemm: { M: mk, N, K }, groups: 1, stacked: { M: false, N: false, K: false },
    ...(conv && { conv: convGeometry(conv, g.ew, g.eh) }), rowMap: { rows: rowMap, perCopy: M, copies: steps },
  });
  checkSize(mk, N, K, core, w.where);
  if (w.values === null) {
    core.runGemmStreamed(mk, N, K, {
      values: CoreValues.Off,
      source: () => {
        throw new Error('runGroup: a fold without values asked for operands');
      },
    });
    return;
  }
  const { bs, currents } = w.values;
  const c = core.runGemm(mk, N, K, (ops) => {
    w.lowerer.gather(w.input, first, steps, gi, rowMap, ops.a);
    ops.b.set(bs[gi]);
  });
  const F = N * g.groups;
  const outN = M * F;
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
