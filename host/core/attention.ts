// The host's handle on the attention core (build/attention.wasm; ABI: assembly/attention/index.ts, layouts:
// assembly/shared/attention.ts). Writes the config block and the op table, the inputs when values are wanted, runs,
// decodes the stats block.
import * as loader from '@assemblyscript/loader';
import { AttnStat, AttnTrace, Cfg, MAX_OPS, OpField } from '../../assembly/shared/attention.ts';
import type { CompiledOp } from '../attention/compile.ts';
import { readAttentionCoreBytes } from './wasm-file.ts';

interface AttentionExports {
  memory: WebAssembly.Memory;
  config(): number;
  opTable(n: number): number;
  allocValues(tiles: number, scalars: number, vectors: number): void;
  valuesQ(): number;
  valuesK(): number;
  valuesV(): number;
  valuesOut(): number;
  run(): number;
  stats(): number;
  trace(): number;
  traceLength(): number;
  traceLost(): number;
  traceConfigure(max: number): void;
}

/**
 * One timeline record (layout: assembly/shared/attention.ts AttnTrace): an op instance on array 0 (2D) or 1 (1D)
 * from cycle `cycle` to `end` (op index, query block, key tile — tiles for once-per-block ops —, unit), or a
 * fast-forward jump (array 2, op −1, q = key tiles it advanced).
 */
export interface TraceEntry {
  cycle: number;
  end: number;
  array: number;
  op: number;
  q: number;
  m1: number;
  unit: number;
}

let compiled: WebAssembly.Module | null = null;

function instantiate(): AttentionExports {
  compiled ??= new WebAssembly.Module(readAttentionCoreBytes());
  return loader.instantiateSync<Record<string, unknown>>(compiled, {}).exports as unknown as AttentionExports;
}

/**
 * Contract: compiles the attention core from these bytes (a page fetches attention.wasm itself: await
 * loadAttentionCore(fetch('attention.wasm')) before the first run); under Node the first run reads the package's.
 */
export async function loadAttentionCore(source: Response | PromiseLike<Response> | BufferSource): Promise<void> {
  const resolved = await source;
  compiled = await WebAssembly.compile(resolved instanceof Response ? await resolved.arrayBuffer() : resolved);
}

/** The stats block decoded (names: lower-camel of AttnStat), plus busy cycles per op in op order. */
export type AttentionCoreStats = { [K in Exclude<keyof typeof AttnStat, 'COUNT'> as Uncapitalize<K & string>]: number } & { opCycles: number[] };

export interface AttentionCoreConfig {
  rows: number;
  cols: number;
  pes: number;
  fill: boolean;
  skew: boolean;
  drain: boolean;
  tree: boolean;
  oneCycleReduction: boolean;
  bandwidthWordsPerCycle: number;
  dramLatency: number;
  heads: number; // batch × heads
  /** Padded to whole query blocks and key tiles; realQueries/realKeys: the sequence (the rest masked). */
  queries: number;
  keys: number;
  realQueries: number;
  realKeys: number;
  e: number;
  f: number;
  blocksPerUnit: number;
  lag: number[];
  online: boolean;
  fastForward: boolean;
  /** Timeline records to keep (default 4096: the first op starts, for tests and debugging). */
  traceRecords?: number;
}

/** Inputs for a run with values: Q[h][p][e], K[h][m][e], V[h][m][f] (h = batch × head), row-major. */
export interface AttentionValues {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  slots: { tiles: number; scalars: number; vectors: number };
}

const STAT_NAMES = Object.keys(AttnStat).filter((k) => Number.isNaN(Number(k)) && k !== 'COUNT') as (keyof typeof AttnStat)[];
const lower = (s: string) => s[0].toLowerCase() + s.slice(1);

