// The C reference kernel (bench/native/systolic.c): compiled at bench time into a temporary folder (never the repo),
// once with plain `cc -O3` and once with `cc -O3 -march=native`, then run on the shapes the core is measured on.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One compiled build of the kernel. */
export interface NativeBuild {
  label: string;
  flags: string[];
  binary: string;
}

/** What one kernel run printed (its JSON line). */
export interface NativeRun {
  cyclesPerRun: number;
  peUpdatesPerRun: number;
  seconds: number; // all timed runs
  peUpdatesPerSec: number; // mean over the timed runs
  bestPeUpdatesPerSec: number; // the fastest timed run
  repeats: number;
  verified: boolean;
}

/** The builds the bench compares against: the "plain C -O3", and the same tuned for this CPU. */
export const NATIVE_FLAGS: readonly { label: string; flags: string[] }[] = [
  { label: 'C -O3', flags: ['-O3'] },
  { label: 'C -O3 -march=native', flags: ['-O3', '-march=native'] },
];

/** The C compiler to use ($CC, else `cc`), or why there is none. */
export function findCompiler(): { cc: string } | { skip: string } {
  const cc = process.env.CC || 'cc';
  const probe = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { skip: `no C compiler (\`${cc} --version\` failed): C reference skipped` };
  return { cc };
}

/** Contract: compiles `source` with every NATIVE_FLAGS entry into a fresh temp dir; `cleanup()` removes it. */
export function compileKernel(cc: string, source: string): { builds: NativeBuild[]; failures: string[]; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'systole-bench-'));
  const builds: NativeBuild[] = [];
  const failures: string[] = [];
  NATIVE_FLAGS.forEach(({ label, flags }, i) => {
    const binary = join(dir, `systolic-${i}`);
    const res = spawnSync(cc, [...flags, '-o', binary, source], { encoding: 'utf8' });
    if (res.status === 0) builds.push({ label, flags, binary });
    else failures.push(`${label}: \`${cc} ${flags.join(' ')}\` failed: ${(res.stderr || String(res.error)).trim().split('\n')[0]}`);
  });
  return { builds, failures, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function runOnce(binary: string, args: number[]): NativeRun {
  const res = spawnSync(binary, args.map(String), { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${binary} ${args.join(' ')} exited ${res.status}: ${res.stderr.trim()}`);
  return JSON.parse(res.stdout.trim()) as NativeRun;
}

/**
 * Contract: runs an M×N×K GEMM on the kernel's R×C array (checked against a naive matmul inside the kernel), with
 * enough repeats to take about `seconds` of timed work, and returns the kernel's own measurement.
 */
export function runKernel(build: NativeBuild, shape: { m: number; n: number; k: number; rows: number; cols: number }, seconds: number): NativeRun {
  const base = [shape.m, shape.n, shape.k, shape.rows, shape.cols];
  const probe = runOnce(build.binary, [...base, 1]);
  const repeats = Math.max(1, Math.ceil(seconds / Math.max(probe.seconds, 1e-6)));
  return runOnce(build.binary, [...base, repeats]);
}
