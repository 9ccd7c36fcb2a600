// ResNet-50 end to end with its layers between the GEMMs (issue 14): the 3×3/2 max pool after conv1, the 16
// residual adds and the global average pool before the FC run on the vector unit, each a row of the report, and the
// totals include them. Cycles with ideal memory by the closed form of tests/vector/unit.test.ts, on 128 lanes (the
// array-128 preset's columns): ceil(items / 128) steps × cycles per step.
import { expect, it } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { loadArch } from '../../host/spec/arch/arch.ts';
import { loadWorkload } from '../../host/spec/workload/workload.ts';

it('ResNet-50 on array-128 with ideal memory: pools and adds are rows; totals include them', async () => {
  const arch = { ...loadArch('array-128'), memory: { model: 'ideal' as const, sliceSteps: 64 } };
  const r = await simulate(arch, loadWorkload('resnet50'));
  const vector = r.layers.filter((l) => l.dataflow === 'vector');
  expect(vector.map((l) => l.kind)).toEqual(['pool', ...Array(16).fill('eltwise'), 'pool']);
  expect(r.layers).toHaveLength(53 + 1 + 16 + 2);
  const byName = new Map(r.layers.map((l) => [l.name, l]));
  // pool1: 56·56·64 = 200,704 outputs, 1,568 steps of 8 compares. pool5: 2,048 outputs, 16 steps of 48 adds + 1 mul.
  expect(byName.get('pool1')!.cycles.total).toBe(1568 * 8);
  expect(byName.get('pool5')!.cycles.total).toBe(16 * 49);
  // res2a: 56·56·256 = 802,816 sums of two operands, 6,272 steps of 1 add; res5c: 7·7·2048 = 100,352, 784 steps.
  expect(byName.get('res2a')!.cycles.total).toBe(6272);
  expect(byName.get('res5c')!.cycles.total).toBe(784);
  expect(r.totals.cycles).toBe(r.layers.reduce((a, l) => a + l.cycles.total, 0));
  expect(r.totals.energy.vector).toBeGreaterThan(0);
  expect(r.totals.energy.vector).toBeCloseTo(vector.reduce((a, l) => a + l.energy.vector, 0), 3);
  expect(Math.round(r.totals.macs / 1e8)).toBe(41); // the array's ~4.1 G MACs, unchanged by the vector layers
});
