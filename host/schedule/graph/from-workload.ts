// A Systole workload as a `systole.graph/1`: one op per layer with its output tensor, its weight tensor and its
// operands' tensors, sizes from shapes and precision. With `tileBytes`, layers whose tensors are too large are
// split into row bands (and output-channel bands when the weights alone are too large); each tile op reads only
// the producer tiles its window needs (halo rows included), so the graph keeps its data dependencies exactly.
import { OPERAND_BITS, type Layer, type OperandPrecision, type Workload } from '../../spec/types.ts';
import { layerGeometry, NETWORK_INPUT, type Block, type LayerGeometry } from './layer-geometry.ts';
import { bands, blockOf, fitTiles, operandRanges, smallestTileBudget, type TileContext } from './tile-fit.ts';
import { chooseTilings, type Tiling } from './tiling.ts';
import { InputError } from '../../errors.ts';
import type { Graph, GraphOp, GraphTensor } from '../types.ts';

/** How a workload becomes a graph. */
export interface WorkloadGraphOptions {
  /** Operand precision (default int8: 1 byte per element; outputs are requantised to it). */
  precision?: OperandPrecision;
  /** Split layers so that every op's tensors take at most about this many bytes (default: no tiling). */
  tileBytes?: number;
  /** How errors name the tile budget (default 'tile budget'), e.g. '--tile-bytes'. */
  budgetName?: string;
  /** Compute cycles of a layer, when known; tiles get their share of output elements. */
  cycles?: (layer: Layer) => number | undefined;
}

const BITS: Record<OperandPrecision, number> = OPERAND_BITS;

/** Convert a workload to an operator graph (tiled when `tileBytes` is given). Throws an InputError when
 *  `tileBytes` is below the smallest workable budget (see smallestTileBytes) or the tiling would be too large. */
export function graphFromWorkload(workload: Workload, opts: WorkloadGraphOptions = {}): Graph {
  const ctx = tileContext(workload, opts.precision);
  if (opts.tileBytes !== undefined) {
    const least = smallestTileBudget(ctx);
    if (opts.tileBytes < least.bytes) {
      throw new InputError(
        `${opts.budgetName ?? 'tile budget'} ${opts.tileBytes} B`,
        `below what one op of ${workload.name} needs: layer '${least.layer}' takes ${least.bytes} B even split to one output row and one channel (output, weights and input rows)`,
        `use a tile budget of at least ${least.bytes} B`,
      );
    }
    for (const [name, t] of chooseTilings(workload, ctx.geo, ctx.input, ctx.bytesOf, opts.tileBytes)) ctx.tiles.set(name, t);
    if (fitTiles(ctx, opts.tileBytes, MAX_OPERAND_TILES) > MAX_OPERAND_TILES) {
      throw new InputError(
        `${opts.budgetName ?? 'tile budget'} ${opts.tileBytes} B`,
        `splits ${workload.name} so finely that its tile ops would read more than ${MAX_OPERAND_TILES} producer tiles in all (too large to build and schedule)`,
        'use a larger tile budget',
      );
    }
  }
  return buildGraph(ctx, opts.cycles);
}

/** Most operand tiles (op inputs, summed over ops) a tiled graph may have: beyond it, building and scheduling the
 *  graph takes minutes and gigabytes. */
export const MAX_OPERAND_TILES = 2_000_000;

/** Smallest tile budget of a workload at a precision: the working set of its largest op when every layer is split
 *  to one output row and one channel. */
export function smallestTileBytes(workload: Workload, precision?: OperandPrecision): { bytes: number; layer: string } {
  return smallestTileBudget(tileContext(workload, precision));
}

function tileContext(workload: Workload, precision: OperandPrecision | undefined): TileContext {
  const bits = BITS[precision ?? 'int8'];
  const geo = new Map(workload.layers.map((l) => [l.name, layerGeometry(l)]));
  const input = networkInput(workload, geo);
  const tiles = new Map<string, Tiling>([[NETWORK_INPUT, { rows: 1, chans: 1 }], ...workload.layers.map((l) => [l.name, { rows: 1, chans: 1 }] as const)]);
  return { workload, geo, input, tiles, bytesOf: (n: number) => Math.ceil((n * bits) / 8) };
}

/** Block of the network input: what the first layer reading it expects. */
function networkInput(workload: Workload, geo: Map<string, LayerGeometry>): Block | null {
  for (const l of workload.layers) if (geo.get(l.name)!.operands.some((o) => o.from === NETWORK_INPUT)) return geo.get(l.name)!.inBlock;
  return null;
}

function buildGraph(ctx: TileContext, cyclesOf: WorkloadGraphOptions['cycles']): Graph {
  const { workload, geo, input, tiles, bytesOf } = ctx;
  const tensors: Record<string, GraphTensor> = {};
  const ops: GraphOp[] = [];
  const consumed = new Set(workload.layers.flatMap((l) => geo.get(l.name)!.operands.map((o) => o.from)));
  const rowBands = (name: string) => bands(blockOf(ctx, name).rows, tiles.get(name)!.rows);
  const chanBands = (name: string) => bands(blockOf(ctx, name).channels, name === NETWORK_INPUT ? 1 : tiles.get(name)!.chans);
  const tileName = (name: string, a: number, b: number) => {
    const base = name === NETWORK_INPUT ? 'input' : name;
    const t = tiles.get(name)!;
    return (name === NETWORK_INPUT ? t.rows : t.rows * t.chans) === 1 ? base : `${base}#${a}.${b}`;
  };
  if (input !== null) {
    const w = input.width * input.channels;
    rowBands(NETWORK_INPUT).forEach(([s, e], a) => (tensors[tileName(NETWORK_INPUT, a, 0)] = { bytes: bytesOf((e - s) * w), kind: 'input' }));
  }
  for (const layer of workload.layers) {
    const g = geo.get(layer.name)!;
    const cb = chanBands(layer.name);
    const kind = consumed.has(layer.name) ? 'intermediate' : 'output';
    const cycles = cyclesOf?.(layer);
    const weightName = (b: number) => (cb.length === 1 ? `${layer.name}:w` : `${layer.name}:w#${b}`);
    if (g.weightPerChannel > 0) cb.forEach(([s, e], b) => (tensors[weightName(b)] = { bytes: bytesOf(g.weightPerChannel * (e - s)), kind: 'weight' }));
    const shared = new Set(g.operands.map((o) => o.from)).size < g.operands.length;
    rowBands(layer.name).forEach(([r0, r1], a) =>
      cb.forEach(([c0, c1], b) => {
        const name = tileName(layer.name, a, b);
        tensors[name] = { bytes: bytesOf((r1 - r0) * g.out.width * (c1 - c0)), kind };
        const ins: string[] = [];
        for (const r of operandRanges(ctx, layer, r0, r1, c0, c1)) {
          for (let sa = r.a0; sa <= r.a1; sa++) for (let sb = r.b0; sb <= r.b1; sb++) ins.push(tileName(r.from, sa, sb));
        }
        if (g.weightPerChannel > 0) ins.push(weightName(b));
        const op: GraphOp = { name, inputs: shared ? [...new Set(ins)] : ins, outputs: [name] };
        if (cycles !== undefined) op.cycles = Math.round((cycles * (r1 - r0) * (c1 - c0)) / (g.out.rows * g.out.channels));
        ops.push(op);
      }),
    );
  }
  return { schema: 'systole.graph/1', name: workload.name, tensors, ops };
}
