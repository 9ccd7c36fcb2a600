// The attention core's timeline: what a run recorded, for the host's trace (host/trace/attention.ts) and for tests.
import { AttnTrace } from '../shared/attention';

/**
 * One record (shared/attention.ts AttnTrace) per op instance, DRAM transfer and fast-forward jump. At most `traceMax`
 * records (traceConfigure; default 4096, for tests and debugging); later ones are counted in traceDropped.
 */
let traceMax: i32 = 4096;
let traceCap: i32 = 0;
export let TRACE: usize = 0;
export let traceLen: i32 = 0;
export let traceDropped: f64 = 0;
export function setTraceMax(n: i32): void {
  traceMax = n;
}
export function resetTrace(): void {
  traceLen = 0;
  traceDropped = 0;
}
export function record(start: f64, end: f64, a: i32, o: i32, q: f64, m1: i32, u: i32): void {
  if (traceLen >= traceMax) {
    traceDropped += 1;
    return;
  }
  if (traceLen >= traceCap) {
    traceCap = traceCap == 0 ? 4096 : traceCap << 1;
    const bytes = <usize>(traceCap * <i32>AttnTrace.COUNT) << 3;
    TRACE = TRACE == 0 ? heap.alloc(bytes) : heap.realloc(TRACE, bytes);
  }
  const p = TRACE + (<usize>(traceLen * <i32>AttnTrace.COUNT) << 3);
  store<f64>(p + (<usize>AttnTrace.Start << 3), start);
  store<f64>(p + (<usize>AttnTrace.End << 3), end);
  store<f64>(p + (<usize>AttnTrace.Array << 3), <f64>a);
  store<f64>(p + (<usize>AttnTrace.Op << 3), <f64>o);
  store<f64>(p + (<usize>AttnTrace.Q << 3), q);
  store<f64>(p + (<usize>AttnTrace.M1 << 3), <f64>m1);
  store<f64>(p + (<usize>AttnTrace.Unit << 3), <f64>u);
  traceLen++;
}
