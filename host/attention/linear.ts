// The end-to-end linear layers of a transformer layer (QKV projections, output projection, FFN) as systolic GEMMs,
// run by the existing systolic core (simulate()) on a systolic arch derived from the attention machine's 2D array.
//
// Derivation (attention arch → systolic ArchSpec), field by field:
//   array2d.rows × array2d.cols    → array.rows × array.cols (the same PEs; rows hold output rows = tokens)
//   dataflow                        → os (the 2D array accumulates in place, as it does for QK·)
//   operandBits 16 | 8 | 4          → precision.operand int16 | int8 | int4 (accumulator int32; values do not change
//                                     any counter, only --verify uses them)
//   globalBuffer.sizeKiB            → sram.unifiedKiB (the global buffer holds both input operands, one LRU)
//   (no output buffer)              → sram.ofmapKiB = two array tiles of outputs (a double-buffered drain stage;
//                                     not charged against the global buffer)
//   globalBuffer.banks × rowWords   → sram.banks: the words the global buffer delivers per cycle, as one-word banks
//                                     (the systolic core's banks deliver one word each). When that covers the
//                                     array's rows + cols lanes (FuseMax: 32 banks × 256-word rows = 8192 ≥ 512),
//                                     0 = one bank per lane, no conflicts; FLAT's 32 × 4-word rows give 128 banks
//                                     for 512 lanes. Without banks/rowWords: 0.
//   dram.bandwidthGiBps, clockMHz   → dram.bandwidthGBps = GiB/s · 2^30 / 10^9, dram.clockGHz = MHz / 1000
//   dram.latencyCycles              → dram.latencyCycles
//   (fill/drain knobs)              → microarch.foldPipelining = true (the next fold enters behind this one)
//
// Size: a GEMM of B·seq rows at the paper's scale (1M tokens × batch 64 = 2^26 rows) is far beyond the core's
// memory (3 GiB) and run time. Such a GEMM is run as whole row folds (array.rows rows each) that repeat: the core's
// state at a fold boundary repeats with a short period (2 folds on the configurations tried: the double-buffered
// halves alternate) once the buffer has filled (before that the LRU keeps everything: on FuseMax's 16 MiB buffer
// TrXL's FFN2 re-reads its ifmap 4× per fold only from the 7th fold on), so every counter is affine in the number
// of periods. Probes at b, b + s and b + 2s folds (s = `probeStep`, b past the buffer's fill point) must give the
// same increment for every counter — if not, from twice and four times as far in, then the run is refused — and a
// GEMM of b + k·s folds is the b-fold run plus k increments. tests/attention/linear.test.ts shows it equals the
// full simulation wherever both run. A GEMM small enough (≤ b + 2s folds) is simulated directly.
import { InputError } from '../errors.ts';
import type { EnergyTable } from '../energy/types.ts';
import type { LayerReport } from '../report/types.ts';
import { parseArch } from '../spec/arch/arch-schema.ts';
import { OPERAND_BITS, type ArchSpec, type GemmLayer, type Workload } from '../spec/types.ts';
import { simulate } from '../simulate/index.ts';
import type { AttentionModel } from './models.ts';

/** The fields of an attention arch (kind: attention) that the linear layers use. */
export interface AttentionArrayArch {
  name: string;
  clockMHz: number;
  operandBits: number;
  array2d: { rows: number; cols: number };
  globalBuffer: { sizeKiB: number; banks?: number; rowWords?: number };
  dram: { bandwidthGiBps: number; latencyCycles: number };
}

type LinearModel = Pick<AttentionModel, 'name' | 'heads' | 'qkDim' | 'vDim' | 'modelDim' | 'ffnDim'>;

const PRECISION = { 4: 'int4', 8: 'int8', 16: 'int16' } as const;

