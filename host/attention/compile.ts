// Cascade × arch × shape → the core's program: one op row per Einsum (kind, array, pass, costs, operand slots and
// producers, DRAM and global-buffer words per instance) and the memory plan (query blocks per unit, where the
// [p, m0] tensors live, global-buffer bytes). Everything the cascade asks that the machine cannot do is an InputError
// naming the Einsum.
import { DepKind, DramWhen, OpKind } from '../../assembly/shared/attention.ts';
import { InputError } from '../errors.ts';
import type { AttentionArchSpec } from '../spec/arch/attention-arch.ts';
import type { Cascade, Einsum, Rank } from './cascade.ts';
import { type AttentionShape, paddedSeq } from './shape.ts';

export interface CompiledOp {
  einsum: string;
  array: 0 | 1;
  kind: OpKind;
  pass: number; // 0-based
  /** Tile interleaving: at step k of the issue stream the op runs for tile k − stage. */
  stage: number;
  atEnd: boolean;
  cost: number;
  dst: number;
  a: number;
  b: number;
  accumulate: boolean;
  deps: [{ op: number; kind: DepKind; init: number }, { op: number; kind: DepKind; init: number }];
  isOutput: boolean;
  actions: { macs: number; maxes: number; adds: number; exps: number; divs: number };
  /** PE register words per element step: a MAC reads 3 (two operands and the partial sum) and writes 1, every other
   *  op reads 2 (its operands, or the running reduction and the new value) and writes 1 (the analytic model's rule,
   *  host/attention/analytic/einsum.ts). */
  registers: { reads: number; writes: number };
  dramRead: { words: number; when: DramWhen };
  dramRead2: { words: number; when: DramWhen };
  dramWrite: { words: number; when: DramWhen };
  gbRead: number;
  gbWrite: number;
  /** [p, m0] operand words read and result words written per instance: in the global buffer below key tile
   *  spillFromTile, in DRAM from there on. */
  tileRead: number;
  tileWrite: number;
  spillFromTile: number;
  /** Of tileRead/tileWrite, from key tile spillFromTile on (arch microarch.spill): words read from DRAM (the rest from
   *  the global buffer), words written to DRAM and to the global buffer. */
  spill: { read: number; writeDram: number; writeGb: number };
}

export interface MemoryPlan {
  /** Query blocks (of the 2D array's rows) per unit. */
  blocksPerUnit: number;
  /** Where [p, m0] tensors that leave the 2D array live (partial: the first scoreTilesOnChip key tiles of each row
   *  in the global buffer, the rest in DRAM). */
  scores: 'registers' | 'globalBuffer' | 'dram' | 'partial';
  scoreTilesOnChip: number;
  /** Key tiles outer inside each pass, K and V read once per unit (the binding's weightStationary switch). */
  weightStationary: boolean;
  /** Per-query state words (carried tensors) and whether they fit in a 1D PE's registers. */
  stateWords: number;
  stateInRegisters: boolean;
  /** Global-buffer bytes the plan reserves (derived from the plan; the run's simulated peak is the report's
   *  globalBuffer.peakBytes). */
  globalBufferPeakBytes: number;
}

export interface Program {
  ops: CompiledOp[];
  slots: { tiles: number; scalars: number; vectors: number };
  plan: MemoryPlan;
  passes: number;
  lag: number[];
  /** Tile order inside a pass: key tiles outer, the unit's query blocks inner (online order, weight-stationary). */
  keyTilesOuter: boolean;
}

type Kind = 'tile' | 'scalar' | 'vector' | 'Q' | 'K' | 'V';

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function rankKind(r: readonly Rank[]): Kind | null {
  if (same(r, ['p', 'm0'])) return 'tile';
  if (same(r, ['p'])) return 'scalar';
  if (same(r, ['p', 'f'])) return 'vector';
  if (same(r, ['p', 'e'])) return 'Q';
  if (same(r, ['m0', 'e'])) return 'K';
  if (same(r, ['m0', 'f'])) return 'V';
  return null;
}

