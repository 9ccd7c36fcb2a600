// The host's handle on the core: configure an array, run a layer's GEMMs with operands written straight into WASM
// memory, decode the stats block (layout: assembly/shared/stats.ts).
import { Dataflow, Timing, MicroFlag, Values } from '../../assembly/shared/kinds.ts';
import { Stat } from '../../assembly/shared/stats.ts';
import { EventField, FoldField } from '../../assembly/shared/timeline.ts';
import { instantiateCore, type CoreExports } from './wasm.ts';
import type { VectorWork } from '../vector/work.ts';

export { Dataflow as CoreDataflow, Timing as CoreTiming, MicroFlag, Values as CoreValues };

/** The stats block decoded, one field per Stat slot (names: lower-camel of the enum names). */
export type CoreStats = { [K in Exclude<keyof typeof Stat, 'COUNT'> as Uncapitalize<K & string>]: number };

export interface CoreConfig {
  rows: number;
  cols: number;
  dataflow: Dataflow;
  timing: Timing;
  flags: number;
  /** The native memory system (assembly/memory/system.ts); absent: ideal memory (operands always on chip). */
  memory?: MemoryConfig;
}

/** Scratchpads and DRAM of the native memory system, in words and cycles. */
export interface MemoryConfig {
  /** > 0: ifmap and filter words share one scratchpad of this many words (ifmapWords, filterWords unused). */
  unifiedWords: number;
  ifmapWords: number;
  filterWords: number;
  ofmapWords: number;
  doubleBuffer: boolean;
  sliceSteps: number;
  banks: number; // 0: one per array lane
  portsPerBank: number;
  interleaveWords: number;
  bandwidthWordsPerCycle: number;
  latencyCycles: number;
}

/** Where one GEMM's operand words live in DRAM: packing (groups stacked along M, N or K) and conv geometry. */
export interface OperandGeometry {
  gemm: { M: number; N: number; K: number }; // one group
  groups: number; // groups in this (packed) GEMM
  stacked: { M: boolean; N: boolean; K: boolean };
  /** A is the im2col of an h×w×c ifmap (c = the group's channels); absent: A is its own M×K tensor. */
  /** outH·outW output pixels per sample; a batch's samples are stacked in M (M = samples · outH · outW). */
  conv?: { h: number; w: number; c: number; filterW: number; strideH: number; strideW: number; padTop: number; padLeft: number; outW: number; outH: number };
  /**
   * A's rows are some rows of `copies` stacked copies (time steps) of a lowered matrix of `perCopy` rows: row m of
   * the GEMM is row rows[m] (t · perCopy + row); copy t has its own ifmap. Absent: A is the whole matrix (groups 1).
   */
  rowMap?: { rows: Int32Array; perCopy: number; copies: number };
}

/** Operands as views into WASM memory: write them, do not keep them past the next runGemm. */
export interface OperandViews {
  a: Int32Array; // M×K, row-major
  b: Int32Array; // K×N, row-major
}

/** A streamed GEMM's operands: writes rows × width of A or B from (row0, col0) into `out` (row stride `stride`). */
export type PanelSource = (which: 'A' | 'B', row0: number, rows: number, col0: number, width: number, out: Int32Array, stride: number) => void;

/** One fold's outputs as they drain: C[m0+i][n0+j] summed over K rows [k0, k0+kLen) (a fold of K's share). */
export interface FoldOutput {
  m0: number;
  rows: number;
  n0: number;
  cols: number;
  k0: number;
  kLen: number;
  /** values[i·cols + j] = C[m0+i][n0+j], or values[j·rows + i] when transposed; valid during the callback only. */
  values: Int32Array;
  transposed: boolean;
}

export interface StreamOptions {
  source: PanelSource;
  /** Which folds compute values (all folds compute timing and counters). */
  values: Values;
  /** Receives each value-computing fold's outputs (for --verify); absent: outputs are dropped as they drain. */
  onOutput?: (o: FoldOutput) => void;
}

/** Upper bound on the bytes a GEMM needs inside the core (operands, result, edge streams, PE state). */
export function coreBytesFor(m: number, n: number, k: number, rows: number, cols: number): number {
  const words = 2 * m * k + 2 * k * n + m * n + (k + cols + 8) * (cols + 8) + 3 * (rows + 1) * (cols + 8);
  return words * 4;
}

/** The largest coreBytesFor() a layer may need: wasm32 addresses 4 GiB; keep room for the allocator. */
export const CORE_MEMORY_LIMIT = 3 * 1024 ** 3;

