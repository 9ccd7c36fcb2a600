// Exact fast-forward of the array's side of a fold.
//
// A fold's register-level run starts from an empty array (accumulators or partial sums cleared, edge streams its
// own) and its timing never depends on values, so its cycles and counts are a function of its shape alone: rows,
// columns, steps, whether its sums read back an earlier fold's (WS/IS), and what the layer fixes (dataflow, timing
// mode, packing: the record is cleared at each layer and each change of packing). A fold that computes no values (--values sampled or off) and whose shape has already been
// stepped in this GEMM takes the recorded outcome instead of stepping the loops again; the memory system and the
// timeline still place it like any other fold (they carry state from fold to fold).

const SLOTS: i32 = 8;
const KEY: i32 = 4; // r, c, steps, reads
const OUT: i32 = 5;
const keys = new StaticArray<i64>(SLOTS * KEY);
const outs = new StaticArray<i64>(SLOTS * OUT);
let filled: i32 = 0;
let next: i32 = 0;

/** The outcome last recalled: cycles and four counts (OS: busy, ifmap reads, filter reads, ofmap writes). */
export const recalled = new StaticArray<i64>(OUT);

/** Contract: forgets every recorded fold (a new layer, or another packing). */
export function resetReplay(): void {
  filled = 0;
  next = 0;
}

function find(r: i32, c: i32, steps: i32, reads: bool): i32 {
  for (let s = 0; s < filled; s++) {
    const k = s * KEY;
    if (keys[k] == r && keys[k + 1] == c && keys[k + 2] == steps && keys[k + 3] == (reads ? 1 : 0)) return s;
  }
  return -1;
}

/** Contract: true, with the outcome in `recalled`, when a fold of this shape has been recorded since the reset. */
export function recall(r: i32, c: i32, steps: i32, reads: bool): bool {
  const s = find(r, c, steps, reads);
  if (s < 0) return false;
  for (let i = 0; i < OUT; i++) recalled[i] = outs[s * OUT + i];
  return true;
}

/** Contract: records the outcome of a fold of this shape that was stepped register by register. */
export function record(r: i32, c: i32, steps: i32, reads: bool, cycles: i64, a: i64, b: i64, d: i64, e: i64): void {
  let s = find(r, c, steps, reads);
  if (s < 0) {
    s = filled < SLOTS ? filled++ : next;
    next = (s + 1) % SLOTS;
  }
  keys[s * KEY] = r;
  keys[s * KEY + 1] = c;
  keys[s * KEY + 2] = steps;
  keys[s * KEY + 3] = reads ? 1 : 0;
  const o = s * OUT;
  outs[o] = cycles;
  outs[o + 1] = a;
  outs[o + 2] = b;
  outs[o + 3] = d;
  outs[o + 4] = e;
}
