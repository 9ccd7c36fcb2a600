// The timeline of a run as a Chrome trace (Perfetto, chrome://tracing). Everything here but write.ts runs in a
// browser too (no node-only imports): chrome.ts the format and clock, timeline.ts the core's records decoded,
// folds.ts the array track's geometry, systolic.ts traceOf() for the systolic machine, attention.ts for the
// attention machine. A run with its timeline:
// record.ts (it loads the core); writing the file: write.ts.
export { type LayerTimeline, decodeTimeline } from './timeline.ts';
export { type ChromeTrace, type TraceBuild, type TraceEvent, TRACE_SCHEMA, TraceClock, collectTrace, streamTrace, traceText } from './chrome.ts';
export { DEFAULT_MAX_EVENTS, type TraceOptions, systolicTrace, traceOf } from './systolic.ts';
export { attentionTrace, attentionTraceOf } from './attention.ts';
