// Where `systole schedule` and `systole graph` get a graph from: a graph file, or a workload (preset or file)
// converted with its precision, tiled for the scratchpad, and, when an arch is given, per-op cycles from the
// SCALE-Sim closed-form model (host/analytic) and the arch's DRAM bandwidth in bytes per cycle.
import { MODELS } from '../../analytic/models/index.ts';
import { lowerLayer } from '../../lower/shape.ts';
import { OPERAND_BITS, isComputeLayer, type ArchSpec, type Layer, type OperandPrecision } from '../../spec/types.ts';
import { loadWorkload } from '../../spec/workload/workload.ts';
import { checkEdgeShapes } from '../../spec/workload/workload-graph.ts';
import { dataflowOf } from '../../../mappings/index.ts';
import { InputError } from '../../errors.ts';
import { formatBytes } from '../report/size.ts';
import { graphFromWorkload, smallestTileBytes } from './from-workload.ts';
import type { Graph } from '../types.ts';

/** Default tile budget for a scratchpad: two thirds of it, so a tile op leaves room for reused tensors (raised to
 *  the workload's smallest workable budget by workloadGraph when that still fits the scratchpad). */
export const defaultTileBytes = (scratchpadBytes: number): number => Math.floor((scratchpadBytes * 2) / 3);

/** A workload and how to turn it into a graph. */
export interface WorkloadGraphRequest {
  workload: string;
  precision: OperandPrecision;
  /** Tile budget in bytes (--tile-bytes), null for one op per layer, or 'auto' to tile for `scratchpadBytes`. */
  tileBytes: number | null | 'auto';
  /** The scratchpad an 'auto' tile budget is for. */
  scratchpadBytes?: number;
  arch: ArchSpec | null;
  /** --input-shape: static shapes for an ONNX model's dynamic inputs. */
  inputShapes?: Map<string, number[]>;
}

/** Compute cycles of a layer on `arch` by the SCALE-Sim model; vector layers (pool, eltwise, ...) are not array
 *  work (0 cycles). */
export function layerCycles(arch: ArchSpec, layer: Layer): number {
  if (!isComputeLayer(layer)) return 0;
  return MODELS.scalesim(arch, layer, lowerLayer(layer), dataflowOf(arch.dataflow)).cycles;
}

/** DRAM bandwidth of an arch in bytes per cycle (words are operands of the arch's precision). */
export const archBytesPerCycle = (arch: ArchSpec): number => arch.dram.bandwidthWordsPerCycle * (OPERAND_BITS[arch.precision.operand] / 8);

/** Build the graph of a workload request. A tile budget below what one op of the workload needs is refused
 *  naming the smallest workable one; 'auto' takes 2/3 of the scratchpad, raised to that smallest budget when the
 *  scratchpad holds it, and refuses a scratchpad that does not. */
export function workloadGraph(req: WorkloadGraphRequest): Graph {
  const workload = loadWorkload(req.workload, { inputShapes: req.inputShapes });
  checkEdgeShapes(workload.layers, (i, key) => `${req.workload}: layers[${i}] (${workload.layers[i].name}).${key}`);
  const arch = req.arch;
  let tileBytes = req.tileBytes;
  if (tileBytes !== null) {
    const least = smallestTileBytes(workload, req.precision);
    const needs = `layer '${least.layer}' of ${workload.name} needs ${least.bytes} B in one op even split to one output row and one channel (its output, weights and input rows, ${req.precision})`;
    if (tileBytes === 'auto') {
      const pad = req.scratchpadBytes!;
      if (least.bytes > pad) throw new InputError(`--scratchpad ${formatBytes(pad)}`, `too small: ${needs}`, `give --scratchpad ${least.bytes} or more`);
      tileBytes = Math.max(defaultTileBytes(pad), least.bytes);
    } else if (tileBytes < least.bytes) {
      throw new InputError(`--tile-bytes ${tileBytes}`, `below what one op needs: ${needs}`, `give --tile-bytes ${least.bytes} or more`);
    }
  }
  return graphFromWorkload(workload, {
    precision: req.precision,
    tileBytes: tileBytes ?? undefined,
    budgetName: req.tileBytes === 'auto' ? `tile budget for --scratchpad ${formatBytes(req.scratchpadBytes!)}:` : '--tile-bytes',
    cycles: arch === null ? undefined : (layer) => layerCycles(arch, layer),
  });
}
