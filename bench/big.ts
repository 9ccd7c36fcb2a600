// Issue 11's figures: big layers in bounded memory, --values full | sampled | off side by side. Each run is a child
// process (node build/bench/big.js --child SPEC) that reports its own wall time and peak RSS (maxRSS of
// process.resourceUsage()), so one run's memory is not mixed with another's. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadArch, loadWorkload, simulate } from '../host/index.ts';
import type { ValuesMode } from '../host/simulate/index.ts';
import { heading, seconds, table } from './print.ts';

interface Spec {
  label: string;
  arch: string | object;
  workload: string | object;
  values: ValuesMode;
  fastForward: boolean;
}

interface Result {
  wallSeconds: number;
  peakRssMiB: number;
  cycles: number;
  macs: number;
  folds: number;
  foldsWithValues: number;
  foldsAdvanced: number;
  foldsInPeriods: number;
  byLayer: { name: string; folds: number; advanced: number }[];
}

const gemm = (name: string, m: number, n: number, k: number) => ({ name, layers: [{ name, kind: 'gemm', m, n, k }] });
const IDEAL_128 = { ...loadArch('array-128'), name: 'array-128-ideal', memory: { model: 'ideal', sliceSteps: 64 } };

type Mode = [ValuesMode, 'ff' | 'full sim'];
const FAST: Mode[] = [['off', 'ff'], ['sampled', 'ff']];
const FULL: Mode = ['full', 'full sim']; // every fold stepped with values: the simulation without fast-forward

/** The runs, each in the modes it is measured in (the full simulation only where it finishes in minutes). */
const RUNS: { label: string; arch: string | object; workload: string | object; modes: Mode[] }[] = [
  { label: '4096×4096×4096 GEMM, array-128 OS, memory system', arch: 'array-128', workload: gemm('g4096', 4096, 4096, 4096), modes: [...FAST, FULL] },
  { label: '128×128×1,048,576 GEMM, array-128 OS, memory system', arch: 'array-128', workload: gemm('g1m', 128, 128, 1 << 20), modes: [['off', 'ff'], FULL] },
  { label: 'ResNet-50, array-128 OS, memory system', arch: 'array-128', workload: 'resnet50', modes: [...FAST, FULL] },
  { label: 'MobileNetV1, array-64 OS, memory system', arch: 'array-64', workload: 'mobilenet_v1', modes: [...FAST, FULL] },
  { label: 'BERT-base encoder layer, array-128 OS, memory system', arch: 'array-128', workload: 'bert_base_encoder', modes: [...FAST, FULL] },
  { label: 'GPT-3 decoder layer (d 12288, 96 heads, seq 2048), array-128 OS, memory system', arch: 'array-128', workload: 'gpt3_decoder', modes: FAST },
  { label: 'the same, ideal memory', arch: IDEAL_128, workload: 'gpt3_decoder', modes: [['off', 'ff']] },
];

async function child(spec: Spec): Promise<void> {
  const arch = typeof spec.arch === 'string' ? loadArch(spec.arch) : spec.arch;
  const workload = typeof spec.workload === 'string' ? loadWorkload(spec.workload) : spec.workload;
  const t0 = performance.now();
  const report = await simulate(arch as never, workload as never, { values: spec.values, fastForward: spec.fastForward });
  const wallSeconds = (performance.now() - t0) / 1e3;
  // Layers the vector unit ran (pools, residual adds) have no folds: they count as none here, not as a crash.
  const sims = report.layers.map((l) => l.simulation ?? { folds: 0, foldsWithValues: 0, foldsAdvanced: 0, foldsInPeriods: 0 });
  const sum = (f: (s: (typeof sims)[number]) => number) => sims.reduce((a, s) => a + f(s), 0);
  const out: Result = {
    wallSeconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    cycles: report.totals.cycles,
    macs: report.totals.macs,
    folds: sum((s) => s.folds),
    foldsWithValues: sum((s) => s.foldsWithValues),
    foldsAdvanced: sum((s) => s.foldsAdvanced),
    foldsInPeriods: sum((s) => s.foldsInPeriods),
    byLayer: report.layers.map((l) => ({ name: l.name, folds: l.simulation?.folds ?? 0, advanced: l.simulation?.foldsAdvanced ?? 0 })),
  };
  process.stdout.write(JSON.stringify(out));
}

