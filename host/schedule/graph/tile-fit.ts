// Working sets of tile ops computed from the tilings alone (no graph is built): what one tile of a layer reads
// and writes, the smallest tile budget a workload allows (every layer split to one output row × one channel), and
// the fitting loop that splits layers until every tile op is within the budget. The graph builder
// (from-workload.ts) uses the same band arithmetic, so the numbers here are the graph's.
import type { Layer, Workload } from '../../spec/types.ts';
import { inputChannels, inputRows, NETWORK_INPUT, type Block, type LayerGeometry } from './layer-geometry.ts';
import { alignRows, type Tiling } from './tiling.ts';

/** [start, end) bands splitting n into k near-equal parts (k <= n). */
export function bands(n: number, k: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < k; i++) out.push([Math.floor((i * n) / k), Math.floor(((i + 1) * n) / k)]);
  return out;
}

/** Index of the band of `bands(n, k)` holding position `x` (0 <= x < n): the largest i with floor(i·n/k) <= x. */
export const bandOf = (n: number, k: number, x: number): number => Math.ceil(((x + 1) * k) / n) - 1;

/** The rectangle of producer tiles (row bands a0..a1, channel bands b0..b1, inclusive) one operand needs. */
export interface TileRange {
  from: string;
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** Everything the fitting loop and the graph builder share. */
export interface TileContext {
  workload: Workload;
  geo: Map<string, LayerGeometry>;
  input: Block | null;
  tiles: Map<string, Tiling>;
  bytesOf: (elements: number) => number;
}

export const blockOf = (ctx: TileContext, name: string): Block => (name === NETWORK_INPUT ? ctx.input! : ctx.geo.get(name)!.out);

/** Producer tiles read by output rows [r0, r1) × channels [c0, c1) of `layer`, one range per operand (empty
 *  operands, e.g. a window entirely in padding, are left out). */
export function operandRanges(ctx: TileContext, layer: Layer, r0: number, r1: number, c0: number, c1: number): TileRange[] {
  const g = ctx.geo.get(layer.name)!;
  const out: TileRange[] = [];
  for (const operand of g.operands) {
    const src = blockOf(ctx, operand.from);
    const t = ctx.tiles.get(operand.from)!;
    let [lo, hi] = [0, src.rows - 1];
    if (operand.role === 'a') {
      const [ilo, ihi] = inputRows(layer, r0, r1 - 1);
      const ratio = src.rows / g.inBlock.rows;
      lo = Math.floor(ilo * ratio);
      hi = Math.min(src.rows - 1, Math.ceil((ihi + 1) * ratio) - 1);
    }
    const [clo, chi] = inputChannels(layer, src.channels, c0, c1);
    if (lo > hi || clo >= chi) continue;
    const chans = operand.from === NETWORK_INPUT ? 1 : t.chans;
    out.push({ from: operand.from, a0: bandOf(src.rows, t.rows, lo), a1: bandOf(src.rows, t.rows, hi), b0: bandOf(src.channels, chans, clo), b1: bandOf(src.channels, chans, chi - 1) });
  }
  return out;
}

/** Prefix sums of a producer's tile bytes over its (row band, channel band) grid, cached per tiling. */
class TileSums {
  private cache = new Map<string, { key: string; cols: number; sum: Float64Array }>();

  constructor(private readonly ctx: TileContext) {}

  /** Bytes of the tiles in a range. */
  bytes(r: TileRange): number {
    const { cols, sum } = this.table(r.from);
    const at = (a: number, b: number) => sum[a * (cols + 1) + b];
    return at(r.a1 + 1, r.b1 + 1) - at(r.a0, r.b1 + 1) - at(r.a1 + 1, r.b0) + at(r.a0, r.b0);
  }

