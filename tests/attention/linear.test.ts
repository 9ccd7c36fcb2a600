// The end-to-end linear layers on the systolic core: the GEMM shapes, the derived systolic arch, and the periodic
// fast path (probes + whole periods of row folds) against the full simulation wherever both run.
import { describe, expect, it } from 'vitest';
import { linearArch, linearWorkload, simulateLinear, type AttentionArrayArch } from '../../host/attention/linear.ts';
import { loadAttentionModel } from '../../host/attention/models.ts';
import { InputError } from '../../host/errors.ts';
import type { LayerReport } from '../../host/report/types.ts';
import { simulate } from '../../host/simulate/index.ts';

/** FuseMax's cloud machine as the attention arch spec gives it (FuseMax artifact: 256×256, 940 MHz, 16 MiB,
 *  400 GiB/s, 16-bit words). */
const FUSEMAX_CLOUD: AttentionArrayArch = {
  name: 'fusemax-cloud', clockMHz: 940, operandBits: 16, array2d: { rows: 256, cols: 256 },
  globalBuffer: { sizeKiB: 16384 }, dram: { bandwidthGiBps: 400, latencyCycles: 0 },
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
    expect(a.sram.banks).toBe(0); // conflict-free: a global-buffer bank delivers a 256-word row per access
    // 400 GiB/s at 940 MHz in 2-byte words: 400 · 2^30 / (0.94e9 · 2) words per cycle.
    expect(a.dram.bandwidthWordsPerCycle).toBeCloseTo((400 * 2 ** 30) / (0.94e9 * 2), 9);
    expect(a.microarch.foldPipelining).toBe(true);
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

/** Small machines: a buffer that holds every filter, and one too small for the FFN's (re-streamed every fold). */
const SMALL: AttentionArrayArch[] = [
  { name: 'small', clockMHz: 1000, operandBits: 16, array2d: { rows: 16, cols: 16 }, globalBuffer: { sizeKiB: 4 }, dram: { bandwidthGiBps: 8, latencyCycles: 20 } },
  { name: 'tight', clockMHz: 500, operandBits: 8, array2d: { rows: 8, cols: 16 }, globalBuffer: { sizeKiB: 0.5 }, dram: { bandwidthGiBps: 2, latencyCycles: 5 } },
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
  // (seq, batch): rows = seq · batch; with 16- and 8-row arrays these are 19 to 90 row folds, some with a partial
  // last fold, all beyond the direct-run threshold (the buffer's fill point + 2 + two steps: 14 and 10 folds), so
  // every GEMM takes the periodic path.
  const CASES: [number, number][] = [[60, 8], [37, 9], [64, 5], [23, 13], [90, 8]];
  for (const arch of SMALL) {
    for (const [seq, batch] of CASES) {
      it(`${arch.name}: seq ${seq} × batch ${batch}`, async () => {
        const res = await simulateLinear(arch, toy, seq, batch);
        const full = await simulate(linearArch(arch), linearWorkload(toy, seq, batch));
        expect(res.layers.every((l) => l.method === 'periodic')).toBe(true);
        res.layers.forEach((l, i) => expect(comparable(l.report), l.report.name).toEqual(comparable(full.layers[i])));
        expect(res.totals.cycles).toBe(full.totals.cycles);
        expect(res.totals.macs).toBe(seq * batch * (3 * 16 * 16 + 16 * 16 + 2 * 16 * 40));
      });
    }
  }

  it('a GEMM short of the fill point + 2 + two steps is simulated directly', async () => {
    // small: 2048 words of buffer; K = 16 fills it in 8 folds (threshold 14), ffn2's K = 40 in 4 (threshold 10).
    const res = await simulateLinear(SMALL[0], toy, 16, 10); // 10 folds
    expect(res.layers.every((l) => l.method === 'direct' && l.probe === null)).toBe(true);
    const more = await simulateLinear(SMALL[0], toy, 16, 11); // 11 folds: ffn2 goes periodic, the rest stay direct
    expect(more.layers.map((l) => l.method)).toEqual(['direct', 'direct', 'direct', 'direct', 'direct', 'periodic']);
    expect(more.layers[5].probe).toEqual({ folds: [7, 9, 11], increments: 2 });
  });
});
