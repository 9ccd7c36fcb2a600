// The only module that loads the WASM core. Everything else talks to the typed `CoreExports` below, so the binding
// style (loader, raw WebAssembly, a future ESM binding) can change here alone.
import * as loader from '@assemblyscript/loader';
import { readCoreBytes } from './wasm-file.ts';

export { packageRoot } from './wasm-file.ts';

export interface CoreExports {
  memory: WebAssembly.Memory;
  configure(rows: number, cols: number, dataflow: number, timing: number, flags: number): void;
  prepare(m: number, n: number, k: number): void;
  operandA(): number;
  ifmapStaging(words: number): number;
  im2colIntoA(): void;
  operandB(): number;
  result(): number;
  setWindow(steps: number): void;
  setFastForward(on: boolean): void;
  prepareStreamed(m: number, n: number, k: number, conv: boolean, values: number, outputs: boolean): void;
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
    padLeft: number, outW: number, outH: number,
  ): void;
  rowMapBuffer(rows: number): number;
  setRowMap(rows: number, perCopy: number, copies: number): void;
  runGemm(): void;
  setVectorOps(add: number, mul: number, div: number, exp: number, rsqrt: number): void;
  setVectorPool(h: number, w: number, c: number, fh: number, fw: number, sh: number, sw: number, pt: number, pl: number, eh: number, ew: number): void;
  runVector(
    pattern: number, items: number, lanes: number, cyclesPerStep: number, operands: number, rowLength: number, weights: number,
    outPerItem: number, inputSpace: number, memory: boolean, sliceSteps: number,
  ): void;
  endLayer(): void;
  /** The timeline recorder (assembly/trace/recorder.ts; layouts: assembly/shared/timeline.ts). */
  traceConfigure(maxEvents: number): void;
  traceFolds(): number;
  traceFoldCount(): number;
  traceEvents(): number;
  traceEventCount(): number;
  traceDropped(): number;
}

let compiled: WebAssembly.Module | null = null;

/**
 * Contract: the core's compiled module, compiled at most once per process. A WebAssembly.Module can be posted to
 * worker threads (it is shared, not recompiled): pass it to useCompiledCore() there.
 */
export function compiledCore(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(readCoreBytes());
  return compiled;
}

/** Contract: in a worker thread, instantiate cores from a module compiled by another thread instead of compiling. */
export function useCompiledCore(module: WebAssembly.Module): void {
  compiled = module;
}

/**
 * Contract: compiles the core from `source` (a fetch() response, or the bytes) and uses it from then on; the way a
 * browser page (or a worker) loads the core, where there is no build/ folder to read (wasm-file.browser.ts).
 */
export async function loadCore(source: Response | PromiseLike<Response> | BufferSource): Promise<void> {
  const resolved = await source;
  const bytes = resolved instanceof Response ? await resolved.arrayBuffer() : resolved;
  compiled = await WebAssembly.compile(bytes);
}

/** What a streamed GEMM asks of the host (assembly/array/panels.ts): operand panels in, each fold's outputs out. */
export interface CoreImports {
  /** Writes rows [row0, row0+rows) × columns [col0, col0+cols) of A (which 0) or B (1) at byte `dst`, row stride `stride`. */
  fillPanel(which: number, row0: number, rows: number, col0: number, cols: number, dst: number, stride: number): void;
  /** C rows [m0, m0+rows) × columns [n0, n0+cols) over K rows [k0, k0+kLen), at byte `ptr` ([n][m] when transposed). */
  foldOutput(ptr: number, m0: number, rows: number, n0: number, cols: number, k0: number, kLen: number, transposed: number): void;
}

const NOT_STREAMED: CoreImports = {
  fillPanel: () => {
    throw new Error('systole: the core asked for an operand panel outside a streamed GEMM');
  },
  foldOutput: () => {},
};

/**
 * Contract: a fresh core instance (its own memory) on every call; the module is compiled once per process.
 * `imports` answers a streamed GEMM's requests (absent: the instance runs materialised GEMMs only).
 */
export function instantiateCore(imports: CoreImports = NOT_STREAMED): CoreExports {
  const env = { fillPanel: imports.fillPanel, foldOutput: imports.foldOutput };
  const inst = loader.instantiateSync<Record<string, unknown>>(compiledCore(), { env } as loader.Imports);
  return inst.exports as unknown as CoreExports;
}
