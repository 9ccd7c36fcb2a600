// The sweep bench (issue 13), called by bench/run.ts and runnable alone (`node build/bench/sweep.js`): one 64-point
// MobileNetV1 sweep run with --jobs 1 and with --jobs 2 into fresh directories, side by side: wall time, CPU time of
// the process (all threads), the speedup, and whether the results are identical (every field but host.wallMs).
// The runs go in the order 1, 2, 2, 1 and the speedup is the ratio of the summed wall times, so a load that rises or
// falls steadily during the bench (other processes on the shared cores) weighs on both sides alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type PointRow, sweep } from '../host/sweep/index.ts';
import { heading, ratio, seconds, table } from './print.ts';

/** 4 array sizes × 2 dataflows × 2 ifmap buffers × 2 bandwidths × fold pipelining on/off = 64 points. */
export const SWEEP_64 = {
  arch: 'array-64',
  workloads: ['mobilenet_v1'],
  axes: {
    'array.rows': [32, 64, 128, 256],
    'array.cols': [32, 64, 128, 256],
    dataflow: ['os', 'ws'],
    'sram.ifmapKiB': [32, 256],
    'dram.bandwidthWordsPerCycle': [8, 32],
    'microarch.foldPipelining': [false, true],
  },
  zip: [['array.rows', 'array.cols']],
};

/** The target for --jobs 2 over --jobs 1 on a 2-core machine. */
const SPEEDUP_TARGET = 1.7;

interface Timed {
  jobs: number;
  /** The 1-minute load average when the run ended. */
  load: number;
  wallS: number;
  cpuS: number;
  rows: PointRow[];
}

async function timed(jobs: number): Promise<Timed> {
  const out = mkdtempSync(join(tmpdir(), `systole-bench-sweep-j${jobs}-`));
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { rows } = await sweep(SWEEP_64, { jobs, out });
    const wallS = (performance.now() - t0) / 1e3;
    const cpu = process.cpuUsage(cpu0);
    return { jobs, load: loadavg()[0], wallS, cpuS: (cpu.user + cpu.system) / 1e6, rows };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const comparable = (rows: PointRow[]) => JSON.stringify(rows.map(({ host: _, ...r }) => r));

export async function benchSweep(): Promise<void> {
  console.log(`64-point MobileNetV1 sweep (bench/sweep.ts SWEEP_64), ${availableParallelism()} cores, load average (1 min) ${loadavg()[0].toFixed(2)}`);
  const runs: Timed[] = [];
  for (const jobs of [1, 2, 2, 1]) runs.push(await timed(jobs));
  const rows = runs.map((t) => [`--jobs ${t.jobs}`, String(t.rows.length), seconds(t.wallS), seconds(t.cpuS), `${(t.rows.length / t.wallS).toFixed(2)}`, t.load.toFixed(2)]);
  console.log(table(['run (in this order)', 'points', 'wall', 'cpu (all threads)', 'points/s', 'load after'], rows));
  const wall = (jobs: number) => runs.filter((t) => t.jobs === jobs).reduce((a, t) => a + t.wallS, 0);
  const same = runs.every((t) => comparable(t.rows) === comparable(runs[0].rows));
  console.log(`speedup --jobs 2 / --jobs 1 (summed wall of the two runs each): ${ratio(wall(1) / wall(2))} (target ≥ ${SPEEDUP_TARGET}× on an idle 2-core machine)`);
  console.log(`results identical (all fields but host.wallMs, all four runs): ${same ? 'yes' : 'NO'}`);
  console.log('other processes on these cores (load average above 2) lower the speedup');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(heading('Sweep'));
  await benchSweep();
}
