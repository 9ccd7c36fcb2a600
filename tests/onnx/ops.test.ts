// Operator mapping and shape inference, one small model per case; every expected shape is derived by hand from
// the ONNX operator definitions (docs/Operators.md) and written next to the case.
import { describe, expect, test } from 'vitest';
import type { Layer } from '../../host/spec/types.ts';
import { OnnxBuilder, type AttrValue, importWorkload } from '../helpers/onnx.ts';

/** Imports a graph on input x of `dims` built by `build`; returns the layers by name. */
function layersOf(dims: number[], build: (b: OnnxBuilder) => string, opset = 17): Map<string, Layer> {
  const b = new OnnxBuilder('case', opset);
  b.input('x', dims);
  b.output(build(b));
  return new Map(importWorkload(b.bytes(), 'case.onnx').layers.map((l) => [l.name, l]));
}

const conv = (b: OnnxBuilder, x: string, name: string, w: number[], attrs: Record<string, AttrValue> = {}) =>
  b.node('Conv', [x, b.init(`${name}.w`, { dims: w })], attrs, { name });

describe('Conv', () => {
  test('auto_pad SAME_LOWER with even padding: 7×7 input, 3×3/2 → output ⌈7/2⌉ = 4, total padding (4−1)·2+3−7 = 2, 1 on each side', () => {
    const l = layersOf([1, 2, 7, 7], (b) => conv(b, 'x', 'c', [4, 2, 3, 3], { strides: [2, 2], auto_pad: 'SAME_LOWER' }));
    expect(l.get('c')).toMatchObject({ kind: 'conv', padding: { top: 1, bottom: 1, left: 1, right: 1 }, filters: 4 });
  });

  test('auto_pad SAME_LOWER on an even input: 8×8, 3×3/2 → 4×4, total (4−1)·2+3−8 = 1: the pixel goes on top/left', () => {
    const l = layersOf([1, 2, 8, 8], (b) => conv(b, 'x', 'c', [4, 2, 3, 3], { strides: [2, 2], auto_pad: 'SAME_LOWER' }));
    expect(l.get('c')).toMatchObject({ padding: { top: 1, bottom: 0, left: 1, right: 0 } });
  });

  test('group 2 of 8 channels is a gconv; group = channels with 16 filters is a dwconv of multiplier 2', () => {
    const l = layersOf([1, 8, 6, 6], (b) => {
      const g = conv(b, 'x', 'g', [8, 4, 3, 3], { group: 2 });
      return conv(b, g, 'dw', [16, 1, 3, 3], { group: 8 });
    });
    expect(l.get('g')).toMatchObject({ kind: 'gconv', groups: 2, filters: 8, ifmap: { h: 6, w: 6, c: 8 } });
    // g's output: (6 − 3)/1 + 1 = 4.
    expect(l.get('dw')).toMatchObject({ kind: 'dwconv', groups: 8, filters: 16, ifmap: { h: 4, w: 4, c: 8 }, inputs: ['g'] });
  });

  test('non-square kernels, strides and pads: 10×9 input, 3×1 kernel, strides 2×1, pads (top 1, left 0, bottom 0, right 2)', () => {
    const l = layersOf([1, 1, 10, 9], (b) => {
      const c = conv(b, 'x', 'c', [2, 1, 3, 1], { strides: [2, 1], pads: [1, 0, 0, 2] });
      return b.node('Relu', [c], {}, { name: 'r' });
    });
    // Eh = ⌊(10 + 1 − 3)/2⌋ + 1 = 5, Ew = ⌊(9 + 2 − 1)/1⌋ + 1 = 11.
    expect(l.get('c')).toMatchObject({ filter: { h: 3, w: 1 }, stride: { h: 2, w: 1 }, padding: { top: 1, left: 0, bottom: 0, right: 2 } });
    expect(l.get('r')).toMatchObject({ shape: { h: 5, w: 11, c: 2 } });
  });
});

