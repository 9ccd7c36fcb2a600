// A Systole workload as a `systole.graph/1`: one op per layer with its output tensor, its weight tensor and its
// operands' tensors, sizes from shapes and precision. With `tileBytes`, layers whose tensors are too large are
// split into row bands (and output-channel bands when the weights alone are too large); each tile op reads only
// the producer tiles its window needs (halo rows included), so the graph keeps its data dependencies exactly.
import type { Layer, OperandPrecision, Workload } from '../../spec/types.ts';
import { inputChannels, inputRows, layerGeometry, NETWORK_INPUT, type Block, type LayerGeometry } from './layer-geometry.ts';
import { alignRows, chooseTilings, type Tiling } from './tiling.ts';
import type { Graph, GraphOp, GraphTensor } from '../types.ts';

/** How a workload becomes a graph. */
export interface WorkloadGraphOptions {
  /** Operand precision (default int8: 1 byte per element; outputs are requantised to it). */
  precision?: OperandPrecision;
  /** Split layers so that every op's tensors take at most about this many bytes (default: no tiling). */
  tileBytes?: number;
  /** Compute cycles of a layer, when known; tiles get their share of output elements. */
  cycles?: (layer: Layer) => number | undefined;
}

const BITS: Record<OperandPrecision, number> = { int4: 4, int8: 8, int16: 16 };

/** Convert a workload to an operator graph (tiled when `tileBytes` is given). */
export function graphFromWorkload(workload: Workload, opts: WorkloadGraphOptions = {}): Graph {
  const bits = BITS[opts.precision ?? 'int8'];
  const bytesOf = (n: number) => Math.ceil((n * bits) / 8);
  const geo = new Map(workload.layers.map((l) => [l.name, layerGeometry(l)]));
  const input = networkInput(workload, geo);
  const tiles = new Map<string, Tiling>([[NETWORK_INPUT, { rows: 1, chans: 1 }], ...workload.layers.map((l) => [l.name, { rows: 1, chans: 1 }] as const)]);
  const build = () => buildGraph(workload, geo, input, tiles, bytesOf, opts.cycles);
  if (opts.tileBytes === undefined) return build().graph;
  for (const [name, t] of chooseTilings(workload, geo, input, bytesOf, opts.tileBytes)) tiles.set(name, t);
  for (let iter = 0; iter < 100; iter++) {
    const { graph, layerOf } = build();
    const over = new Set<string>();
    for (const op of graph.ops) {
      const ws = [...op.inputs, ...op.outputs].reduce((sum, t) => sum + graph.tensors[t].bytes, 0);
      if (ws > opts.tileBytes) over.add(layerOf.get(op.name)!);
    }
    let changed = false;
    for (const name of over) changed = split(tiles.get(name)!, geo.get(name)!.out) || changed;
    if (!changed) return graph;
    alignRows(workload, geo, input, tiles);
  }
  return build().graph;
}

/** One more row band (or channel band once every row is its own band); false when the layer cannot split further. */
function split(t: Tiling, out: Block): boolean {
  if (t.rows < out.rows) t.rows++;
  else if (t.chans < out.channels) t.chans++;
  else return false;
  return true;
}

/** Block of the network input: what the first layer reading it expects. */
function networkInput(workload: Workload, geo: Map<string, LayerGeometry>): Block | null {
  for (const l of workload.layers) if (geo.get(l.name)!.operands.some((o) => o.from === NETWORK_INPUT)) return geo.get(l.name)!.inBlock;
  return null;
}

/** [start, end) bands splitting n into k near-equal parts. */
export function bands(n: number, k: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < k; i++) out.push([Math.floor((i * n) / k), Math.floor(((i + 1) * n) / k)]);
  return out;
}

const overlapping = (bs: Array<[number, number]>, lo: number, hi: number): number[] =>
  bs.flatMap(([s, e], i) => (e > lo && s < hi ? [i] : []));

