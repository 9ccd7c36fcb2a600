// The idealized study (`systole study fusemax --idealized`: 4 models × 6 lengths × FuseMax, FLAT, unfused, batch 64)
// point by point against the FuseMax artifact's published results (tests/fixtures/fusemax/attn-{binding,flat,unfused}
// .csv, provenance in its README.md; latency in s at 940 MHz). Every point is either claimed, within the tolerance
// stated beside each check, or listed below as not reproduced with the reason: a listed point that comes within
// tolerance fails too, so an improvement shows as clearly as a regression (move it to the claimed points then).
// Energy is checked against the analytic model priced alike (host/attention/analytic/, a separate closed-form
// implementation, one PE's registers as the artifact), since the published energies are not reproduced (README,
// "Energy: what the artifact prices").
import { beforeAll, describe, expect, it } from 'vitest';
import { type FusemaxStudy, type StudyPoint, STUDY_MODELS, STUDY_SEQS, fusemaxStudy } from '../../host/study/fusemax.ts';
import { renderFusemaxStudy } from '../../host/study/fusemax-render.ts';

let study: FusemaxStudy;
beforeAll(() => {
  study = fusemaxStudy(true); // the whole study: 5-10 s of CPU, more on a loaded machine
}, 300_000);

const label = (seq: number) => (seq >= 2 ** 20 ? `${seq / 2 ** 20}M` : `${seq / 1024}K`);
const point = (cascade: string, model: string, seq: number) => study.points.find((p) => p.cascade === cascade && p.model === model && p.seq === seq) as StudyPoint;
const rel = (a: number, b: number) => Math.abs(a / b - 1);

// Tolerances. FuseMax: the waterfall charges no pipeline prologue or epilogue per unit of query blocks (the first key
// tile's QK before the 1D array has work, the last one's SLNV and AV after the 2D array's): 1.6% of the cycles at
// 1K tokens, under 0.1% from 64K. FLAT: its 1D softmax's four passes per unit start and end on barriers: 1.9% at 1K.
const CYCLES = 0.02; // relative, cycles vs published latency × 940 MHz
const UTIL_FUSEMAX = 0.015; // absolute, 2D utilization (1.5 points)
const UTIL_FLAT = 0.005; // absolute (0.5 points)
const SPEEDUP = 0.02; // relative, FLAT cycles / FuseMax cycles vs the published ratio
const ENERGY_VS_ANALYTIC = 0.01; // relative, energy vs the analytic model priced alike

// FLAT points whose cycles (so FLAT's 2D utilization and the speedup) are not reproduced, with the reason; none at
// present. (Before the cascade's weightStationary switch, FLAT at 1M tokens and XLM at 256K and 1M were here: this
// machine's FLAT re-read K and V for every 256-row block where the artifact's weight-stationary FLAT reads them once
// per 1024-row block, flat_validation.csv.)
const FLAT_NOT_REPRODUCED = new Set<string>([]);

describe('idealized study, point by point vs the published results', () => {
  for (const model of STUDY_MODELS) {
    for (const seq of STUDY_SEQS) {
      const flatClaimed = !FLAT_NOT_REPRODUCED.has(`${model},${seq}`);
      it(`${model} ${label(seq)}: FuseMax cycles and 2D utilization${flatClaimed ? ', FLAT cycles, 2D utilization and the speedup' : ' (FLAT listed as not reproduced)'}`, () => {
        const f = point('fusemax', model, seq);
        const l = point('flat', model, seq);
        expect(rel(f.cycles.total, f.published!.cycles)).toBeLessThan(CYCLES);
        expect(Math.abs(f.utilization.array2d - f.published!.utilization.array2d)).toBeLessThan(UTIL_FUSEMAX);
        const speedup = l.cycles.total / f.cycles.total;
        const published = l.published!.cycles / f.published!.cycles;
        const flatOff = [rel(l.cycles.total, l.published!.cycles) >= CYCLES, Math.abs(l.utilization.array2d - l.published!.utilization.array2d) >= UTIL_FLAT, rel(speedup, published) >= SPEEDUP];
        if (flatClaimed) expect(flatOff).toEqual([false, false, false]);
        else expect(flatOff.some((x) => x), 'FLAT now reproduces this point: move it out of FLAT_NOT_REPRODUCED').toBe(true);
      });
    }
  }
});

