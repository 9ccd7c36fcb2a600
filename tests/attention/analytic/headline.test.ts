// The abstract's headline figures (Nayak et al., MICRO 2024, arXiv 2406.10491): FuseMax is 6.7× faster than FLAT on
// attention at 79% of its energy, 5.3× faster end to end at 83% of its energy, and reaches ~100% 2D utilization at
// long sequences. Checked two ways: from the published tables (tests/fixtures/fusemax/), and from Systole's analytic
// model (host/attention/analytic/). Means are arithmetic over the 24 model × length points (the way the tables
// give the abstract's rounded figures: geometric means would be 6.5× and 4.6×). End to end = attention + linear
// layers (the artifact's figs: latency and energy of attn-*.csv plus end2end-*.csv).
import { describe, expect, it } from 'vitest';
import { ANALYTIC_MACHINES, analyticAttention, analyticEndToEnd, analyticLinear, type AnalyticParams } from '../../../host/attention/analytic/index.ts';
import { loadAttentionModel } from '../../../host/attention/models.ts';
import { MODELS, SEQS, point, readResults } from './published.ts';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const POINTS = Object.entries(MODELS).flatMap(([pm, m]) => Object.entries(SEQS).map(([label, seq]) => ({ pm, m, label, seq })));

describe('headline figures from the published tables', () => {
  const fm = readResults('attn-binding');
  const flat = readResults('attn-flat');
  const e2eFm = readResults('end2end-proposal');
  const e2eFlat = readResults('end2end-flat');
  const at = (rows: typeof fm, p: (typeof POINTS)[number]) => point(rows, p.pm, p.label);

  it('attention: 6.7× mean speedup over FLAT at 79% of its energy', () => {
    expect(mean(POINTS.map((p) => at(flat, p).latency / at(fm, p).latency))).toBeCloseTo(6.7, 1);
    expect(mean(POINTS.map((p) => at(fm, p).energy / at(flat, p).energy))).toBeCloseTo(0.79, 2);
  });

  it('end to end: 5.3× at 83% of the energy', () => {
    const sum = (a: Record<string, number>, b: Record<string, number>, k: string) => a[k] + b[k];
    expect(mean(POINTS.map((p) => sum(at(flat, p), at(e2eFlat, p), 'latency') / sum(at(fm, p), at(e2eFm, p), 'latency')))).toBeCloseTo(5.3, 1);
    expect(mean(POINTS.map((p) => sum(at(fm, p), at(e2eFm, p), 'energy') / sum(at(flat, p), at(e2eFlat, p), 'energy')))).toBeCloseTo(0.83, 2);
  });

  it('2D utilization ≥ 99% from 64K tokens on, ~89% at 1K', () => {
    for (const p of POINTS) {
      const u = at(fm, p).util_2d;
      if (p.seq >= 65536) expect(u).toBeGreaterThan(0.99);
      if (p.seq === 1024) expect(u).toBeCloseTo(0.89, 2);
    }
  });
});

describe('headline figures from the analytic model', () => {
  const fmMachine = ANALYTIC_MACHINES['fusemax-cloud'];
  const flatMachine = ANALYTIC_MACHINES['flat-cloud'];
  const runs = POINTS.map((p) => {
    const model = loadAttentionModel(p.m);
    return {
      ...p,
      fm: analyticAttention(fmMachine, model, p.seq, 64, 'fusemax'),
      flat: analyticAttention(flatMachine, model, p.seq, 64, 'flat'),
      linFm: analyticLinear(fmMachine, model, p.seq, 64),
      linFlat: analyticLinear(flatMachine, model, p.seq, 64),
    };
  });

  it('attention: 6.7× mean speedup (latency reproduces every published point)', () => {
    expect(mean(runs.map((r) => r.flat.seconds / r.fm.seconds))).toBeCloseTo(6.72, 2);
  });

  it('end to end: 5.3× mean speedup', () => {
    expect(mean(runs.map((r) => (r.flat.seconds + r.linFlat.seconds) / (r.fm.seconds + r.linFm.seconds)))).toBeCloseTo(5.30, 2);
    const e2e = (machine: AnalyticParams, cascade: 'fusemax' | 'flat') => runs.map((r) => analyticEndToEnd(machine, loadAttentionModel(r.m), r.seq, 64, cascade).seconds);
    const fm = e2e(fmMachine, 'fusemax');
    const flat = e2e(flatMachine, 'flat');
    expect(mean(fm.map((s, i) => flat[i] / s))).toBeCloseTo(5.30, 2);
  });

  it('2D utilization: (E+F+9)/(E+F+10+256·F/seq) for E = F: 0.889 at 1K, 0.9926 at 1M (BERT)', () => {
    const bert = runs.filter((r) => r.m === 'bert');
    // Derived by hand: 2D busy = (E + F + 9)·u, critical path = (E + F + 10)·u + AV, AV = 256·F/seq · u (u = B·H·P·M/65536).
    const expected = (seq: number) => 137 / (138 + (256 * 64) / seq);
    for (const r of bert) expect(r.fm.utilization.array2d).toBeCloseTo(expected(r.seq), 12);
  });

  it('energy: the action counts priced with the artifact\'s own ERTs do NOT give 79% (see README.md)', () => {
    // FuseMax's energy reproduces within 3.5% of the published figure; FLAT's published energy is 13-25% above its
    // action counts × the artifact's stored ERTs (an unexplained ~390 pJ per softmax element and ~223 pJ per divide,
    // README.md "Energy"), so from counts alone FuseMax uses ~95% of FLAT's attention energy, not 79%.
    // With the artifact's register accounting (one PE's register accesses, as its published energies count them):
    const artifact = { registerAccounting: 'artifact' } as const;
    const ratio = mean(runs.map((r) => {
      const model = loadAttentionModel(r.m);
      const fm = analyticAttention(fmMachine, model, r.seq, 64, 'fusemax', artifact);
      const flat = analyticAttention(flatMachine, model, r.seq, 64, 'flat', artifact);
      return fm.energy.total / flat.energy.total;
    }));
    expect(ratio).toBeCloseTo(0.95, 2); // observed 0.9496, against the published 0.787
    // Counting every PE's register accesses (FuseMax's 12- and 32-word register files cost 1.7-2.5× FLAT's 4- and 16-word
    // ones per access), FuseMax uses slightly more energy than FLAT on attention.
    const allPes = mean(runs.map((r) => r.fm.energy.total / r.flat.energy.total));
    expect(allPes).toBeGreaterThan(1.0);
    expect(allPes).toBeLessThan(1.05);
  });
});
