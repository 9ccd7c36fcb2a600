// The HTML report's cost (issue 12: `--html` should cost well under 2× the run): `systole run` on MobileNetV1 and the
// 64×64 preset (the CLI, as users run it) with and without `--html`, interleaved, 3 runs each; wall times side by
// side and their ratio, plus the file's size. Called by bench/run.ts; runnable alone (`node build/bench/html.js`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../host/core/wasm.ts';
import { ratio, seconds, table } from './print.ts';

const RUNS = 3;

/** Wall seconds of one `systole run` with extra arguments (exit code checked). */
function timeRun(args: string[], cwd: string): number {
  const cli = join(packageRoot(), 'build', 'host', 'cli.js');
  const start = performance.now();
  const res = spawnSync(process.execPath, [cli, 'run', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const s = (performance.now() - start) / 1e3;
  if (res.status !== 0) throw new Error(`systole run ${args.join(' ')} failed: ${res.stderr}`);
  return s;
}

export async function benchHtml(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'systole-bench-html-'));
  try {
    const plain: number[] = [];
    const html: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(timeRun([], dir));
      html.push(timeRun(['--html', 'r.html'], dir));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const best = (xs: number[]) => Math.min(...xs);
    const kib = statSync(join(dir, 'r.html')).size / 1024;
    console.log(
      table(
        ['systole run, MobileNetV1, array-64 (CLI process)', 'mean wall', 'best wall'],
        [
          ['without --html', seconds(mean(plain)), seconds(best(plain))],
          [`with --html (${kib.toFixed(0)} KiB file)`, seconds(mean(html)), seconds(best(html))],
          ['with / without', ratio(mean(html) / mean(plain)), ratio(best(html) / best(plain))],
        ],
      ),
    );
    console.log(`${RUNS} runs each, interleaved; wall time includes node start-up and the table on stdout (target: well under 2×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchHtml();
