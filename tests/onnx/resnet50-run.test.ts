// Issue 14's done-when: ResNet-50 from an ONNX model built in the tests (tests/onnx/models.ts) runs end to end,
// pooling and residual adds included (on the vector unit). The oracle is the YAML preset workloads/resnet50.yaml
// run separately: every layer the two share by name (convolutions, the FC, the pools and the adds) must give the
// same cycles, and the layers only the import has (its ReLUs) run on the vector unit and are in the totals.
import { describe, expect, test } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { loadArch } from '../../host/spec/arch/arch.ts';
import { loadWorkload } from '../../host/spec/workload/workload.ts';
import { importWorkload } from '../helpers/onnx.ts';
import { resnet50 } from './models.ts';

describe('ResNet-50 from ONNX, end to end on array-64 with the memory system', () => {
  test('runs every layer; the layers it shares with the preset give the preset\'s cycles; totals include the vector layers', async () => {
    const arch = loadArch('array-64');
    const imported = importWorkload(resnet50().bytes(), 'resnet50.onnx');
    const [a, b] = await Promise.all([simulate(arch, imported), simulate(arch, loadWorkload('resnet50'))]);
    expect(a.layers).toHaveLength(imported.layers.length);
    const preset = new Map(b.layers.map((l) => [l.name, l]));
    const shared = a.layers.filter((l) => preset.has(l.name));
    // 53 convolutions + the FC + 2 pools + 16 adds, whatever the import names its other layers
    expect(shared.length).toBeGreaterThanOrEqual(72);
    for (const l of shared) expect({ name: l.name, cycles: l.cycles.total }).toEqual({ name: l.name, cycles: preset.get(l.name)!.cycles.total });
    const vector = a.layers.filter((l) => l.dataflow === 'vector');
    expect(vector.filter((l) => l.kind === 'pool')).toHaveLength(2);
    expect(vector.filter((l) => l.kind === 'eltwise')).toHaveLength(16);
    for (const l of vector) expect(l.cycles.total, l.name).toBeGreaterThan(0);
    expect(a.totals.cycles).toBe(a.layers.reduce((s, l) => s + l.cycles.total, 0));
  }, 120_000);
});
