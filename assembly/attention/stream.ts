// The issue stream of one array: the op instances it runs, in order, generated lazily from the binding.
//
//   for slot s = 0 .. units − 1 + maxLag:
//     for each pass n, older units first (lag descending, then n):  unit u = s − lag[n]  (skipped when out of range)
//       region (u, n), phase 0: steps k = 0 .. blocks·tiles − 1 + maxStage; at step k each op of pass n on this
//                               array, in the binding's order of stages (stage 0 first), then of Einsums, runs for
//                               tile k − stage (skipped outside 0 .. blocks·tiles − 1): with stages, the next tiles'
//                               early Einsums are issued before this tile's late ones (tile interleaving). Online
//                               order: tile → (q = tile mod blocks, m1 = tile div blocks) (key tiles outer), else
//                               tile → (q = tile div tiles, m1 = tile mod tiles)
//                      phase 1: for q: the pass's ops that run once per query block, after its last key tile
import { Cfg, MAX_OPS, MAX_PASSES, OpField } from '../shared/attention';

export class Plan {
  units: i32 = 1; // batch × heads × units per head
  unitsPerHead: i32 = 1;
  blocks: i32 = 1; // query blocks per unit
  tiles: i32 = 1; // key tiles (M1)
  realQueries: i32 = 1; // the sequence before padding to whole blocks and tiles (the rest is masked)
  realKeys: i32 = 1;
  raggedRows: bool = false; // the last query block of each head is partly padding
  passes: i32 = 1;
  online: bool = true;
  maxLag: i32 = 0;
  maxStage: i32 = 0;
  nOps: i32 = 0;
  ops: usize = 0; // OpField rows
  passOrder: StaticArray<i32> = new StaticArray<i32>(MAX_PASSES);
  lag: StaticArray<i32> = new StaticArray<i32>(MAX_PASSES);
  /** lists[(array·MAX_PASSES + pass)·2 + phase] = op indices, in binding order. */
  lists: Array<Array<i32>> = [];
}

export const PLAN = new Plan();

@inline export function opField(o: i32, f: OpField): f64 {
  return load<f64>(PLAN.ops + ((<usize>o * <usize>OpField.COUNT + <usize>f) << 3));
}

export function opPtr(o: i32): usize {
  return PLAN.ops + ((<usize>o * <usize>OpField.COUNT) << 3);
}

let CFGP: usize = 0;
function c(k: Cfg): i32 {
  return <i32>load<f64>(CFGP + (<usize>k << 3));
}

export function buildPlan(cfg: usize, ops: usize): void {
  CFGP = cfg;
  const p = PLAN;
  const blocksPerHead = c(Cfg.Queries) / c(Cfg.Rows);
  p.blocks = c(Cfg.BlocksPerUnit);
  p.unitsPerHead = blocksPerHead / p.blocks;
  p.units = c(Cfg.Heads) * p.unitsPerHead;
  p.tiles = c(Cfg.Keys) / c(Cfg.Cols);
  p.realQueries = c(Cfg.RealQueries);
  p.realKeys = c(Cfg.RealKeys);
  p.raggedRows = p.realQueries < c(Cfg.Queries);
  p.passes = c(Cfg.Passes);
  p.online = c(Cfg.OnlineOrder) == 1;
  p.nOps = c(Cfg.Ops);
  p.ops = ops;
  p.maxLag = 0;
  p.maxStage = 0;
  for (let o = 0; o < p.nOps; o++) p.maxStage = max(p.maxStage, <i32>opField(o, OpField.Stage));
  for (let n = 0; n < p.passes; n++) {
    p.lag[n] = c(<Cfg>(<i32>Cfg.Lag + n));
    if (p.lag[n] > p.maxLag) p.maxLag = p.lag[n];
  }
  // passes ordered by lag descending, then by number
  let i = 0;
  for (let l = p.maxLag; l >= 0; l--) for (let n = 0; n < p.passes; n++) if (p.lag[n] == l) p.passOrder[i++] = n;
  p.lists = [];
  for (let a = 0; a < 2; a++) {
    for (let n = 0; n < MAX_PASSES; n++) {
      for (let ph = 0; ph < 2; ph++) {
        const l: Array<i32> = [];
        for (let st = 0; st <= p.maxStage; st++) {
          for (let o = 0; o < p.nOps; o++) {
            if (<i32>opField(o, OpField.Stage) != st) continue;
            if (<i32>opField(o, OpField.Array) == a && <i32>opField(o, OpField.Pass) == n && <i32>opField(o, OpField.AtEnd) == ph) l.push(o);
          }
        }
        p.lists.push(l);
      }
    }
  }
  assert(p.nOps <= MAX_OPS);
}

