// `npm run bench`: simulator speed against a C reference kernel, whole-network wall times, the schedule bench
// (bench/schedule.ts, when present), then a summary against the targets. Prints figures; asserts nothing.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../host/core/wasm.ts';
import { type SpeedFigure, PE_UPDATE_DEFINITION, measureSpeed } from './core-speed.ts';
import { type NativeBuild, compileKernel, findCompiler } from './native.ts';
import type { NetworkFigure } from './networks.ts';
import { giga, heading, ratio, seconds, table } from './print.ts';

const CORE_VS_C_TARGET = 0.6;
const MOBILENET_TARGET_S = 1;

function printSpeed(figs: readonly SpeedFigure[]): void {
  const rows: string[][] = [];
  for (const f of figs) {
    const span = f.shape.dataflow === 'os' ? f.shape.k : f.shape.m;
    const shape = `${f.shape.label} M=${f.shape.m} N=${f.shape.n} K=${f.shape.k}`;
    const perRun = `${f.shape.rows}·${f.shape.cols}·${span + f.shape.rows + f.shape.cols - 2}`;
    for (const r of [f.core, ...f.native]) {
      const vs = r === f.core ? ['', ''] : [ratio(f.core.mean / r.mean), ratio(f.core.best / r.best)];
      const rme = r.rmePercent === null ? '' : r.rmePercent.toFixed(1);
      rows.push([r === f.core ? shape : '', r === f.core ? perRun : '', r.label, giga(r.mean), rme, giga(r.best), ...vs]);
    }
  }
  const header = ['shape (one full fold)', 'PE-updates/run', 'implementation', 'mean', '±%', 'best run', 'core/this mean', 'core/this best'];
  console.log(table(header, rows));
  console.log(PE_UPDATE_DEFINITION);
  console.log('mean: over all timed runs; best run: the fastest run (core: fastest benchmark.js sample), less sensitive to load');
}

function printNetworks(figs: readonly NetworkFigure[]): void {
  const rows = figs.map((f) => [
    f.run.network,
    f.run.arch,
    f.run.dataflow,
    f.run.timing,
    seconds(f.meanSeconds),
    f.rmePercent.toFixed(1),
    seconds(f.bestSeconds),
    seconds(f.cpuSeconds),
    String(f.samples),
    String(f.cycles),
    `${(f.macs / 1e9).toFixed(3)} G`,
  ]);
  console.log(table(['network', 'arch', 'dataflow', 'timing', 'mean', '±%', 'best', 'cpu', 'runs', 'sim. cycles', 'MACs'], rows));
  console.log('wall time of one simulate() call (specs loaded once, outside the timed runs); best: fastest benchmark.js sample;');
  console.log('cpu: least CPU time (user + system, all threads) of 3 more runs, about the wall time on an idle machine');
}

/** The networks section, or the reason it could not run (the library API missing or failing). */
async function networks(): Promise<NetworkFigure[] | string> {
  try {
    const mod = await import('./networks.ts');
    return await mod.measureNetworks();
  } catch (e) {
    return `network benchmarks skipped: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

const failedSections: string[] = [];

/** One section of the bench: a heading, then its figures; a section that throws says so and the others still run. */
async function section(title: string, body: () => Promise<void>): Promise<void> {
  console.log(heading(title));
  try {
    await body();
  } catch (e) {
    console.log(`FAILED: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    failedSections.push(title);
  }
}

async function schedule(): Promise<void> {
  const file = join(packageRoot(), 'build', 'bench', 'schedule.js');
  if (!existsSync(file)) {
    console.log('bench/schedule.ts not built (build/bench/schedule.js missing): schedule bench skipped');
    return;
  }
  const mod = (await import(pathToFileURL(file).href)) as { benchSchedule?: () => Promise<void> };
  if (typeof mod.benchSchedule !== 'function') console.log('bench/schedule.ts exports no benchSchedule(): skipped');
  else await mod.benchSchedule();
}

/** MobileNetV1's three dataflows in one timing mode, summed: mean, best and CPU seconds; null if not all measured. */
/** Issue 3: the memory system should cost less than this factor over the stall-free run. */
const MEMORY_TARGET = 2;

function mobilenetTotal(figs: NetworkFigure[] | string, timing: string): { mean: number; best: number; cpu: number } | null {
  if (typeof figs === 'string') return null;
  const mine = figs.filter((f) => f.run.network === 'mobilenet_v1' && f.run.timing === timing && f.run.memory === 'ideal');
  if (mine.length !== 3) return null;
  const sum = (get: (f: NetworkFigure) => number) => mine.reduce((s, f) => s + get(f), 0);
  return { mean: sum((f) => f.meanSeconds), best: sum((f) => f.bestSeconds), cpu: sum((f) => f.cpuSeconds) };
}