describe('pooling', () => {
  test('ceil_mode: 7×7, 2×2/2 → ⌈5/2⌉ + 1 = 4 (the last window reads one padding row: bottom/right pad 1)', () => {
    const l = layersOf([1, 3, 7, 7], (b) => {
      const p = b.node('MaxPool', ['x'], { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 }, { name: 'p' });
      return b.node('Relu', [p], {}, { name: 'r' });
    });
    expect(l.get('p')).toMatchObject({ kind: 'pool', op: 'max', padding: { top: 0, bottom: 1, left: 0, right: 1 } });
    expect(l.get('r')).toMatchObject({ shape: { h: 4, w: 4, c: 3 } });
  });

  test('AveragePool 3×3/1 pad 1 keeps 5×5; GlobalMaxPool is a global max pool', () => {
    const l = layersOf([1, 4, 5, 5], (b) => {
      const a = b.node('AveragePool', ['x'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name: 'a' });
      return b.node('GlobalMaxPool', [a], {}, { name: 'g' });
    });
    expect(l.get('a')).toMatchObject({ op: 'avg', global: false, ifmap: { h: 5, w: 5, c: 4 } });
    expect(l.get('g')).toMatchObject({ op: 'max', global: true, ifmap: { h: 5, w: 5, c: 4 }, inputs: ['a'] });
  });
});

describe('Gemm and MatMul', () => {
  test('Gemm with transA: a 6×1 A (the input 1×6 transposed) read as 1×6 (k = 6), B 6×5 → m 1, n 5', () => {
    const l = layersOf([1, 6], (b) => b.node('Gemm', [b.node('Transpose', ['x'], {}, { name: 't' }), b.init('w', { dims: [6, 5] })], { transA: 1 }, { name: 'g' }));
    expect(l.get('g')).toMatchObject({ kind: 'gemm', m: 1, n: 5, k: 6, groups: 1 });
  });

  test('MatMul of a rank-3 activation by a weight: all 2·7 rows, batch 2 → per sample m 7', () => {
    const b = new OnnxBuilder('mm', 17);
    b.input('x', [2, 7, 16]);
    b.output(b.node('MatMul', ['x', b.init('w', { dims: [16, 3] })], {}, { name: 'mm' }));
    const w = importWorkload(b.bytes(), 'mm.onnx');
    expect(w.batch).toBe(2);
    expect(w.layers[0]).toMatchObject({ m: 7, n: 3, k: 16, groups: 1 });
  });

  test('a rank-1 B is a column: [1, 5, 8] · [8] → m 5, n 1', () => {
    const l = layersOf([1, 5, 8], (b) => b.node('MatMul', ['x', b.init('v', { dims: [8] })], {}, { name: 'mv' }));
    expect(l.get('mv')).toMatchObject({ m: 5, n: 1, k: 8 });
  });

  test('activation × activation with broadcast batch dimensions: [1, 3, 4, 6] · [1, 1, 6, 2] → 3 groups of 4×6 · 6×2', () => {
    const b = new OnnxBuilder('bmm', 17);
    b.input('x', [1, 3, 4, 6]);
    b.input('y', [1, 1, 6, 2]);
    const x = b.node('Relu', ['x'], {}, { name: 'rx' });
    const y = b.node('Relu', ['y'], {}, { name: 'ry' });
    b.output(b.node('MatMul', [x, y], {}, { name: 'bmm' }), [1, 3, 4, 2]);
    const w = importWorkload(b.bytes(), 'bmm.onnx');
    expect(w.layers.find((l) => l.name === 'bmm')).toMatchObject({ m: 4, n: 2, k: 6, groups: 3, inputs: ['rx', 'ry'] });
  });
});

