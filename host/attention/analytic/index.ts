// The analytic (closed-form) attention model: FuseMax's cascade, FLAT and unfused attention on a 2D + 1D array
// machine, combined as the FuseMax artifact combines its per-Einsum results. Assumptions: README.md.
import { InputError } from '../../errors.ts';
import type { AttentionModel } from '../models.ts';
import { busyOn, memoryCycles } from './einsum.ts';
import { priceRun, type Traffic } from './energy.ts';
import { flatConfig, flatEinsums, flatTraffic } from './flat.ts';
import { fusemaxComputeCycles, fusemaxEinsums, fusemaxOnFlatEinsums, fusemaxQueryBlock, fusemaxTraffic } from './fusemax.ts';
import { unfusedCycles, unfusedEinsums } from './unfused.ts';
import { ANALYTIC_CASCADES, type AnalyticCascade, type AnalyticOptions, type AnalyticParams, type AnalyticResult, type EinsumCost, type Shape } from './types.ts';

export * from './types.ts';
export { ANALYTIC_MACHINES } from './machines.ts';
export { analyticLinear, type AnalyticLinearResult } from './linear.ts';
import { analyticLinear } from './linear.ts';

type Model = Pick<AttentionModel, 'name' | 'heads' | 'qkDim' | 'vDim' | 'modelDim'>;

/** Contract: the analytic model's cycles, utilization, per-Einsum busy cycles, traffic and energy of one attention
 *  layer of `model` at sequence length `seq` (queries = keys = seq) and `batch`, under `cascade`. */
export function analyticAttention(
  params: AnalyticParams,
  model: Model,
  seq: number,
  batch: number,
  cascade: AnalyticCascade,
  options: AnalyticOptions = {},
): AnalyticResult {
  checkInputs(params, seq, batch, cascade);
  const s: Shape = { B: batch, H: model.heads, P: seq, M: seq, E: model.qkDim, F: model.vDim };
  const accounting = options.registerAccounting ?? 'all-pes';
  let einsums: EinsumCost[];
  let traffic: Traffic;
  let compute: number;
  let total: number;
  let interleave: boolean | null = null;
  const flatBinding = cascade === 'fusemax' && options.flatBinding === true;
  if (flatBinding) {
    if (fusemaxQueryBlock(params, s, true) === 0) throw tooSmall(params, model.name);
    einsums = fusemaxOnFlatEinsums(params, s);
    traffic = fusemaxTraffic(params, s, true);
    compute = Math.max(busyOn(einsums, '2d'), busyOn(einsums, '1d'));
    total = Math.max(compute, memoryCycles(params, (traffic.dramReadWords + traffic.dramWriteWords) * params.bytesPerWord));
  } else if (cascade === 'fusemax') {
    if (fusemaxQueryBlock(params, s) === 0) {
      throw tooSmall(params, model.name);
    }
    interleave = options.interleave ?? true;
    einsums = fusemaxEinsums(params, s);
    traffic = fusemaxTraffic(params, s);
    compute = fusemaxComputeCycles(params, einsums, interleave);
    total = Math.max(compute, memoryCycles(params, (traffic.dramReadWords + traffic.dramWriteWords) * params.bytesPerWord));
  } else if (cascade === 'flat') {
    einsums = flatEinsums(params, s);
    traffic = flatTraffic(params, s, flatConfig(params, s, model.modelDim));
    compute = Math.max(busyOn(einsums, '2d'), busyOn(einsums, '1d'));
    total = Math.max(compute, memoryCycles(params, (traffic.dramReadWords + traffic.dramWriteWords) * params.bytesPerWord));
  } else {
    einsums = unfusedEinsums(params, s);
    const u = unfusedCycles(params, s, einsums);
    const ph = u.phases;
    traffic = {
      dramReadWords: ph.qk.read + ph.softmax.read + ph.av.read,
      dramWriteWords: ph.qk.write + ph.softmax.write + ph.av.write,
      gbReadWords: ph.gb.read,
      gbWriteWords: ph.gb.write,
    };
    compute = u.compute;
    total = u.total;
  }
  const memory = memoryCycles(params, (traffic.dramReadWords + traffic.dramWriteWords) * params.bytesPerWord);
  const busy2d = busyOn(einsums, '2d');
  const busy1d = busyOn(einsums, '1d');
  const perEinsum = Object.fromEntries(einsums.filter((e) => e.array === '2d').map((e) => [e.name, e.busyCycles / total]));
  return {
    cascade,
    machine: params.name,
    model: model.name,
    seq,
    batch,
    interleave,
    cycles: { total, compute, memory, busy2d, busy1d },
    seconds: total / (params.clockGHz * 1e9),
    utilization: { array2d: busy2d / total, array1d: busy1d / total, einsums: perEinsum },
    einsums,
    dram: {
      readBytes: traffic.dramReadWords * params.bytesPerWord,
      writeBytes: traffic.dramWriteWords * params.bytesPerWord,
      bytes: (traffic.dramReadWords + traffic.dramWriteWords) * params.bytesPerWord,
    },
    globalBuffer: { readWords: traffic.gbReadWords, writeWords: traffic.gbWriteWords },
    energy: priceRun(params, einsums, traffic, accounting),
  };
}

const tooSmall = (p: AnalyticParams, model: string) =>
  new InputError(`machine ${p.name}`, `a ${p.bufferBytes}-byte global buffer cannot hold one key tile of K and V plus one query tile's state for ${model}`, 'give the machine a larger global buffer');

function checkInputs(p: AnalyticParams, seq: number, batch: number, cascade: string): void {
  const posInt = (v: number) => Number.isInteger(v) && v > 0;
  if (!posInt(seq)) throw new InputError('seq', `expected a positive integer, got ${seq}`, 'give a sequence length >= 1');
  if (!posInt(batch)) throw new InputError('batch', `expected a positive integer, got ${batch}`, 'give a batch size >= 1');
  if (!(ANALYTIC_CASCADES as readonly string[]).includes(cascade)) {
    throw new InputError('cascade', `unknown cascade '${cascade}'`, `use one of ${ANALYTIC_CASCADES.join(', ')}`);
  }
  for (const k of ['rows2d', 'cols2d', 'pes1d', 'bytesPerWord'] as const) {
    if (!posInt(p[k])) throw new InputError(`machine ${p.name}: ${k}`, `expected a positive integer, got ${p[k]}`, `set ${k} to a positive integer`);
  }
  for (const k of ['clockGHz', 'dramGBps', 'bufferBytes'] as const) {
    if (!(p[k] > 0 && Number.isFinite(p[k]))) throw new InputError(`machine ${p.name}: ${k}`, `expected a positive number, got ${p[k]}`, `set ${k} to a positive number`);
  }
}

/** Contract: the artifact's end-to-end figure: one layer's attention under `cascade` plus its linear layers
 *  (analyticLinear), latency and energy summed (the artifact's figs. 10 and 11 add attn-*.csv and end2end-*.csv). */
export function analyticEndToEnd(
  params: AnalyticParams,
  model: Model & Pick<AttentionModel, 'ffnDim'>,
  seq: number,
  batch: number,
  cascade: AnalyticCascade,
  options: AnalyticOptions = {},
) {
  const attention = analyticAttention(params, model, seq, batch, cascade, options);
  const linear = analyticLinear(params, model, seq, batch, options.registerAccounting ?? 'all-pes');
  return {
    attention,
    linear,
    cycles: attention.cycles.total + linear.cycles,
    seconds: attention.seconds + linear.seconds,
    dramBytes: attention.dram.bytes + linear.dramBytes,
    energyPJ: attention.energy.total + linear.energy.total,
  };
}