function printSummary(speed: readonly SpeedFigure[], nets: NetworkFigure[] | string, nativeLabels: readonly string[]): void {
  const rows: string[][] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const os128 = speed.find((f) => f.shape.label === 'OS 128×128');
  for (const label of nativeLabels) {
    const c = os128?.native.find((n) => n.label === label);
    const target = label === 'C -O3' ? `≥ ${CORE_VS_C_TARGET}×` : '(info)';
    const name = `core / ${label}, OS 128×128 (mean; best run)`;
    if (!os128 || !c) rows.push([name, 'not measured', target, '—']);
    else {
      const mean = os128.core.mean / c.mean;
      const best = os128.core.best / c.best;
      const status = label === 'C -O3' ? verdict(Math.min(mean, best) >= CORE_VS_C_TARGET) : '—';
      rows.push([name, `${ratio(mean)}; ${ratio(best)}`, target, status]);
    }
  }
  if (nativeLabels.length === 0) rows.push(['core / C -O3, OS 128×128', 'no C compiler', `≥ ${CORE_VS_C_TARGET}×`, '—']);
  for (const timing of ['native', 'scalesim']) {
    const t = mobilenetTotal(nets, timing);
    rows.push([
      `MobileNetV1 64×64, OS+WS+IS, ${timing} (mean; best; cpu)`,
      t === null ? 'not measured' : `${seconds(t.mean)}; ${seconds(t.best)}; ${seconds(t.cpu)}`,
      `< ${MOBILENET_TARGET_S} s`,
      t === null ? '—' : `${verdict(t.mean < MOBILENET_TARGET_S)} (cpu: ${verdict(t.cpu < MOBILENET_TARGET_S)})`,
    ]);
  }
  const find = (network: string, memory: string) =>
    typeof nets === 'string' ? undefined : nets.find((f) => f.run.network === network && f.run.dataflow === 'os' && f.run.timing === 'native' && f.run.memory === memory);
  const resnet = find('resnet50', 'ideal');
  const resnetTime = resnet ? [resnet.meanSeconds, resnet.bestSeconds, resnet.cpuSeconds].map(seconds).join('; ') : 'not measured';
  rows.push(['ResNet-50 128×128, OS, native (mean; best; cpu)', resnetTime, '(info)', '—']);
  for (const [network, label] of [['mobilenet_v1', 'MobileNetV1 64×64'], ['resnet50', 'ResNet-50 128×128']] as const) {
    const off = find(network, 'ideal');
    const on = find(network, 'simulated');
    const name = `${label}, OS: memory system on / stall-free (mean; cpu)`;
    if (!off || !on) rows.push([name, 'not measured', `< ${MEMORY_TARGET}×`, '—']);
    else {
      const mean = on.meanSeconds / off.meanSeconds;
      const cpu = on.cpuSeconds / off.cpuSeconds;
      rows.push([name, `${ratio(mean)}; ${ratio(cpu)}`, `< ${MEMORY_TARGET}×`, verdict(Math.min(mean, cpu) < MEMORY_TARGET)]);
    }
  }
  console.log(table(['figure', 'measured', 'target', 'status'], rows));
}

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = cpus();
  console.log(`Systole bench: node ${process.version}, ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores`);
  console.log(`load average at start (1 min): ${loadavg()[0].toFixed(2)}; other processes on these cores slow every figure`);

  console.log(heading('C reference kernel (bench/native/systolic.c)'));
  const compiler = findCompiler();
  let builds: NativeBuild[] = [];
  let cleanup = () => {};
  if ('skip' in compiler) console.log(compiler.skip);
  else {
    const compiled = compileKernel(compiler.cc, join(packageRoot(), 'bench', 'native', 'systolic.c'));
    builds = compiled.builds;
    cleanup = compiled.cleanup;
    for (const f of compiled.failures) console.log(`skipped ${f}`);
    for (const b of builds) console.log(`compiled with \`${compiler.cc} ${b.flags.join(' ')}\` into a temp dir`);
  }
  const nativeLabels = builds.map((b) => b.label);

  try {
    console.log(heading('Core speed: PE-updates per second (benchmark.js; C kernel timed in-process)'));
    const speed = await measureSpeed(builds, 1.5);
    printSpeed(speed);

    console.log(heading('Whole networks: wall time (benchmark.js, library API simulate())'));
    const nets = await networks();
    if (typeof nets === 'string') console.log(nets);
    else printNetworks(nets);

    await section('Schedule', schedule);
    await section('Attention machine (bench/attention.ts)', async () => (await import('./attention.ts')).benchAttention());
    await section('Trace: MobileNetV1 with and without --trace (bench/trace.ts)', async () => (await import('./trace.ts')).benchTrace());
    await section('Sweep: --jobs 1 vs --jobs 2 (bench/sweep.ts)', async () => (await import('./sweep.ts')).benchSweep());
    await section('HTML report: run with and without --html (bench/html.ts)', async () => (await import('./html.ts')).benchHtml());
    await section('Big layers in bounded memory, --values and fast-forward (bench/big.ts)', async () => (await import('./big.ts')).benchBig());
    await section('Spiking networks: systole study snn (bench/snn.ts)', async () => (await import('./snn.ts')).benchSnn());

    console.log(heading('Summary'));
    printSummary(speed, nets, nativeLabels);
    const load = loadavg()[0].toFixed(2);
    console.log(`\nbench wall time: ${seconds((performance.now() - started) / 1e3)}; load average at end (1 min): ${load}`);
    if (failedSections.length > 0) {
      console.log(`sections that failed (see above): ${failedSections.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    cleanup();
  }
}

await main();
