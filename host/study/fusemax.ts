// `systole study fusemax`: the FuseMax paper's attention study on the cycle-level machine: 4 models × 6 sequence
// lengths × 3 cascades (FuseMax on fusemax-cloud, FLAT and unfused on flat-cloud, FLAT's 32 MiB machine as in the
// artifact's unfused.py), batch 64. Beside each run: the analytic model (host/attention/analytic/) and the figures
// the artifact publishes (tests/fixtures/fusemax/, when present). The summary is the paper's headline: the mean over
// the 24 points of FuseMax's speedup over FLAT and of its energy relative to FLAT, for attention and end to end
// (attention + the layer's linear layers: QKV, output projection, FFN). End to end, Systole's figure adds the analytic
// linear layers (host/attention/analytic/linear.ts, the artifact's matmul model) to its cycle-level attention: the
// cycle-level linear layers (simulateLinear) took 90 s of CPU for the study's 8 machine × model pairs (measured with
// their probes computing no values; most of it the unified global buffer's word-by-word LRU, which no period jump
// skips), past the study's time budget of 30 s.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYTIC_MACHINES, analyticAttention, analyticLinear } from '../attention/analytic/index.ts';
import { loadCascade } from '../attention/cascade.ts';
import { loadAttentionModel } from '../attention/models.ts';
import type { AttentionReport } from '../attention/report.ts';
import { runAttention } from '../attention/run.ts';
import { packageRoot } from '../core/wasm.ts';
import { loadAttentionArch } from '../spec/arch/arch.ts';

export const STUDY_MODELS = ['bert', 'trxl', 't5', 'xlm'] as const;
export const STUDY_SEQS = [1024, 4096, 16384, 65536, 262144, 1048576] as const;
export const STUDY_CASCADES = ['fusemax', 'flat', 'unfused'] as const;
const ARCH = { fusemax: 'fusemax-cloud', flat: 'flat-cloud', unfused: 'flat-cloud' } as const;
const ANALYTIC = { fusemax: ANALYTIC_MACHINES['fusemax-cloud'], flat: ANALYTIC_MACHINES['flat-cloud'], unfused: ANALYTIC_MACHINES['unfused-cloud'] } as const;
const BATCH = 64;

/** A comparison column: cycles, utilizations and energy of the same point from another source. */
export interface StudyFigures {
  cycles: number;
  utilization: { array2d: number; array1d: number };
  energyPJ: number;
}

/** The layer's linear layers (QKV, output projection, FFN) at one point: cycles (at 940 MHz for the published) and pJ. */
export interface LinearFigures {
  cycles: number;
  energyPJ: number;
}

/** One point of the study: Systole's report, with the analytic model's and the published figures beside it, and the
 *  linear layers (FuseMax and FLAT points): analytic (derived, the artifact's matmul model on the point's machine)
 *  and published (end2end-*.csv). */
export type StudyPoint = AttentionReport & {
  analytic: StudyFigures | null;
  published: StudyFigures | null;
  linear: { analytic: LinearFigures; published: LinearFigures | null } | null;
};

export interface Headline {
  speedupOverFlat: number;
  energyVsFlat: number;
}

export interface StudySummary {
  /** Arithmetic means over the points of FLAT cycles / FuseMax cycles and FuseMax energy / FLAT energy. */
  systole: Headline;
  analytic: Headline | null;
  published: Headline | null;
  /** The same, end to end (attention + linear layers). systole: cycle-level attention + analytic linear layers. */
  endToEnd: { systole: Headline; analytic: Headline | null; published: Headline | null };
}

export interface FusemaxStudy {
  idealized: boolean;
  points: StudyPoint[];
  summary: StudySummary;
}

const CLOCK_HZ = 940e6; // the artifact converts its latencies at 940 MHz (cascade.py collect_latency)
const PUBLISHED_FILES = { fusemax: 'attn-binding.csv', flat: 'attn-flat.csv', unfused: 'attn-unfused.csv' } as const;
const PUBLISHED_LINEAR = { fusemax: 'end2end-proposal.csv', flat: 'end2end-flat.csv', unfused: null } as const;
const PUBLISHED_MODEL = { bert: 'BERT', trxl: 'TrXL', t5: 'T5', xlm: 'XLM' } as const;
const seqLabel = (n: number) => (n >= 2 ** 20 ? `${n / 2 ** 20}M` : `${n / 1024}K`);

/** The rows of one of the artifact's published tables, keyed `MODEL,seq`; empty when the file is absent. */
function publishedRows<T>(file: string | null, read: (get: (k: string) => number) => T): Map<string, T> {
  const path = file === null ? '' : join(packageRoot(), 'tests', 'fixtures', 'fusemax', file);
  const out = new Map<string, T>();
  if (file === null || !existsSync(path)) return out;
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head.split(',');
  for (const row of rows) {
    const v = row.split(',');
    out.set(`${v[0]},${v[1]}`, read((k) => Number(v[cols.indexOf(k)])));
  }
  return out;
}