  private table(from: string): { cols: number; sum: Float64Array } {
    const t = this.ctx.tiles.get(from)!;
    const chans = from === NETWORK_INPUT ? 1 : t.chans;
    const key = `${t.rows}x${chans}`;
    const hit = this.cache.get(from);
    if (hit !== undefined && hit.key === key) return hit;
    const src = blockOf(this.ctx, from);
    const rb = bands(src.rows, t.rows);
    const cb = bands(src.channels, chans);
    const sum = new Float64Array((rb.length + 1) * (cb.length + 1));
    const w = cb.length + 1;
    rb.forEach(([r0, r1], a) =>
      cb.forEach(([c0, c1], b) => {
        const v = this.ctx.bytesOf((r1 - r0) * src.width * (c1 - c0));
        sum[(a + 1) * w + b + 1] = v + sum[a * w + b + 1] + sum[(a + 1) * w + b] - sum[a * w + b];
      }),
    );
    const entry = { key, cols: cb.length, sum };
    this.cache.set(from, entry);
    return entry;
  }
}

/** Largest working set of a tile op of `layer` and its number of operand tiles in all, under the current tilings.
 *  Stops early (edges > cap, maxBytes Infinity) once the layer alone reads more than `cap` operand tiles. */
export function layerLoad(ctx: TileContext, sums: TileSums, layer: Layer, cap = Infinity): { maxBytes: number; edges: number } {
  const g = ctx.geo.get(layer.name)!;
  const t = ctx.tiles.get(layer.name)!;
  const rb = bands(g.out.rows, t.rows);
  const cb = bands(g.out.channels, t.chans);
  const shared = new Set(g.operands.map((o) => o.from)).size < g.operands.length;
  let maxBytes = 0;
  let edges = 0;
  for (const [r0, r1] of rb) {
    for (const [c0, c1] of cb) {
      let ws = ctx.bytesOf((r1 - r0) * g.out.width * (c1 - c0)) + (g.weightPerChannel > 0 ? ctx.bytesOf(g.weightPerChannel * (c1 - c0)) : 0);
      const ranges = operandRanges(ctx, layer, r0, r1, c0, c1);
      if (shared) {
        const seen = new Set<string>();
        for (const r of ranges) {
          for (let a = r.a0; a <= r.a1; a++) {
            for (let b = r.b0; b <= r.b1; b++) {
              const id = `${r.from}#${a}.${b}`;
              if (seen.has(id)) continue;
              seen.add(id);
              ws += sums.bytes({ from: r.from, a0: a, a1: a, b0: b, b1: b });
            }
          }
        }
        edges += seen.size;
      } else {
        for (const r of ranges) {
          ws += sums.bytes(r);
          edges += (r.a1 - r.a0 + 1) * (r.b1 - r.b0 + 1);
        }
      }
      maxBytes = Math.max(maxBytes, ws);
      if (edges > cap) return { maxBytes: Infinity, edges };
    }
  }
  return { maxBytes, edges };
}

/** The smallest tile budget of a workload: the largest working set of any layer with every layer (and the
 *  network input, by rows) split as finely as the graph allows. Returns the bytes and the layer that needs them. */
export function smallestTileBudget(ctx: TileContext): { bytes: number; layer: string } {
  const saved = new Map([...ctx.tiles].map(([k, v]) => [k, { ...v }]));
  for (const [name, t] of ctx.tiles) {
    const b = blockOf(ctx, name);
    t.rows = b.rows;
    t.chans = name === NETWORK_INPUT ? 1 : b.channels;
  }
  // At this tiling every tile is one row by one channel (the network input: one row of every channel).
  const tileBytes = (from: string) => ctx.bytesOf(blockOf(ctx, from).width * (from === NETWORK_INPUT ? ctx.input!.channels : 1));
  let worst = { bytes: 0, layer: '' };
  for (const layer of ctx.workload.layers) {
    const g = ctx.geo.get(layer.name)!;
    // Every tile is one row × one channel; rows differ at the borders (padding), channels do not (groups are equal).
    let bytes = 0;
    for (let r = 0; r < g.out.rows; r++) {
      let ws = ctx.bytesOf(g.out.width) + (g.weightPerChannel > 0 ? ctx.bytesOf(g.weightPerChannel) : 0);
      for (const x of operandRanges(ctx, layer, r, r + 1, 0, 1)) ws += (x.a1 - x.a0 + 1) * (x.b1 - x.b0 + 1) * tileBytes(x.from);
      bytes = Math.max(bytes, ws);
    }
    if (bytes > worst.bytes) worst = { bytes, layer: layer.name };
  }
  for (const [k, v] of saved) Object.assign(ctx.tiles.get(k)!, v);
  return worst;
}

/** Split layers whose largest tile op exceeds `limit` until none does (or none can split further), aligning row
 *  bands along the network after every round. First rounds add one band per layer and round (row bands first,
 *  then channel bands), which keeps tiles as large as the alignment allows; after STEP_ROUNDS, each over-budget
 *  layer jumps to the fewest bands that fit with its producers held fixed. Returns the operand-tile count of the
 *  final tiling (the graph's edges), or Infinity as soon as it exceeds `maxEdges`. */
export function fitTiles(ctx: TileContext, limit: number, maxEdges: number): number {
  const sums = new TileSums(ctx);
  const total = (): number => {
    let edges = 0;
    for (const layer of ctx.workload.layers) edges += layerLoad(ctx, sums, layer, maxEdges - edges).edges;
    return edges;
  };
  for (let round = 0; round < STEP_ROUNDS + JUMP_ROUNDS; round++) {
    let changed = false;
    for (const layer of ctx.workload.layers) {
      if (layerLoad(ctx, sums, layer, maxEdges).maxBytes <= limit) continue;
      if (round < STEP_ROUNDS) changed = splitOnce(ctx.tiles.get(layer.name)!, ctx.geo.get(layer.name)!.out) || changed;
      else changed = splitToFit(ctx, sums, layer, limit, maxEdges) || changed;
    }
    if (!changed) break;
    alignRows(ctx.workload, ctx.geo, ctx.input, ctx.tiles);
    if (total() > maxEdges) return Infinity;
  }
  return total();
}

const STEP_ROUNDS = 100;
const JUMP_ROUNDS = 50;

/** One more row band (or channel band once every row is its own band); false when the layer cannot split further. */
function splitOnce(t: Tiling, out: Block): boolean {
  if (t.rows < out.rows) t.rows++;
  else if (t.chans < out.channels) t.chans++;
  else return false;
  return true;
}

/** The fewest extra row bands (then channel bands) that bring `layer` within `limit`, producers held fixed;
 *  binary searches (the working set shrinks, not always strictly, as bands are added), then single steps. */
function splitToFit(ctx: TileContext, sums: TileSums, layer: Layer, limit: number, maxEdges: number): boolean {
  const out = ctx.geo.get(layer.name)!.out;
  const t = ctx.tiles.get(layer.name)!;
  const before = { ...t };
  const fits = () => layerLoad(ctx, sums, layer, maxEdges).maxBytes <= limit;
  const search = (key: 'rows' | 'chans', max: number) => {
    let lo = t[key];
    let hi = max;
    t[key] = hi;
    if (!fits()) return false;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      t[key] = mid;
      if (fits()) hi = mid;
      else lo = mid + 1;
    }
    t[key] = lo;
    return true;
  };
  if (!search('rows', out.rows)) {
    t.rows = before.rows;
    if (!search('chans', out.channels)) t.chans = out.channels;
    search('rows', out.rows);
    if (!fits()) t.rows = out.rows;
  }
  return t.rows !== before.rows || t.chans !== before.chans;
}
