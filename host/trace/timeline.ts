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

export interface EventRecord {
  kind: EventKind;
  start: number;
  end: number;
  a: number;
  b: number;
  c: number;
  fold: number;
}

export interface LayerTimeline {
  folds: FoldRecord[];
  events: EventRecord[];
  /** Events the core did not keep (past its per-layer cap): the layer can only be shown from its fold records. */
  dropped: number;
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
  const events: EventRecord[] = [];
  for (let p = 0; p < t.events.length; p += EventField.COUNT) {
    const e = (k: EventField) => t.events[p + k];
    events.push({ kind: e(EventField.Kind), start: e(EventField.Start), end: e(EventField.End), a: e(EventField.A), b: e(EventField.B), c: e(EventField.C), fold: e(EventField.Fold) });
  }
  return { folds, events, dropped: t.dropped };
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
