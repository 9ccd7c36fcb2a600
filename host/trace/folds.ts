// The array track of one layer: its time [0, compute end) cut into fold slices and stall slices that never overlap,
// so that Σ fold slices + Σ stall slices = the layer's cycles.
//
// Each fold owns the stretch from when it begins to when the next one begins (it begins when its stationary words
// start loading if the array is free by then, else when its stream starts: a fold that overlaps its predecessor is
// shown from its stream start). Stalls freeze the whole array; a fold's stretch minus the stalls inside it is its
// fold slice (several pieces when a stall interrupts it). Aggregated: a window of folds is one slice of its stretch
// minus its stalls, followed by one slice per stall cause (summed; their places inside the window are not kept).
import type { FoldRecord, EventRecord, StallCause } from './timeline.ts';
import { STALL_KINDS, isStall } from './timeline.ts';

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

/** The stall events of a layer as spans, by start. */
export function stallSpans(events: readonly EventRecord[]): StallSpan[] {
  const cause = new Map<number, StallCause>(STALL_KINDS.map(([k, c]) => [k as number, c]));
  return events
    .filter((e) => isStall(e.kind) && e.end > e.start)
    .map((e) => ({ start: e.start, end: e.end, cause: cause.get(e.kind)!, fold: e.fold, aggregated: false }))
    .sort((a, b) => a.start - b.start);
}

/** Contract: each stretch minus the stalls (sorted, disjoint) that fall in it, as fold pieces. */
export function subtractStalls(stretches: readonly Span[], stalls: readonly Span[]): FoldPiece[] {
  const out: FoldPiece[] = [];
  let s = 0;
  stretches.forEach((st, i) => {
    let at = st.start;
    while (s < stalls.length && stalls[s].end <= at) s++;
    for (let k = s; k < stalls.length && stalls[k].start < st.end; k++) {
      if (stalls[k].start > at) out.push({ start: at, end: stalls[k].start, first: i, last: i });
      at = Math.max(at, stalls[k].end);
    }
    if (at < st.end) out.push({ start: at, end: st.end, first: i, last: i });
  });
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