describe('idealized study: what is not reproduced anywhere, and the yardstick it is checked against instead', () => {
  // Unfused: the artifact's softmax phase reads each row of QK from DRAM once and writes A once (its 1D array works
  // along one query row, which fits the buffer: stable_softmax.py, prop_spilled 0); this machine's unfused cascade
  // (mappings/cascades/unfused.yaml) runs M, SN + SD and A as passes over a whole head through DRAM: QK read twice
  // (M, SN), SN written and read back (A), A written: 5 words per score against 2, 31-44% more cycles.
  it("unfused: every point's cycles above the published by more than the tolerance (31-44%)", () => {
    for (const p of study.points.filter((x) => x.cascade === 'unfused')) {
      expect(p.cycles.total / p.published!.cycles, `${p.model} ${label(p.seq)}: unfused now within ${CYCLES}`).toBeGreaterThan(1 + CYCLES);
    }
  });
  // Energy relative to FLAT: the published FLAT energies are 15-32% above their action counts × the artifact's stored
  // per-action tables (FuseMax's 3%), and the prices of the published runs are not in the artifact (README)
  it('energy vs FLAT: no point within 5 points of the published ratio; the counts priced alike agree with the analytic model', () => {
    for (const f of study.points.filter((x) => x.cascade === 'fusemax')) {
      const l = point('flat', f.model, f.seq);
      const ours = f.energyPJ.total / l.energyPJ.total;
      expect(ours - f.published!.energyPJ / l.published!.energyPJ, `${f.model} ${label(f.seq)}`).toBeGreaterThan(0.05);
      for (const p of [f, l]) expect(rel(p.energyPJ.total, p.analytic!.energyPJ), `${p.cascade} ${p.model} ${label(p.seq)}`).toBeLessThan(ENERGY_VS_ANALYTIC);
    }
  });
});

describe('systole study fusemax --idealized: the headline means', () => {
  // the published means are the abstract's 6.7× at 79% of FLAT's energy and 5.3× at 83% end to end (arXiv
  // 2406.10491), recomputed from tests/fixtures/fusemax/ as tests/attention/analytic/headline.test.ts does
  it('attention and end to end (attention + linear layers) beside the analytic model and the published tables', () => {
    const s = study;
    expect(s.points).toHaveLength(72);
    expect(s.summary.published!.speedupOverFlat).toBeCloseTo(6.72, 2);
    expect(s.summary.published!.energyVsFlat).toBeCloseTo(0.787, 3);
    expect(s.summary.endToEnd.published!.speedupOverFlat).toBeCloseTo(5.3, 1);
    expect(s.summary.endToEnd.published!.energyVsFlat).toBeCloseTo(0.83, 2);
    expect(s.summary.endToEnd.analytic!.speedupOverFlat).toBeCloseTo(5.3, 1);
    // Systole's attention within 0.5% of the published mean (6.73× vs 6.72×)
    expect(Math.abs(s.summary.systole.speedupOverFlat / 6.72 - 1)).toBeLessThan(0.005);
    // energy: the analytic model's mean priced alike within 1%; the published 79% is not reproduced (above)
    expect(rel(s.summary.systole.energyVsFlat, s.summary.analytic!.energyVsFlat)).toBeLessThan(0.01);
    expect(s.summary.systole.energyVsFlat - s.summary.published!.energyVsFlat).toBeGreaterThan(0.05);
    // end to end: its cycle-level attention + the analytic linear layers, point by point
    const e2e = systoleEndToEnd(s.points);
    expect(s.summary.endToEnd.systole.speedupOverFlat).toBeCloseTo(e2e, 9);
    expect(Math.abs(e2e / 5.3 - 1)).toBeLessThan(0.01);
  });
});

describe('systole study fusemax: the text table', () => {
  // what `systole study fusemax --idealized` prints: a row per point whose energy cells are the study's own ratios
  // (Systole, analytic, published) and the headline lines, within 120 columns
  it('one row per point, energy vs FLAT as S, A, P beside each other; the means', () => {
    const text = renderFusemaxStudy(study);
    const lines = text.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(120);
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    for (const f of study.points.filter((x) => x.cascade === 'fusemax')) {
      const l = point('flat', f.model, f.seq);
      const row = lines.find((x) => x.startsWith(`${f.model.padEnd(6)} ${label(f.seq).padEnd(5)} `))!;
      const cells = row.trim().split(/\s+/);
      expect(cells.slice(-3)).toEqual([pct(f.energyPJ.total / l.energyPJ.total), pct(f.analytic!.energyPJ / l.analytic!.energyPJ), pct(f.published!.energyPJ / l.published!.energyPJ)]);
    }
    expect(text).toContain(`Systole  : ${study.summary.systole.speedupOverFlat.toFixed(2)}× faster than FLAT at ${pct(study.summary.systole.energyVsFlat)} of its energy`);
    expect(text).toContain('published: 6.72× faster than FLAT at 78.7% of its energy');
    expect(text).toContain('published: 5.30× faster than FLAT at 83.3% of its energy');
  });
});

function systoleEndToEnd(points: StudyPoint[]): number {
  const fm = points.filter((p) => p.cascade === 'fusemax');
  const ratios = fm.map((f) => {
    const l = points.find((p) => p.cascade === 'flat' && p.model === f.model && p.seq === f.seq)!;
    return (l.cycles.total + l.linear!.analytic.cycles) / (f.cycles.total + f.linear!.analytic.cycles);
  });
  return ratios.reduce((a, b) => a + b, 0) / ratios.length;
}
