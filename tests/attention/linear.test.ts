// The end-to-end linear layers on the systolic core: the GEMM shapes, the derived systolic arch, and the periodic
// fast path (probes + whole periods of row folds) against the full simulation wherever both run.
import { describe, expect, it } from 'vitest';
import { incrementMismatch, linearArch, linearWorkload, simulateLinear, type AttentionArrayArch } from '../../host/attention/linear.ts';
import { loadAttentionModel } from '../../host/attention/models.ts';
import { InputError } from '../../host/errors.ts';
import { loadAttentionArch } from '../../host/spec/arch/arch.ts';
import type { LayerReport } from '../../host/report/types.ts';
import { simulate } from '../../host/simulate/index.ts';

/** FuseMax's cloud machine as the attention arch spec gives it (FuseMax artifact: 256×256, 940 MHz, 16 MiB,
 *  400 GiB/s, 16-bit words). */
const FUSEMAX_CLOUD: AttentionArrayArch = {
  name: 'fusemax-cloud', clockMHz: 940, operandBits: 16, array2d: { rows: 256, cols: 256 },
  globalBuffer: { sizeKiB: 16384, banks: 32, rowWords: 256 }, dram: { bandwidthGiBps: 400, latencyCycles: 0 },
};

describe('linear layers: shapes and the derived arch', () => {
  it('BERT at 1K tokens, batch 64: six GEMMs of 65536 rows (Q, K, V: 768→768; out: 768→768; FFN 768→3072→768)', () => {
    const w = linearWorkload(loadAttentionModel('bert'), 1024, 64);
    expect(w.layers.map((l) => (l.kind === 'gemm' ? [l.name, l.m, l.k, l.n] : null))).toEqual([
      ['q_proj', 65536, 768, 768], ['k_proj', 65536, 768, 768], ['v_proj', 65536, 768, 768],
      ['out_proj', 65536, 768, 768], ['ffn1', 65536, 768, 3072], ['ffn2', 65536, 3072, 768],
    ]);
  });

  it('XLM projects to H·E = 2048 and its FFN is 8192 wide', () => {
    const w = linearWorkload(loadAttentionModel('xlm'), 4096, 1);
    expect(w.layers.map((l) => (l.kind === 'gemm' ? [l.k, l.n] : null))).toEqual([[2048, 2048], [2048, 2048], [2048, 2048], [2048, 2048], [2048, 8192], [8192, 2048]]);
  });

  it('the systolic arch keeps the 2D array, clock, bandwidth and buffer', () => {
    const a = linearArch(FUSEMAX_CLOUD);
    expect(a.array).toEqual({ rows: 256, cols: 256 });
    expect(a.dataflow).toBe('os');
    expect(a.precision.operand).toBe('int16');
    expect(a.sram.unifiedKiB).toBe(16384);
    expect(a.sram.ofmapKiB).toBe(256); // two 256×256 tiles of 2-byte outputs
    expect(a.sram.banks).toBe(0); // conflict-free: 32 banks × 256-word rows cover the 512 lanes
    // 400 GiB/s at 940 MHz in 2-byte words: 400 · 2^30 / (0.94e9 · 2) words per cycle.
    expect(a.dram.bandwidthWordsPerCycle).toBeCloseTo((400 * 2 ** 30) / (0.94e9 * 2), 9);
    expect(a.microarch.foldPipelining).toBe(true);
  });

  it('the attention arch presets derive as documented (FLAT\'s 4-word rows: 128 one-word banks)', () => {
    const fm = linearArch(loadAttentionArch('fusemax-cloud'));
    expect([fm.array.rows, fm.array.cols, fm.sram.unifiedKiB, fm.sram.banks]).toEqual([256, 256, 16384, 0]);
    const flat = linearArch(loadAttentionArch('flat-cloud'));
    expect([flat.array.rows, flat.sram.unifiedKiB, flat.sram.banks]).toEqual([256, 32768, 128]);
    expect(flat.dram.bandwidthWordsPerCycle).toBeCloseTo((400 * 2 ** 30) / (0.94e9 * 2), 9);
  });

  it('bad input: one InputError line', () => {
    expect(() => linearArch({ ...FUSEMAX_CLOUD, operandBits: 12 })).toThrow(InputError);
    expect(() => linearArch({ ...FUSEMAX_CLOUD, operandBits: 12 })).toThrow(/^attention arch fusemax-cloud: operandBits: the systolic core has no 12-bit operands; use 4, 8 or 16$/);
    expect(() => linearWorkload(loadAttentionModel('bert'), 0, 64)).toThrow(/^seq: expected a positive integer, got 0/);
    expect(() => linearWorkload(loadAttentionModel('bert'), 1024, 2.5)).toThrow(/^batch: expected a positive integer, got 2.5/);
    expect(() => linearArch({ ...FUSEMAX_CLOUD, array2d: { rows: 1024, cols: 256 } })).toThrow(/array\.rows: expected an integer in 1\.\.512/);
  });
});

