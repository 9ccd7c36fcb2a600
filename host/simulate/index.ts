// The run, as a short list of stages:
//   1. resolve the dataflow (option or arch) and configure one core for the whole run
//   2. per compute layer: lower it to `groups` GEMMs, check they fit the core's memory
//   3. per GEMM: real operands read from the seeded stream fold by fold (a convolution's group ifmap staged whole, its
//      A made by the core's im2col), run on the core, each fold optionally verified as its outputs drain
//   4. turn the layer's stats into its report; emit events; sum the totals
//   (a layer between the GEMMs — pool, eltwise, activation, softmax, layernorm — runs on the vector unit instead,
//   host/vector/work.ts → assembly/vector/unit.ts, in workload order; left out under scalesim timing)
import { Core, CORE_MEMORY_LIMIT, CoreTiming, CoreValues, type FoldOutput, type MemoryConfig, MicroFlag, type OperandGeometry, coreBytesFor } from '../core/index.ts';
import { InputError } from '../errors.ts';
import { createEmitter, type SystoleEmitter } from '../events.ts';
import { im2col } from '../lower/im2col.ts';
import { type LoweredGemm, lowerLayer } from '../lower/shape.ts';
import type { EnergyTable } from '../energy/types.ts';
import { layerReport, runReport, vectorLayerReport } from '../report/build.ts';
import { cyclesPerStep, vectorWork, type VectorWork } from '../vector/work.ts';
import type { LayerReport, Report } from '../report/types.ts';
import { isComputeLayer, type ArchSpec, type ComputeLayer, type ConvLayer, type DataflowKind, type TimingMode, type VectorLayer, type Workload } from '../spec/types.ts';
import { GROUPINGS, dataflowOf, type Dataflow, type GemmShape, type GroupingKind } from '../../mappings/index.ts';
import { blockShape, packedShape, placeBlock, stackedDims, takeBlock } from '../../mappings/packing.ts';
import { checkBufferSizes, wordsOf } from './buffer-sizes.ts';
import { type OperandMatrix, OperandSource } from './operands.ts';
import { matchesReferenceFold, matchesReferenceGemm } from './verify.ts';
import { TOOL } from '../version.ts';
import { scalesimDram } from '../memory/scalesim/index.ts';

export interface SimulateOptions {
  /** 'native' (default): the configured microarchitecture; 'scalesim': SCALE-Sim v2's conventions. */
  timing?: TimingMode;
  /** Overrides arch.dataflow. */
  dataflow?: DataflowKind;
  /** Compare every layer's output with a reference GEMM computed on the host; sets layer.verified. */
  verify?: boolean;
  /** Receives run/layer/progress events. */
  emitter?: SystoleEmitter;
  /** How grouped and depthwise layers share the array: 'sequential' (default) or 'packed' (block-diagonal). */
  grouping?: GroupingKind;
  /** Seed of the operand values (default fixed, so runs are reproducible). */
  seed?: number;
  /** Energy per action (pJ) that prices the counts; default DEFAULT_ENERGY_TABLE (host/energy/defaults.ts). */
  energy?: EnergyTable;
  /**
   * Which folds compute values: 'full' (every fold), 'sampled' (one fold in 64 and the first and last fold of each
   * shape), 'off' (timing and counters only). Timing and counters are the same whichever; when given, every layer
   * report says which and how many folds computed values (`simulation`). Default 'full'.
   */
  values?: ValuesMode;
  /**
   * Skip work whose outcome is known exactly (default true): a fold without values takes the outcome recorded for
   * an earlier fold of its shape, an operand every use of which is a fetch is not replayed word by word, and whole
   * periods of identical folds whose state repeats are added at once (assembly/array/period.ts). The report is the
   * same counter for counter (`simulation.foldsAdvanced` says how many folds were not stepped, `foldsInPeriods`
   * how many of them were added as whole periods).
   */
  fastForward?: boolean;
  /** Record each layer's timeline in the core (host/trace/): 'layer:done' events then carry it. Default off; a
   *  number: at most that many events per layer (default TIMELINE_EVENTS_PER_LAYER). */
  timeline?: boolean | number;
}

export const VALUES_MODES = ['full', 'sampled', 'off'] as const;
export type ValuesMode = (typeof VALUES_MODES)[number];
const VALUES_CODE: Record<ValuesMode, CoreValues> = { full: CoreValues.Full, sampled: CoreValues.Sampled, off: CoreValues.Off };

