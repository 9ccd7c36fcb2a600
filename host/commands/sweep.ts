// `systole sweep FILE --out DIR [--jobs N | --queue URL] [--reports]`: run a design-space sweep (here, or on a queue's
// workers), print a summary and the Pareto fronts.
import type { Command } from 'commander';
import { InputError } from '../errors.ts';
import { createSweepEmitter, sweep } from '../sweep/index.ts';
import { attachSweepProgress } from '../sweep/progress.ts';
import { JOURNAL, TABLE } from '../sweep/results.ts';

interface SweepFlags {
  out: string;
  jobs?: string;
  reports?: boolean;
  queue?: string;
}

export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < 1) throw new InputError('--jobs', `${JSON.stringify(value)} is not a positive integer`, 'give the number of worker threads, e.g. --jobs 2');
  return n;
}

const fmt = (v: number | null | undefined, digits = 0): string => (v === null || v === undefined ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: digits }));

export async function sweepCommand(file: string, flags: SweepFlags): Promise<void> {
  const jobs = parseJobs(flags.jobs);
  const emitter = createSweepEmitter();
  const stop = attachSweepProgress(emitter, process.stderr);
  emitter.on('sweep:start', (e) => {
    if (e.queue !== undefined && e.total > e.skipped) process.stderr.write(`systole: ${e.total - e.skipped} points on ${e.queue}; run them with: systole worker --queue ${e.queue}\n`);
  });
  let result;
  try {
    result = await sweep(file, { jobs, out: flags.out, reports: flags.reports === true, emitter, queue: flags.queue });
  } finally {
    stop();
  }
  const { rows, ran, skipped, failed } = result;
  const out = process.stdout;
  out.write(`${rows.length} points: ${ran} run now (${failed} refused), ${skipped} already in ${flags.out}\n`);
  out.write(`results: ${flags.out}/${TABLE}, ${flags.out}/${JOURNAL}\n`);
  const refused = rows.filter((r) => r.status === 'error');
  for (const r of refused.slice(0, 5)) out.write(`refused ${r.key}: ${r.error}\n`);
  if (refused.length > 5) out.write(`... ${refused.length - 5} more refused points in ${TABLE} (status error)\n`);
  const axes = result.spec.axes.map(([p]) => p);
  const front = rows.filter((r) => r.paretoEnergy || r.paretoArea);
  out.write(`Pareto fronts (per workload; E: cycles x energy, A: cycles x PEs x SRAM bytes): ${front.length} points\n`);
  const header = ['workload', ...axes, 'cycles', 'energy pJ', 'PEs', 'SRAM KiB', 'front'];
  const table = front.map((r) => [
    r.workload, ...axes.map((a) => String(r.params[a])), fmt(r.cycles), fmt(r.energyPJ), fmt(r.pes), fmt((r.sramBytes ?? 0) / 1024),
    `${r.paretoEnergy ? 'E' : ''}${r.paretoArea ? 'A' : ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  for (const line of [header, ...table]) out.write(`${line.map((c, i) => (i < 1 + axes.length ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}\n`);
}

export function register(program: Command): void {
  program
    .command('sweep')
    .description('run a design-space sweep (arch axes x workloads) on every core; resumable')
    .argument('<file>', 'sweep file (.yaml or .json): arch, workloads, axes, zip, where, timing')
    .requiredOption('--out <dir>', 'output directory: results.jsonl, results.csv (rerunning skips the points already there)')
    .option('--jobs <n>', 'worker threads (default: the number of cores)')
    .option('--queue <url>', 'redis://HOST:PORT: enqueue the points there (BullMQ) for `systole worker`s and collect their results')
    .option('--reports', "also write each point's full report to DIR/reports/KEY.json")
    .action((file: string, flags: SweepFlags) => sweepCommand(file, flags));
}
