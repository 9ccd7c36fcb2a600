// FLAT's long rows (the cascade's binding.weightStationary, as the FuseMax artifact's FLAT runs from 256K tokens): when
// less than half of a query block's row of scores fits on chip, units of `rows` queries, key tiles outer inside each
// pass (each K and V tile read from DRAM once per unit) and the scores in DRAM. DRAM words derived by hand below;
// values checked against the reference attention; fast-forward against full simulation.
import { describe, expect, it } from 'vitest';
import { type Cascade, loadCascade } from '../../host/attention/cascade.ts';
import type { AttentionReport } from '../../host/attention/report.ts';
import { runAttention } from '../../host/attention/run.ts';
import { IDEAL, shape, smallArch } from './helpers.ts';

// 8 × 8 array, 4 KiB buffer (2048 words), E = F = 8, 2 heads of 512 tokens: M1 = 64 key tiles, 64 query blocks per
// head. One 8-row block's scores take 8 · 512 words; after Q, the output and two K/V tiles (128 + 256 words) the
// buffer keeps floor(1664 / 64) = 26 key tiles of each row, under half of 64: weight-stationary. rows 32: 4 blocks per
// unit, 16 units per head.
const flat = loadCascade('flat');
const ws: Cascade = { ...flat, binding: { ...flat.binding, weightStationary: { below: 0.5, rows: 32 } } };
const s = shape(512, 8, 8, 2);
const arch = (micro: Record<string, unknown>) => smallArch(8, 8, { ...micro }, { dram: { bandwidthGiBps: 4, latencyCycles: 3 }, globalBuffer: { sizeKiB: 4 }, array1d: { pes: 8, registerWords: 64, expCycles: 1 } });
const withoutSimulation = (r: AttentionReport) => ({ ...r, simulation: null });

// words: Q and the output once per query (2 · 512 · 8 each); K and V once per unit and key tile (32 units · 512 · 8
// each); scores pm = 2 · 512 · 512
const pm = 2 * 512 * 512;
const q = 2 * 512 * 8;
const kv = 32 * 512 * 8;

describe('FLAT weight-stationary (binding.weightStationary)', () => {
  it('the plan: 4 blocks per unit, scores in DRAM; without the switch, one block and 26 key tiles on chip', () => {
    const r = runAttention(arch(IDEAL), ws, s, { idealized: true });
    expect([r.plan.weightStationary, r.plan.blocksPerUnit, r.plan.scores, r.plan.scoreTilesOnChip]).toEqual([true, 4, 'dram', 0]);
    const off = runAttention(arch(IDEAL), { ...flat, binding: { ...flat.binding, weightStationary: null } }, s, { idealized: true });
    expect([off.plan.weightStationary, off.plan.blocksPerUnit, off.plan.scores, off.plan.scoreTilesOnChip]).toEqual([false, 1, 'partial', 26]);
  });
  it('idealized (spill: artifact): QK and SN each written once and read once by the next pass; K and V once per unit', () => {
    const r = runAttention(arch(IDEAL), ws, s, { idealized: true });
    expect(r.dram.readBytes / 2).toBe(2 * pm + q + 2 * kv);
    expect(r.dram.writeBytes / 2).toBe(2 * pm + q);
  });
  it('as configured (spill: per-pass): every read and write of a score tile goes to DRAM (QK, SN, A: 3 writes, 5 reads)', () => {
    const r = runAttention(arch({}), ws, s);
    expect(r.dram.readBytes / 2).toBe(5 * pm + q + 2 * kv);
    expect(r.dram.writeBytes / 2).toBe(3 * pm + q);
  });
  it('values: the output matches the reference attention; fast-forward gives the full simulation report', () => {
    for (const [micro, idealized] of [[IDEAL, true], [{}, false]] as const) {
      expect(runAttention(arch(micro), ws, s, { idealized, verify: true }).verified).toBe(true);
      const fast = runAttention(arch(micro), ws, s, { idealized });
      const full = runAttention(arch(micro), ws, s, { idealized, fastForward: false });
      expect(fast.simulation.tilesAdvanced).toBeGreaterThan(0);
      expect(withoutSimulation(fast)).toEqual(withoutSimulation(full));
    }
  });
});
