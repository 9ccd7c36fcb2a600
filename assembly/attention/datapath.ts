// Real fp32 values, register level. Only used when the host asks for values (`--verify`); the timing never depends
// on them (dense attention), and tests check that a run with values has the same counters as one without.
//
// Value storage (f32, allocated by allocValues):
//   inputs  Q[h][p][e], K[h][m][e], V[h][m][f]; output O[h][p][f]         (h = batch × head)
//   tiles   T[slot][q][i][m]     [p,m0] tensors of the unit's query blocks over all keys (the 2D PE registers of
//                                the tile being worked on; FLAT's score rows in the global buffer)
//   scalars S[slot][parity][q][i], vectors V[slot][parity][q][i][f]     per-query state; parity = key tile & 1
//
// 2D ops step their PE windows cycle by cycle (timing.ts gives the same windows in closed form): Qk's PE (i, j)
// does MAC e at cycle fi·i + sk·j + e; Pv's PE (i, j) multiplies for output f at cycle fi·i + ch·j + f and adds it to
// the partial sum passing along row i; a chain reduction visits column j at cycle j; the broadcast scalar reaches
// column j at cycle (C − 1 − j) when it enters at the row end.
import { DepKind, OpField, OpKind } from '../shared/attention';
import { M, log2Ceil, opCycles } from './timing';

export class Values {
  q: usize = 0;
  k: usize = 0;
  v: usize = 0;
  out: usize = 0;
  tiles: usize = 0;
  scalars: usize = 0;
  vectors: usize = 0;
  keys: i32 = 1; // M (padded to whole key tiles)
  realKeys: i32 = 1; // keys from realKeys on are padding: their scores are −∞
  queries: i32 = 1; // P
  blocks: i32 = 1; // query blocks per unit
  tileSlots: i32 = 0;
  scalarSlots: i32 = 0;
  vectorSlots: i32 = 0;
  /** Last cycle (from op start) at which a stepped 2D op had an active PE, +1: checked against opCycles() (timing.ts). */
  steppedCycles: i32 = 0;
}

export const V = new Values();

@inline function f32At(base: usize, idx: i64): f32 {
  return load<f32>(base + (<usize>idx << 2));
}
@inline function f32Set(base: usize, idx: i64, x: f32): void {
  store<f32>(base + (<usize>idx << 2), x);
}

function tileIdx(slot: i32, q: i32, i: i32, m: i32): i64 {
  return ((<i64>slot * V.blocks + q) * M.rows + i) * V.keys + m;
}
function scalarIdx(slot: i32, par: i32, q: i32, i: i32): i64 {
  return ((<i64>slot * 2 + par) * V.blocks + q) * M.rows + i;
}
function vectorIdx(slot: i32, par: i32, q: i32, i: i32, f: i32): i64 {
  return (((<i64>slot * 2 + par) * V.blocks + q) * M.rows + i) * M.f + f;
}

/** Where the current op instance is: head h, first query row of the block, block q in the unit, key tile m1 of M1. */
export class Where {
  h: i32 = 0;
  row0: i32 = 0;
  q: i32 = 0;
  m1: i32 = 0;
  tiles: i32 = 1;
}

// Parity an operand is read from, by how its producer is found; −1: the init value (carried state at m1 = 0).
function readParity(dep: DepKind, w: Where): i32 {
  if (dep == DepKind.PrevTile) return w.m1 == 0 ? -1 : (w.m1 - 1) & 1;
  if (dep == DepKind.LastTile || dep == DepKind.EarlierPass) return (w.tiles - 1) & 1;
  return w.m1 & 1;
}

function scalarOperand(op: usize, slotF: OpField, depF: OpField, initF: OpField, w: Where, i: i32): f32 {
  const par = readParity(<DepKind>(<i32>load<f64>(op + (<usize>depF << 3))), w);
  if (par < 0) return <f32>load<f64>(op + (<usize>initF << 3));
  return f32At(V.scalars, scalarIdx(<i32>load<f64>(op + (<usize>slotF << 3)), par, w.q, i));
}

function vectorOperand(op: usize, slotF: OpField, depF: OpField, initF: OpField, w: Where, i: i32, f: i32): f32 {
  const par = readParity(<DepKind>(<i32>load<f64>(op + (<usize>depF << 3))), w);
  if (par < 0) return <f32>load<f64>(op + (<usize>initF << 3));
  return f32At(V.vectors, vectorIdx(<i32>load<f64>(op + (<usize>slotF << 3)), par, w.q, i, f));
}

@inline function field(op: usize, f: OpField): i32 {
  return <i32>load<f64>(op + (<usize>f << 3));
}

function combine(kind: OpKind, a: f32, b: f32): f32 {
  if (kind == OpKind.RowMax || kind == OpKind.Red1Max) return a > b ? a : b;
  return a + b;
}

