// ONNX models built by the tests (nothing is downloaded): MobileNetV1 equal to workloads/mobilenet_v1.yaml,
// ResNet-50 (v1.5, the layer names of workloads/resnet50.yaml), a ResNet-style block with BatchNorm and a residual
// Add, and a small transformer encoder block with per-head batched MatMuls, Softmax and LayerNormalization. Each is
// written as an exporter writes it: Conv → BatchNormalization → activation, weights as initializers.
import { OnnxBuilder } from '../helpers/onnx.ts';

/** Conv (+ BatchNormalization + activation) on x with `cin` channels; returns the output name. */
function convBn(
  b: OnnxBuilder,
  x: string,
  name: string,
  cin: number,
  cout: number,
  k: number,
  opts: { stride?: number; pads?: number[]; autoPad?: string; group?: number; act?: 'Relu' | 'Clip' | null; bn?: string | null } = {},
): string {
  const group = opts.group ?? 1;
  const w = b.init(`${name}.weight`, { dims: [cout, cin / group, k, k] });
  const attrs: Record<string, number | number[] | string> = { kernel_shape: [k, k], strides: [opts.stride ?? 1, opts.stride ?? 1], group };
  if (opts.autoPad !== undefined) attrs.auto_pad = opts.autoPad;
  else attrs.pads = opts.pads ?? [0, 0, 0, 0];
  let y = b.node('Conv', [x, w], attrs, { name });
  if (opts.bn !== null) {
    const bn = opts.bn ?? `${name}_bn`;
    const params = ['scale', 'bias', 'mean', 'var'].map((p) => b.init(`${bn}.${p}`, { dims: [cout] }));
    y = b.node('BatchNormalization', [y, ...params], { epsilon: { f: 1e-5 } }, { name: bn });
  }
  if (opts.act === 'Relu') y = b.node('Relu', [y], {}, { name: `${name}_relu` });
  if (opts.act === 'Clip') {
    const lo = b.init(`${name}_clip.min`, { dims: [] });
    const hi = b.init(`${name}_clip.max`, { dims: [] });
    y = b.node('Clip', [y, lo, hi], {}, { name: `${name}_relu6` });
  }
  return y;
}

/** MobileNetV1 1.0/224 as TF-slim exports it (Conv/BN/ReLU6 blocks), named like workloads/mobilenet_v1.yaml:
 *  stride-2 convs pad 0 above/left and 1 below/right (explicit pads for conv1, auto_pad SAME_UPPER for the depthwise
 *  ones: the same padding), then global average pooling, a Reshape to [1, 1024] and the FC as a Gemm, and Softmax. */
export function mobilenetV1(batch: number | string = 1): OnnxBuilder {
  const b = new OnnxBuilder('mobilenet_v1', 13);
  let x = b.input('input', [batch, 3, 224, 224]);
  x = convBn(b, x, 'conv1', 3, 32, 3, { stride: 2, pads: [0, 0, 1, 1], act: 'Clip' });
  // [pointwise filters, stride of the depthwise conv] of the 13 depthwise-separable blocks (the paper's Table 1).
  const blocks: [number, number][] = [[64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1]];
  let c = 32;
  blocks.forEach(([filters, stride], i) => {
    const dwOpts = stride === 2 ? { stride, autoPad: 'SAME_UPPER' } : { pads: [1, 1, 1, 1] };
    x = convBn(b, x, `dw${i + 1}`, c, c, 3, { ...dwOpts, group: c, act: 'Clip' });
    x = convBn(b, x, `pw${i + 1}`, c, filters, 1, { act: 'Clip' });
    c = filters;
  });
  x = b.node('GlobalAveragePool', [x], {}, { name: 'avgpool' });
  const shape = b.init('flat.shape', { dims: [2], int64: [-1, 1024] });
  x = b.node('Reshape', [x, shape], {}, { name: 'flatten' });
  const w = b.init('fc.weight', { dims: [1000, 1024] });
  const bias = b.init('fc.bias', { dims: [1000] });
  x = b.node('Gemm', [x, w, bias], { transB: 1 }, { name: 'fc' });
  x = b.node('Softmax', [x], { axis: 1 }, { name: 'prob' });
  b.output(x, [batch, 1000]);
  return b;
}

