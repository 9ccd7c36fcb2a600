// The public library API. The CLI (host/cli.ts) is a thin shell over these.
export { simulate, checkOptions } from './api.ts';
export type { SimulateOptions } from './simulate/index.ts';
export { loadArch, parseArch } from './spec/arch/arch.ts';
export { loadWorkload, parseWorkload } from './spec/workload/workload.ts';
export { createEmitter, type SystoleEmitter, type SystoleEvents } from './events.ts';
export { InputError, isInputError } from './errors.ts';
export { DATAFLOWS, GROUPINGS } from '../mappings/index.ts';
export { MODELS, validate, loadModel, parseTolerance, type AnalyticModel, type Prediction, type ValidateOptions } from './analytic/index.ts';
export { depthwiseStudy, type DepthwiseStudy } from './study/depthwise.ts';
export { e2gcStudy } from './study/e2gc.ts';
export {
  checkSchedule, compareSchedules, graphFromWorkload, naiveSchedule, roundTripSchedule, schedule, scheduleLatency,
  scheduleStats, type Graph, type Schedule,
} from './schedule/index.ts';
export { DEFAULT_ENERGY_TABLE, applyEnergyOverride, loadEnergyTable, parseEnergyOverride } from './energy/index.ts';
export type { EnergyBreakdown, EnergyTable } from './energy/index.ts';
export type { Report, LayerReport } from './report/types.ts';
export type * from './spec/types.ts';
export { loadAttentionModel, parseAttentionModel, attentionModelNames, type AttentionModel } from './attention/models.ts';
export { analyticAttention, analyticEndToEnd, analyticLinear, ANALYTIC_MACHINES, type AnalyticParams, type AnalyticResult } from './attention/analytic/index.ts';
export { FUSEMAX_ENERGY_TABLE, FLAT_ENERGY_TABLE, loadAttentionEnergyTable, type AttentionEnergyTable } from './energy/attention.ts';
export { loadAnyArch, loadAttentionArch } from './spec/arch/arch.ts';
export { parseAttentionArch, idealize, type AttentionArchSpec } from './spec/arch/attention-arch.ts';
export { runAttention, type AttentionOptions } from './attention/run.ts';
export { cascadeNames, loadCascade, parseCascade, type Cascade } from './attention/cascade.ts';
export type { AttentionReport } from './attention/report.ts';
export type { AttentionShape } from './attention/shape.ts';
export { linearArch, linearWorkload, simulateLinear, type AttentionArrayArch, type LinearResult } from './attention/linear.ts';
export { createSweepEmitter, loadSweep, parseSweep, sweep, type PointRow, type SweepEmitter, type SweepEvents, type SweepOptions, type SweepResult, type SweepSpec } from './sweep/index.ts';
export { sweepWorker, type SweepWorker, type SweepWorkerOptions, type WorkerPointEvent } from './sweep/index.ts';
export { simulateWithTimeline } from './trace/record.ts';
export { traceOf, attentionTraceOf, type ChromeTrace, type LayerTimeline, type TraceOptions } from './trace/index.ts';
export { runAttentionWithTimeline, type AttentionTimeline } from './attention/run.ts';
