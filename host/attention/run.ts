// One attention run, as a short list of stages: check the shape, compile the cascade for the arch, run the core
// (with values when verifying), price the counts, assemble the `systole.attention-report/1` document.
import { runAttentionCore, type AttentionValues, type TraceEntry } from '../core/attention.ts';
import { InputError } from '../errors.ts';
import { type AttentionArchSpec, idealize } from '../spec/arch/attention-arch.ts';
import { TOOL } from '../version.ts';
import type { Cascade } from './cascade.ts';
import { compile } from './compile.ts';
import type { AttentionEnergyTable } from '../energy/attention.ts';
import { attentionEnergy, energyTableFor, registerPricingOf } from './energy.ts';
import { maxRelativeError, randomInputs, referenceAttention } from './reference.ts';
import type { AttentionReport } from './report.ts';
import { type AttentionShape, checkShape, paddedSeq } from './shape.ts';

export interface AttentionOptions {
  /** The published model's assumptions: no fill, skew or drain, one-cycle reductions. */
  idealized?: boolean;
  /** Compute real values and compare the output with the reference (runs every tile: no fast-forward). */
  verify?: boolean;
  /** Advance whole periods once the pipeline state repeats (default true; exact, see tests/attention/forward). */
  fastForward?: boolean;
  /** Energy per action (default: energyTableFor(arch)). */
  energy?: AttentionEnergyTable;
  /** Timeline records the core keeps (op instances and fast-forward jumps; host/trace/attention.ts); default 4096. */
  timelineRecords?: number;
}

/** What the attention core recorded of a run: its records in start order, and how many it did not keep. */
export interface AttentionTimeline {
  records: TraceEntry[];
  lost: number;
}

/** Output error allowed by --verify: |out − ref| ≤ VERIFY_TOLERANCE · max(1, |ref|) (fp32 core vs f64 reference). */
export const VERIFY_TOLERANCE = 1e-4;

/** Largest run --verify accepts (floats held for inputs, scores and the reference). */
const VERIFY_LIMIT = 64 * 2 ** 20;

export function runAttention(archIn: AttentionArchSpec, cascade: Cascade, shape: AttentionShape, opts: AttentionOptions = {}): AttentionReport {
  return runAttentionWithTimeline(archIn, cascade, shape, opts).report;
}

