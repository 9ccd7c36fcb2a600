// MobileNetV1 on the 64×64 preset, the default `systole run`, native timing with --verify:
// - every layer's output equals a reference GEMM computed on the host, and the MACs are the paper's 569 million
//   (Howard et al. 2017, Table 1);
// - the report itself is a golden file (tests/golden/mobilenet_v1.array-64.os.native.json): a reviewed diff shows
//   any change of timing or counting (regenerate with `npx vitest -u`).
// Its scalesim-timing figures are checked layer by layer against SCALE-Sim's closed forms in
// tests/analytic/scalesim-mobilenet.test.ts.
import { expect, test } from 'vitest';
import { loadArch, loadWorkload, simulate } from '../../host/index.ts';

test('MobileNetV1 on 64×64, native: every layer verified; report matches the golden file', async () => {
  const report = await simulate(loadArch('array-64'), loadWorkload('mobilenet_v1'), { timing: 'native', verify: true });
  expect(report.layers.map((l) => [l.name, l.verified])).toEqual(report.layers.map((l) => [l.name, true]));
  expect(Math.round(report.totals.macs / 1e6)).toBe(569);
  const golden = { ...report, tool: { name: report.tool.name, version: '(any)' } };
  await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot('./mobilenet_v1.array-64.os.native.json');
});