/** Contract: the systolic arch the linear layers run on (the derivation at the top of this file). */
export function linearArch(a: AttentionArrayArch): ArchSpec {
  const operand = PRECISION[a.operandBits as keyof typeof PRECISION];
  if (operand === undefined) {
    throw new InputError(`attention arch ${a.name}: operandBits`, `the systolic core has no ${a.operandBits}-bit operands`, 'use 4, 8 or 16');
  }
  const tileKiB = (a.array2d.rows * a.array2d.cols * a.operandBits) / 8 / 1024;
  const { banks, rowWords } = a.globalBuffer;
  const wordsPerCycle = banks === undefined || rowWords === undefined ? Infinity : banks * rowWords;
  const sramBanks = wordsPerCycle >= a.array2d.rows + a.array2d.cols ? 0 : wordsPerCycle;
  return parseArch(
    {
      name: `${a.name}-linear`,
      array: { rows: a.array2d.rows, cols: a.array2d.cols },
      dataflow: 'os',
      precision: { operand, accumulator: 'int32' },
      sram: { unifiedKiB: a.globalBuffer.sizeKiB, ofmapKiB: 2 * tileKiB, banks: sramBanks },
      dram: { bandwidthGBps: (a.dram.bandwidthGiBps * 2 ** 30) / 1e9, clockGHz: a.clockMHz / 1000, latencyCycles: a.dram.latencyCycles },
      microarch: { foldPipelining: true },
    },
    `attention arch ${a.name} (linear layers)`,
  );
}

