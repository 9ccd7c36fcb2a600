// The trace bench (issue 12), called by bench/run.ts and runnable alone (`node build/bench/trace.js`): MobileNetV1 on
// the 64×64 preset with and without --trace, side by side, runs alternated.
//   CLI: `systole run` and `systole run --trace FILE` as child processes (what a user waits for): wall time, and CPU
//        time of the child (Linux: the waited-for children's user + system time in /proc/self/stat, 10 ms ticks);
//   library: simulate() against simulateWithTimeline() + the trace streamed to the file, in this process (warm): CPU.
// Also the file's size and events. Prints figures; asserts nothing.
// SYSTOLE_TRACE_BASELINE=DIR (another checkout, built) adds its CLI's two runs to the same alternation: before and
// after a change side by side, under the same load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../host/core/wasm.ts';
import { loadArch } from '../host/spec/arch/arch.ts';
import { loadWorkload } from '../host/spec/workload/workload.ts';
import { simulate } from '../host/simulate/index.ts';
import { simulateWithTimeline } from '../host/trace/record.ts';
import { systolicTrace } from '../host/trace/systolic.ts';
import { writeTrace } from '../host/trace/write.ts';
import { heading, ratio, seconds, table } from './print.ts';

/** Issue 12: writing the trace should cost well under this factor over the run without it. */
const TRACE_TARGET = 2;
/** Runs of each (SYSTOLE_TRACE_RUNS overrides: more runs, steadier figures on a shared machine). */
const RUNS = Number(process.env.SYSTOLE_TRACE_RUNS ?? 3);

/** User + system CPU seconds of this process's waited-for children so far (Linux), or null. */
function childrenCpu(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // after "pid (comm) ": state is field 3, cutime and cstime are fields 16 and 17 (1-based)
  return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / 100;
}

interface Figure {
  wall: number[];
  cpu: number[];
}

const best = (xs: number[]) => Math.min(...xs);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function benchTrace(): Promise<void> {
  const cli = join(packageRoot(), 'build', 'host', 'cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'systole-bench-trace-'));
  const file = join(dir, 't.json');
  try {
    console.log(`MobileNetV1 on array-64 (OS, native, memory simulated), ${RUNS} runs each, alternated; load average (1 min) ${loadavg()[0].toFixed(2)}`);
    const plain: Figure = { wall: [], cpu: [] };
    const traced: Figure = { wall: [], cpu: [] };
    const baseDir = process.env.SYSTOLE_TRACE_BASELINE;
    const baseCli = baseDir === undefined ? undefined : join(baseDir, 'build', 'host', 'cli.js');
    const base = { plain: { wall: [], cpu: [] } as Figure, traced: { wall: [], cpu: [] } as Figure };
    const runs: [Figure, string, string[]][] = [[plain, cli, ['run']], [traced, cli, ['run', '--trace', file]]];
    if (baseCli !== undefined) runs.push([base.plain, baseCli, ['run']], [base.traced, baseCli, ['run', '--trace', file]]);
    for (let i = 0; i < RUNS; i++) {
      for (const [fig, bin, args] of runs) {
        const cpu0 = childrenCpu();
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
        fig.wall.push((performance.now() - t0) / 1e3);
        const cpu1 = childrenCpu();
        if (cpu0 !== null && cpu1 !== null) fig.cpu.push(cpu1 - cpu0);
        if (r.status !== 0) throw new Error(`systole ${args.join(' ')} failed: ${r.stderr}`);
      }
    }
    const trace = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: unknown[]; metadata: { aggregation: { aggregated: boolean } } };
    const size = statSync(file).size;

    // the library path in this process, warm (one untimed run of each first)
    const arch = await loadArch('array-64');
    const workload = await loadWorkload('mobilenet_v1');
    const lib = async () => simulate(arch, workload);
    const libTraced = async () => {
      const { report, timelines } = await simulateWithTimeline(arch, workload);
      await writeTrace(systolicTrace(report, timelines), file);
    };
    await lib();
    await libTraced();
    const libCpu = { plain: [] as number[], traced: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      for (const [list, run] of [[libCpu.plain, lib], [libCpu.traced, libTraced]] as const) {
        const before = process.cpuUsage();
        await run();
        const used = process.cpuUsage(before);
        list.push((used.user + used.system) / 1e6);
      }
    }

    const cpuCell = (xs: number[]) => (xs.length > 0 ? `${seconds(best(xs))}` : 'n/a');
    const rows = [
      ['systole run (CLI)', seconds(mean(plain.wall)), seconds(best(plain.wall)), cpuCell(plain.cpu), '', ''],
      ['systole run --trace t.json (CLI)', seconds(mean(traced.wall)), seconds(best(traced.wall)), cpuCell(traced.cpu), ratio(best(traced.wall) / best(plain.wall)), plain.cpu.length > 0 ? ratio(best(traced.cpu) / best(plain.cpu)) : 'n/a'],
      ['simulate() (library, warm)', '', '', seconds(best(libCpu.plain)), '', ''],
      ['simulateWithTimeline + trace written (library, warm)', '', '', seconds(best(libCpu.traced)), '', ratio(best(libCpu.traced) / best(libCpu.plain))],
    ];
    if (baseDir !== undefined) {
      rows.push(
        [`baseline ${baseDir}: systole run`, seconds(mean(base.plain.wall)), seconds(best(base.plain.wall)), cpuCell(base.plain.cpu), '', ''],
        [`baseline ${baseDir}: run --trace`, seconds(mean(base.traced.wall)), seconds(best(base.traced.wall)), cpuCell(base.traced.cpu), ratio(best(base.traced.wall) / best(base.plain.wall)), base.plain.cpu.length > 0 ? ratio(best(base.traced.cpu) / best(base.plain.cpu)) : 'n/a'],
      );
    }
    console.log(table(['run', 'wall mean', 'wall best', 'cpu best', 'traced/plain wall', 'traced/plain cpu'], rows));
    console.log(`trace file: ${(size / 1e6).toFixed(1)} MB, ${trace.traceEvents.length} events, ${trace.metadata.aggregation.aggregated ? 'aggregated' : 'full detail'}`);
    console.log(`target: traced / plain well under ${TRACE_TARGET}× (issue 12); cpu: the child's (CLI) or this process's (library) user + system time, least of ${RUNS}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(heading('Trace'));
  await benchTrace();
}