/** Events the core keeps per layer when recording a timeline (40 MB of WASM memory at most; the rest is counted). */
export const TIMELINE_EVENTS_PER_LAYER = 1_000_000;

const TIMING_CODE: Record<TimingMode, CoreTiming> = { native: CoreTiming.Native, scalesim: CoreTiming.ScaleSim };

/**
 * SCALE-Sim has no batch (ARM SCALE-Sim issue #34), so --timing scalesim, which reproduces its figures, refuses a
 * batch above 1. A vector layer's input address space must fit the core's memory (4 bytes per word of the memory
 * system's word table).
 */
function checkSupported(workload: Workload, timing: TimingMode, arch: ArchSpec, vectorWorks: Map<string, VectorWork>): void {
  if (timing === 'native' && arch.memory.model !== 'ideal') {
    for (const [name, w] of vectorWorks) {
      if (4 * (w.inputSpace + w.weights) <= CORE_MEMORY_LIMIT) continue;
      throw new InputError(`workload ${workload.name}, layer ${name}`, `its ${w.inputSpace} input words are more than the core's memory system can address`, 'split the layer, lower the batch, or use memory.model: ideal');
    }
  }
  if (timing === 'scalesim' && workload.batch !== 1) {
    throw new InputError(`workload ${workload.name}`, `batch ${workload.batch} under --timing scalesim: SCALE-Sim has no batch, so there are no SCALE-Sim figures to reproduce`, 'use --timing native for batches, or batch 1');
  }
}

/** The core's microarchitecture flags of `arch` (also used by host/snn/). */
export function microFlags(arch: ArchSpec): number {
  return (
    (arch.microarch.foldPipelining ? MicroFlag.FoldPipelining : 0) |
    (arch.microarch.stationaryDoubleBuffer ? MicroFlag.StationaryDoubleBuffer : 0)
  );
}

/** The native memory system of `arch`, or undefined for ideal memory (and always under scalesim timing). */
export function memoryConfig(arch: ArchSpec, timing: TimingMode, dataflow: DataflowKind): MemoryConfig | undefined {
  if (timing !== 'native' || arch.memory.model === 'ideal') return undefined;
  checkBufferSizes(arch, dataflow);
  const s = arch.sram;
  return {
    unifiedWords: s.unifiedKiB === null ? 0 : wordsOf(arch, s.unifiedKiB, 'unifiedKiB'),
    ifmapWords: wordsOf(arch, s.ifmapKiB, 'ifmapKiB'),
    filterWords: wordsOf(arch, s.filterKiB, 'filterKiB'),
    ofmapWords: wordsOf(arch, s.ofmapKiB, 'ofmapKiB'),
    doubleBuffer: arch.sram.doubleBuffer,
    sliceSteps: arch.memory.sliceSteps,
    banks: arch.sram.banks,
    portsPerBank: arch.sram.portsPerBank,
    interleaveWords: arch.sram.interleaveWords,
    bandwidthWordsPerCycle: arch.dram.bandwidthWordsPerCycle,
    latencyCycles: arch.dram.latencyCycles,
  };
}

/** Where a GEMM of p groups keeps its operand words: one group's im2col geometry for convolutions. */
function operandGeometry(df: Dataflow, layer: ComputeLayer, g: LoweredGemm, p: number): OperandGeometry {
  const geometry: OperandGeometry = { gemm: { M: g.M, N: g.N, K: g.K }, groups: p, stacked: stackedDims(df, p) };
  if (layer.kind !== 'gemm') {
    const { ifmap, filter, stride, padding } = layer;
    geometry.conv = {
      h: ifmap.h, w: ifmap.w, c: ifmap.c / layer.groups, filterW: filter.w, strideH: stride.h, strideW: stride.w,
      padTop: padding.top, padLeft: padding.left, outW: g.ew, outH: g.eh,
    };
  }
  return geometry;
}

/** Words the memory system can address per operand (its DRAM addresses are 32-bit signed). */
const MAX_OPERAND_WORDS = 2 ** 31 - 1;

/**
 * Packed GEMMs are materialised in the core (their blocks are laid out by the host): they must fit its memory.
 * Streamed GEMMs hold no operand, only a convolution's group ifmap; their operands must be addressable.
 */