const toy = { name: 'toy', heads: 2, qkDim: 8, vDim: 8, modelDim: 16, ffnDim: 40 };
/** A wider FFN: its 16 × 256 filter (4096 words) does not fit the tight machine's 3 KiB (3072 int8 words). */
const wide = { ...toy, name: 'wide', ffnDim: 256 };

/** Small machines: a buffer that holds every filter, and one too small for the wide FFN's (re-streamed every fold). */
const SMALL: AttentionArrayArch[] = [
  { name: 'small', clockMHz: 1000, operandBits: 16, array2d: { rows: 16, cols: 16 }, globalBuffer: { sizeKiB: 8 }, dram: { bandwidthGiBps: 8, latencyCycles: 20 } },
  { name: 'tight', clockMHz: 500, operandBits: 8, array2d: { rows: 8, cols: 16 }, globalBuffer: { sizeKiB: 3 }, dram: { bandwidthGiBps: 2, latencyCycles: 5 } },
];

/** The report with its float figures rounded (energies and ratios are float sums; counters are integers). */
function comparable(r: LayerReport) {
  const round = (x: number) => Number(x.toPrecision(12));
  const { energy, utilization, dramBandwidth, ...rest } = r;
  return {
    ...rest,
    energy: Object.fromEntries(Object.entries(energy).map(([k, v]) => [k, typeof v === 'number' ? round(v) : Object.fromEntries(Object.entries(v).map(([a, b]) => [a, round(b as number)]))])),
    utilization: Object.fromEntries(Object.entries(utilization).map(([k, v]) => [k, round(v)])),
    dramBandwidth: dramBandwidth === null ? null : round(dramBandwidth.average), // the periodic path has no peak (null)
  };
}

describe('periodic row folds equal the full simulation', () => {
  // (seq, batch): rows = seq · batch; on the 16- and 8-row arrays these are 24 to 90 row folds, some with a
  // partial last fold, all beyond the direct-run threshold (the buffer's fill point + 2 + two steps: 22 folds on
  // small, 30 on tight), so every GEMM takes the periodic path.
  const CASES: [number, number][] = [[60, 8], [37, 11], [64, 6], [23, 17], [90, 8]];
  for (const [arch, model] of [[SMALL[0], toy], [SMALL[1], wide]] as const) {
    for (const [seq, batch] of CASES) {
      it(`${arch.name}, ${model.name}: seq ${seq} × batch ${batch}`, async () => {
        const res = await simulateLinear(arch, model, seq, batch);
        const full = await simulate(linearArch(arch), linearWorkload(model, seq, batch));
        expect(res.layers.every((l) => l.method === 'periodic')).toBe(true);
        res.layers.forEach((l, i) => expect(comparable(l.report), l.report.name).toEqual(comparable(full.layers[i])));
        expect(res.totals.cycles).toBe(full.totals.cycles);
        expect(res.totals.macs).toBe(seq * batch * (3 * 16 * 16 + 16 * 16 + 2 * 16 * model.ffnDim));
      });
    }
  }

  it('a GEMM short of the fill point + 2 + two steps is simulated directly', async () => {
    // small: 4096 words of buffer; K = 16 fills it in 16 folds (threshold 22), ffn2's K = 40 in 7 (threshold 13).
    const res = await simulateLinear(SMALL[0], toy, 16, 13); // 13 folds
    expect(res.layers.every((l) => l.method === 'direct' && l.probe === null)).toBe(true);
    const more = await simulateLinear(SMALL[0], toy, 16, 14); // 14 folds: ffn2 goes periodic, the rest stay direct
    expect(more.layers.map((l) => l.method)).toEqual(['direct', 'direct', 'direct', 'direct', 'direct', 'periodic']);
    expect(more.layers[5].probe).toEqual({ folds: [10, 12, 14], increments: 2 });
  });
});

describe('the period check that guards the fast path', () => {
  it('equal increments pass; a counter that grows differently is named (the run is then refused)', async () => {
    const arch = linearArch(SMALL[0]);
    const run = async (folds: number) =>
      (await simulate(arch, { name: 'w', batch: 1, layers: [{ name: 'g', kind: 'gemm', m: 16 * folds, n: 32, k: 16, groups: 1, inputs: [] }] })).layers[0];
    const probes = [await run(20), await run(22), await run(24)]; // past the 16-fold fill point
    expect(incrementMismatch(probes, 256)).toBeNull();
    const tampered = structuredClone(probes);
    tampered[2].sram.ifmapReads += 1;
    expect(incrementMismatch(tampered, 256)).toMatch(/^sram\.ifmapReads grows by \d+, then \d+$/);
  });
});
