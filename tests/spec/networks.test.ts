// The three built-in workloads against independently known totals. Expected MACs are computed here by hand
// formula from the papers' layer tables (never with host/lower), then the loaded workloads must match them.
import { describe, expect, it } from 'vitest';
import { layerMacs } from '../../host/lower/shape.ts';
import { isComputeLayer, type ConvLayer, type Layer } from '../../host/spec/types.ts';
import { loadWorkload } from '../../host/spec/workload/workload.ts';

const compute = (layers: Layer[]) => layers.filter(isComputeLayer);
const totalMacs = (layers: Layer[]) => compute(layers).reduce((s, l) => s + layerMacs(l), 0);

describe('MobileNetV1 (Howard et al. 2017, Table 1)', () => {
  // Rows of Table 1: [output h (= w), kernel, in channels, out channels, depthwise?].
  const table: [number, number, number, number, boolean][] = [[112, 3, 3, 32, false]];
  const blocks: [number, number, number][] = [
    [112, 32, 64], [56, 64, 128], [56, 128, 128], [28, 128, 256], [28, 256, 256], [14, 256, 512],
    [14, 512, 512], [14, 512, 512], [14, 512, 512], [14, 512, 512], [14, 512, 512], [7, 512, 1024], [7, 1024, 1024],
  ];
  for (const [out, cin, cout] of blocks) table.push([out, 3, cin, cin, true], [out, 1, cin, cout, false]);
  const handMacs =
    table.reduce((s, [o, k, cin, cout, dw]) => s + o * o * k * k * (dw ? cin : cin * cout), 0) + 1024 * 1000; // + FC

  it('hand total is the paper\'s 569 million mult-adds (within 0.5%)', () => {
    expect(Math.abs(handMacs - 569e6) / 569e6).toBeLessThan(0.005);
  });

  it('the workload has 28 layers, 13 of them true depthwise, and the hand total of MACs', () => {
    const w = loadWorkload('mobilenet_v1');
    expect(w.layers.length).toBe(28);
    const dws = w.layers.filter((l) => l.kind === 'dwconv') as ConvLayer[];
    expect(dws.length).toBe(13);
    for (const d of dws) expect([d.groups, d.filters]).toEqual([d.ifmap.c, d.ifmap.c]);
    expect(totalMacs(w.layers)).toBe(handMacs);
  });
});

describe('ResNet-50 v1.5 (He et al. 2016, Table 1)', () => {
  // conv1 7x7/2 -> 112x112x64; FC 2048 -> 1000; stages [blocks, input h, input c, mid, out, stride].
  const stages: [number, number, number, number, number, number][] = [
    [3, 56, 64, 64, 256, 1], [4, 56, 256, 128, 512, 2], [6, 28, 512, 256, 1024, 2], [3, 14, 1024, 512, 2048, 2],
  ];
  let hand = 112 * 112 * 7 * 7 * 3 * 64 + 2048 * 1000;
  for (const [blocks, h, cin, mid, cout, s] of stages) {
    const o = h / s;
    hand += h * h * cin * mid + o * o * 9 * mid * mid + o * o * mid * cout + o * o * cin * cout; // first block + projection
    hand += (blocks - 1) * (o * o * cout * mid + o * o * 9 * mid * mid + o * o * mid * cout);
  }

  it('hand total lies in the published 3.8-4.1 G mult-add band', () => {
    expect(hand).toBeGreaterThan(3.8e9);
    expect(hand).toBeLessThan(4.1e9);
  });

  it('the workload has 53 convs, 16 residual adds with two inputs, the FC, and the hand total of MACs', () => {
    const w = loadWorkload('resnet50');
    const adds = w.layers.filter((l) => l.kind === 'eltwise' && l.op === 'add');
    expect(adds.length).toBe(16);
    for (const a of adds) expect(a.inputs.length).toBe(2);
    expect(w.layers.filter((l) => l.kind === 'conv').length).toBe(53);
    expect(w.layers.filter((l) => l.kind === 'gemm').length).toBe(1);
    expect(totalMacs(w.layers)).toBe(hand);
  });

  it('each first block adds its projection shortcut; later blocks add the previous block', () => {
    const w = loadWorkload('resnet50');
    const byName = new Map(w.layers.map((l) => [l.name, l]));
    expect(byName.get('res3a')!.inputs).toEqual(['res3a_branch2c', 'res3a_branch1']);
    expect(byName.get('res3a_branch1')!.inputs).toEqual(['res2c']);
    expect(byName.get('res4b')!.inputs).toEqual(['res4b_branch2c', 'res4a']);
  });
});

describe('BERT-base encoder layer, L = 512, d = 768, 12 heads', () => {
  const L = 512;
  const d = 768;
  // Closed form: Q, K, V, output projections 4·L·d²; scores and context 2·L²·d (12 heads of 64); FFN 2·L·d·4d.
  const closed = 4 * L * d * d + 2 * L * L * d + 8 * L * d * d;

  it('has the closed-form MAC count', () => {
    expect(closed).toBe(4_026_531_840);
    expect(totalMacs(loadWorkload('bert_base_encoder').layers)).toBe(closed);
  });

  it('wires attention and residuals', () => {
    const byName = new Map(loadWorkload('bert_base_encoder').layers.map((l) => [l.name, l]));
    expect(byName.get('attn_scores')!.inputs).toEqual(['q_proj', 'k_proj']);
    expect(byName.get('attn_context')!.inputs).toEqual(['attn_scores', 'v_proj']);
    expect(byName.get('ffn_residual')!.inputs).toEqual(['ffn_down', 'attn_residual']);
  });
});