/** The artifact's published attention rows (latency in s, energy in pJ). */
const published = (cascade: (typeof STUDY_CASCADES)[number]): Map<string, StudyFigures> =>
  publishedRows(PUBLISHED_FILES[cascade], (get) => ({ cycles: get('latency') * CLOCK_HZ, utilization: { array2d: get('util_2d'), array1d: get('util_1d') }, energyPJ: get('energy') }));

/** The artifact's published linear layers (end2end-*.csv: latency in s, energy in pJ). */
const publishedLinear = (cascade: (typeof STUDY_CASCADES)[number]): Map<string, LinearFigures> =>
  publishedRows(PUBLISHED_LINEAR[cascade], (get) => ({ cycles: get('latency') * CLOCK_HZ, energyPJ: get('energy') }));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function headline(points: StudyPoint[], pick: (p: StudyPoint) => Pick<StudyFigures, 'cycles' | 'energyPJ'> | null): Headline | null {
  const speed: number[] = [];
  const energy: number[] = [];
  for (const f of points.filter((p) => p.cascade === 'fusemax')) {
    const flat = points.find((p) => p.cascade === 'flat' && p.model === f.model && p.seq === f.seq);
    const a = pick(f);
    const b = flat ? pick(flat) : null;
    if (!a || !b) return null;
    speed.push(b.cycles / a.cycles);
    energy.push(a.energyPJ / b.energyPJ);
  }
  return speed.length === 0 ? null : { speedupOverFlat: mean(speed), energyVsFlat: mean(energy) };
}

/** Runs the study; `onPoint` is told after each run (for progress). */
export function fusemaxStudy(idealized: boolean, onPoint?: (done: number, total: number) => void): FusemaxStudy {
  const cascades = Object.fromEntries(STUDY_CASCADES.map((c) => [c, loadCascade(c)]));
  const archs = Object.fromEntries(STUDY_CASCADES.map((c) => [c, loadAttentionArch(ARCH[c])]));
  const pub = Object.fromEntries(STUDY_CASCADES.map((c) => [c, published(c)]));
  const pubLinear = Object.fromEntries(STUDY_CASCADES.map((c) => [c, publishedLinear(c)]));
  const points: StudyPoint[] = [];
  const total = STUDY_MODELS.length * STUDY_SEQS.length * STUDY_CASCADES.length;
  for (const name of STUDY_MODELS) {
    const model = loadAttentionModel(name);
    for (const seq of STUDY_SEQS) {
      for (const c of STUDY_CASCADES) {
        const report = runAttention(archs[c], cascades[c], { model: model.name, heads: model.heads, qkDim: model.qkDim, vDim: model.vDim, seq, batch: BATCH }, { idealized });
        // the analytic model and the linear layers price registers as the run does (idealized: the artifact's one PE)
        const registerAccounting = report.arch.microarch.registerAccounting;
        const a = analyticAttention(ANALYTIC[c], model, seq, BATCH, c, { registerAccounting });
        const key = `${PUBLISHED_MODEL[name]},${seqLabel(seq)}`;
        const lin = c === 'unfused' ? null : analyticLinear(ANALYTIC[c], model, seq, BATCH, registerAccounting);
        points.push({
          ...report,
          analytic: { cycles: a.cycles.total, utilization: { array2d: a.utilization.array2d, array1d: a.utilization.array1d }, energyPJ: a.energy.total },
          published: pub[c].get(key) ?? null,
          linear: lin === null ? null : { analytic: { cycles: lin.cycles, energyPJ: lin.energy.total }, published: pubLinear[c].get(key) ?? null },
        });
        onPoint?.(points.length, total);
      }
    }
  }
  return {
    idealized,
    points,
    summary: {
      systole: headline(points, (p) => ({ cycles: p.cycles.total, utilization: p.utilization, energyPJ: p.energyPJ.total }))!,
      analytic: headline(points, (p) => p.analytic),
      published: headline(points, (p) => p.published),
      endToEnd: {
        systole: headline(points, (p) => p.linear && { cycles: p.cycles.total + p.linear.analytic.cycles, energyPJ: p.energyPJ.total + p.linear.analytic.energyPJ })!,
        analytic: headline(points, (p) => p.analytic && p.linear && { cycles: p.analytic.cycles + p.linear.analytic.cycles, energyPJ: p.analytic.energyPJ + p.linear.analytic.energyPJ }),
        published: headline(points, (p) => (p.published && p.linear?.published ? { cycles: p.published.cycles + p.linear.published.cycles, energyPJ: p.published.energyPJ + p.linear.published.energyPJ } : null)),
      },
    },
  };
}