function checkFits(workload: Workload, layer: ComputeLayer, g: LoweredGemm, packed: GemmShape, perFold: number, arch: ArchSpec): void {
  const where = `workload ${workload.name}, layer ${layer.name}`;
  const mib = (b: number) => Math.ceil(b / 2 ** 20);
  const bytes = perFold > 1 ? coreBytesFor(packed.M, packed.N, packed.K, arch.array.rows, arch.array.cols) : 4 * g.samples * ifmapWordsOf(layer);
  if (bytes > CORE_MEMORY_LIMIT) {
    const what = perFold > 1 ? `its packed GEMM (M=${packed.M}, N=${packed.N}, K=${packed.K})` : `one group's ifmap (${g.samples * ifmapWordsOf(layer)} words)`;
    throw new InputError(where, `${what} needs ${mib(bytes)} MiB of core memory, over the ${mib(CORE_MEMORY_LIMIT)} MiB limit`, 'split the layer into smaller layers or groups');
  }
  const a = layer.kind === 'gemm' ? g.M * g.K : g.samples * ifmapWordsOf(layer);
  const b = g.K * g.N;
  if (Math.max(a, b) * perFold > MAX_OPERAND_WORDS) {
    throw new InputError(
      where,
      `its ${a >= b ? `A operand (M=${g.M}, K=${g.K})` : `B operand (K=${g.K}, N=${g.N})`} has ${Math.max(a, b) * perFold} words, more than the ${MAX_OPERAND_WORDS} the memory system addresses`,
      'split the layer into smaller layers or groups',
    );
  }
}

/** Words of one group's ifmap (0 for a GEMM layer). */
function ifmapWordsOf(layer: ComputeLayer): number {
  return layer.kind === 'gemm' ? 0 : layer.ifmap.h * layer.ifmap.w * (layer.ifmap.c / layer.groups);
}

/**
 * SCALE-Sim has no block-diagonal packing (it runs every group as a layer of its own), so under scalesim timing a
 * packed fold has no SCALE-Sim figures — its DRAM model cannot run it — and is refused rather than reported half.
 */
function checkNotPacked(workload: Workload, layers: ComputeLayer[], perFold: number[]): void {
  const i = perFold.findIndex((p) => p > 1);
  if (i < 0) return;
  throw new InputError(
    `workload ${workload.name}, layer ${layers[i].name}`,
    `grouping packed puts ${perFold[i]} groups in one fold, which SCALE-Sim cannot run (it has no block-diagonal packing), so --timing scalesim has no cycles or DRAM traffic for it`,
    'use grouping sequential with --timing scalesim, or --timing native to see what packing does',
  );
}

/** The slice of a convolution one group computes: its own channels and filters, an ordinary convolution. */
function groupSlice(layer: ConvLayer): ConvLayer {
  return { ...layer, kind: 'conv', ifmap: { ...layer.ifmap, c: layer.ifmap.c / layer.groups }, filters: layer.filters / layer.groups, groups: 1 };
}

/** The host's im2col of `samples` ifmaps stored one after another: their A rows stacked, sample by sample. */
function batchIm2col(slice: ConvLayer, ifmaps: Int32Array, samples: number): Int32Array {
  if (samples === 1) return im2col(slice, ifmaps, 0);
  const words = slice.ifmap.h * slice.ifmap.w * slice.ifmap.c;
  const per = lowerLayer(slice);
  const a = new Int32Array(samples * per.M * per.K);
  for (let b = 0; b < samples; b++) im2col(slice, ifmaps.subarray(b * words, (b + 1) * words), 0, a.subarray(b * per.M * per.K, (b + 1) * per.M * per.K));
  return a;
}

/** A group's operands as the host sees them: A (M×K) and B (K×N), for packing and for verification. */
interface GroupOperands {
  a: Int32Array;
  b: Int32Array;
}

/** Rows [row0, row0+rows) × columns [col0, col0+width) of a row-major matrix with `cols` columns. */
function panelOf(m: Int32Array, cols: number, row0: number, rows: number, col0: number, width: number): Int32Array {
  const out = new Int32Array(rows * width);
  for (let i = 0; i < rows; i++) out.set(m.subarray((row0 + i) * cols + col0, (row0 + i) * cols + col0 + width), i * width);
  return out;
}

/**
 * Runs one GEMM (one group) on the core, its operands streamed fold by fold; with `verify`, checks every fold that
 * computes values against a reference for that fold and returns whether all matched (null: not checked).
 * Convolutions compute on a real ifmap and real filters: the core's im2col unit lowers the group's ifmap (its
 * channels generated as one contiguous tensor); the host's own im2col (host/lower) rebuilds A for the reference.
 */
