// The array track of one layer: its time [0, compute end) cut into fold slices and stall slices that never overlap,
// so that Σ fold slices + Σ stall slices = the layer's cycles.
//
// Each fold owns the stretch from when it begins to when the next one begins (it begins when its stationary words
// start loading if the array is free by then, else when its stream starts: a fold that overlaps its predecessor is
// shown from its stream start). Stalls freeze the whole array; a fold's stretch minus the stalls inside it is its
// fold slice (several pieces when a stall interrupts it). Aggregated: a window of folds is one slice of its stretch
// minus its stalls, followed by one slice per stall cause (summed; their places inside the window are not kept).
import type { FoldRecord, StallCause } from './timeline.ts';
import { EVENT_FIELDS, EventField, STALL_KINDS, isStall } from './timeline.ts';

/** A stretch of the layer's clock: [start, end) cycles. */
export interface Span {
  start: number;
  end: number;
}

export interface FoldPiece extends Span {
  /** First and last fold it covers (equal unless aggregated). */
  first: number;
  last: number;
}

export interface StallSpan extends Span {
  cause: StallCause;
  /** The fold it hit (−1: the layer's final write-backs); aggregated: the window's first fold. */
  fold: number;
  aggregated: boolean;
}

/** When each fold begins on the array (non-decreasing), and the cycle its successor begins (the last: `end`). */
export function foldStretches(folds: readonly FoldRecord[], end: number): Span[] {
  const begins: number[] = [];
  folds.forEach((f, i) => {
    const own = i === 0 || f.loadStart >= folds[i - 1].end ? Math.min(f.loadStart, f.streamStart) : f.streamStart;
    begins.push(i === 0 ? own : Math.max(own, begins[i - 1]));
  });
  return begins.map((b, i) => ({ start: Math.min(b, end), end: Math.min(i + 1 < begins.length ? begins[i + 1] : end, end) }));
}

/** Stall intervals, by start, as columns (a layer may have a million). */
export interface StallColumns {
  start: number[];
  end: number[];
  cause: StallCause[];
  fold: number[];
}

/** Contract: the stall events of a layer's flat event records (timeline.ts) as columns sorted by start. */
export function stallColumns(events: Float64Array): StallColumns {
  const causeOf = new Map<number, StallCause>(STALL_KINDS.map(([k, c]) => [k as number, c]));
  const idx: number[] = [];
  let sorted = true;
  for (let p = 0; p < events.length; p += EVENT_FIELDS) {
    if (!isStall(events[p + EventField.Kind]) || !(events[p + EventField.End] > events[p + EventField.Start])) continue;
    if (idx.length > 0 && events[p + EventField.Start] < events[idx[idx.length - 1] + EventField.Start]) sorted = false;
    idx.push(p);
  }
  if (!sorted) idx.sort((x, y) => events[x + EventField.Start] - events[y + EventField.Start]);
  return {
    start: idx.map((p) => events[p + EventField.Start]),
    end: idx.map((p) => events[p + EventField.End]),
    cause: idx.map((p) => causeOf.get(events[p + EventField.Kind])!),
    fold: idx.map((p) => events[p + EventField.Fold]),
  };
}

/** Fold slices as columns: fold i shown on [start, end). */
export interface FoldPieces {
  fold: number[];
  start: number[];
  end: number[];
}

/** Contract: each stretch minus the stalls (sorted, disjoint) that fall in it, in order. */
export function subtractStalls(stretches: readonly Span[], stalls: StallColumns): FoldPieces {
  const out: FoldPieces = { fold: [], start: [], end: [] };
  const piece = (i: number, a: number, b: number) => {
    out.fold.push(i);
    out.start.push(a);
    out.end.push(b);
  };
  let s = 0;
  const n = stalls.start.length;
  for (let i = 0; i < stretches.length; i++) {
    const st = stretches[i];
    let at = st.start;
    while (s < n && stalls.end[s] <= at) s++;
    for (let k = s; k < n && stalls.start[k] < st.end; k++) {
      if (stalls.start[k] > at) piece(i, at, stalls.start[k]);
      at = Math.max(at, stalls.end[k]);
    }
    if (at < st.end) piece(i, at, st.end);
  }
  return out;
}

/**
 * Contract: windows of `perWindow` folds: one piece of the window's stretch minus its stalls, then its stalls by
 * cause (summed from the fold records), back to back to the window's end.
 */
export function aggregateWindows(folds: readonly FoldRecord[], stretches: readonly Span[], perWindow: number): { pieces: FoldPiece[]; stalls: StallSpan[] } {
  const pieces: FoldPiece[] = [];
  const stalls: StallSpan[] = [];
  for (let first = 0; first < folds.length; first += perWindow) {
    const last = Math.min(folds.length, first + perWindow) - 1;
    const start = stretches[first].start;
    const end = stretches[last].end;
    const sums = STALL_KINDS.map(([, cause]) => {
      let n = 0;
      for (let i = first; i <= last; i++) n += folds[i].stall[cause];
      return { cause, n };
    });
    const stalled = Math.min(end - start, sums.reduce((a, x) => a + x.n, 0));
    let at = start + (end - start - stalled);
    if (at > start) pieces.push({ start, end: at, first, last });
    for (const { cause, n } of sums) {
      const d = Math.min(n, end - at);
      if (d <= 0) continue;
      stalls.push({ start: at, end: at + d, cause, fold: first, aggregated: true });
      at += d;
    }
  }
  return { pieces, stalls };
}
