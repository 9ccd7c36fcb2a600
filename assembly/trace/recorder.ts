// The timeline recorder: fold records and event records (layouts: shared/timeline.ts) in two growable buffers of
// linear memory, read by the host after each layer. Off by default: every record site tests `tracing` first, so a
// run without a trace does one well-predicted branch per fold or slice and nothing else.
//
// Events past `maxEvents` per layer are dropped and counted (the host then shows that layer in aggregated windows
// built from the fold records, which are always kept). Contiguous events of the same kind (a stall that resumes
// where the last one ended, reads sent back to back) are merged into one record.
import { EventField, EventKind, FoldField } from '../shared/timeline';

export let tracing = false;
let maxEvents: i32 = 0;

let folds: usize = 0;
let foldCap: i32 = 0;
let foldCount: i32 = 0;
let events: usize = 0;
let eventCap: i32 = 0;
let eventCount: i32 = 0;
let dropped: f64 = 0;
// The last record of each mergeable kind (−1: none yet in this layer).
const lastOf = new StaticArray<i32>(8);

const FOLD_BYTES: usize = <usize>FoldField.COUNT << 3;
const EVENT_BYTES: usize = <usize>EventField.COUNT << 3;

/** Contract: tracing on (keep at most `max` events per layer) or off (max ≤ 0). */
export function traceConfigure(max: i32): void {
  tracing = max > 0;
  maxEvents = max;
}

/** Contract: empty buffers for a new layer. */
export function traceReset(): void {
  foldCount = 0;
  eventCount = 0;
  dropped = 0;
  for (let k = 0; k < 8; k++) lastOf[k] = -1;
}

/** Index the next fold record will have (events recorded while a fold is simulated belong to it). */
export function currentFold(): i32 {
  return foldCount;
}

export function traceFolds(): usize {
  return folds;
}
export function traceFoldCount(): i32 {
  return foldCount;
}
export function traceEvents(): usize {
  return events;
}
export function traceEventCount(): i32 {
  return eventCount;
}
/** Events of this layer that were not kept (past maxEvents). */
export function traceDropped(): f64 {
  return dropped;
}

/** Contract: appends a fold record and returns its address (the caller stores FoldField.COUNT f64 there). */
export function newFold(): usize {
  if (foldCount >= foldCap) {
    foldCap = foldCap == 0 ? 1024 : foldCap << 1;
    folds = folds == 0 ? heap.alloc(<usize>foldCap * FOLD_BYTES) : heap.realloc(folds, <usize>foldCap * FOLD_BYTES);
  }
  const p = folds + <usize>foldCount * FOLD_BYTES;
  foldCount++;
  return p;
}

@inline function at(i: i32, f: EventField): usize {
  return events + <usize>i * EVENT_BYTES + (<usize>f << 3);
}

/** Contract: records an event (merged into the previous one when it has the same kind and continues it). */
export function event(kind: EventKind, start: f64, end: f64, a: f64, b: f64, c: f64, fold: i32): void {
  // Stalls merge within their fold; reads sent back to back merge whatever folds they feed (the first fold is kept).
  const merges = kind <= EventKind.DramRead;
  const last = merges ? lastOf[<i32>kind] : -1;
  if (last >= 0) {
    const sameFold = kind == EventKind.DramRead || load<f64>(at(last, EventField.Fold)) == <f64>fold;
    if (load<f64>(at(last, EventField.Kind)) == <f64>kind && load<f64>(at(last, EventField.End)) == start && sameFold) {
      store<f64>(at(last, EventField.End), end);
      store<f64>(at(last, EventField.A), load<f64>(at(last, EventField.A)) + a);
      store<f64>(at(last, EventField.B), load<f64>(at(last, EventField.B)) + b);
      store<f64>(at(last, EventField.C), load<f64>(at(last, EventField.C)) + c);
      return;
    }
  }
  // DRAM windows are one per 1024 cycles at most, and the host needs all of them for the bandwidth counter.
  if (eventCount >= maxEvents && kind != EventKind.DramWindow) {
    dropped += 1;
    return;
  }
  if (eventCount >= eventCap) {
    eventCap = eventCap == 0 ? 4096 : eventCap << 1;
    events = events == 0 ? heap.alloc(<usize>eventCap * EVENT_BYTES) : heap.realloc(events, <usize>eventCap * EVENT_BYTES);
  }
  const i = eventCount++;
  if (merges) lastOf[<i32>kind] = i;
  store<f64>(at(i, EventField.Kind), <f64>kind);
  store<f64>(at(i, EventField.Start), start);
  store<f64>(at(i, EventField.End), end);
  store<f64>(at(i, EventField.A), a);
  store<f64>(at(i, EventField.B), b);
  store<f64>(at(i, EventField.C), c);
  store<f64>(at(i, EventField.Fold), <f64>fold);
}
