// The worker-thread pool that runs points (tinypool): every thread receives the core's compiled WASM module once and
// runs worker.ts's evaluatePoint per task. Used by a local sweep (--jobs N) and by a queue worker (systole worker).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Tinypool from 'tinypool';
import { compiledCore, packageRoot } from '../core/wasm.ts';

/** The built worker module (worker threads run JavaScript: build/ must exist, as for the CLI). */
function workerFile(): string {
  const file = join(packageRoot(), 'build', 'host', 'sweep', 'worker.js');
  if (!existsSync(file)) throw new Error(`systole: ${file} is missing; run \`npm run build\``);
  return pathToFileURL(file).href;
}

/** A pool of exactly `threads` worker threads; `run(task)` evaluates one point. Destroy it when done. */
export function pointPool(threads: number): Tinypool {
  return new Tinypool({ filename: workerFile(), minThreads: threads, maxThreads: threads, workerData: { core: compiledCore() } });
}
