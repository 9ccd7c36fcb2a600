// Simulator speed: PE-updates per second of the WASM core on one big fold-dominated GEMM per array, next to the C
// reference kernel on the same shapes in the same run.
//
// PE-updates, one definition for both sides: R·C·(cycles in the fold's span), every PE of the array on every cycle
// from the first operand entering the array to the last MAC, T + R + C − 2 cycles for one full fold (T = K for OS,
// M for WS). That is the fold's busy PE-cycles (R·C·T) plus its fill/drain idle PE-cycles (R·C·(R + C − 2)).
// Neither side counts the OS output drain or the WS weight load.
import { Core, CoreDataflow, CoreTiming } from '../host/core/index.ts';
import { type NativeBuild, type NativeRun, runKernel } from './native.ts';
import { runSuite } from './suite.ts';

/** One measured GEMM shape: a single full fold of an R×C array. */
export interface SpeedShape {
  label: string;
  dataflow: 'os' | 'ws';
  rows: number;
  cols: number;
  m: number;
  n: number;
  k: number;
}

/** The shapes of the benchmark: OS on 32×32 and 128×128 (with the C kernel), WS on 128×128. */
export const SPEED_SHAPES: readonly SpeedShape[] = [
  { label: 'OS 32×32', dataflow: 'os', rows: 32, cols: 32, m: 32, n: 32, k: 2048 },
  { label: 'OS 128×128', dataflow: 'os', rows: 128, cols: 128, m: 128, n: 128, k: 2048 },
  { label: 'WS 128×128', dataflow: 'ws', rows: 128, cols: 128, m: 2048, n: 128, k: 128 },
];

/** The PE-update definition, printed under the speed table. */
export const PE_UPDATE_DEFINITION =
  'PE-updates = R·C·(T + R + C − 2) per full fold: every PE, every cycle of the fold span ' +
  '(= busy PE-cycles R·C·T + fill/drain idle PE-cycles); T = K (OS), M (WS); OS drain and WS weight load not counted';

/** One implementation's rate on one shape: the mean over its timed runs and its fastest run. */
export interface Rate {
  label: string;
  mean: number; // PE-updates/s
  best: number; // PE-updates/s
  rmePercent: number | null; // benchmark.js margin of error (core only)
}

/** Speed figures of one shape: the core first, then every native build (OS shapes only). */
export interface SpeedFigure {
  shape: SpeedShape;
  core: Rate;
  native: Rate[];
}

/** Streaming length T of a shape: the cycles of operands each PE sees. */
function streamLength(s: SpeedShape): number {
  return s.dataflow === 'os' ? s.k : s.m;
}

/** PE-updates of one run of the shape (one full fold). */
export function peUpdatesOf(s: SpeedShape): number {
  return s.rows * s.cols * (streamLength(s) + s.rows + s.cols - 2);
}

function int8Values(len: number, seed: number): Int32Array {
  const out = new Int32Array(len);
  let x = seed >>> 0;
  for (let i = 0; i < len; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = (x >>> 24) - 128;
  }
  return out;
}

function naiveMatmul(a: Int32Array, b: Int32Array, m: number, n: number, k: number): Int32Array {
  const c = new Int32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let kk = 0; kk < k; kk++) {
      const av = a[i * k + kk];
      for (let j = 0; j < n; j++) c[i * n + j] += av * b[kk * n + j];
    }
  return c;
}

/** A ready-to-run GEMM on a fresh core, checked once against a naive matmul and against the fold's closed form. */
function prepareShape(s: SpeedShape): () => void {
  const core = new Core({
    rows: s.rows,
    cols: s.cols,
    dataflow: s.dataflow === 'os' ? CoreDataflow.OS : CoreDataflow.WS,
    timing: CoreTiming.Native,
    flags: 0,
  });
  const a = int8Values(s.m * s.k, 1);
  const b = int8Values(s.k * s.n, 2);
  const run = () => {
    core.beginLayer();
    const c = core.runGemm(s.m, s.n, s.k, (ops) => {
      ops.a.set(a);
      ops.b.set(b);
    });
    return { c, stats: core.endLayer() };
  };
  const { c, stats } = run();
  const want = naiveMatmul(a, b, s.m, s.n, s.k);
  if (c.some((v, i) => v !== want[i])) throw new Error(`bench ${s.label}: the core's C differs from a naive matmul`);
  const busy = s.rows * s.cols * streamLength(s);
  if (stats.folds !== 1 || stats.busyPeCycles !== busy) {
    throw new Error(`bench ${s.label}: expected 1 fold and ${busy} busy PE-cycles, got ${stats.folds} and ${stats.busyPeCycles}`);
  }
  return () => void run();
}

function measureNative(build: NativeBuild, shape: SpeedShape, seconds: number): Rate {
  const run: NativeRun = runKernel(build, shape, seconds);
  const updates = peUpdatesOf(shape);
  if (run.peUpdatesPerRun !== updates) {
    throw new Error(`bench ${shape.label}: ${build.label} counts ${run.peUpdatesPerRun} PE-updates per run, not ${updates}`);
  }
  return { label: build.label, mean: run.peUpdatesPerSec, best: run.bestPeUpdatesPerSec, rmePercent: null };
}

/**
 * Contract: per shape, measures the core (benchmark.js), then, for OS shapes, every native build for about
 * `nativeSeconds` each, so both sides of a ratio are measured close together in time.
 */
export async function measureSpeed(builds: readonly NativeBuild[], nativeSeconds: number): Promise<SpeedFigure[]> {
  const out: SpeedFigure[] = [];
  for (const shape of SPEED_SHAPES) {
    const [r] = await runSuite(`core ${shape.label}`, [{ name: shape.label, fn: prepareShape(shape), maxTime: 2 }]);
    if (!r) throw new Error(`bench ${shape.label}: benchmark.js produced no result`);
    const updates = peUpdatesOf(shape);
    const core: Rate = { label: 'core', mean: updates / r.meanSeconds, best: updates / r.bestSeconds, rmePercent: r.rmePercent };
    const native = shape.dataflow === 'os' ? builds.map((b) => measureNative(b, shape, nativeSeconds)) : [];
    out.push({ shape, core, native });
  }
  return out;
}
