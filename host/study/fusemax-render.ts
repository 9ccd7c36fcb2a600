// Text rendering of `systole study fusemax`: one line per model × sequence length, then the headline means.
import type { FusemaxStudy, StudyPoint } from './fusemax.ts';

const pct = (x: number | undefined) => (x === undefined ? '    –' : `${(100 * x).toFixed(1).padStart(5)}%`);
const times = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '     –' : `${x.toFixed(2).padStart(6)}×`);
const seqLabel = (n: number) => (n >= 2 ** 20 ? `${n / 2 ** 20}M` : `${n / 1024}K`);

export function renderFusemaxStudy(s: FusemaxStudy): string {
  const mode = s.idealized ? 'idealized (no fill, skew or drain; one-cycle reductions)' : 'as configured';
  const find = (c: string, m: string, q: number) => s.points.find((p) => p.cascade === c && p.model === m && p.seq === q);
  const lines = [
    `FuseMax study, batch 64, ${mode}: FuseMax on fusemax-cloud, FLAT and unfused on flat-cloud`,
    'S = Systole (cycle level), A = analytic model, P = published (FuseMax artifact)',
    '',
    'model  seq   | FuseMax 2D util S      A      P  | FLAT 2D util S     P  | speedup over FLAT S      A      P | energy vs FLAT S     P',
  ];
  const models = [...new Set(s.points.map((p) => p.model))];
  const seqs = [...new Set(s.points.map((p) => p.seq))];
  for (const m of models) {
    for (const q of seqs) {
      const f = find('fusemax', m, q) as StudyPoint;
      const l = find('flat', m, q) as StudyPoint;
      const sp = (a?: { cycles: number } | null, b?: { cycles: number } | null) => (a && b ? b.cycles / a.cycles : undefined);
      const er = (a?: { energyPJ: number } | null, b?: { energyPJ: number } | null) => (a && b ? a.energyPJ / b.energyPJ : undefined);
      lines.push(
        `${m.padEnd(6)} ${seqLabel(q).padEnd(5)} | ${' '.repeat(13)}${pct(f.utilization.array2d)} ${pct(f.analytic?.utilization.array2d)} ${pct(f.published?.utilization.array2d)} | ` +
          `${' '.repeat(11)}${pct(l.utilization.array2d)} ${pct(l.published?.utilization.array2d)} | ` +
          `${' '.repeat(16)}${times(sp(f.cycles.total !== undefined ? { cycles: f.cycles.total } : null, { cycles: l.cycles.total }))} ${times(sp(f.analytic, l.analytic))} ${times(sp(f.published, l.published))} | ` +
          `${' '.repeat(13)}${pct(er({ energyPJ: f.energyPJ.total }, { energyPJ: l.energyPJ.total }))} ${pct(er(f.published, l.published))}`,
      );
    }
  }
  const h = (name: string, x: { speedupOverFlat: number; energyVsFlat: number } | null) =>
    x === null ? `${name}: –` : `${name}: ${x.speedupOverFlat.toFixed(2)}× faster than FLAT at ${(100 * x.energyVsFlat).toFixed(1)}% of its energy`;
  lines.push('', 'mean over the points:', `  ${h('Systole  ', s.summary.systole)}`, `  ${h('analytic ', s.summary.analytic)}`, `  ${h('published', s.summary.published)}`);
  return `${lines.join('\n')}\n`;
}
