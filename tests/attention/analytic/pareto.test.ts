// FuseMax at 256K tokens on 2D arrays of 16…512 PEs a side (pareto.csv, the artifact's fig. 12 data): the analytic
// model on square arrays other than 256 × 256, against the published traffic, memory time, 2D and 1D busy time and
// latency. The global buffer is sized as the artifact's pareto sweep sizes it (workspace/src/utils/pareto.py,
// get_l3_sz, and run.py pareto(), restated here as the experiment's procedure): the least buffer holding
// PE · P1min · E · 8 words of 2 bytes, doubled until the memory time no longer exceeds the 1D array's busy time.
// Tolerance 1e-9 relative, as published.test.ts.
import { describe, expect, it } from 'vitest';
import { ANALYTIC_MACHINES, analyticAttention, type AnalyticParams } from '../../../host/attention/analytic/index.ts';
import { loadAttentionModel } from '../../../host/attention/models.ts';
import { MODELS, readResults, rel } from './published.ts';

const SEQ = 262144;
const CLOCK = 0.94e9;

function buffered(pe: number, E: number, fits: (bytes: number) => boolean): number {
  const minTiles = Math.max(1, Math.floor(pe / E)) * 2;
  const numTiles = Math.floor(SEQ / pe);
  const minP1 = Math.max(1, Math.floor(minTiles / numTiles));
  const least = pe * minP1 * E * 8 * 2;
  for (let multiplier = 1; ; multiplier *= 2) if (fits(least * multiplier)) return least * multiplier;
}

describe('pareto.csv: FuseMax at 256K tokens on other array sizes', () => {
  const rows = readResults('pareto');
  for (const row of rows) {
    const pe = Number(row.PE_dim);
    it(`${row.model} ${pe}×${pe}`, () => {
      const model = loadAttentionModel(MODELS[row.model as keyof typeof MODELS]);
      const params = (bufferBytes: number): AnalyticParams => ({ ...ANALYTIC_MACHINES['fusemax-cloud'], rows2d: pe, cols2d: pe, pes1d: pe, bufferBytes });
      const run = (bytes: number) => analyticAttention(params(bytes), model, SEQ, 64, 'fusemax');
      const bytes = buffered(pe, model.qkDim, (b) => run(b).cycles.memory <= run(b).cycles.busy1d);
      const r = run(bytes);
      expect(rel(r.dram.bytes, Number(row.traffic))).toBeLessThan(1e-9);
      expect(rel(r.cycles.memory / CLOCK, Number(row.mem_lat))).toBeLessThan(1e-9);
      expect(rel(r.cycles.busy2d / CLOCK, Number(row.comp_2d_lat))).toBeLessThan(1e-9);
      expect(rel(r.cycles.busy1d / CLOCK, Number(row.comp_1d_lat))).toBeLessThan(1e-9);
      expect(rel(r.seconds, Number(row.latency))).toBeLessThan(1e-9);
    });
  }
});
