// Issue 14's done-when: MobileNetV1 imported from ONNX and the YAML preset give identical per-layer cycles on every
// dataflow. The ONNX model is built by the tests (tests/onnx/models.ts: Conv/BN/ReLU6 blocks, SAME_UPPER and
// explicit pads, global pooling, Reshape, Gemm, Softmax); the preset is workloads/mobilenet_v1.yaml.
import { describe, expect, test } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { loadArch } from '../../host/spec/arch/arch.ts';
import { DATAFLOW_KINDS, isComputeLayer, type Workload } from '../../host/spec/types.ts';
import { loadWorkload } from '../../host/spec/workload/workload.ts';
import { importWorkload } from '../helpers/onnx.ts';
import { mobilenetV1 } from './models.ts';

/** The layers the preset has (its convolutions and the FC); the vector layers the import adds run elsewhere. */
const computeOnly = (w: Workload): Workload => ({ ...w, layers: w.layers.filter(isComputeLayer) });

describe('MobileNetV1: ONNX import = YAML preset, per layer', () => {
  const arch = loadArch('array-64');
  const imported = computeOnly(importWorkload(mobilenetV1().bytes(), 'mobilenet_v1.onnx'));
  const preset = loadWorkload('mobilenet_v1');

  test.each(DATAFLOW_KINDS)('%s: every layer\'s cycles (total, compute, stall), MACs and DRAM words are equal', async (dataflow) => {
    const [a, b] = await Promise.all([simulate(arch, imported, { dataflow }), simulate(arch, preset, { dataflow })]);
    const row = (l: (typeof a.layers)[number]) => ({ name: l.name, cycles: l.cycles, macs: l.macs, dram: l.dram });
    expect(a.layers.map(row)).toEqual(b.layers.map(row));
    expect(a.layers).toHaveLength(28);
    expect(a.totals.cycles).toBe(b.totals.cycles);
  });
});
