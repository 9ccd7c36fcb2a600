// Where `systole schedule` and `systole graph` get a graph from: a graph file, or a workload (preset or file)
// converted with its precision, tiled for the scratchpad, and, when an arch is given, per-op cycles from the
// SCALE-Sim closed-form model (host/analytic) and the arch's DRAM bandwidth in bytes per cycle.
import { MODELS } from '../../analytic/models/index.ts';
import { lowerLayer } from '../../lower/shape.ts';
import type { ArchSpec, Layer, OperandPrecision } from '../../spec/types.ts';
import { loadWorkload } from '../../spec/workload.ts';
import { dataflowOf } from '../../../mappings/index.ts';
import { graphFromWorkload } from './from-workload.ts';
import type { Graph } from '../types.ts';

/** Default tile budget for a scratchpad: two thirds of it, so a tile op leaves room for reused tensors. */
export const defaultTileBytes = (scratchpadBytes: number): number => Math.floor((scratchpadBytes * 2) / 3);

/** A workload and how to turn it into a graph. */
export interface WorkloadGraphRequest {
  workload: string;
  precision: OperandPrecision;
  /** Tile budget in bytes, or null for one op per layer. */
  tileBytes: number | null;
  arch: ArchSpec | null;
}

const BYTES_PER_WORD: Record<OperandPrecision, number> = { int4: 0.5, int8: 1, int16: 2 };

/** Compute cycles of a layer on `arch` by the SCALE-Sim model; residual adds are not array work (0 cycles). */
export function layerCycles(arch: ArchSpec, layer: Layer): number {
  if (layer.kind === 'add') return 0;
  return MODELS.scalesim(arch, layer, lowerLayer(layer), dataflowOf(arch.dataflow)).cycles;
}

/** DRAM bandwidth of an arch in bytes per cycle (words are operands of the arch's precision). */
export const archBytesPerCycle = (arch: ArchSpec): number => arch.dram.bandwidthWordsPerCycle * BYTES_PER_WORD[arch.precision.operand];

/** Build the graph of a workload request. */
export function workloadGraph(req: WorkloadGraphRequest): Graph {
  const workload = loadWorkload(req.workload);
  const arch = req.arch;
  return graphFromWorkload(workload, {
    precision: req.precision,
    tileBytes: req.tileBytes ?? undefined,
    cycles: arch === null ? undefined : (layer) => layerCycles(arch, layer),
  });
}
