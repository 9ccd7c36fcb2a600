// ONNX models built by the tests, imported: layers, shapes and graph edges against independent sources (the YAML
// presets, whose shapes are the papers' tables; hand-derived shapes for the transformer block).
import { describe, expect, test } from 'vitest';
import { loadWorkload } from '../../host/spec/workload/workload.ts';
import { isComputeLayer, type Layer } from '../../host/spec/types.ts';
import { importWorkload } from '../helpers/onnx.ts';
import { mobilenetV1, resnet50, resnetBlock, transformerBlock } from './models.ts';

const withoutInputs = ({ inputs: _, ...rest }: Layer) => rest;
const byName = (layers: Layer[]) => new Map(layers.map((l) => [l.name, l]));

describe('MobileNetV1 from ONNX', () => {
  const imported = importWorkload(mobilenetV1().bytes(), 'mobilenet_v1.onnx');
  const preset = loadWorkload('mobilenet_v1');

  test('its compute layers are the preset\'s, in order, with equal shapes (BatchNorm folded, SAME_UPPER = the preset\'s pads)', () => {
    expect(imported.layers.filter(isComputeLayer).map(withoutInputs)).toEqual(preset.layers.map(withoutInputs));
    expect(imported.batch).toBe(1);
  });

  test('the layers between the GEMMs are there: 27 ReLU6 clips, the global average pool, the softmax; edges through them', () => {
    const kinds = imported.layers.filter((l) => !isComputeLayer(l)).map((l) => `${l.kind}:${'op' in l ? l.op : ''}`);
    expect(kinds.filter((k) => k === 'activation:clip')).toHaveLength(27);
    const layers = byName(imported.layers);
    expect(layers.get('avgpool')).toMatchObject({ kind: 'pool', op: 'avg', global: true, ifmap: { h: 7, w: 7, c: 1024 }, inputs: ['pw13_relu6'] });
    expect(layers.get('fc')).toMatchObject({ kind: 'gemm', m: 1, n: 1000, k: 1024, inputs: ['avgpool'] });
    expect(layers.get('prob')).toMatchObject({ kind: 'softmax', rows: 1, length: 1000, inputs: ['fc'] });
    expect(layers.get('dw1')!.inputs).toEqual(['conv1_relu6']);
    expect(layers.get('conv1_relu6')).toMatchObject({ kind: 'activation', op: 'clip', shape: { h: 112, w: 112, c: 32 }, inputs: ['conv1'] });
  });
});

test('MobileNetV1 with a batch of 8: the workload\'s batch is 8 and its layers are batch 1\'s', () => {
  const eight = importWorkload(mobilenetV1(8).bytes(), 'mobilenet_v1.onnx');
  expect(eight.batch).toBe(8);
  expect(eight.layers).toEqual(importWorkload(mobilenetV1().bytes(), 'mobilenet_v1.onnx').layers);
});

describe('ResNet-50 from ONNX', () => {
  const imported = importWorkload(resnet50().bytes(), 'resnet50.onnx');
  const preset = loadWorkload('resnet50');

  test('its conv and gemm layers equal the preset\'s (53 convs with BatchNorm folded, the FC)', () => {
    const presetCompute = preset.layers.filter(isComputeLayer).map(withoutInputs);
    expect(imported.layers.filter(isComputeLayer).map(withoutInputs)).toEqual(presetCompute);
    expect(presetCompute).toHaveLength(54);
  });

  test('pooling and the 16 residual adds are layers with both operands as inputs', () => {
    const layers = byName(imported.layers);
    expect(layers.get('pool1')).toMatchObject({ kind: 'pool', op: 'max', ifmap: { h: 112, w: 112, c: 64 }, filter: { h: 3, w: 3 }, stride: { h: 2, w: 2 }, inputs: ['conv1_relu'] });
    expect(layers.get('res2a_branch2a')!.inputs).toEqual(['pool1']);
    expect(layers.get('res2a')).toMatchObject({ kind: 'eltwise', op: 'add', shape: { h: 56, w: 56, c: 256 }, inputs: ['res2a_branch2c', 'res2a_branch1'] });
    expect(layers.get('res2b')!.inputs).toEqual(['res2b_branch2c', 'res2a_relu']);
    expect(imported.layers.filter((l) => l.kind === 'eltwise')).toHaveLength(16);
    expect(layers.get('pool5')).toMatchObject({ kind: 'pool', global: true, ifmap: { h: 7, w: 7, c: 2048 } });
    expect(layers.get('fc1000')!.inputs).toEqual(['pool5']);
  });
});