function runChild(spec: Spec): Result | string {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return (r.stderr || r.stdout || `exit ${r.status}`).split('\n')[0];
  return JSON.parse(r.stdout) as Result;
}

const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—');

/** Contract: runs every case in a child process and prints one table (figures as measured). */
export async function benchBig(): Promise<void> {
  const rows: string[][] = [];
  const got = new Map<string, Result>();
  for (const run of RUNS) {
    for (const [values, how] of run.modes) {
      const r = runChild({ label: run.label, arch: run.arch, workload: run.workload, values, fastForward: how === 'ff' });
      if (typeof r !== 'string') got.set(`${run.label}|${values}|${how}`, r);
      const name = values === run.modes[0][0] ? run.label : '';
      const mode = `${values}${how === 'ff' ? '' : ' (full sim)'}`;
      if (typeof r === 'string') {
        rows.push([name, mode, `failed: ${r}`, '', '', '', '', '', '']);
        continue;
      }
      rows.push([
        name, mode, seconds(r.wallSeconds), `${r.peakRssMiB.toFixed(0)} MiB`, r.cycles.toLocaleString('en-US'),
        r.folds.toLocaleString('en-US'), pct(r.folds - r.foldsAdvanced, r.folds), pct(r.foldsAdvanced - r.foldsInPeriods, r.folds),
        pct(r.foldsInPeriods, r.folds), pct(r.foldsWithValues, r.folds),
      ]);
    }
  }
  console.log(table(['run', '--values', 'wall', 'peak RSS', 'cycles', 'folds', 'stepped', 'by shape', 'by period', 'values'], rows));
  console.log('wall: simulate() in a child process (specs loaded before the clock starts); peak RSS: the child\'s maxRSS.');
  console.log('full sim: --values full --no-fast-forward, every fold stepped with values. stepped: folds whose register-level run');
  console.log('was stepped; by shape: folds that took the outcome recorded for an earlier fold of their shape, placed one by one by');
  console.log('the memory system and the timeline; by period: folds added as whole periods of identical folds whose state repeats');
  console.log('(assembly/array/period.ts); values: folds that computed values. Cycles are the simulated runs\' counters.');
  printTargets(got);
}

/** Issue 11's done-when figures against the runs above (the default mode is --values full with fast-forward). */
function printTargets(got: Map<string, Result>): void {
  const [g4096, g1m, resnet, gpt3] = [RUNS[0].label, RUNS[1].label, RUNS[2].label, RUNS[5].label];
  const rows: string[][] = [];
  const check = (name: string, key: string, maxS: number, maxMiB: number | null) => {
    const r = got.get(key);
    const target = `< ${maxS} s${maxMiB === null ? '' : `, < ${maxMiB} MiB`}`;
    if (!r) {
      rows.push([name, 'not measured', target, '—']);
      return;
    }
    const ok = r.wallSeconds < maxS && (maxMiB === null || r.peakRssMiB < maxMiB);
    rows.push([name, `${seconds(r.wallSeconds)}, ${r.peakRssMiB.toFixed(0)} MiB`, target, ok ? 'met' : 'MISSED']);
  };
  check('4096³ GEMM, memory system, --values sampled', `${g4096}|sampled|ff`, 5, 300);
  check('4096³ GEMM, memory system, --values off', `${g4096}|off|ff`, 1, null);
  check('ResNet-50 128×128, memory system, --values sampled', `${resnet}|sampled|ff`, 1, null);
  check('128×128×1M GEMM, memory system, --values off', `${g1m}|off|ff`, 2, 200);
  check('GPT-3 decoder layer, memory system, --values sampled', `${gpt3}|sampled|ff`, 60, 500);
  console.log(table(['issue 11 figure', 'measured', 'target', 'status'], rows));
  console.log('(--values full computes every fold\'s MACs: 68.7 G for the 4096³ GEMM, see the full sim rows above.)');
}

if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]) as Spec);
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(heading('Big layers in bounded memory (bench/big.ts)'));
  await benchBig();
}
