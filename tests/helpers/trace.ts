// Checks of a Chrome trace (host/trace/) against the trace-event format and against the run's report. The report's
// counters are the oracle: they are accumulated by the core apart from the timeline it records, so sums over the
// trace's events must come back to them.
import { expect } from 'vitest';
import type { ChromeTrace, CounterEvent, SliceEvent, TraceEvent } from '../../host/trace/chrome.ts';
import type { Report } from '../../host/report/types.ts';

/** Whole ns of a trace timestamp (µs), as Perfetto reads it. */
export const ns = (us: number): number => Math.round(us * 1000);

/** Contract: a description of every event that lacks a field its phase requires (empty: all well formed). */
export function malformed(events: readonly unknown[]): string[] {
  const bad: string[] = [];
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  events.forEach((raw, i) => {
    const e = raw as Record<string, unknown>;
    const need = (ok: boolean, what: string) => ok || bad.push(`event ${i} (${JSON.stringify(e).slice(0, 120)}): ${what}`);
    need(typeof e.name === 'string' && e.name !== '', 'name');
    need(num(e.pid), 'pid');
    if (e.ph === 'X') {
      need(num(e.tid), 'tid');
      need(num(e.ts) && (e.ts as number) >= 0, 'ts ≥ 0');
      need(num(e.dur) && (e.dur as number) >= 0, 'dur ≥ 0');
      need(typeof e.args === 'object' && e.args !== null, 'args');
    } else if (e.ph === 'C') {
      need(num(e.ts) && (e.ts as number) >= 0, 'ts ≥ 0');
      const args = e.args as Record<string, unknown> | undefined;
      need(typeof args === 'object' && args !== null && Object.keys(args).length > 0 && Object.values(args).every(num), 'numeric args');
    } else if (e.ph === 'M') {
      need(typeof e.args === 'object' && e.args !== null, 'args');
      if (e.name === 'thread_name' || e.name === 'thread_sort_index') need(num(e.tid), 'tid');
    } else {
      bad.push(`event ${i}: unknown phase ${JSON.stringify(e.ph)}`);
    }
  });
  return bad;
}

/**
 * Contract: on every track (pid, tid), X slices either nest or are disjoint (Perfetto's rule), in whole ns:
 * returns a description of each pair that overlaps without nesting.
 */
export function nestingViolations(events: readonly TraceEvent[]): string[] {
  const byTrack = new Map<string, SliceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const k = `${e.pid}/${e.tid}`;
    if (!byTrack.has(k)) byTrack.set(k, []);
    byTrack.get(k)!.push(e);
  }
  const bad: string[] = [];
  for (const [track, slices] of byTrack) {
    const s = slices.map((e) => ({ a: ns(e.ts), b: ns(e.ts) + ns(e.dur), name: e.name })).sort((x, y) => x.a - y.a || y.b - x.b);
    const open: { a: number; b: number; name: string }[] = [];
    for (const x of s) {
      while (open.length > 0 && open[open.length - 1].b <= x.a) open.pop();
      const parent = open[open.length - 1];
      if (parent && x.b > parent.b) bad.push(`track ${track}: ${x.name} [${x.a}, ${x.b}) overlaps ${parent.name} [${parent.a}, ${parent.b})`);
      open.push(x);
    }
  }
  return bad;
}

/** Contract: counter samples with a negative value (empty: none). */
export function negativeCounters(events: readonly TraceEvent[]): string[] {
  return events
    .filter((e): e is CounterEvent => e.ph === 'C')
    .flatMap((e) => Object.entries(e.args).filter(([, v]) => v < 0).map(([k, v]) => `${e.name}.${k} = ${v} at ${e.ts} µs`));
}

export interface LayerSums {
  name: string;
  /** A layer of the vector unit: one slice of all its cycles (its stalls are not placed in time). */
  vector: boolean;
  cycles: number;
  folds: number;
  stall: Record<string, number>;
  foldSlices: number;
  readWords: number;
  writeWords: number;
  peakRate: number;
}

/** Per layer (the array track's layer slices, in order): cycles of its fold and stall slices, DRAM words, peak rate. */
export function layerSums(trace: ChromeTrace): LayerSums[] {
  const cyc = (nsValue: number) => nsValue * trace.metadata.clock.GHz;
  const ev = trace.traceEvents;
  // layers: the array track's layer slices and the vector unit's (a vector layer's slice is all its work)
  const layers = ev.filter((e): e is SliceEvent => e.ph === 'X' && (e.cat === 'layer' || e.cat === 'vector')).sort((x, y) => x.ts - y.ts);
  const sums: LayerSums[] = layers.map((l) => ({ name: l.name, vector: l.cat === 'vector', cycles: cyc(ns(l.dur)), folds: l.cat === 'vector' ? cyc(ns(l.dur)) : 0, stall: {}, foldSlices: l.cat === 'vector' ? 1 : 0, readWords: 0, writeWords: 0, peakRate: 0 }));
  // the layer a timestamp falls in: the last one starting at or before it
  const at = (tsUs: number) => {
    let i = layers.length - 1;
    while (i > 0 && ns(layers[i].ts) > ns(tsUs)) i--;
    return i;
  };
  for (const e of ev) {
    if (e.ph === 'X' && e.cat !== 'layer' && e.cat !== 'vector') {
      const s = sums[at(e.ts)];
      if (e.cat === 'fold') {
        s.folds += cyc(ns(e.dur));
        s.foldSlices++;
      } else if (e.cat === 'stall') {
        const cause = e.tid === 2 ? 'ifmap' : e.tid === 3 ? 'filter' : e.tid === 4 ? 'ofmap' : e.tid === 5 ? 'bank' : 'unattributed';
        s.stall[cause] = (s.stall[cause] ?? 0) + cyc(ns(e.dur));
      } else if (e.name === 'read') s.readWords += e.args.words as number;
      else if (e.name === 'write-back') s.writeWords += e.args.words as number;
    } else if (e.ph === 'C' && e.name === 'DRAM words per cycle') {
      const s = sums[at(e.ts)];
      if (s) s.peakRate = Math.max(s.peakRate, e.args.words);
    }
  }
  return sums;
}

/** The invariants every trace of a systolic run must keep against its report (exact: integer cycles at 1 GHz). */
export function expectTraceOfReport(trace: ChromeTrace, report: Report): void {
  expect(malformed(trace.traceEvents)).toEqual([]);
  expect(nestingViolations(trace.traceEvents)).toEqual([]);
  expect(negativeCounters(trace.traceEvents)).toEqual([]);
  const sums = layerSums(trace);
  expect(sums.map((s) => s.name)).toEqual(report.layers.map((l) => l.name));
  sums.forEach((s, i) => {
    const l = report.layers[i];
    const stalls = Object.values(s.stall).reduce((a, b) => a + b, 0);
    expect(s.cycles, l.name).toBe(l.cycles.total);
    // Σ fold slices + Σ stall slices = the layer's reported cycles; by cause, the report's stall counters
    expect(s.folds + stalls, `${l.name}: fold ${s.folds} + stall ${stalls}`).toBe(l.cycles.total);
    if (s.vector) return;
    for (const cause of ['ifmap', 'filter', 'ofmap', 'bank', 'unattributed'] as const) expect(s.stall[cause] ?? 0, `${l.name} ${cause}`).toBe(l.cycles.stallBy[cause]);
  });
}