function runGroup(core: Core, layer: ComputeLayer, g: LoweredGemm, src: OperandSource, verify: boolean, values: CoreValues): boolean | null {
  let ok: boolean | null = verify ? true : null;
  let aPanel: (row0: number, rows: number, col0: number, width: number) => Int32Array = () => new Int32Array(0);
  let b: OperandMatrix | null = null;
  const onOutput = (o: FoldOutput) => {
    if (!matchesReferenceFold(o, aPanel(o.m0, o.rows, o.k0, o.kLen), b!.panel(o.k0, o.kLen, o.n0, o.cols))) ok = false;
  };
  const opts = {
    source: (which: 'A' | 'B', row0: number, rows: number, col0: number, width: number, out: Int32Array, stride: number) =>
      (which === 'A' ? a! : b!).fill(row0, rows, col0, width, out, stride),
    values,
    onOutput: verify ? onOutput : undefined,
  };
  let a: OperandMatrix | null = null;
  if (layer.kind === 'gemm') {
    a = src.matrix(g.M, g.K);
    b = src.matrix(g.K, g.N);
    aPanel = (row0, rows, col0, width) => a!.panel(row0, rows, col0, width);
    core.runGemmStreamed(g.M, g.N, g.K, opts);
    return ok;
  }
  const slice = groupSlice(layer);
  const words = g.samples * ifmapWordsOf(slice);
  core.runConvGemmStreamed(g.M, g.N, g.K, words, (ifmap) => {
    src.fill(ifmap);
    // The group's filters, drawn directly in B's layout (K = (r, s, c_in) rows × filters): the same random
    // tensor as drawing them filters × R × S × C and reordering with filtersToB, without the reordering pass.
    b = src.matrix(g.K, g.N);
    if (verify) {
      const fullA = batchIm2col(slice, ifmap.slice(), g.samples);
      aPanel = (row0, rows, col0, width) => panelOf(fullA, g.K, row0, rows, col0, width);
    }
  }, opts);
  return ok;
}

/** One group's operands in host arrays (for block-diagonal packing). */
function groupOperands(layer: ComputeLayer, g: LoweredGemm, src: OperandSource): GroupOperands {
  if (layer.kind === 'gemm') return { a: src.fill(new Int32Array(g.M * g.K)), b: src.fill(new Int32Array(g.K * g.N)) };
  const slice = groupSlice(layer);
  const ifmap = src.fill(new Int32Array(g.samples * slice.ifmap.h * slice.ifmap.w * slice.ifmap.c));
  return { a: batchIm2col(slice, ifmap, g.samples), b: src.fill(new Int32Array(g.K * g.N)) }; // filters in B's layout, as runGroup
}

/**
 * Runs one layer's GEMMs on the core, `perFold` groups at a time (block-diagonal packing when > 1).
 * Returns whether every group's output matched the reference GEMM (null when not checked).
 */
function runLayer(core: Core, df: Dataflow, layer: ComputeLayer, g: LoweredGemm, perFold: number, src: OperandSource, verify: boolean, values: CoreValues): boolean | null {
  const shape: GemmShape = { M: g.M, N: g.N, K: g.K };
  let ok: boolean | null = verify ? true : null;
  const check = (o: GroupOperands, out: Int32Array) => {
    if (!matchesReferenceGemm(o.a, o.b, out, g.M, g.N, g.K)) ok = false;
  };
  if (perFold > 1) {
    const block = blockShape(df, shape);
    core.packBlocks(block.rows, block.cols);
  }
  for (let first = 0; first < g.groups; first += perFold) {
    const p = Math.min(perFold, g.groups - first);
    core.setOperandGeometry(operandGeometry(df, layer, g, p));
    if (p === 1) {
      if (runGroup(core, layer, g, src, verify, values) === false) ok = false;
      continue;
    }
    const packed = packedShape(df, shape, p);
    const ops = Array.from({ length: p }, () => groupOperands(layer, g, src));
    const c = core.runGemm(packed.M, packed.N, packed.K, (v) => {
      v.a.fill(0);
      v.b.fill(0);
      ops.forEach((o, i) => {
        placeBlock(df, 'A', shape, p, i, o.a, v.a);
        placeBlock(df, 'B', shape, p, i, o.b, v.b);
      });
    });
    if (verify) ops.forEach((o, i) => check(o, takeBlock(df, shape, p, i, c)));
  }
  return ok;
}

/** A layer between the GEMMs on the vector unit, sharing the array's memory system (native timing). */
function runVectorLayer(core: Core, arch: ArchSpec, layer: VectorLayer, work: VectorWork, memory: boolean, energy: EnergyTable | undefined): LayerReport {
  core.beginLayer();
  const stats = core.runVector(work, arch.vector.lanes, cyclesPerStep(arch, work.opsPerItem), arch.memory.sliceSteps);
  return vectorLayerReport(arch, layer, stats, memory, energy);
}

