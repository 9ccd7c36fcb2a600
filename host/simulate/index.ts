// The run, as a short list of stages:
//   1. resolve the dataflow (option or arch) and configure one core for the whole run
//   2. per compute layer: lower it to `groups` GEMMs, check they fit the core's memory
//   3. per GEMM: make real operands (im2col of a real ifmap for convolutions), run it on the core, optionally verify
//   4. turn the layer's stats into its report; emit events; sum the totals
import { Core, CORE_MEMORY_LIMIT, CoreTiming, MicroFlag, coreBytesFor } from '../core/index.ts';
import { InputError } from '../errors.ts';
import { createEmitter, type SystoleEmitter } from '../events.ts';
import { im2col, filtersToB } from '../lower/im2col.ts';
import { type LoweredGemm, lowerLayer } from '../lower/shape.ts';
import { layerReport, runReport } from '../report/build.ts';
import type { LayerReport, Report } from '../report/types.ts';
import type { ArchSpec, ComputeLayer, DataflowKind, Layer, TimingMode, Workload } from '../spec/types.ts';
import { dataflowOf } from '../../mappings/index.ts';
import { OperandSource } from './operands.ts';
import { matchesReferenceGemm } from './verify.ts';
import { TOOL } from '../version.ts';

export interface SimulateOptions {
  /** 'native' (default): the configured microarchitecture; 'scalesim': SCALE-Sim v2's conventions. */
  timing?: TimingMode;
  /** Overrides arch.dataflow. */
  dataflow?: DataflowKind;
  /** Compare every layer's output with a reference GEMM computed on the host; sets layer.verified. */
  verify?: boolean;
  /** Receives run/layer/progress events. */
  emitter?: SystoleEmitter;
  /** Seed of the operand values (default fixed, so runs are reproducible). */
  seed?: number;
}

const TIMING_CODE: Record<TimingMode, CoreTiming> = { native: CoreTiming.Native, scalesim: CoreTiming.ScaleSim };

const isCompute = (l: Layer): l is ComputeLayer => l.kind !== 'add';

function microFlags(arch: ArchSpec): number {
  return (
    (arch.microarch.foldPipelining ? MicroFlag.FoldPipelining : 0) |
    (arch.microarch.stationaryDoubleBuffer ? MicroFlag.StationaryDoubleBuffer : 0)
  );
}

function checkFits(workload: Workload, layer: ComputeLayer, g: LoweredGemm, arch: ArchSpec): void {
  const bytes = coreBytesFor(g.M, g.N, g.K, arch.array.rows, arch.array.cols);
  if (bytes > CORE_MEMORY_LIMIT) {
    const mib = (b: number) => Math.ceil(b / 2 ** 20);
    throw new InputError(
      `workload ${workload.name}, layer ${layer.name}`,
      `its GEMM (M=${g.M}, N=${g.N}, K=${g.K}) needs ${mib(bytes)} MiB of core memory, over the ${mib(CORE_MEMORY_LIMIT)} MiB limit`,
      'split the layer into smaller layers or groups',
    );
  }
}

/** Runs one layer's GEMMs on the core; returns whether every output matched the reference (null if unchecked). */
function runLayer(core: Core, layer: ComputeLayer, g: LoweredGemm, src: OperandSource, verify: boolean): boolean | null {
  let ok: boolean | null = verify ? true : null;
  // Convolutions compute on a real ifmap and real filters, lowered per group by im2col.
  const ifmap = layer.kind === 'gemm' ? null : src.fill(new Int32Array(layer.ifmap.h * layer.ifmap.w * layer.ifmap.c));
  const weights =
    layer.kind === 'gemm' ? null : src.fill(new Int32Array(layer.filters * layer.filter.h * layer.filter.w * (layer.ifmap.c / layer.groups)));
  for (let group = 0; group < g.groups; group++) {
    let a: Int32Array | null = null;
    let b: Int32Array | null = null;
    const c = core.runGemm(g.M, g.N, g.K, (v) => {
      if (layer.kind === 'gemm') {
        src.fill(v.a);
        src.fill(v.b);
      } else {
        v.a.set(im2col(layer, ifmap!, group));
        v.b.set(filtersToB(layer, weights!, group));
      }
      if (verify) {
        a = v.a.slice();
        b = v.b.slice();
      }
    });
    if (verify && !matchesReferenceGemm(a!, b!, c, g.M, g.N, g.K)) ok = false;
  }
  return ok;
}

/** Contract: simulates every compute layer of `workload` on `arch` and returns the systole.report/1 document. */
export async function simulate(arch: ArchSpec, workload: Workload, options: SimulateOptions = {}): Promise<Report> {
  const timing = options.timing ?? 'native';
  const dataflow = dataflowOf(options.dataflow ?? arch.dataflow);
  const emitter = options.emitter ?? createEmitter();
  const layers = workload.layers.filter(isCompute);
  const lowered = layers.map((l) => lowerLayer(l));
  layers.forEach((l, i) => checkFits(workload, l, lowered[i], arch));

  const core = new Core({
    rows: arch.array.rows,
    cols: arch.array.cols,
    dataflow: dataflow.core,
    timing: TIMING_CODE[timing],
    flags: microFlags(arch),
  });
  const src = new OperandSource(arch.precision.operand, options.seed);
  const totalMacs = lowered.reduce((a, g) => a + g.M * g.N * g.K * g.groups, 0);
  let doneMacs = 0;
  emitter.emit('run:start', { workload: workload.name, layers: layers.length, timing });

  const reports: LayerReport[] = [];
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    const g = lowered[i];
    emitter.emit('layer:start', { index: i, name: layer.name });
    core.beginLayer();
    const verified = runLayer(core, layer, g, src, options.verify ?? false);
    const report = layerReport(arch, layer, g, dataflow.kind, core.endLayer(), verified);
    reports.push(report);
    doneMacs += g.M * g.N * g.K * g.groups;
    emitter.emit('layer:done', { index: i, report });
    emitter.emit('progress', { done: doneMacs, total: totalMacs });
  }
  const report = runReport(TOOL, arch, workload, timing, reports);
  emitter.emit('run:done', { report });
  return report;
}
