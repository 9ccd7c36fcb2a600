// How many row bands × output-channel bands each layer is split into so that one tile op's tensors fit a byte
// budget. Per layer: an estimate of a tile's working set (output tile, weight tile, the input rows its window
// needs), minimising the number of tiles; then layers joined by row-wise edges get the same number of row bands
// so that the bands line up along the network (as in depth-first layer fusion).
import type { Workload } from '../../spec/types.ts';
import { elements, inputChannels, inputRows, NETWORK_INPUT, type Block, type LayerGeometry } from './layer-geometry.ts';

/** Tile counts of a layer: row bands × output-channel bands. */
export interface Tiling {
  rows: number;
  chans: number;
}

/** Share of the budget the estimate aims at, leaving room for halo rows and misaligned producer bands. */
const ESTIMATE_SHARE = 0.7;

/** Initial tilings of every layer (and of the network input, under NETWORK_INPUT). */
export function chooseTilings(workload: Workload, geo: Map<string, LayerGeometry>, input: Block | null, bytesOf: (n: number) => number, limit: number): Map<string, Tiling> {
  const tiles = new Map<string, Tiling>();
  const estimates = new Map<string, (r: number, f: number) => number>();
  const blockOf = (name: string): Block => (name === NETWORK_INPUT ? input! : geo.get(name)!.out);
  for (const layer of workload.layers) {
    const g = geo.get(layer.name)!;
    const estimate = (r: number, f: number): number => {
      const rb = Math.ceil(g.out.rows / r);
      const cb = Math.ceil(g.out.channels / f);
      let total = bytesOf(rb * g.out.width * cb) + bytesOf(g.weightPerChannel * cb);
      for (const op of g.operands) {
        const src = blockOf(op.from);
        const [c0, c1] = inputChannels(layer, src.channels, 0, cb);
        const chans = c1 - c0;
        let rows = src.rows;
        if (op.role === 'a') {
          const [lo, hi] = inputRows(layer, 0, rb - 1);
          rows = Math.min(src.rows, Math.ceil(((hi - lo + 1) * src.rows) / g.inBlock.rows) + 1);
        }
        total += bytesOf(rows * src.width * chans);
      }
      return total;
    };
    estimates.set(layer.name, estimate);
    tiles.set(layer.name, cheapest(g.out, estimate, limit * ESTIMATE_SHARE));
  }
  if (input !== null) tiles.set(NETWORK_INPUT, { rows: Math.min(input.rows, Math.max(1, Math.ceil(bytesOf(elements(input)) / (limit / 4)))), chans: 1 });
  alignRows(workload, geo, input, tiles);
  for (const layer of workload.layers) {
    const t = tiles.get(layer.name)!;
    const estimate = estimates.get(layer.name)!;
    const channels = geo.get(layer.name)!.out.channels;
    t.chans = 1;
    while (t.chans < channels && estimate(t.rows, t.chans) > limit * ESTIMATE_SHARE) t.chans = Math.min(channels, Math.max(t.chans + 1, Math.ceil(t.chans * 1.1)));
  }
  return tiles;
}

/** The tiling with the fewest tiles whose estimate is within `budget` (the smallest estimate if none is). */
function cheapest(out: Block, estimate: (r: number, f: number) => number, budget: number): Tiling {
  let best: Tiling | null = null;
  let fallback = { rows: out.rows, chans: out.channels };
  let fallbackEst = Infinity;
  for (let f = 1; f <= out.channels; f = Math.max(f + 1, Math.ceil(f * 1.1))) {
    if (estimate(out.rows, f) > budget) {
      const e = estimate(out.rows, f);
      if (e < fallbackEst) [fallback, fallbackEst] = [{ rows: out.rows, chans: f }, e];
      continue;
    }
    let lo = 1;
    let hi = out.rows;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (estimate(mid, f) <= budget) hi = mid;
      else lo = mid + 1;
    }
    if (best === null || lo * f < best.rows * best.chans || (lo * f === best.rows * best.chans && lo < best.rows)) best = { rows: lo, chans: f };
    if (lo === 1) break;
  }
  return best ?? fallback;
}

/** Give layers of the same resolution joined by row-wise edges (a consumer reading a row window of a producer
 *  with as many rows as its own output) the same number of row bands, the largest any of them wants, so that
 *  their bands line up; then give every producer at least as many row bands as its consumers, so that a consumer
 *  tile never fetches a much taller producer band than its window needs. */
export function alignRows(workload: Workload, geo: Map<string, LayerGeometry>, input: Block | null, tiles: Map<string, Tiling>): void {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const rowsOf = (name: string) => (name === NETWORK_INPUT ? input!.rows : geo.get(name)!.out.rows);
  for (const layer of workload.layers) {
    const g = geo.get(layer.name)!;
    for (const op of g.operands) if (op.role === 'a' && rowsOf(op.from) === g.out.rows) parent.set(find(op.from), find(layer.name));
  }
  const want = new Map<string, number>();
  for (const [name, t] of tiles) want.set(find(name), Math.max(want.get(find(name)) ?? 1, t.rows));
  for (const [name, t] of tiles) t.rows = Math.min(rowsOf(name), want.get(find(name))!);
  for (let i = workload.layers.length - 1; i >= 0; i--) {
    const layer = workload.layers[i];
    const g = geo.get(layer.name)!;
    const t = tiles.get(layer.name)!;
    for (const op of g.operands) {
      const p = tiles.get(op.from)!;
      if (op.role === 'a' && g.out.rows > 1) p.rows = Math.max(p.rows, Math.min(rowsOf(op.from), t.rows));
    }
  }
}