/** The largest divisor of n that is at most cap (at least 1). */
function largestDivisorAtMost(n: number, cap: number): number {
  for (let d = Math.max(1, Math.min(n, Math.floor(cap))); d >= 1; d--) if (n % d === 0) return d;
  return 1;
}

export function compile(c: Cascade, arch: AttentionArchSpec, shape: AttentionShape, source: string): Program {
  const R = arch.array2d.rows;
  const C = arch.array2d.cols;
  const { qkDim: E, vDim: F } = shape;
  const { queries: P, keys: M } = paddedSeq(shape, arch); // whole tiles (the last ones masked where seq is ragged)
  const wordBytes = arch.operandBits / 8;
  const gbBytes = arch.globalBuffer.sizeKiB * 1024;
  const where = (e: Einsum) => `${source}: einsums.${e.name}`;
  const kindOf = new Map<string, Kind>();
  for (const [n, r] of Object.entries(c.inputs)) {
    const k = rankKind(r);
    if (k !== 'Q' && k !== 'K' && k !== 'V') throw new InputError(`${source}: inputs.${n}`, `ranks [${r}] are not [p, e], [m0, e] or [m0, f]`, 'give queries, keys and values');
    kindOf.set(n, k);
  }
  for (const e of c.einsums) {
    const k = rankKind(e.out);
    if (k !== 'tile' && k !== 'scalar' && k !== 'vector') throw new InputError(where(e), `output ranks [${e.out}] are not [p, m0], [p] or [p, f]`, 'fix out:');
    kindOf.set(e.name, k);
  }
  for (const [n, s] of Object.entries(c.state)) kindOf.set(n, kindOf.get(s.from)!);

  // value slots per kind (state tensors share their producer's slot: they are its previous key tile's value)
  const slotOf = new Map<string, number>();
  const counts = { tile: 0, scalar: 0, vector: 0 };
  for (const e of c.einsums) {
    const k = kindOf.get(e.name) as 'tile' | 'scalar' | 'vector';
    slotOf.set(e.name, counts[k]++);
  }
  const index = new Map(c.einsums.map((e, i) => [e.name, i]));
  const stateWords = Object.values(c.state).reduce((s, st) => s + (kindOf.get(st.from) === 'vector' ? F : 1), 0);
  const stateInRegisters = stateWords <= arch.array1d.registerWords;

  // memory plan
  const blocksPerHead = P / R;
  const kvTileWords = C * (E + F);
  let blocks = 1;
  let scores: MemoryPlan['scores'] = 'registers';
  const M1 = M / C;
  let tilesOnChip = M1;
  let gbWords = 0;
  let weightStationary = false;
  if (c.binding.unit === 'fusemax') {
    // proposal.py: blocks whose Q and state fit beside the K/V tiles (two here: the next one is prefetched)
    const perQuery = E + stateWords;
    blocks = largestDivisorAtMost(blocksPerHead, (gbBytes / wordBytes - 2 * kvTileWords) / (perQuery * R));
    gbWords = blocks * R * perQuery + 2 * kvTileWords + R * F;
  } else {
    const unitBlocks = c.binding.unit === 'head' ? blocksPerHead : c.binding.unit === 'block' ? 1 : 0;
    const inFlight = Math.max(...c.binding.lag) + 1;
    const fits = (b: number) => inFlight * b * R * M + b * R * (E + F) + 2 * kvTileWords <= gbBytes / wordBytes;
    blocks = unitBlocks > 0 ? unitBlocks : fits(blocksPerHead) ? blocksPerHead : 1; // flat: head if it fits, else rows
    // scores on chip as far as they fit: whole rows of key tiles, or the first tilesOnChip tiles of each row
    const room = gbBytes / wordBytes - blocks * R * (E + F) - 2 * kvTileWords;
    tilesOnChip = c.binding.scores === 'dram' ? 0 : c.binding.scores === 'onchip' ? M1 : Math.max(0, Math.min(M1, Math.floor(room / (inFlight * blocks * R * C))));
    // FLAT's long rows (the FuseMax artifact's flat_validation.csv from 256K tokens: QK off chip, weight-stationary,
    // P1 = 1024): when less than `below` of a block's row fits, units of `rows` queries share each K and V tile
    const ws = c.binding.weightStationary;
    if (ws && tilesOnChip < ws.below * M1) {
      weightStationary = true;
      // as many blocks as `rows` asks and the buffer holds (each block's Q and output beside two K/V tiles)
      blocks = largestDivisorAtMost(blocksPerHead, Math.min(ws.rows / R, (gbBytes / wordBytes - 2 * kvTileWords) / (R * (E + F))));
      tilesOnChip = 0;
    }
    scores = tilesOnChip === M1 ? 'globalBuffer' : tilesOnChip === 0 ? 'dram' : 'partial';
    gbWords = inFlight * blocks * R * C * tilesOnChip + blocks * R * (E + F) + 2 * kvTileWords;
  }

  const ops: CompiledOp[] = c.einsums.map((e) => {
    const array = c.binding.arrays[e.name] === '2d' ? 0 : 1;
    const pass = c.binding.passes[e.name] - 1;
    const operands = e.of.map((n) => ({ name: n, kind: kindOf.get(n)! }));
    const ks = operands.map((o) => o.kind).join(',');
    const out = kindOf.get(e.name)!;
    const unsupported = () =>
      new InputError(where(e), `${e.map ?? ''}${e.reduce ? ` reduce ${e.reduce.op} over ${e.reduce.rank}` : ''} of [${ks}] on the ${array === 0 ? '2d' : '1d'} array is not an operation the machine has`, 'bind it to the other array or rewrite it');
    let kind: OpKind;
    let cost = 1;
    const actions = { macs: 0, maxes: 0, adds: 0, exps: 0, divs: 0 };
    const expCycles = array === 0 ? arch.array2d.expCycles : arch.array1d.expCycles;
    const exp = () => {
      cost = expCycles;
      if (expCycles > 1) {
        actions.macs = expCycles - 1; // a polynomial on the MAC unit (FuseMax: 6 MACs + 1 add)
        actions.adds = 1;
      } else {
        actions.exps = 1; // an exponential unit
        actions.adds = 1; // the subtraction (stable_softmax.py SN: add 1, exponential 1)
      }
    };
    const red = e.reduce;
    if (red && e.map === 'multiply' && red.op === 'sum' && red.rank === 'e' && ks === 'Q,K' && out === 'tile' && array === 0) {
      kind = OpKind.Qk;
      actions.macs = 1;
    } else if (red && e.map === 'multiply' && red.op === 'sum' && red.rank !== 'e' && ks === 'tile,V' && out === 'vector' && array === 0) {
      kind = OpKind.Pv;
      actions.macs = 1;
    } else if (red && !e.map && red.rank !== 'e' && ks === 'tile' && out === 'scalar') {
      kind = array === 0 ? (red.op === 'max' ? OpKind.RowMax : OpKind.RowSum) : red.op === 'max' ? OpKind.Red1Max : OpKind.Red1Sum;
      if (red.op === 'max') actions.maxes = 1;
      else actions.adds = 1;
    } else if (!red && e.map === 'exp_diff' && ks === 'tile,scalar' && out === 'tile') {
      kind = array === 0 ? OpKind.ExpDiff2 : OpKind.ExpDiff1T;
      exp();
    } else if (!red && e.map === 'divide' && ks === 'tile,scalar' && out === 'tile' && array === 1) {
      kind = OpKind.Div1T;
      cost = arch.array1d.divideCycles;
      actions.divs = 1;
    } else if (!red && ks === 'scalar,scalar' && out === 'scalar' && array === 1) {
      const m = { max: OpKind.SMax, add: OpKind.SAdd, multiply: OpKind.SMul, exp_diff: OpKind.SExpDiff, divide: OpKind.SDiv } as const;
      kind = m[e.map!];
      if (e.map === 'exp_diff') exp();
      else if (e.map === 'divide') [cost, actions.divs] = [arch.array1d.divideCycles, 1];
      else if (e.map === 'max') actions.maxes = 1;
      else if (e.map === 'add') actions.adds = 1;
      else actions.macs = 1;
    } else if (!red && ks === 'vector,scalar' && out === 'vector' && array === 1 && (e.map === 'multiply' || e.map === 'divide')) {
      kind = e.map === 'multiply' ? OpKind.VMulS : OpKind.VDivS;
      if (e.map === 'divide') [cost, actions.divs] = [arch.array1d.divideCycles, 1];
      else actions.macs = 1;
    } else if (!red && ks === 'vector,vector' && out === 'vector' && array === 1 && e.map === 'add') {
      kind = OpKind.VAdd;
      actions.adds = 1;
    } else {
      throw unsupported();
    }
    if (kind === OpKind.Qk || kind === OpKind.Pv) {
      if (red && red.rank === 'm0' && c.binding.order === 'passes' && kind === OpKind.Pv) throw new InputError(where(e), 'a pass binding accumulates AV over all keys', 'reduce over rank m');
    }

    // operands → slot and producer
    const deps: CompiledOp['deps'] = [
      { op: -1, kind: DepKind.None, init: 0 },
      { op: -1, kind: DepKind.None, init: 0 },
    ];
    const slots = [0, 0];
    const valueOperands = operands.filter((o) => o.kind !== 'Q' && o.kind !== 'K' && o.kind !== 'V');
    valueOperands.forEach((o, i) => {
      const st = c.state[o.name];
      const producer = st ? st.from : o.name;
      const p = index.get(producer)!;
      const pe = c.einsums[p];
      const pPass = c.binding.passes[producer] - 1;
      slots[i] = slotOf.get(producer)!;
      let dk: DepKind;
      if (st) dk = DepKind.PrevTile;
      else if (pPass < pass) dk = DepKind.EarlierPass;
      else if (pPass > pass) throw new InputError(where(e), `reads ${o.name} from a later pass`, 'put it in the same or a later pass');
      else if (e.at === 'end' && pe.at === 'tile') dk = DepKind.LastTile;
      else if (e.at === 'tile' && pe.at === 'end') throw new InputError(where(e), `reads ${o.name}, which runs after the last key tile`, 'move it to at: end');
      else dk = DepKind.SameTile;
      if (array === 0 && kindOf.get(producer) === 'tile' && c.binding.arrays[producer] === '1d' && c.binding.order === 'online') {
        throw new InputError(where(e), `reads the tile ${o.name} back from the 1D array`, 'bind tile Einsums of an online cascade to the 2D array');
      }
      deps[i] = { op: p, kind: dk, init: st ? st.init : 0 };
    });

    // DRAM and global-buffer words per instance
    const none = { words: 0, when: DramWhen.Every };
    let dramRead = { ...none };
    let dramRead2 = { ...none };
    let dramWrite = { ...none };
    let gbRead = 0;
    let gbWrite = 0;
    let tileRead = 0;
    let tileWrite = 0;
    const kvWhen = c.binding.order === 'online' || weightStationary ? DramWhen.FirstBlock : DramWhen.Every;
    if (kind === OpKind.Qk) {
      dramRead = { words: C * E, when: kvWhen };
      dramRead2 = { words: R * E, when: DramWhen.FirstTile };
      gbRead += R * E + C * E;
    }
    if (kind === OpKind.Pv) {
      dramRead = { words: C * F, when: kvWhen };
      gbRead += C * F;
    }
    const leaves = (k: Kind, arr: number) => k === 'tile' && (c.binding.order === 'passes' || arr === 1);
    // spilled tiles: per-pass, every read and write goes to DRAM; artifact, only what crosses a pass does (a reader
    // in the producer's pass takes the tile from the global buffer as it is produced)
    const perPass = arch.microarch.spill === 'per-pass';
    const spill = { read: 0, writeDram: 0, writeGb: 0 };
    for (const o of valueOperands) {
      const producer = c.state[o.name]?.from ?? o.name;
      const k = kindOf.get(producer)!;
      if (leaves(k, array)) {
        tileRead += R * C;
        if (perPass || c.binding.passes[producer] - 1 < pass) spill.read += R * C;
      } else if (array === 1 && c.state[o.name] && !stateInRegisters) gbRead += R * (k === 'vector' ? F : 1);
    }
    if (leaves(out, array)) {
      tileWrite += R * C;
      const readers = c.einsums.filter((x) => x.of.includes(e.name)).map((x) => c.binding.passes[x.name] - 1);
      if (perPass || readers.some((p) => p > pass)) spill.writeDram += R * C;
      if (!perPass && readers.some((p) => p === pass)) spill.writeGb += R * C;
    }
    if (array === 1 && !stateInRegisters && Object.values(c.state).some((s) => s.from === e.name)) gbWrite += R * (out === 'vector' ? F : 1);
    const isOutput = e.name === c.output;
    if (isOutput) {
      dramWrite = { words: R * F, when: e.at === 'end' ? DramWhen.Every : DramWhen.LastTile };
      gbWrite += e.at === 'end' ? R * F : 0;
    }
    return {
      einsum: e.name,
      array,
      kind,
      pass,
      stage: e.at === 'end' ? 0 : c.binding.stages[e.name],
      atEnd: e.at === 'end',
      cost,
      dst: slotOf.get(e.name)!,
      a: slots[0],
      b: slots[1],
      accumulate: red !== null && red.rank === 'm',
      deps,
      isOutput,
      actions,
      dramRead,
      dramRead2,
      dramWrite,
      gbRead,
      gbWrite,
      tileRead,
      tileWrite,
      spillFromTile: tilesOnChip,
      spill,
      registers: { reads: kind === OpKind.Qk || kind === OpKind.Pv || kind === OpKind.SMul || kind === OpKind.VMulS ? 3 : 2, writes: 1 },
    } satisfies CompiledOp;
  });
  // each 2D PE holds one word per [p, m0] tensor the 2D array produces and per tile in flight between its producer's
  // stage and its last reader's (tile interleaving), plus its two streaming operand registers
  const stageOf = (n: string) => c.binding.stages[n] ?? 0;
  const tileRegs =
    c.einsums
      .filter((e) => kindOf.get(e.name) === 'tile' && c.binding.arrays[e.name] === '2d')
      .reduce((sum, e) => sum + 1 + Math.max(0, ...c.einsums.filter((x) => x.of.includes(e.name)).map((x) => stageOf(x.name) - stageOf(e.name))), 0) + 2;
  if (tileRegs > arch.array2d.registerWords) {
    throw new InputError(`${source}: binding`, `needs ${tileRegs} registers per 2D PE, ${arch.name} has ${arch.array2d.registerWords}`, 'bind fewer [p, m0] Einsums to the 2D array, or use an arch with more registers');
  }
  if (c.binding.order === 'online' && ops.some((o) => o.array === 0 && o.kind !== OpKind.Qk && o.kind !== OpKind.Pv && o.kind !== OpKind.RowMax && o.kind !== OpKind.RowSum && o.kind !== OpKind.ExpDiff2)) {
    throw new InputError(`${source}: binding`, 'an online cascade runs only Qk, row reductions, exp and Pv on the 2D array', 'rebind');
  }
  return {
    ops,
    slots: { tiles: counts.tile, scalars: counts.scalar, vectors: counts.vector },
    plan: { blocksPerUnit: blocks, scores, scoreTilesOnChip: tilesOnChip, weightStationary, stateWords, stateInRegisters, globalBufferPeakBytes: gbWords * wordBytes },
    passes: c.binding.lag.length,
    lag: c.binding.lag,
    keyTilesOuter: c.binding.order === 'online' || weightStationary,
  };
}
