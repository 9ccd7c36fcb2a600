// The SCALE-Sim model against `--timing scalesim` runs of the register-level core: zero error on every layer of
// MobileNetV1 (28 layers, 13 of them depthwise with 32…1024 groups) on 64×64 and 32×32 arrays, for OS, WS and IS.
// The core's scalesim timing is checked against SCALE-Sim's closed forms GEMM by GEMM in tests/core/scalesim.test.ts;
// here the model's whole-layer figures (groups run one after another, "− 1" once per layer) must match too.
import { describe, expect, test } from 'vitest';
import { DATAFLOW_KINDS } from '../../host/spec/types.ts';
import { arch, expectZeroError, network, SCALESIM_METRICS, validated } from './helpers.ts';

const CASES = [64, 32].flatMap((n) => DATAFLOW_KINDS.map((df) => ({ n, df })));

describe('SCALE-Sim model vs --timing scalesim: MobileNetV1', () => {
  const workload = network('mobilenet_v1');
  test.each(CASES)('$n×$n $df', async ({ n, df }) => {
    const report = await validated('scalesim', arch(n, n), workload, 'scalesim', df);
    expect(report.layers).toHaveLength(28);
    expectZeroError(report, SCALESIM_METRICS);
  });
});
