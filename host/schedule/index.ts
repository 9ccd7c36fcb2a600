// Operator scheduling with scratchpad allocation and eviction (COSMA-style, greedy): the public surface.
export type { Graph, Schedule } from './types.ts';
export { schedule } from './greedy.ts';
export { naiveSchedule, roundTripSchedule } from './baselines.ts';
export { checkSchedule } from './check.ts';
export { compareSchedules } from './compare.ts';
export { graphFromWorkload } from './from-workload.ts';
export { scheduleLatency } from './latency.ts';
export { scheduleStats } from './stats.ts';