function buildGraph(
  workload: Workload,
  geo: Map<string, LayerGeometry>,
  input: Block | null,
  tiles: Map<string, Tiling>,
  bytesOf: (n: number) => number,
  cyclesOf: WorkloadGraphOptions['cycles'],
): { graph: Graph; layerOf: Map<string, string> } {
  // layerOf: tensor name → the layer owning it (NETWORK_INPUT for input tiles); op and output names coincide.
  const tensors: Record<string, GraphTensor> = {};
  const ops: GraphOp[] = [];
  const layerOf = new Map<string, string>();
  const consumed = new Set(workload.layers.flatMap((l) => geo.get(l.name)!.operands.map((o) => o.from)));
  const blockOf = (name: string): Block => (name === NETWORK_INPUT ? input! : geo.get(name)!.out);
  const rowBands = (name: string) => bands(blockOf(name).rows, tiles.get(name)!.rows);
  const chanBands = (name: string) => bands(blockOf(name).channels, tiles.get(name)!.chans);
  const tileName = (name: string, a: number, b: number) => {
    const base = name === NETWORK_INPUT ? 'input' : name;
    const t = tiles.get(name)!;
    return t.rows * t.chans === 1 ? base : `${base}#${a}.${b}`;
  };
  if (input !== null) {
    const w = input.width * input.channels;
    rowBands(NETWORK_INPUT).forEach(([s, e], a) => {
      tensors[tileName(NETWORK_INPUT, a, 0)] = { bytes: bytesOf((e - s) * w), kind: 'input' };
      layerOf.set(tileName(NETWORK_INPUT, a, 0), NETWORK_INPUT);
    });
  }
  for (const layer of workload.layers) {
    const g = geo.get(layer.name)!;
    const rb = rowBands(layer.name);
    const cb = chanBands(layer.name);
    const kind = consumed.has(layer.name) ? 'intermediate' : 'output';
    const cycles = cyclesOf?.(layer);
    const weightName = (b: number) => (cb.length === 1 ? `${layer.name}:w` : `${layer.name}:w#${b}`);
    if (g.weightPerChannel > 0) {
      cb.forEach(([s, e], b) => {
        tensors[weightName(b)] = { bytes: bytesOf(g.weightPerChannel * (e - s)), kind: 'weight' };
        layerOf.set(weightName(b), layer.name);
      });
    }
    rb.forEach(([r0, r1], a) =>
      cb.forEach(([c0, c1], b) => {
        const name = tileName(layer.name, a, b);
        tensors[name] = { bytes: bytesOf((r1 - r0) * g.out.width * (c1 - c0)), kind };
        const ins: string[] = [];
        for (const operand of g.operands) {
          const src = blockOf(operand.from);
          let [lo, hi] = [0, src.rows - 1];
          if (operand.role === 'a') {
            const [ilo, ihi] = inputRows(layer, r0, r1 - 1);
            const ratio = src.rows / g.inBlock.rows;
            lo = Math.floor(ilo * ratio);
            hi = Math.min(src.rows - 1, Math.ceil((ihi + 1) * ratio) - 1);
          }
          const [clo, chi] = inputChannels(layer, src.channels, c0, c1);
          for (const sa of overlapping(rowBands(operand.from), lo, hi + 1)) {
            for (const sb of overlapping(chanBands(operand.from), clo, chi)) {
              const t = tileName(operand.from, sa, sb);
              if (!ins.includes(t)) ins.push(t);
            }
          }
        }
        if (g.weightPerChannel > 0) ins.push(weightName(b));
        const op: GraphOp = { name, inputs: ins, outputs: [name] };
        if (cycles !== undefined) op.cycles = Math.round((cycles * (r1 - r0) * (c1 - c0)) / (g.out.rows * g.out.channels));
        ops.push(op);
        layerOf.set(name, layer.name);
      }),
    );
  }
  return { graph: { schema: 'systole.graph/1', name: workload.name, tensors, ops }, layerOf };
}