/** Contract: runAttention's report and the timeline the core recorded (opts.timelineRecords records at most). */
export function runAttentionWithTimeline(
  archIn: AttentionArchSpec, cascade: Cascade, shape: AttentionShape, opts: AttentionOptions = {},
): { report: AttentionReport; timeline: AttentionTimeline } {
  const arch = opts.idealized ? idealize(archIn) : archIn;
  checkShape(shape);
  const program = compile(cascade, arch, shape, `cascade ${cascade.name}`);
  const heads = shape.batch * shape.heads;
  const { seq, qkDim: e, vDim: f } = shape;
  const padded = paddedSeq(shape, arch);
  let values: AttentionValues | undefined;
  let inputs: { q: Float32Array; k: Float32Array; v: Float32Array } | undefined;
  if (opts.verify) {
    const floats = heads * padded.keys * (2 * e + 2 * f) + (program.slots.tiles + 1) * program.plan.blocksPerUnit * arch.array2d.rows * padded.keys;
    if (floats > VERIFY_LIMIT) {
      throw new InputError('--verify', `needs ${Math.round((floats * 4) / 2 ** 20)} MiB of values`, 'verify a smaller run (fewer heads, --batch 1, a shorter --seq)');
    }
    inputs = { q: randomInputs(heads * seq * e, 1), k: randomInputs(heads * seq * e, 2), v: randomInputs(heads * seq * f, 3) };
    values = {
      q: padRows(inputs.q, heads, seq, padded.queries, e),
      k: padRows(inputs.k, heads, seq, padded.keys, e),
      v: padRows(inputs.v, heads, seq, padded.keys, f),
      slots: program.slots,
    };
  }
  const core = runAttentionCore(
    {
      rows: arch.array2d.rows, cols: arch.array2d.cols, pes: arch.array1d.pes, fill: arch.microarch.fill, skew: arch.microarch.skew,
      drain: arch.microarch.drain, tree: arch.microarch.reduction === 'tree', oneCycleReduction: arch.microarch.oneCycleReduction,
      bandwidthWordsPerCycle: arch.dram.bandwidthWordsPerCycle, dramLatency: arch.dram.latencyCycles, heads, queries: padded.queries, keys: padded.keys,
      realQueries: seq, realKeys: seq,
      e, f, blocksPerUnit: program.plan.blocksPerUnit, lag: program.lag, online: program.keyTilesOuter, fastForward: opts.fastForward ?? true,
      traceRecords: opts.timelineRecords,
    },
    program.ops,
    values,
  );
  if (core.deadlock) throw new InputError(`cascade ${cascade.name}`, 'its binding deadlocks (an Einsum waits for one issued after it on the same array)', 'reorder the Einsums');
  const s = core.stats;
  let verified: boolean | null = null;
  let verifyError: number | null = null;
  if (inputs && core.out) {
    const out = unpadRows(core.out, heads, padded.queries, seq, f);
    verifyError = maxRelativeError(out, referenceAttention(inputs.q, inputs.k, inputs.v, heads, seq, e, f));
    verified = verifyError <= VERIFY_TOLERANCE && s.stepMismatches === 0;
  }
  const wordBytes = arch.operandBits / 8;
  const cycles = s.cycles;
  const report: AttentionReport = {
    schema: 'systole.attention-report/1',
    tool: TOOL,
    arch,
    cascade: cascade.name,
    model: shape.model,
    seq,
    batch: shape.batch,
    heads: shape.heads,
    qkDim: e,
    vDim: f,
    idealized: opts.idealized === true,
    cycles: { total: cycles, dramWait: s.dramWaitCycles },
    seconds: cycles / (arch.clockMHz * 1e6),
    utilization: {
      array2d: s.busy2d / (cycles * arch.array2d.rows * arch.array2d.cols),
      array1d: s.busy1d / (cycles * arch.array1d.pes),
    },
    einsums: program.ops.map((o, i) => ({ name: o.einsum, array: o.array === 0 ? '2d' : '1d', busyCycles: s.opCycles[i] })),
    globalBuffer: { peakBytes: s.gbPeakWords * wordBytes, planBytes: program.plan.globalBufferPeakBytes, readWords: s.gbReads, writeWords: s.gbWrites },
    dram: { readBytes: s.dramReads * wordBytes, writeBytes: s.dramWrites * wordBytes },
    energyPJ: attentionEnergy(s, opts.energy ?? energyTableFor(arch), registerPricingOf(arch)),
    plan: {
      padded, blocksPerUnit: program.plan.blocksPerUnit, scores: program.plan.scores, scoreTilesOnChip: program.plan.scoreTilesOnChip,
      weightStationary: program.plan.weightStationary, stateInRegisters: program.plan.stateInRegisters,
    },
    simulation: { tilesSimulated: s.tilesSimulated, tilesAdvanced: s.tilesAdvanced, periods: s.periods, opInstances: s.opInstances },
    verified,
    verifyError,
  };
  return { report, timeline: { records: core.trace, lost: core.traceLost } };
}

/** [heads][rows][width] → [heads][padTo][width], the extra rows zero (padded queries, keys, values). */
function padRows(a: Float32Array, heads: number, rows: number, padTo: number, width: number): Float32Array {
  if (rows === padTo) return a;
  const out = new Float32Array(heads * padTo * width);
  for (let h = 0; h < heads; h++) out.set(a.subarray(h * rows * width, (h + 1) * rows * width), h * padTo * width);
  return out;
}

/** [heads][padded][width] → [heads][rows][width]: the padded queries' outputs dropped. */
function unpadRows(a: Float32Array, heads: number, padded: number, rows: number, width: number): Float32Array {
  if (rows === padded) return a;
  const out = new Float32Array(heads * rows * width);
  for (let h = 0; h < heads; h++) out.set(a.subarray(h * padded * width, h * padded * width + rows * width), h * rows * width);
  return out;
}