describe('shape-only ops and constants', () => {
  test('Flatten axis −1 of [1, 2, 3, 4] is [6, 4]: a Gemm on it has m 6 (batch 1)', () => {
    const l = layersOf([1, 2, 3, 4], (b) => b.node('Gemm', [b.node('Flatten', ['x'], { axis: -1 }, { name: 'f' }), b.init('w', { dims: [4, 5] })], {}, { name: 'g' }));
    expect(l.get('g')).toMatchObject({ m: 6, n: 5, k: 4 });
  });

  test('Squeeze/Unsqueeze with axes as attributes (opset 11) and as inputs (opset 13) give the same shapes', () => {
    for (const opset of [11, 13]) {
      const l = layersOf([1, 4, 1, 6], (b) => {
        const axes = (v: number[]): { attrs: Record<string, AttrValue>; inputs: string[] } =>
          opset < 13 ? { attrs: { axes: v }, inputs: [] } : { attrs: {}, inputs: [b.init(`axes${v.join('')}`, { dims: [v.length], int64: v })] };
        const sq = axes([2]);
        const s = b.node('Squeeze', ['x', ...sq.inputs], sq.attrs, { name: 's' }); // [1, 4, 6]
        const un = axes([-1]);
        const u = b.node('Unsqueeze', [s, ...un.inputs], un.attrs, { name: 'u' }); // [1, 4, 6, 1]
        return b.node('Softmax', [u], { axis: 2 }, { name: 'sm' });
      }, opset);
      // Opset 13: softmax over axis 2 alone (length 6, rows 4·1); opset 11: over dims 2.. coerced (length 6·1, rows 4).
      expect(l.get('sm')).toMatchObject({ kind: 'softmax', length: 6, rows: 4 });
    }
  });

  test('Softmax before opset 13 coerces to 2-D at axis: [1, 4, 6] at axis 1 is one row of 24 per sample', () => {
    const l = layersOf([1, 4, 6], (b) => b.node('Softmax', [b.node('Relu', ['x'], {}, { name: 'r' })], { axis: 1 }, { name: 'sm' }), 11);
    expect(l.get('sm')).toMatchObject({ length: 24, rows: 1 });
  });

  test('Reshape with 0 (copy) and −1 (infer): [1, 4, 6] → [0, −1] = [1, 24]; LayerNormalization at axis 1 normalises 24', () => {
    const l = layersOf([1, 4, 6], (b) => {
      const r = b.node('Reshape', ['x', b.init('s', { dims: [2], int64: [0, -1] })], {}, { name: 'r' });
      return b.node('LayerNormalization', [r, b.init('g', { dims: [24] })], { axis: 1 }, { name: 'ln' });
    });
    expect(l.get('ln')).toMatchObject({ kind: 'layernorm', length: 24, rows: 1, inputs: [] });
  });

  test('Constant, Shape, Gather, Mul, Concat of constants compute a Reshape target: [1, 4, 6] → [1, 2, 12]', () => {
    const l = layersOf([1, 4, 6], (b) => {
      const shape = b.node('Shape', ['x'], {}, { name: 'shape' }); // [1, 4, 6]
      const n = b.node('Gather', [shape, b.init('i0', { dims: [1], int64: [0] })], {}, { name: 'n' }); // [1]
      const two = b.node('Constant', [], { value_ints: [2] }, { name: 'two' });
      const six = b.node('Gather', [shape, b.init('i2', { dims: [1], int64: [2] })], {}, { name: 'six' }); // [6]
      const twelve = b.node('Mul', [six, two], {}, { name: 'twelve' }); // [12]
      const target = b.node('Concat', [n, two, twelve], { axis: 0 }, { name: 'target' });
      const r = b.node('Reshape', ['x', target], {}, { name: 'r' });
      return b.node('Relu', [r], {}, { name: 'relu' });
    });
    expect([...l.keys()]).toEqual(['relu']);
    expect(l.get('relu')).toMatchObject({ shape: { h: 2, w: 1, c: 12 } });
  });

  test('Identity, Dropout and Cast pass the tensor and its producer through', () => {
    const l = layersOf([1, 3, 5, 5], (b) => {
      const a = conv(b, 'x', 'a', [2, 3, 1, 1]);
      const t = b.node('Cast', [b.node('Dropout', [b.node('Identity', [a], {}, { name: 'id' })], {}, { name: 'drop' })], { to: 1 }, { name: 'cast' });
      return b.node('Sigmoid', [t], {}, { name: 's' });
    });
    expect(l.get('s')).toMatchObject({ kind: 'activation', op: 'sigmoid', shape: { h: 5, w: 5, c: 2 }, inputs: ['a'] });
  });
});

describe('layer names', () => {
  test('a node without a name is OP_INDEX; a name used twice gets #INDEX on its second layer', () => {
    const b = new OnnxBuilder('names', 17);
    b.input('x', [1, 2, 4, 4]);
    b.nodes.push({ name: '', op_type: 'Relu', input: ['x'], output: ['a'], domain: '', attribute: [] });
    b.node('Sigmoid', ['a'], {}, { name: '/block/act', outputs: ['b'] });
    b.node('Tanh', ['b'], {}, { name: '/block/act', outputs: ['c'] });
    b.output('c');
    expect(importWorkload(b.bytes(), 'names.onnx').layers.map((l) => [l.name, l.inputs])).toEqual([
      ['Relu_0', []], ['/block/act', ['Relu_0']], ['/block/act#2', ['/block/act']],
    ]);
  });
});
