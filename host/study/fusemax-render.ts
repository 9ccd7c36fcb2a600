// Text rendering of `systole study fusemax` (fits 120 columns): one line per model × sequence length, then the
// headline means. S = Systole, A = analytic model, P = published.
import type { FusemaxStudy, StudyFigures, StudyPoint } from './fusemax.ts';

const pct = (x: number | undefined) => (x === undefined ? '–' : `${(100 * x).toFixed(1)}%`).padStart(7);
const times = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`).padStart(8);
const seqLabel = (n: number) => (n >= 2 ** 20 ? `${n / 2 ** 20}M` : `${n / 1024}K`);
const own = (p: StudyPoint): StudyFigures => ({ cycles: p.cycles.total, utilization: p.utilization, energyPJ: p.energyPJ.total });

export function renderFusemaxStudy(s: FusemaxStudy): string {
  const mode = s.idealized ? "idealized (no fill, skew or drain; one-cycle reductions; artifact spill and register charges)" : 'as configured';
  const find = (c: string, m: string, q: number) => s.points.find((p) => p.cascade === c && p.model === m && p.seq === q) as StudyPoint;
  const speed = (a: StudyFigures | null, b: StudyFigures | null) => (a && b ? b.cycles / a.cycles : undefined);
  const energy = (a: StudyFigures | null, b: StudyFigures | null) => (a && b ? a.energyPJ / b.energyPJ : undefined);
  const lines = [
    `FuseMax study, batch 64, ${mode}`,
    'FuseMax on fusemax-cloud, FLAT and unfused on flat-cloud. S = Systole (cycle level), A = analytic model,',
    'P = published (FuseMax artifact, workspace/outputs/pregenerated/results)',
    '',
    '             FuseMax 2D utilization   FLAT 2D util.     FuseMax speedup over FLAT      energy vs FLAT',
    'model  seq        S      A      P        S      P           S       A       P          S      A      P',
  ];
  const models = [...new Set(s.points.map((p) => p.model))];
  const seqs = [...new Set(s.points.map((p) => p.seq))];
  for (const m of models) {
    for (const q of seqs) {
      const f = find('fusemax', m, q);
      const l = find('flat', m, q);
      lines.push(
        `${m.padEnd(6)} ${seqLabel(q).padEnd(5)} ${pct(f.utilization.array2d)}${pct(f.analytic?.utilization.array2d)}${pct(f.published?.utilization.array2d)}  ` +
          `${pct(l.utilization.array2d)}${pct(l.published?.utilization.array2d)}    ` +
          `${times(speed(own(f), own(l)))}${times(speed(f.analytic, l.analytic))}${times(speed(f.published, l.published))}    ` +
          `${pct(energy(own(f), own(l)))}${pct(energy(f.analytic, l.analytic))}${pct(energy(f.published, l.published))}`,
      );
    }
  }
  const h = (name: string, x: { speedupOverFlat: number; energyVsFlat: number } | null) =>
    x === null ? `${name}: –` : `${name}: ${x.speedupOverFlat.toFixed(2)}× faster than FLAT at ${(100 * x.energyVsFlat).toFixed(1)}% of its energy`;
  lines.push('', 'mean over the points:', `  ${h('Systole  ', s.summary.systole)}`, `  ${h('analytic ', s.summary.analytic)}`, `  ${h('published', s.summary.published)}`);
  const e = s.summary.endToEnd;
  lines.push(
    'end to end (attention + QKV, output projection and FFN; Systole: its attention + the analytic linear layers):',
    `  ${h('Systole  ', e.systole)}`,
    `  ${h('analytic ', e.analytic)}`,
    `  ${h('published', e.published)}`,
  );
  return `${lines.join('\n')}\n`;
}
