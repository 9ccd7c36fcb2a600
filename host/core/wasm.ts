// The only module that loads the WASM core. Everything else talks to the typed `CoreExports` below, so the binding
// style (loader, raw WebAssembly, a future ESM binding) can change here alone.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as loader from '@assemblyscript/loader';

export interface CoreExports {
  memory: WebAssembly.Memory;
  configure(rows: number, cols: number, dataflow: number, timing: number, flags: number): void;
  prepare(m: number, n: number, k: number): void;
  operandA(): number;
  ifmapStaging(words: number): number;
  im2colIntoA(): void;
  operandB(): number;
  result(): number;
  stats(): number;
  beginLayer(): void;
  packBlocks(rb: number, cb: number): void;
  configureMemory(
    on: boolean, ifmapWords: number, filterWords: number, ofmapWords: number, doubleBuffer: boolean, sliceSteps: number,
    banks: number, ports: number, interleave: number, bandwidth: number, latency: number, unifiedWords: number,
  ): void;
  setGemmGeometry(m: number, n: number, k: number, groups: number, stackM: boolean, stackN: boolean, stackK: boolean): void;
  setConvGeometry(
    conv: boolean, h: number, w: number, c: number, filterW: number, strideH: number, strideW: number, padTop: number,
    padLeft: number, outW: number,
  ): void;
  runGemm(): void;
  endLayer(): void;
}

/** The package root: the nearest folder above this module holding package.json (works from host/ and build/host/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'asconfig.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('systole: cannot find the package root (package.json next to asconfig.json)');
    dir = up;
  }
  return dir;
}

let compiled: WebAssembly.Module | null = null;

/**
 * Contract: the core's compiled module, compiled at most once per process. A WebAssembly.Module can be posted to
 * worker threads (it is shared, not recompiled): pass it to useCompiledCore() there.
 */
export function compiledCore(): WebAssembly.Module {
  if (!compiled) {
    const file = join(packageRoot(), 'build', 'systole.wasm');
    if (!existsSync(file)) throw new Error(`systole: ${file} is missing; run \`npm run build\` (npm ci does it)`);
    compiled = new WebAssembly.Module(readFileSync(file));
  }
  return compiled;
}

/** Contract: in a worker thread, instantiate cores from a module compiled by another thread instead of compiling. */
export function useCompiledCore(module: WebAssembly.Module): void {
  compiled = module;
}

/** Contract: a fresh core instance (its own memory) on every call; the module is compiled once per process. */
export function instantiateCore(): CoreExports {
  const inst = loader.instantiateSync<Record<string, unknown>>(compiledCore(), {});
  return inst.exports as unknown as CoreExports;
}