/** A ResNet bottleneck (v1.5): 1×1 → 3×3 (stride) → 1×1, each with BatchNorm, a projection shortcut (1×1 + BN)
 *  when the shape changes, the residual Add and a ReLU. Names follow workloads/resnet50.yaml (Caffe's). */
function bottleneck(b: OnnxBuilder, x: string, name: string, cin: number, width: number, stride: number, project: boolean): string {
  let y = convBn(b, x, `${name}_branch2a`, cin, width, 1, { act: 'Relu', bn: `bn${name.slice(3)}_branch2a` });
  y = convBn(b, y, `${name}_branch2b`, width, width, 3, { stride, pads: [1, 1, 1, 1], act: 'Relu', bn: `bn${name.slice(3)}_branch2b` });
  y = convBn(b, y, `${name}_branch2c`, width, width * 4, 1, { act: null, bn: `bn${name.slice(3)}_branch2c` });
  const shortcut = project ? convBn(b, x, `${name}_branch1`, cin, width * 4, 1, { stride, act: null, bn: `bn${name.slice(3)}_branch1` }) : x;
  const sum = b.node('Add', [y, shortcut], {}, { name });
  return b.node('Relu', [sum], {}, { name: `${name}_relu` });
}

/** ResNet-50 v1.5 at 224×224: conv1 7×7/2 + BN + ReLU, 3×3/2 max pooling (pad 1), stages of 3, 4, 6, 3 bottlenecks,
 *  global average pooling, Flatten, the FC (Gemm). */
