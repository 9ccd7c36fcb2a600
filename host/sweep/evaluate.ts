// One sweep point through the full cycle-level simulation, as a result row. Runs in the main thread (--jobs 1) or in
// a pool worker (worker.ts); both call evaluatePoint, so their rows are the same function of the input.
import { isInputError } from '../errors.ts';
import type { Report } from '../report/types.ts';
import { simulate } from '../simulate/index.ts';
import { OPERAND_BITS, type ArchSpec, type TimingMode, type Workload } from '../spec/types.ts';
import type { AxisValue } from './spec.ts';

/** What a worker is sent for one point. */
export interface PointTask {
  key: string;
  arch: ArchSpec | { error: string };
  workload: Workload;
  timing: TimingMode;
  /** Also return the point's full report (for --reports). */
  withReport: boolean;
}

/** The simulated figures of a point: counters of the run, or derived from them as the field says. */
export interface PointFigures {
  /** Total cycles of the run (sum over layers). */
  cycles: number;
  /** Stall cycles (sum over layers). */
  stall: number;
  /** MACs / (cycles · PEs), the report's totals.utilization. */
  utilization: number;
  /** Energy of the counts priced by the default table, pJ (totals.energy.total). */
  energyPJ: number;
  /** DRAM words (all four directions) × bytes per operand word; null when memory is not simulated. */
  dramBytes: number | null;
  /** Area proxy, part 1: array rows × cols. */
  pes: number;
  /** Area proxy, part 2: scratchpad bytes (unified or ifmap + filter, plus ofmap). */
  sramBytes: number;
}

/** One row of results.jsonl. `host.wallMs` is a wall-clock measurement: the only field that is not a function of the input. */
export interface PointRow extends Partial<PointFigures> {
  key: string;
  workload: string;
  params: Record<string, AxisValue>;
  status: 'ok' | 'error';
  /** The one-line error of a refused point (status error). */
  error?: string;
  host: { wallMs: number };
}


/** The figures of a finished run on `arch`. */
export function figuresOf(report: Report, arch: ArchSpec): PointFigures {
  const d = report.totals.dram;
  const sram = (arch.sram.unifiedKiB ?? arch.sram.ifmapKiB + arch.sram.filterKiB) + arch.sram.ofmapKiB;
  return {
    cycles: report.totals.cycles,
    stall: report.layers.reduce((s, l) => s + l.cycles.stall, 0),
    utilization: report.totals.utilization,
    energyPJ: report.totals.energy.total,
    dramBytes: d === null ? null : ((d.ifmapReads + d.ofmapWrites + d.ofmapReads) * OPERAND_BITS[arch.precision.activation ?? arch.precision.operand] + d.filterReads * OPERAND_BITS[arch.precision.operand]) / 8,
    pes: arch.array.rows * arch.array.cols,
    sramBytes: sram * 1024,
  };
}

/** What running a point gives: its figures (or its one-line error), the wall time, and its report if asked for. */
export interface PointOutcome {
  figures: PointFigures | { error: string };
  wallMs: number;
  report?: Report;
}

/** Run one point; a bad combination (InputError from the arch schema or the simulator) is its one-line error. */
export async function evaluatePoint(task: PointTask): Promise<PointOutcome> {
  const started = performance.now();
  if ('error' in task.arch) return { figures: { error: task.arch.error }, wallMs: 0 };
  try {
    const report = await simulate(task.arch, task.workload, { timing: task.timing });
    const wallMs = Math.round(performance.now() - started);
    return { figures: figuresOf(report, task.arch), wallMs, report: task.withReport ? report : undefined };
  } catch (e) {
    if (!isInputError(e)) throw e;
    return { figures: { error: e.message.replace(/\s*\n\s*/g, ' ') }, wallMs: Math.round(performance.now() - started) };
  }
}