/**
 * One layer's timeline as the core recorded it (layouts: assembly/shared/timeline.ts): FoldField.COUNT numbers per
 * fold, EventField.COUNT per event, copied out of WASM memory; `dropped` events were past the per-layer cap.
 */
export interface CoreTimeline {
  folds: Float64Array;
  events: Float64Array;
  dropped: number;
}

const STAT_NAMES = Object.keys(Stat).filter((k) => Number.isNaN(Number(k)) && k !== 'COUNT') as (keyof typeof Stat)[];

export class Core {
  private readonly x: CoreExports;
  private m = 0;
  private n = 0;
  private k = 0;

  private stream: StreamOptions | null = null;

  constructor(readonly config: CoreConfig) {
    this.x = instantiateCore({
      fillPanel: (which, row0, rows, col0, cols, dst, stride) => {
        const view = new Int32Array(this.x.memory.buffer, dst, rows * stride);
        this.stream!.source(which === 0 ? 'A' : 'B', row0, rows, col0, cols, view, stride);
      },
      foldOutput: (ptr, m0, rows, n0, cols, k0, kLen, transposed) => {
        const values = new Int32Array(this.x.memory.buffer, ptr, rows * cols);
        this.stream!.onOutput!({ m0, rows, n0, cols, k0, kLen, values, transposed: transposed !== 0 });
      },
    });
    this.x.configure(config.rows, config.cols, config.dataflow, config.timing, config.flags);
    const m = config.memory;
    if (m) {
      this.x.configureMemory(
        true, m.ifmapWords, m.filterWords, m.ofmapWords, m.doubleBuffer, m.sliceSteps, m.banks, m.portsPerBank,
        m.interleaveWords, m.bandwidthWordsPerCycle, m.latencyCycles, m.unifiedWords,
      );
    } else {
      this.x.configureMemory(false, 0, 0, 0, true, 1, 0, 1, 1, 1, 0, 0);
    }
  }

  /** Contract: tells the memory system where the next GEMMs' operand words live (needed only with memory). */
  setOperandGeometry(g: OperandGeometry): void {
    const { M, N, K } = g.gemm;
    this.x.setGemmGeometry(M, N, K, g.groups, g.stacked.M, g.stacked.N, g.stacked.K);
    const c = g.conv;
    if (c) this.x.setConvGeometry(true, c.h, c.w, c.c, c.filterW, c.strideH, c.strideW, c.padTop, c.padLeft, c.outW, c.outH);
    else this.x.setConvGeometry(false, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1);
    const map = g.rowMap;
    if (map && map.rows.length > 0) {
      const ptr = this.x.rowMapBuffer(map.rows.length);
      new Int32Array(this.x.memory.buffer, ptr, map.rows.length).set(map.rows);
      this.x.setRowMap(map.rows.length, map.perCopy, map.copies);
    } else {
      this.x.setRowMap(0, 1, 1);
    }
  }

  /**
   * Contract: with `on` (the default) folds skip work whose outcome is known exactly (assembly/array/gemm.ts,
   * setFastForward); off, every fold is stepped in full. Counters are the same either way.
   */
  setFastForward(on: boolean): void {
    this.x.setFastForward(on);
  }

  /** Contract: folds compute `steps` array steps at a time (default 4096): memory, not results, depends on it. */
  setWindow(steps: number): void {
    this.x.setWindow(steps);
  }

  beginLayer(): void {
    this.x.beginLayer();
  }

  /** Contract: from now on the core records each layer's timeline, keeping at most `maxEvents` events per layer. */
  recordTimeline(maxEvents: number): void {
    this.x.traceConfigure(maxEvents);
  }

  /** Contract: the timeline of the layer just ended (recordTimeline must be on), copied out of the core. */
  timeline(): CoreTimeline {
    const buf = this.x.memory.buffer;
    const copy = (ptr: number, n: number) => (n === 0 ? new Float64Array(0) : new Float64Array(buf, ptr, n).slice());
    return {
      folds: copy(this.x.traceFolds(), this.x.traceFoldCount() * FoldField.COUNT),
      events: copy(this.x.traceEvents(), this.x.traceEventCount() * EventField.COUNT),
      dropped: this.x.traceDropped(),
    };
  }

  // Operand buffers of an M×N×K GEMM; kept when the shape repeats (a layer's groups).
  private prepare(m: number, n: number, k: number): void {
    if (m === this.m && n === this.n && k === this.k) return;
    this.x.prepare(m, n, k);
    this.m = m;
    this.n = n;
    this.k = k;
  }

  /**
   * Contract: the following GEMMs of this layer are block-diagonal packings: PE(i, j) of a fold works only when
   * floor(i / rb) == floor(j / cb). (0, 0) restores dense folds; beginLayer() does too.
   */
  packBlocks(rb: number, cb: number): void {
    this.x.packBlocks(rb, cb);
  }

