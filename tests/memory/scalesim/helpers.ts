// Shared by the SCALE-Sim memory tests: a SCALE-Sim .cfg builder, topology rows, and a one-call runner.
import { DATAFLOWS } from '../../../mappings/index.ts';
import { type ScaleSimDram, scalesimDram } from '../../../host/memory/scalesim/index.ts';
import { lowerLayer } from '../../../host/lower/shape.ts';
import { parseArch } from '../../../host/spec/arch/arch.ts';
import { parseScaleSimConfig } from '../../../host/spec/scalesim/scalesim-cfg.ts';
import { parseScaleSimTopology } from '../../../host/spec/scalesim/scalesim-topology.ts';
import type { ArchSpec, ComputeLayer, DataflowKind } from '../../../host/spec/types.ts';

export interface CfgOptions {
  rows?: number;
  cols?: number;
  kib?: [number, number, number];
  dataflow: DataflowKind;
  mode: 'CALC' | 'USER';
  bandwidth?: number;
}

/** The text of a SCALE-Sim v2 .cfg (configs/scale.cfg's layout; 32×32, 64 kB SRAMs unless given). */
export function cfgText(o: CfgOptions): string {
  const [i, f, w] = o.kib ?? [64, 64, 64];
  return [
    '[general]', 'run_name = test', '', '[architecture_presets]',
    `ArrayHeight: ${o.rows ?? 32}`, `ArrayWidth: ${o.cols ?? 32}`,
    `IfmapSramSzkB: ${i}`, `FilterSramSzkB: ${f}`, `OfmapSramSzkB: ${w}`,
    'IfmapOffset: 0', 'FilterOffset: 10000000', 'OfmapOffset: 20000000',
    `Bandwidth : ${o.bandwidth ?? 10}`, `Dataflow : ${o.dataflow}`, 'MemoryBanks: 1', '',
    '[run_presets]', `InterfaceBandwidth: ${o.mode}`, '',
  ].join('\n');
}

/** An arch read from a SCALE-Sim .cfg. */
export const cfgArch = (o: CfgOptions): ArchSpec => parseScaleSimConfig(cfgText(o), 'test.cfg');

/** A Systole arch object with every other field defaulted. */
export function arch(rows: number, cols: number, dataflow: DataflowKind, sram: [number, number, number], dram: object = {}): ArchSpec {
  const [ifmapKiB, filterKiB, ofmapKiB] = sram;
  return parseArch({ name: 't', array: { rows, cols }, dataflow, sram: { ifmapKiB, filterKiB, ofmapKiB }, dram }, 'test arch');
}

const CONV_HEADER = 'Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,';

/** The layers of a SCALE-Sim conv topology written as rows `name, H, W, R, S, C, N, stride,`. */
export function convTopology(...rows: string[]): ComputeLayer[] {
  return parseScaleSimTopology([CONV_HEADER, ...rows].join('\n'), 'topo.csv').layers as ComputeLayer[];
}

/** The layers of a SCALE-Sim GEMM topology written as rows `name, M, N, K,`. */
export function gemmTopology(...rows: string[]): ComputeLayer[] {
  return parseScaleSimTopology(['Layer, M, N, K,', ...rows].join('\n'), 'gemm.csv').layers as ComputeLayer[];
}

/** scalesimDram for one layer on `a` with the arch's own dataflow. */
export const run = (a: ArchSpec, layer: ComputeLayer): ScaleSimDram =>
  scalesimDram(a, layer, lowerLayer(layer), DATAFLOWS[a.dataflow]);