export function resnet50(batch: number | string = 1): OnnxBuilder {
  const b = new OnnxBuilder('resnet50', 17);
  let x = b.input('data', [batch, 3, 224, 224]);
  x = convBn(b, x, 'conv1', 3, 64, 7, { stride: 2, pads: [3, 3, 3, 3], act: 'Relu', bn: 'bn_conv1' });
  x = b.node('MaxPool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, { name: 'pool1' });
  let cin = 64;
  const stages: [number, number, number][] = [[2, 3, 64], [3, 4, 128], [4, 6, 256], [5, 3, 512]];
  for (const [stage, blocks, width] of stages) {
    for (let i = 0; i < blocks; i++) {
      const name = `res${stage}${String.fromCharCode(97 + i)}`;
      x = bottleneck(b, x, name, cin, width, i === 0 && stage > 2 ? 2 : 1, i === 0);
      cin = width * 4;
    }
  }
  x = b.node('GlobalAveragePool', [x], {}, { name: 'pool5' });
  x = b.node('Flatten', [x], { axis: 1 }, { name: 'flatten' });
  const w = b.init('fc1000.weight', { dims: [1000, 2048] });
  x = b.node('Gemm', [x, w], { transB: 1 }, { name: 'fc1000' });
  b.output(x, [batch, 1000]);
  return b;
}

/** One ResNet-style basic block on 56×56×64: conv-BN-ReLU, conv-BN, residual Add with the input, ReLU. */
export function resnetBlock(): OnnxBuilder {
  const b = new OnnxBuilder('resnet_block', 17);
  const x = b.input('x', [1, 64, 56, 56]);
  let y = convBn(b, x, 'conv_a', 64, 64, 3, { pads: [1, 1, 1, 1], act: 'Relu' });
  y = convBn(b, y, 'conv_b', 64, 64, 3, { pads: [1, 1, 1, 1], act: null });
  y = b.node('Add', [y, x], {}, { name: 'residual' });
  y = b.node('Relu', [y], {}, { name: 'out_relu' });
  b.output(y, [1, 64, 56, 56]);
  return b;
}

/** A pre-norm transformer encoder block on [batch, seq, d] with `heads` heads, as PyTorch exports it: LayerNorm, Q/K/V
 *  MatMuls with biases, Reshape to [batch, seq, heads, d/heads] and Transposes to per-head layouts, Q·Kᵀ as a batched
 *  MatMul, a Div by √(d/heads), Softmax, P·V, the output projection, the residual Add, LayerNorm, a GELU FFN and its
 *  residual Add. The head-split shape is computed from the input's Shape (Shape → Gather → Unsqueeze → Concat). */
export function transformerBlock(seq = 64, d = 128, heads = 4, batch: number | string = 1): OnnxBuilder {
  const b = new OnnxBuilder('encoder_block', 20);
  const dk = d / heads;
  const x = b.input('x', [batch, seq, d]);
  const linear = (input: string, name: string, k: number, n: number) => {
    const w = b.init(`${name}.weight`, { dims: [k, n] });
    const bias = b.init(`${name}.bias`, { dims: [n] });
    const y = b.node('MatMul', [input, w], {}, { name });
    return b.node('Add', [y, bias], {}, { name: `${name}.bias_add` });
  };
  const ln1 = b.node('LayerNormalization', [x, b.init('ln1.scale', { dims: [d] }), b.init('ln1.bias', { dims: [d] })], { axis: -1 }, { name: 'ln1' });
  // [batch, seq, heads, dk] from the input's own shape, as a dynamic-axes export computes it.
  const shapeOf = b.node('Shape', [x], {}, { name: 'x_shape' });
  const dims01 = b.node('Gather', [shapeOf, b.init('idx01', { dims: [2], int64: [0, 1] })], { axis: 0 }, { name: 'batch_seq' });
  const headSplit = b.node('Concat', [dims01, b.init('heads_dk', { dims: [2], int64: [heads, dk] })], { axis: 0 }, { name: 'head_shape' });
  const split = (t: string, name: string, perm: number[]) => b.node('Transpose', [b.node('Reshape', [t, headSplit], {}, { name: `${name}.split` })], { perm }, { name: `${name}.heads` });
  const q = split(linear(ln1, 'q_proj', d, d), 'q', [0, 2, 1, 3]);
  const kT = split(linear(ln1, 'k_proj', d, d), 'k', [0, 2, 3, 1]);
  const v = split(linear(ln1, 'v_proj', d, d), 'v', [0, 2, 1, 3]);
  const scores = b.node('MatMul', [q, kT], {}, { name: 'qk' });
  const scaled = b.node('Div', [scores, b.init('sqrt_dk', { dims: [] })], {}, { name: 'qk_scale' });
  const probs = b.node('Softmax', [scaled], { axis: -1 }, { name: 'softmax' });
  const ctx = b.node('MatMul', [probs, v], {}, { name: 'pv' });
  const merged = b.node('Reshape', [b.node('Transpose', [ctx], { perm: [0, 2, 1, 3] }, { name: 'pv.merge' }), b.init('merged_shape', { dims: [3], int64: [0, 0, d] })], {}, { name: 'pv.flat' });
  const attn = linear(merged, 'o_proj', d, d);
  const res1 = b.node('Add', [x, attn], {}, { name: 'residual1' });
  const ln2 = b.node('LayerNormalization', [res1, b.init('ln2.scale', { dims: [d] }), b.init('ln2.bias', { dims: [d] })], { axis: -1 }, { name: 'ln2' });
  const h = b.node('Gelu', [linear(ln2, 'ffn1', d, 4 * d)], {}, { name: 'gelu' });
  const out = b.node('Add', [res1, linear(h, 'ffn2', 4 * d, d)], {}, { name: 'residual2' });
  b.output(out, [batch, seq, d]);
  return b;
}
