// The sweep bench (issue 13), called by bench/run.ts and runnable alone (`node build/bench/sweep.js`): one 64-point
// MobileNetV1 sweep run with --jobs 1 and with --jobs 2 into fresh directories, side by side: wall time, CPU time of
// the process (all threads), the speedup, and whether the two results are identical (every field but host.wallMs).
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
    return { jobs, wallS, cpuS: (cpu.user + cpu.system) / 1e6, rows };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const comparable = (rows: PointRow[]) => JSON.stringify(rows.map(({ host: _, ...r }) => r));

export async function benchSweep(): Promise<void> {
  console.log(`64-point MobileNetV1 sweep (bench/sweep.ts SWEEP_64), ${availableParallelism()} cores, load average (1 min) ${loadavg()[0].toFixed(2)}`);
  const one = await timed(1);
  const two = await timed(2);
  const rows = [one, two].map((t) => [`--jobs ${t.jobs}`, String(t.rows.length), seconds(t.wallS), seconds(t.cpuS), `${(t.rows.length / t.wallS).toFixed(2)}`]);
  console.log(table(['run', 'points', 'wall', 'cpu (all threads)', 'points/s'], rows));
  const same = comparable(one.rows) === comparable(two.rows);
  console.log(`speedup --jobs 2 / --jobs 1 (wall): ${ratio(one.wallS / two.wallS)} (target ≥ ${SPEEDUP_TARGET}× on an idle 2-core machine)`);
  console.log(`results identical (all fields but host.wallMs): ${same ? 'yes' : 'NO'}`);
  console.log(`load average at end (1 min): ${loadavg()[0].toFixed(2)}: other processes on these cores lower the speedup`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(heading('Sweep'));
  await benchSweep();
}
