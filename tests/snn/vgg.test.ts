// workloads/vgg16_cifar10.yaml: VGG-16's 13 convolutions at 32×32 (Simonyan & Zisserman 2015, configuration D) and
// a 512 → 10 classifier; its spiking plan chains every layer to the one before (pooling implicit between blocks).
import { expect, test } from 'vitest';
import { layerMacs } from '../../host/lower/shape.ts';
import { planSnn } from '../../host/snn/plan.ts';
import type { ComputeLayer } from '../../host/spec/types.ts';
import { loadWorkload } from '../../host/spec/workload/workload.ts';

test('VGG-16 for CIFAR-10: shapes, MACs, and a chained spiking plan', () => {
  const w = loadWorkload('vgg16_cifar10');
  // By hand: per block, size² × 9 × C_in × C_out, with sizes 32, 16, 8, 4, 2.
  const blocks: [number, [number, number][]][] = [
    [32, [[3, 64], [64, 64]]],
    [16, [[64, 128], [128, 128]]],
    [8, [[128, 256], [256, 256], [256, 256]]],
    [4, [[256, 512], [512, 512], [512, 512]]],
    [2, [[512, 512], [512, 512], [512, 512]]],
  ];
  const expected = [...blocks.flatMap(([s, convs]) => convs.map(([c, f]) => s * s * 9 * c * f)), 512 * 10];
  expect(w.layers.map((l) => layerMacs(l as ComputeLayer))).toEqual(expected);
  expect(expected.reduce((a, b) => a + b)).toBe(313_201_664);
  const plan = planSnn(w, w.snn!);
  expect(plan[0].source).toEqual({ kind: 'encoded', direct: false });
  expect(plan.slice(1).map((p) => (p.source.kind === 'producer' ? p.source.how : 'encoded'))).toEqual([
    'same', 'pool', 'same', 'pool', 'same', 'same', 'pool', 'same', 'same', 'pool', 'same', 'same', 'pool',
  ]);
});