  /**
   * Contract: simulates C = A·B for an M×N×K GEMM. `fill` writes the operands into the views it is given;
   * the returned view holds C (M×N) until the next call.
   */
  runGemm(m: number, n: number, k: number, fill: (ops: OperandViews) => void): Int32Array {
    this.prepare(m, n, k);
    // Views are made after prepare(): memory may have grown and detached older views.
    const buf = this.x.memory.buffer;
    fill({ a: new Int32Array(buf, this.x.operandA(), m * k), b: new Int32Array(buf, this.x.operandB(), k * n) });
    this.x.runGemm();
    return new Int32Array(this.x.memory.buffer, this.x.result(), m * n);
  }

  /**
   * Contract: like runGemm for one group of a convolution, with A made by the core's im2col unit from the ifmap
   * that `fill` writes (h×w×c of the group, HWC) under the geometry last given to setOperandGeometry; `fill`
   * writes B too. Returns C (M×N) until the next call.
   */
  runConvGemm(m: number, n: number, k: number, ifmapWords: number, fill: (ops: { ifmap: Int32Array; b: Int32Array }) => void): Int32Array {
    this.prepare(m, n, k);
    const staging = this.x.ifmapStaging(ifmapWords);
    const buf = this.x.memory.buffer;
    fill({ ifmap: new Int32Array(buf, staging, ifmapWords), b: new Int32Array(buf, this.x.operandB(), k * n) });
    this.x.im2colIntoA();
    this.x.runGemm();
    return new Int32Array(this.x.memory.buffer, this.x.result(), m * n);
  }

  /**
   * Contract: runs one layer on the vector unit (`lanes` lanes, `cyclesPerStep` cycles per step) through the memory
   * system when it is configured (native timing), and returns its stats; call beginLayer() first, not endLayer().
   */
  runVector(w: VectorWork, lanes: number, cyclesPerStep: number, sliceSteps: number): CoreStats {
    const o = w.opsPerItem;
    this.x.setVectorOps(o.add, o.mul, o.div, o.exp, o.rsqrt);
    const p = w.pool;
    if (p) this.x.setVectorPool(p.h, p.w, p.c, p.fh, p.fw, p.sh, p.sw, p.pt, p.pl, p.eh, p.ew);
    const memory = this.config.memory !== undefined && this.config.timing === Timing.Native;
    this.x.runVector(w.pattern, w.items, lanes, cyclesPerStep, w.operands, w.rowLength, w.weights, w.outPerItem, w.inputSpace, memory, sliceSteps);
    return this.readStats();
  }

  /**
   * Contract: simulates C = A·B for an M×N×K GEMM with operands read panel by panel from `opts.source` as folds
   * need them; no operand or result matrix is held (memory independent of M, N and K). Outputs go to opts.onOutput.
   */
  runGemmStreamed(m: number, n: number, k: number, opts: StreamOptions): void {
    this.streamed(m, n, k, false, opts);
  }

  /**
   * Contract: like runGemmStreamed for one group of a convolution: A is the core's im2col of the ifmap that
   * `fillIfmap` writes (h×w×c of the group, HWC) under the geometry last given to setOperandGeometry; B comes from
   * opts.source.
   */
  runConvGemmStreamed(m: number, n: number, k: number, ifmapWords: number, fillIfmap: (ifmap: Int32Array) => void, opts: StreamOptions): void {
    const staging = this.x.ifmapStaging(ifmapWords);
    fillIfmap(new Int32Array(this.x.memory.buffer, staging, ifmapWords));
    this.streamed(m, n, k, true, opts);
  }

  private streamed(m: number, n: number, k: number, conv: boolean, opts: StreamOptions): void {
    this.m = this.n = this.k = 0; // the materialised buffers are released
    this.x.prepareStreamed(m, n, k, conv, opts.values, opts.onOutput !== undefined);
    this.stream = opts;
    try {
      this.x.runGemm();
    } finally {
      this.stream = null;
    }
  }

  /** Contract: closes the layer and returns its stats (cycles in the configured timing convention). */
  endLayer(): CoreStats {
    this.x.endLayer();
    return this.readStats();
  }

  private readStats(): CoreStats {
    const view = new Float64Array(this.x.memory.buffer, this.x.stats(), Stat.COUNT);
    const out: Record<string, number> = {};
    for (const name of STAT_NAMES) out[name[0].toLowerCase() + name.slice(1)] = view[Stat[name]];
    return out as CoreStats;
  }
}