@inline function list(a: i32, pass: i32, phase: i32): Array<i32> {
  return unchecked(PLAN.lists[(a * MAX_PASSES + pass) * 2 + phase]);
}

/** A position in one array's issue stream. */
export class Cursor {
  array: i32 = 0;
  s: i32 = 0; // slot
  pi: i32 = 0; // index into passOrder
  u: i32 = 0;
  pass: i32 = 0;
  phase: i32 = 0;
  k: i32 = 0; // step (phase 0: the tile of stage-0 ops) or query block (phase 1) within the region
  li: i32 = 0; // index into the op list
  finished: bool = false;

  copyFrom(o: Cursor): void {
    this.array = o.array;
    this.s = o.s;
    this.pi = o.pi;
    this.u = o.u;
    this.pass = o.pass;
    this.phase = o.phase;
    this.k = o.k;
    this.li = o.li;
    this.finished = o.finished;
  }

  start(array: i32): void {
    this.array = array;
    this.s = 0;
    this.pi = 0;
    this.phase = 0;
    this.k = 0;
    this.li = 0;
    this.finished = false;
    this.settle();
  }

  /** The op index at the cursor. */
  @inline op(): i32 {
    return unchecked(list(this.array, this.pass, this.phase)[this.li]);
  }
  /** Tile (phase 0) or query block (phase 1) of the instance at the cursor. */
  @inline tile(): i32 {
    return this.phase == 1 ? this.k : this.k - <i32>opField(this.op(), OpField.Stage);
  }
  /** Query block of the instance at the cursor. */
  q(): i32 {
    if (this.phase == 1) return this.k;
    const t = this.tile();
    return PLAN.online ? t % PLAN.blocks : t / PLAN.tiles;
  }
  /** Key tile of the instance at the cursor (PLAN.tiles for the once-per-block ops). */
  m1(): i32 {
    if (this.phase == 1) return PLAN.tiles;
    const t = this.tile();
    return PLAN.online ? t / PLAN.blocks : t % PLAN.tiles;
  }
  /** Instances (tiles or query blocks) of the region. */
  regionSize(): i32 {
    return this.phase == 0 ? PLAN.blocks * PLAN.tiles : PLAN.blocks;
  }
  /** Steps of the region (phase 0: the tiles and the stages draining after the last one). */
  regionSteps(): i32 {
    return this.phase == 0 ? PLAN.blocks * PLAN.tiles + PLAN.maxStage : PLAN.blocks;
  }
  /** Identity of the instance at the cursor, unique over the run (also the done table's stamp). */
  id(): f64 {
    return instanceId(this.u, this.pass, this.phase, this.tile());
  }

  next(): void {
    this.li++;
    this.settle();
  }

  // Moves forward to the first valid instance at or after the current position.
  private settle(): void {
    const p = PLAN;
    for (;;) {
      if (this.s >= p.units + p.maxLag) {
        this.finished = true;
        return;
      }
      this.pass = p.passOrder[this.pi];
      this.u = this.s - p.lag[this.pass];
      if (this.u >= 0 && this.u < p.units) {
        const l = list(this.array, this.pass, this.phase);
        if (this.li < l.length && this.k < this.regionSteps()) {
          const t = this.tile();
          if (t >= 0 && t < this.regionSize()) return;
          this.li++; // a stage's tile before the first or after the last
          continue;
        }
        if (l.length > 0 && this.k < this.regionSteps() - 1) {
          this.k++;
          this.li = 0;
          continue;
        }
        if (this.phase == 0) {
          this.phase = 1;
          this.k = 0;
          this.li = 0;
          continue;
        }
      }
      this.phase = 0;
      this.k = 0;
      this.li = 0;
      this.pi++;
      if (this.pi >= p.passes) {
        this.pi = 0;
        this.s++;
      }
    }
  }
}

/** Unique id of an instance: (unit, pass) region, then tile k (phase 0) or blocks·tiles + q (phase 1). */
export function instanceId(u: i32, pass: i32, phase: i32, k: i32): f64 {
  const per = <f64>(PLAN.blocks * PLAN.tiles + PLAN.blocks);
  return (<f64>u * <f64>PLAN.passes + <f64>pass) * per + (phase == 0 ? <f64>k : <f64>(PLAN.blocks * PLAN.tiles + k));
}

/** Tile k of a region for query block q and key tile m1. */
export function tileK(q: i32, m1: i32): i32 {
  return PLAN.online ? m1 * PLAN.blocks + q : q * PLAN.tiles + m1;
}