/** Contract: one layer's six GEMMs as a systolic workload (m = batch · seq tokens). */
export function linearWorkload(model: LinearModel, seq: number, batch: number): Workload {
  for (const [key, v] of [['seq', seq], ['batch', batch]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(key, `expected a positive integer, got ${v}`, `give a ${key} >= 1`);
  }
  const m = batch * seq;
  const D = model.modelDim;
  const gemm = (name: string, k: number, n: number, inputs: string[]): GemmLayer => ({ name, kind: 'gemm', m, k, n, groups: 1, inputs });
  return {
    name: `${model.name}-linear-${seq}x${batch}`,
    batch: 1, // the batch is in m (batch · seq rows)
    layers: [
      gemm('q_proj', D, model.heads * model.qkDim, []),
      gemm('k_proj', D, model.heads * model.qkDim, []),
      gemm('v_proj', D, model.heads * model.vDim, []),
      gemm('out_proj', model.heads * model.vDim, D, ['q_proj', 'k_proj', 'v_proj']),
      gemm('ffn1', D, model.ffnDim, ['out_proj']),
      gemm('ffn2', model.ffnDim, D, ['ffn1']),
    ],
  };
}

export interface LinearOptions {
  energy?: EnergyTable;
  seed?: number;
  /** Folds between probes (default 2). */
  probeStep?: number;
  /** Least warm-up folds before the first probe (default 2; at least the folds that fill the buffer once, + 2). */
  probeBase?: number;
}

/** A layer's result: the systolic report's counters, and how they were obtained. */
export interface LinearLayer {
  report: LayerReport;
  method: 'direct' | 'periodic';
  /** periodic: the probe fold counts (b, b + s, b + 2s) and the number of increments added to the b-fold run. */
  probe: { folds: number[]; increments: number } | null;
}

export interface LinearResult {
  arch: ArchSpec;
  workload: Workload;
  layers: LinearLayer[];
  totals: { cycles: number; macs: number; dramWords: number | null; energyPJ: number; seconds: number };
}

/** Contract: the linear layers of `model` at `seq` × `batch` on the systolic version of `attentionArch`. */
export async function simulateLinear(attentionArch: AttentionArrayArch, model: LinearModel, seq: number, batch: number, options: LinearOptions = {}): Promise<LinearResult> {
  const arch = linearArch(attentionArch);
  const workload = linearWorkload(model, seq, batch);
  const layers: LinearLayer[] = [];
  for (const layer of workload.layers as GemmLayer[]) layers.push(await runGemm(arch, layer, options));
  const sum = (f: (l: LinearLayer) => number) => layers.reduce((a, l) => a + f(l), 0);
  const cycles = sum((l) => l.report.cycles.total);
  const hasDram = layers.every((l) => l.report.dram !== null);
  const ghz = attentionArch.clockMHz / 1000;
  return {
    arch,
    workload,
    layers,
    totals: {
      cycles,
      macs: sum((l) => l.report.macs),
      dramWords: hasDram ? sum((l) => dramWords(l.report)) : null,
      energyPJ: sum((l) => l.report.energy.total),
      seconds: cycles / (ghz * 1e9),
    },
  };
}

const dramWords = (r: LayerReport) => (r.dram === null ? 0 : r.dram.ifmapReads + r.dram.filterReads + r.dram.ofmapWrites + r.dram.ofmapReads);

/** Probe runs by arch, shape and rows: a study reuses them across sequence lengths (the probes of every seq × batch
 *  that is a whole number of folds are the same three runs). Results depend only on these inputs. */
const PROBES = new Map<string, LayerReport>();

/** Row folds after which the buffer has filled once (each fold brings at least rows·K new ifmap words): until then
 *  the LRU holds everything and the increments are not yet the steady ones. */
function fillFolds(arch: ArchSpec, layer: GemmLayer): number {
  const bits = OPERAND_BITS[arch.precision.operand];
  const words = ((arch.sram.unifiedKiB ?? arch.sram.ifmapKiB + arch.sram.filterKiB) * 8192) / bits;
  return Math.ceil(words / (arch.array.rows * layer.k));
}

/** Runs one GEMM: directly when small, else by probes and whole periods (see the top of this file). */
async function runGemm(arch: ArchSpec, layer: GemmLayer, options: LinearOptions): Promise<LinearLayer> {
  const rows = arch.array.rows;
  const step = options.probeStep ?? 2;
  const folds = Math.ceil(layer.m / rows);
  const run = async (m: number) => {
    const key = JSON.stringify([arch, layer.k, layer.n, m, options.energy ?? null, options.seed ?? null]);
    let probe = PROBES.get(key);
    if (probe === undefined) {
      const w: Workload = { name: layer.name, batch: 1, layers: [{ ...layer, m, inputs: [] }] };
      // Timing and counters never depend on values (simulate's `values`): the probes compute none.
      const { simulation: _, ...report } = (await simulate(arch, w, { energy: options.energy, seed: options.seed, values: 'off' })).layers[0];
      PROBES.set(key, (probe = report));
    }
    return { ...structuredClone(probe), name: layer.name };
  };
  let base = Math.max(options.probeBase ?? 2, fillFolds(arch, layer) + 2);
  if (folds <= base + 2 * step) return { report: await run(layer.m), method: 'direct', probe: null };
  // The partial fold (if any) is the last one: keep it in every probe, so the probes and the full GEMM end alike.
  const tail = layer.m - (folds - 1) * rows;
  const pes = arch.array.rows * arch.array.cols;
  let mismatch = '';
  // A mismatch means the folds have not settled yet: try again twice from twice as far in, then refuse.
  for (let attempt = 0; attempt < 3 && folds > base + 2 * step; attempt++, base *= 2) {
    const k = Math.floor((folds - 1 - base) / step);
    const b = folds - 1 - k * step; // b ≥ base full folds before the tail, b ≡ folds − 1 (mod step)
    const probeFolds = [b, b + step, b + 2 * step];
    const probes: LayerReport[] = [];
    for (const f of probeFolds) probes.push(await run(f * rows + tail));
    const bad = incrementMismatch(probes, pes);
    if (bad === null) {
      const report = scaleReport(layer, probes[0], numericDiff(probes[1], probes[0], pes), k, pes);
      return { report, method: 'periodic', probe: { folds: probeFolds.map((f) => f + 1), increments: k } };
    }
    mismatch = `${bad} after ${b + 1} folds`;
  }
  throw new InputError(
    `linear layer ${layer.name} (M=${layer.m}, N=${layer.n}, K=${layer.k}) on ${arch.name}`,
    `its row folds do not settle into a period of ${step} (${mismatch}), so ${folds} folds cannot be scaled exactly and are too many to simulate in full`,
    'use a smaller seq × batch, or a probeStep that is a multiple of the period',
  );
}

/** Contract: null when every counter grows by the same amount from probe 0 to 1 as from 1 to 2 (energies within
 *  float rounding), else which counter does not and by how much (`cycles.total grows by 408, then 456`). */
export function incrementMismatch(probes: readonly LayerReport[], pes: number): string | null {
  const d1 = numericDiff(probes[1], probes[0], pes);
  const d2 = numericDiff(probes[2], probes[1], pes);
  const bad = Object.keys(d1).find((key) => d1[key] !== d2[key] && !closeFloat(d1[key], d2[key], key));
  return bad === undefined ? null : `${bad} grows by ${d1[bad]}, then ${d2[bad]}`;
}

/** Energies are sums of float products: increments may differ in the last bits. Integer counters must be equal. */
const closeFloat = (a: number, b: number, key: string) => key.startsWith('energy.') && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** The counters that scale: every number under cycles, sram, dram, energy, and macs; folds.rows. */
const SCALED = ['macs', 'cycles', 'sram', 'dram', 'energy', 'folds'] as const;

function leaves(o: unknown, prefix: string, out: Record<string, number>): Record<string, number> {
  if (typeof o === 'number') out[prefix] = o;
  else if (o !== null && typeof o === 'object') for (const [k, v] of Object.entries(o)) leaves(v, prefix === '' ? k : `${prefix}.${k}`, out);
  return out;
}

/** The core's own counters behind the report's ratios (host/report/build.ts): used PE-folds and the cycles of the
 *  compute-utilization window, recovered from mapping and compute utilization (integers in the core). */
const hidden = (r: LayerReport, pes: number) => ({
  usedPeFolds: Math.round(r.utilization.mapping * pes * r.folds.rows * r.folds.cols),
  utilWindow: r.utilization.compute === 0 ? 0 : Math.round(r.macs / (pes * r.utilization.compute)),
});

function counters(r: LayerReport, pes: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of SCALED) leaves(r[key], key, out);
  const h = hidden(r, pes);
  out['hidden.usedPeFolds'] = h.usedPeFolds;
  out['hidden.utilWindow'] = h.utilWindow;
  return out;
}

