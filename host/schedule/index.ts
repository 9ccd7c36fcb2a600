// Operator scheduling with scratchpad allocation and eviction (COSMA-style, greedy): the public surface.
// Folders: graph/ (documents in, workloads → graphs), search/ (the greedy), reference/ (baselines, exact),
// report/ (figures, tables, files); check.ts and schedule-file.ts read and replay schedules.
export type { Graph, Schedule } from './types.ts';
export { schedule } from './search/greedy.ts';
export { naiveSchedule, roundTripSchedule } from './reference/baselines.ts';
export { checkSchedule } from './check.ts';
export { compareSchedules, type ScheduleReport } from './report/compare.ts';
export { graphFromWorkload } from './graph/from-workload.ts';
export { scheduleLatency } from './report/latency.ts';
export { scheduleStats } from './report/stats.ts';

// For the CLI (host/commands/schedule.ts, graph.ts).
export { loadGraph } from './graph/spec.ts';
export { loadSchedule } from './schedule-file.ts';
export { otherGraph } from './check.ts';
export { archBytesPerCycle, defaultTileBytes, workloadGraph } from './graph/workload-source.ts';
export { formatBytes, parseBytes } from './report/size.ts';
export { renderScheduleTable } from './report/table.ts';
export { assertScheduleDirWritable, writeScheduleDir } from './report/write.ts';
