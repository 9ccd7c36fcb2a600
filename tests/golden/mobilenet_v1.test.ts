// MobileNetV1 on the 64×64 preset, the default `systole run`:
// - scalesim timing: every layer's cycles, SRAM counts and utilizations equal SCALE-Sim v2's closed forms
//   (shared/DESIGN.md), with depthwise layers run as one (M × 1 × 9) GEMM per channel, so a layer's cycles are
//   channels × per-channel fold cycles − 1 (SCALE-Sim reports the last demand row's index once per run);
// - native timing with --verify: every layer's output equals a reference GEMM computed on the host;
// - the native report itself is a golden file (tests/golden/mobilenet_v1.array-64.os.native.json): a reviewed diff
//   shows any change of timing or counting (regenerate with `npx vitest -u`).
import { describe, expect, test } from 'vitest';
import { loadArch, loadWorkload, simulate } from '../../host/index.ts';
import { scalesimClosedForm } from '../helpers/scalesim-closed-form.ts';

const arch = loadArch('array-64');
const workload = loadWorkload('mobilenet_v1');

describe('MobileNetV1 on 64×64', () => {
  test.each(['os', 'ws', 'is'] as const)('scalesim timing equals the closed forms on every layer (%s)', async (df) => {
    const report = await simulate(arch, workload, { timing: 'scalesim', dataflow: df });
    expect(report.layers).toHaveLength(28);
    for (const l of report.layers) {
      const { M, N, K, groups } = l.gemm;
      const one = scalesimClosedForm(df, 64, 64, M, N, K);
      const where = `${df} ${l.name}`;
      expect(l.cycles.total, where).toBe(groups * (one.cycles + 1) - 1);
      expect(l.sram.ifmapReads, where).toBe(groups * one.ifmapReads);
      expect(l.sram.filterReads, where).toBe(groups * one.filterReads);
      expect(l.sram.ofmapWrites, where).toBe(groups * one.ofmapWrites);
      expect(l.utilization.mapping, where).toBeCloseTo(one.mappingEfficiency, 12);
      expect(l.macs, where).toBe(M * N * K * groups);
      // Identical groups: compute utilization is one group's; overall is MACs over the layer's reported cycles.
      expect(l.utilization.compute, where).toBeCloseTo(one.computeUtilization, 12);
      expect(l.utilization.overall, where).toBeCloseTo((M * N * K * groups) / (l.cycles.total * 64 * 64), 12);
    }
    // Howard et al. 2017, Table 1: 569 million mult-adds.
    expect(Math.round(report.totals.macs / 1e6)).toBe(569);
  });

  test('native timing: every layer verified against a reference GEMM; report matches the golden file', async () => {
    const report = await simulate(arch, workload, { timing: 'native', verify: true });
    expect(report.layers.map((l) => [l.name, l.verified])).toEqual(report.layers.map((l) => [l.name, true]));
    const golden = { ...report, tool: { name: report.tool.name, version: '(any)' } };
    await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot('./mobilenet_v1.array-64.os.native.json');
  });
});