/** Computes one op instance's values. `op` points at its OpField row. */
export function execute(op: usize, w: Where): void {
  const kind = <OpKind>field(op, OpField.Kind);
  const dst = field(op, OpField.Dst);
  const a = field(op, OpField.A);
  const b = field(op, OpField.B);
  const acc = field(op, OpField.Accumulate) == 1 && w.m1 > 0;
  const par = w.m1 & 1;
  const prev = (w.m1 - 1) & 1;
  const r = M.rows;
  const c = M.cols;
  const col0 = w.m1 * c;
  switch (kind) {
    case OpKind.Qk: {
      const fi = M.fill ? 1 : 0;
      const sk = M.skew ? 1 : 0;
      const dur = opCycles(kind, 1);
      const qb = <i64>w.h * V.queries * M.e;
      const kb = <i64>w.h * V.keys * M.e;
      for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) f32Set(V.tiles, tileIdx(dst, w.q, i, col0 + j), 0);
      let last = 0;
      for (let t = 0; t < dur; t++) {
        for (let i = 0; i < r; i++) {
          for (let j = 0; j < c; j++) {
            const e = t - fi * i - sk * j;
            if (e < 0 || e >= M.e) continue;
            const x = f32At(V.q, qb + <i64>(w.row0 + i) * M.e + e) * f32At(V.k, kb + <i64>(col0 + j) * M.e + e);
            const ix = tileIdx(dst, w.q, i, col0 + j);
            f32Set(V.tiles, ix, f32At(V.tiles, ix) + x);
            last = t + 1;
          }
        }
      }
      V.steppedCycles = last;
      for (let i = 0; i < r; i++) for (let j = max(0, V.realKeys - col0); j < c; j++) f32Set(V.tiles, tileIdx(dst, w.q, i, col0 + j), -Infinity);
      break;
    }
    case OpKind.Pv: {
      const fi = M.fill ? 1 : 0;
      const ch = !M.oneCycle && !M.tree ? 1 : 0;
      const vb = <i64>w.h * V.keys * M.f;
      for (let i = 0; i < r; i++) {
        for (let f = 0; f < M.f; f++) {
          const base: f32 = acc ? f32At(V.vectors, vectorIdx(dst, prev, w.q, i, f)) : 0;
          f32Set(V.vectors, vectorIdx(dst, par, w.q, i, f), base);
        }
      }
      let last = 0;
      const window = M.f + fi * (r - 1) + ch * (c - 1);
      for (let t = 0; t < window; t++) {
        for (let i = 0; i < r; i++) {
          for (let j = 0; j < c; j++) {
            const f = t - fi * i - ch * j;
            if (f < 0 || f >= M.f) continue;
            const s = f32At(V.tiles, tileIdx(a, w.q, i, col0 + j));
            const x = s * f32At(V.v, vb + <i64>(col0 + j) * M.f + f);
            const ix = vectorIdx(dst, par, w.q, i, f);
            f32Set(V.vectors, ix, f32At(V.vectors, ix) + x);
            last = t + 1;
          }
        }
      }
      V.steppedCycles = last + (M.tree && !M.oneCycle ? log2Ceil(c) : 0);
      break;
    }
    case OpKind.RowMax:
    case OpKind.RowSum:
    case OpKind.Red1Max:
    case OpKind.Red1Sum: {
      for (let i = 0; i < r; i++) {
        let x: f32 = kind == OpKind.RowMax || kind == OpKind.Red1Max ? -Infinity : 0;
        if (acc) x = f32At(V.scalars, scalarIdx(dst, prev, w.q, i));
        for (let j = 0; j < c; j++) x = combine(kind, x, f32At(V.tiles, tileIdx(a, w.q, i, col0 + j))); // the chain, column by column
        f32Set(V.scalars, scalarIdx(dst, par, w.q, i), x);
      }
      break;
    }
    case OpKind.ExpDiff2:
    case OpKind.ExpDiff1T:
    case OpKind.Div1T: {
      for (let i = 0; i < r; i++) {
        const s = scalarOperand(op, OpField.B, OpField.DepBKind, OpField.BInit, w, i);
        for (let j = 0; j < c; j++) {
          const x = f32At(V.tiles, tileIdx(a, w.q, i, col0 + j));
          const y: f32 = kind == OpKind.Div1T ? x / s : <f32>Math.exp(<f64>(x - s));
          f32Set(V.tiles, tileIdx(dst, w.q, i, col0 + j), y);
        }
      }
      break;
    }
    case OpKind.SMax:
    case OpKind.SAdd:
    case OpKind.SMul:
    case OpKind.SExpDiff:
    case OpKind.SDiv: {
      for (let i = 0; i < r; i++) {
        const x = scalarOperand(op, OpField.A, OpField.DepAKind, OpField.AInit, w, i);
        const y = scalarOperand(op, OpField.B, OpField.DepBKind, OpField.BInit, w, i);
        let z: f32;
        if (kind == OpKind.SMax) z = x > y ? x : y;
        else if (kind == OpKind.SAdd) z = x + y;
        else if (kind == OpKind.SMul) z = x * y;
        else if (kind == OpKind.SDiv) z = x / y;
        else z = <f32>Math.exp(<f64>(x - y));
        f32Set(V.scalars, scalarIdx(dst, par, w.q, i), z);
      }
      break;
    }
    default: {
      // VMulS, VAdd, VDivS: PE i walks query i's F-vector, one element per step
      for (let i = 0; i < r; i++) {
        const s = kind == OpKind.VAdd ? <f32>0 : scalarOperand(op, OpField.B, OpField.DepBKind, OpField.BInit, w, i);
        for (let f = 0; f < M.f; f++) {
          const x = vectorOperand(op, OpField.A, OpField.DepAKind, OpField.AInit, w, i, f);
          let z: f32;
          if (kind == OpKind.VMulS) z = x * s;
          else if (kind == OpKind.VDivS) z = x / s;
          else z = x + vectorOperand(op, OpField.B, OpField.DepBKind, OpField.BInit, w, i, f);
          f32Set(V.vectors, vectorIdx(dst, par, w.q, i, f), z);
        }
      }
    }
  }
  if (field(op, OpField.IsOutput) == 1 && (field(op, OpField.AtEnd) == 1 || w.m1 == w.tiles - 1)) {
    const ob = <i64>w.h * V.queries * M.f;
    for (let i = 0; i < r; i++) {
      for (let f = 0; f < M.f; f++) {
        f32Set(V.out, ob + <i64>(w.row0 + i) * M.f + f, f32At(V.vectors, vectorIdx(dst, par, w.q, i, f)));
      }
    }
  }
}
