// A layer's timeline as the core recorded it (assembly/shared/timeline.ts), decoded into plain records. Times are
// cycles of the layer's clock (0 = its first cycle).
import { EventField, EventKind, FoldField } from '../../assembly/shared/timeline.ts';
import type { CoreTimeline } from '../core/index.ts';

export { EventKind };

export interface FoldRecord {
  /** Index among the layer's folds (all its GEMMs), in simulation order. */
  index: number;
  loadStart: number;
  streamStart: number;
  end: number;
  cycles: number;
  stall: { ifmap: number; filter: number; ofmap: number; bank: number };
  rows: number;
  cols: number;
  steps: number;
  busy: number;
  gemm: number;
  rowFold: number;
  colFold: number;
}

export interface LayerTimeline {
  folds: FoldRecord[];
  /** The event records as the core wrote them: EventField.COUNT numbers each (read them with `eventAt`, or by
   *  offset: `events[i * EventField.COUNT + EventField.Start]`); kept flat, there can be a million of them. */
  events: Float64Array;
  /** Events the core did not keep (past its per-layer cap): the layer can only be shown from its fold records. */
  dropped: number;
}

/** One event record as an object (for tests and small tools; the trace builder reads the flat array). */
export interface EventRecord {
  kind: EventKind;
  start: number;
  end: number;
  a: number;
  b: number;
  c: number;
  fold: number;
}

export const EVENT_FIELDS = EventField.COUNT;
export { EventField };

/** Contract: event `i` of a layer's timeline as an object. */
export function eventAt(t: LayerTimeline, i: number): EventRecord {
  const p = i * EVENT_FIELDS;
  const e = t.events;
  return { kind: e[p + EventField.Kind], start: e[p + EventField.Start], end: e[p + EventField.End], a: e[p + EventField.A], b: e[p + EventField.B], c: e[p + EventField.C], fold: e[p + EventField.Fold] };
}

/** Contract: the records of one layer's CoreTimeline. */
export function decodeTimeline(t: CoreTimeline): LayerTimeline {
  const folds: FoldRecord[] = [];
  for (let i = 0, p = 0; p < t.folds.length; i++, p += FoldField.COUNT) {
    const f = (k: FoldField) => t.folds[p + k];
    folds.push({
      index: i,
      loadStart: f(FoldField.LoadStart),
      streamStart: f(FoldField.StreamStart),
      end: f(FoldField.End),
      cycles: f(FoldField.Cycles),
      stall: { ifmap: f(FoldField.StallIfmap), filter: f(FoldField.StallFilter), ofmap: f(FoldField.StallOfmap), bank: f(FoldField.StallBank) },
      rows: f(FoldField.Rows),
      cols: f(FoldField.Cols),
      steps: f(FoldField.Steps),
      busy: f(FoldField.Busy),
      gemm: f(FoldField.Gemm),
      rowFold: f(FoldField.RowFold),
      colFold: f(FoldField.ColFold),
    });
  }
  return { folds, events: t.events, dropped: t.dropped };
}

/** The stall kinds, in track order, with their report names. */
export const STALL_KINDS = [
  [EventKind.StallIfmap, 'ifmap'],
  [EventKind.StallFilter, 'filter'],
  [EventKind.StallOfmap, 'ofmap'],
  [EventKind.StallBank, 'bank'],
] as const;

export type StallCause = (typeof STALL_KINDS)[number][1];

export const isStall = (k: EventKind): boolean => k <= EventKind.StallBank;
