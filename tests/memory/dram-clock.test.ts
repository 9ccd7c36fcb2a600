// The DRAM channel keeps time in exact integer units (assembly/memory/dram.ts): a bandwidth of num/den words per
// cycle moves whole words, den slots of 1/num cycle each, so the words inside a 1024-cycle window are a whole number
// of slots: a multiple of 1/den. The peak bandwidth (the most words in one window, per cycle) is then an exact
// multiple of 1/(1024·den): at 10 words per cycle a whole number of words per window, at 2.5 = 5/2 a whole number of
// half words. A channel that kept time in doubles (start + n / bandwidth) reported 9.99804687500017 where the window
// held 10,238 words (tests/golden/ recorded it so until the clock became exact), and fails this test.
import { expect, test } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';

const layers = [
  { name: 'g1', kind: 'gemm', m: 97, n: 61, k: 300 },
  { name: 'g2', kind: 'gemm', m: 256, n: 17, k: 999 },
  { name: 'c1', kind: 'conv', ifmap: { h: 23, w: 23, c: 7 }, kernel: 3, stride: 1, filters: 29 },
];

test.each([
  [10, 1],
  [2.5, 2],
  [12.8, 5],
])('bandwidth %f words/cycle: every layer\'s peak is a whole number of 1/%i words per window', async (bandwidth, den) => {
  for (const dataflow of ['os', 'ws', 'is'] as const) {
    const arch = parseArch(
      { name: 't', array: { rows: 16, cols: 16 }, dataflow, sram: { ifmapKiB: 4, filterKiB: 4, ofmapKiB: 4 }, dram: { bandwidthWordsPerCycle: bandwidth, latencyCycles: 7 } },
      'test',
    );
    const report = await simulate(arch, parseWorkload({ name: 'w', layers }, 'test'), { values: 'off' });
    for (const l of report.layers) {
      const units = l.dramBandwidth!.peak! * 1024 * den;
      expect(Number.isInteger(units), `${dataflow} ${l.name}: peak ${l.dramBandwidth!.peak}`).toBe(true);
      expect(l.dramBandwidth!.peak!).toBeLessThanOrEqual(bandwidth);
      expect(l.dramBandwidth!.peak!).toBeGreaterThan(0);
    }
  }
});