/**
 * Contract: simulates every layer of `workload` on `arch`, in order — convolutions and GEMMs on the array, the layers
 * between them on the vector unit (left out under scalesim timing) — and returns the systole.report/1 document.
 */
export async function simulate(arch: ArchSpec, workload: Workload, options: SimulateOptions = {}): Promise<Report> {
  const timing = options.timing ?? 'native';
  const dataflow = dataflowOf(options.dataflow ?? arch.dataflow);
  const emitter = options.emitter ?? createEmitter();
  // SCALE-Sim has no layers between the GEMMs: under its timing they are left out of the run and the report.
  const vectorWorks = new Map(
    timing === 'scalesim' ? [] : workload.layers.filter((l): l is VectorLayer => !isComputeLayer(l)).map((l) => [l.name, vectorWork(l, workload.batch)]),
  );
  checkSupported(workload, timing, arch, vectorWorks);
  const layers = workload.layers.filter(isComputeLayer);
  const lowered = layers.map((l) => lowerLayer(l, workload.batch));
  const grouping = GROUPINGS[options.grouping ?? 'sequential'];
  const perFold = lowered.map((g) => grouping.groupsPerFold(dataflow, g, arch.array, g.groups));
  layers.forEach((l, i) => checkFits(workload, l, lowered[i], packedShape(dataflow, lowered[i], perFold[i]), perFold[i], arch));
  const valuesMode = options.values ?? 'full';
  if (options.verify && valuesMode === 'off') {
    throw new InputError('options', '--verify with --values off has no values to check', 'drop --verify, or use --values full or sampled');
  }
  if (timing === 'scalesim') checkNotPacked(workload, layers, perFold);

  const memory = memoryConfig(arch, timing, dataflow.kind);
  const core = new Core({
    rows: arch.array.rows,
    cols: arch.array.cols,
    dataflow: dataflow.core,
    timing: TIMING_CODE[timing],
    flags: microFlags(arch),
    memory,
  });
  core.setFastForward(options.fastForward ?? true);
  const timeline = options.timeline === true ? TIMELINE_EVENTS_PER_LAYER : typeof options.timeline === 'number' ? options.timeline : 0;
  if (timeline > 0) core.recordTimeline(timeline);
  const src = new OperandSource(arch.precision.operand, options.seed);
  const totalMacs = lowered.reduce((a, g) => a + g.M * g.N * g.K * g.groups, 0);
  let doneMacs = 0;
  const order = workload.layers.filter((l) => isComputeLayer(l) || vectorWorks.has(l.name));
  emitter.emit('run:start', { workload: workload.name, layers: order.length, timing });

  const reports: LayerReport[] = [];
  let i = 0; // the next compute layer
  for (const [index, next] of order.entries()) {
    emitter.emit('layer:start', { index, name: next.name });
    if (!isComputeLayer(next)) {
      const report = runVectorLayer(core, arch, next as VectorLayer, vectorWorks.get(next.name)!, memory !== undefined, options.energy);
      reports.push(report);
      emitter.emit('layer:done', { index, report });
      continue;
    }
    const layer = layers[i];
    const g = lowered[i];
    core.beginLayer();
    const verified = runLayer(core, dataflow, layer, g, perFold[i], src, options.verify ?? false, VALUES_CODE[valuesMode]);
    const grouped = { strategy: grouping.kind, groupsPerFold: perFold[i] };
    const stats = core.endLayer();
    const scalesim = timing === 'scalesim' ? scalesimDram(arch, layer, g, dataflow) : undefined;
    const report = layerReport(arch, layer, g, dataflow.kind, grouped, stats, verified, memory !== undefined, options.energy, scalesim);
    if (options.values) {
      report.simulation = { values: options.values, folds: stats.folds, foldsWithValues: stats.valueFolds, foldsAdvanced: stats.advancedFolds, foldsInPeriods: stats.periodFolds };
    }
    reports.push(report);
    doneMacs += g.M * g.N * g.K * g.groups;
    emitter.emit('layer:done', { index, report, ...(timeline > 0 && { timeline: core.timeline() }) });
    emitter.emit('progress', { done: doneMacs, total: totalMacs });
    i++;
  }
  const report = runReport(TOOL, arch, workload, timing, reports, options.energy);
  emitter.emit('run:done', { report });
  return report;
}