/** Runs one attention workload on a fresh core; returns the stats and, with values, the output O[h][p][f]. */
export function runAttentionCore(
  cfg: AttentionCoreConfig,
  ops: CompiledOp[],
  values?: AttentionValues,
): { stats: AttentionCoreStats; out: Float32Array | null; deadlock: boolean; trace: TraceEntry[]; traceLost: number } {
  if (ops.length > MAX_OPS) throw new Error(`systole: at most ${MAX_OPS} Einsums per cascade`);
  const x = instantiate();
  const c = new Float64Array(x.memory.buffer, x.config(), Cfg.COUNT);
  const set: [Cfg, number][] = [
    [Cfg.Rows, cfg.rows], [Cfg.Cols, cfg.cols], [Cfg.Pes, cfg.pes], [Cfg.Fill, +cfg.fill], [Cfg.Skew, +cfg.skew],
    [Cfg.Drain, +cfg.drain], [Cfg.TreeReduction, +cfg.tree], [Cfg.OneCycleReduction, +cfg.oneCycleReduction],
    [Cfg.BandwidthWordsPerCycle, cfg.bandwidthWordsPerCycle], [Cfg.DramLatency, cfg.dramLatency], [Cfg.Heads, cfg.heads],
    [Cfg.Queries, cfg.queries], [Cfg.Keys, cfg.keys], [Cfg.E, cfg.e], [Cfg.F, cfg.f], [Cfg.BlocksPerUnit, cfg.blocksPerUnit],
    [Cfg.Passes, cfg.lag.length], [Cfg.OnlineOrder, +cfg.online], [Cfg.Ops, ops.length], [Cfg.Values, values ? 1 : 0],
    [Cfg.FastForward, +cfg.fastForward], [Cfg.MaxLag, Math.max(...cfg.lag)], [Cfg.RealQueries, cfg.realQueries], [Cfg.RealKeys, cfg.realKeys],
  ];
  for (const [k, v] of set) c[k] = v;
  cfg.lag.forEach((l, n) => (c[Cfg.Lag + n] = l));
  const t = new Float64Array(x.memory.buffer, x.opTable(ops.length), ops.length * OpField.COUNT);
  ops.forEach((o, i) => {
    const row: [OpField, number][] = [
      [OpField.Array, o.array], [OpField.Kind, o.kind], [OpField.Pass, o.pass], [OpField.AtEnd, +o.atEnd], [OpField.Cost, o.cost],
      [OpField.Dst, o.dst], [OpField.A, o.a], [OpField.B, o.b], [OpField.Accumulate, +o.accumulate],
      [OpField.DepA, o.deps[0].op], [OpField.DepAKind, o.deps[0].kind], [OpField.DepB, o.deps[1].op], [OpField.DepBKind, o.deps[1].kind],
      [OpField.AInit, o.deps[0].init], [OpField.BInit, o.deps[1].init], [OpField.IsOutput, +o.isOutput],
      [OpField.Macs, o.actions.macs], [OpField.Maxes, o.actions.maxes], [OpField.Adds, o.actions.adds], [OpField.Exps, o.actions.exps],
      [OpField.Divs, o.actions.divs], [OpField.DramReadWords, o.dramRead.words], [OpField.DramReadWhen, o.dramRead.when],
      [OpField.DramWriteWords, o.dramWrite.words], [OpField.DramWriteWhen, o.dramWrite.when], [OpField.GbReadWords, o.gbRead],
      [OpField.GbWriteWords, o.gbWrite], [OpField.DramRead2Words, o.dramRead2.words], [OpField.DramRead2When, o.dramRead2.when],
      [OpField.SpillFromTile, o.spillFromTile], [OpField.TileReadWords, o.tileRead], [OpField.TileWriteWords, o.tileWrite],
      [OpField.SpillReadWords, o.spill.read], [OpField.SpillWriteDramWords, o.spill.writeDram], [OpField.SpillWriteGbWords, o.spill.writeGb],
      [OpField.Stage, o.stage], [OpField.RegReads, o.registers.reads], [OpField.RegWrites, o.registers.writes],
    ];
    for (const [f, v] of row) t[i * OpField.COUNT + f] = v;
  });
  if (values) {
    x.allocValues(values.slots.tiles, values.slots.scalars, values.slots.vectors);
    new Float32Array(x.memory.buffer, x.valuesQ(), values.q.length).set(values.q);
    new Float32Array(x.memory.buffer, x.valuesK(), values.k.length).set(values.k);
    new Float32Array(x.memory.buffer, x.valuesV(), values.v.length).set(values.v);
  }
  if (cfg.traceRecords !== undefined) x.traceConfigure(cfg.traceRecords);
  const deadlock = x.run() !== 0;
  const raw = new Float64Array(x.memory.buffer, x.stats(), AttnStat.COUNT + MAX_OPS);
  const stats = Object.fromEntries(STAT_NAMES.map((k) => [lower(k), raw[AttnStat[k]]])) as unknown as AttentionCoreStats;
  stats.opCycles = ops.map((_, i) => raw[AttnStat.COUNT + i]);
  const out = values ? new Float32Array(x.memory.buffer, x.valuesOut(), cfg.heads * cfg.queries * cfg.f).slice() : null;
  const n = x.traceLength();
  const tr = n === 0 ? new Float64Array(0) : new Float64Array(x.memory.buffer, x.trace(), n * AttnTrace.COUNT);
  const trace: TraceEntry[] = [];
  for (let i = 0; i < tr.length; i += AttnTrace.COUNT) {
    const f = (k: AttnTrace) => tr[i + k];
    trace.push({ cycle: f(AttnTrace.Start), end: f(AttnTrace.End), array: f(AttnTrace.Array), op: f(AttnTrace.Op), q: f(AttnTrace.Q), m1: f(AttnTrace.M1), unit: f(AttnTrace.Unit) });
  }
  return { stats, out, deadlock, trace, traceLost: x.traceLost() };
}
