// The SCALE-Sim model against `--timing scalesim` runs of the register-level core: zero error on ResNet-50, on
// 64×64 and 32×32 arrays, for OS, WS and IS. To keep the suite fast, one layer per distinct GEMM shape (21 of the
// 54 compute layers: the others repeat a shape, and a layer's figures depend on its shape only).
import { describe, expect, test } from 'vitest';
import { DATAFLOW_KINDS } from '../../host/spec/types.ts';
import { arch, distinctShapes, expectZeroError, network, SCALESIM_METRICS, validated } from './helpers.ts';

const CASES = [64, 32].flatMap((n) => DATAFLOW_KINDS.map((df) => ({ n, df })));

describe('SCALE-Sim model vs --timing scalesim: ResNet-50', () => {
  const workload = distinctShapes(network('resnet50'));
  test.each(CASES)('$n×$n $df', async ({ n, df }) => {
    const report = await validated('scalesim', arch(n, n), workload, 'scalesim', df);
    expect(report.layers).toHaveLength(21);
    expectZeroError(report, SCALESIM_METRICS);
  });
});