describe('a ResNet-style block', () => {
  test('BatchNorm folds into both convs; the residual Add reads conv_b and the block input (no producer layer)', () => {
    const w = importWorkload(resnetBlock().bytes(), 'block.onnx');
    expect(w.layers.map((l) => `${l.name}:${l.kind}<${l.inputs.join('+')}`)).toEqual([
      'conv_a:conv<', 'conv_a_relu:activation<conv_a', 'conv_b:conv<conv_a_relu', 'residual:eltwise<conv_b', 'out_relu:activation<residual',
    ]);
    expect(byName(w.layers).get('residual')).toMatchObject({ op: 'add', shape: { h: 56, w: 56, c: 64 } });
  });

  test('a BatchNormalization that does not follow a conv is a multiply and an add', () => {
    const b = resnetBlock();
    const bn = b.nodes.find((n) => n.name === 'conv_b_bn')!;
    // Make conv_b's output also a graph output: it has two readers, so its BatchNorm cannot be folded.
    b.output('conv_b');
    const w = importWorkload(b.bytes(), 'block.onnx');
    const names = w.layers.map((l) => l.name);
    expect(names).toContain(`${bn.name}.scale`);
    expect(byName(w.layers).get('conv_b_bn.shift')).toMatchObject({ kind: 'eltwise', op: 'add', inputs: ['conv_b_bn.scale'] });
  });
});

describe('a transformer encoder block', () => {
  // seq 64, d 128, 4 heads of 32: the shapes below are derived by hand from the block's definition.
  const w = importWorkload(transformerBlock().bytes(), 'block.onnx');
  const layers = byName(w.layers);

  test('projections are gemms of seq rows; Q·Kᵀ and P·V are per-head batched gemms (groups = heads)', () => {
    for (const p of ['q_proj', 'k_proj', 'v_proj', 'o_proj']) expect(layers.get(p)).toMatchObject({ kind: 'gemm', m: 64, n: 128, k: 128, groups: 1 });
    expect(layers.get('ffn1')).toMatchObject({ m: 64, n: 512, k: 128 });
    expect(layers.get('ffn2')).toMatchObject({ m: 64, n: 128, k: 512 });
    expect(layers.get('qk')).toMatchObject({ kind: 'gemm', m: 64, n: 64, k: 32, groups: 4, inputs: ['q_proj.bias_add', 'k_proj.bias_add'] });
    expect(layers.get('pv')).toMatchObject({ kind: 'gemm', m: 64, n: 32, k: 64, groups: 4, inputs: ['softmax', 'v_proj.bias_add'] });
    expect(layers.get('o_proj')!.inputs).toEqual(['pv']);
  });

  test('softmax over 64 keys for 4·64 rows, layer norms over 128 for 64 rows, the GELU, the scale as a multiply', () => {
    expect(layers.get('softmax')).toMatchObject({ kind: 'softmax', length: 64, rows: 256, inputs: ['qk_scale'] });
    expect(layers.get('qk_scale')).toMatchObject({ kind: 'eltwise', op: 'mul', inputs: ['qk'] });
    expect(layers.get('ln1')).toMatchObject({ kind: 'layernorm', length: 128, rows: 64, inputs: [] });
    expect(layers.get('ln2')).toMatchObject({ kind: 'layernorm', length: 128, rows: 64, inputs: ['residual1'] });
    expect(layers.get('gelu')).toMatchObject({ kind: 'activation', op: 'gelu', inputs: ['ffn1.bias_add'] });
    expect(layers.get('residual1')).toMatchObject({ kind: 'eltwise', op: 'add', inputs: ['o_proj.bias_add'] });
    expect(layers.get('residual2')!.inputs).toEqual(['residual1', 'ffn2.bias_add']);
  });

  test('a batch of 8 stays out of the layers: the workload\'s batch is 8, the per-sample shapes are batch 1\'s', () => {
    const eight = importWorkload(transformerBlock(64, 128, 4, 8).bytes(), 'block.onnx');
    expect(eight.batch).toBe(8);
    expect(eight.layers).toEqual(w.layers);
  });
});