function numericDiff(a: LayerReport, b: LayerReport, pes: number): Record<string, number> {
  const ca = counters(a, pes);
  const cb = counters(b, pes);
  return Object.fromEntries(Object.keys(ca).map((k) => [k, ca[k] - cb[k]]));
}

/** The b-fold probe plus k increments; the ratios recomputed from the scaled counters as build.ts does. */
function scaleReport(layer: GemmLayer, probe: LayerReport, d: Record<string, number>, k: number, pes: number): LayerReport {
  const r = structuredClone(probe) as LayerReport & { hidden: { usedPeFolds: number; utilWindow: number } };
  r.hidden = hidden(probe, pes);
  for (const [key, inc] of Object.entries(d)) {
    const path = key.split('.');
    let node = r as unknown as Record<string, unknown>;
    for (const p of path.slice(0, -1)) node = node[p] as Record<string, unknown>;
    node[path[path.length - 1]] = (node[path[path.length - 1]] as number) + inc * k;
  }
  const { hidden: h, ...report } = r;
  report.gemm = { ...report.gemm, M: layer.m };
  const frac = (a: number, b: number) => (b === 0 ? 0 : a / b);
  report.utilization = {
    mapping: frac(h.usedPeFolds, pes * report.folds.rows * report.folds.cols),
    compute: frac(report.macs, pes * h.utilWindow),
    overall: frac(report.macs, pes * report.cycles.total),
  };
  // The peak over 1024-cycle windows is a maximum, not a counter that adds up by periods: not reported (null).
  if (report.dramBandwidth !== null) report.dramBandwidth = { average: dramWords(report) / report.cycles.total, peak: null };
  return report;
}
