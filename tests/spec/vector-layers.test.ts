// The workload kinds of the layers between the GEMMs (issue 14): pool, eltwise (add is one case), activation,
// softmax, layernorm, and the workload's batch. Expected shapes are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { layerOutput } from '../../host/lower/shape.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';
import type { PoolLayer } from '../../host/spec/types.ts';
import { inputError } from './input-error.ts';

const conv = { name: 'c', kind: 'conv', ifmap: { h: 8, w: 8, c: 4 }, kernel: 1, filters: 16 }; // out 8×8×16
const parse = (...layers: Record<string, unknown>[]) => parseWorkload({ layers }, 'net.yaml');
const last = (...layers: Record<string, unknown>[]) => parse(...layers).layers.at(-1)!;
const bad = (...layers: Record<string, unknown>[]) => inputError(() => parse(...layers));

describe('vector layer kinds: normalisation and output shapes', () => {
  it('pool: a window like a convolution, channels kept', () => {
    // 8×8, 3×3 window, stride 2, padding 1: floor((8 + 2 − 3)/2) + 1 = 4 → 4×4×16.
    const p = last(conv, { name: 'p', kind: 'pool', op: 'max', ifmap: { h: 8, w: 8, c: 16 }, kernel: 3, stride: 2, padding: 1 }) as PoolLayer;
    expect(p).toEqual({
      name: 'p', kind: 'pool', op: 'max', global: false, inputs: ['c'], ifmap: { h: 8, w: 8, c: 16 },
      filter: { h: 3, w: 3 }, stride: { h: 2, w: 2 }, padding: { top: 1, bottom: 1, left: 1, right: 1 },
    });
    expect(layerOutput(p)).toEqual({ h: 4, w: 4, c: 16 });
  });

  it('pool: global is the whole ifmap, output 1×1×c; workload defaults do not apply to pools', () => {
    const w = parseWorkload(
      { defaults: { stride: 2, padding: 1 }, layers: [conv, { name: 'g', kind: 'pool', op: 'avg', global: true, ifmap: { h: 5, w: 5, c: 16 } }, { name: 'q', kind: 'pool', op: 'avg', ifmap: { h: 1, w: 1, c: 16 }, kernel: 1 }] },
      'net.yaml',
    );
    // The conv takes the defaults: floor((8 + 2 − 1)/2) + 1 = 5 → 5×5×16; the global pool's window is 5×5.
    const [, g, q] = w.layers as PoolLayer[];
    expect(g.filter).toEqual({ h: 5, w: 5 });
    expect(layerOutput(g)).toEqual({ h: 1, w: 1, c: 16 });
    expect(q.stride).toEqual({ h: 1, w: 1 });
    expect(q.padding).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
  });

  it('add is an eltwise add; eltwise takes N inputs', () => {
    const shape = { h: 8, w: 8, c: 16 };
    const w = parse(conv, { ...conv, name: 'd' }, { name: 'a', kind: 'add', shape, inputs: ['c', 'd'] }, { name: 'm', kind: 'eltwise', op: 'mul', shape, inputs: ['c', 'd', 'a'] });
    expect(w.layers[2]).toEqual({ name: 'a', kind: 'eltwise', op: 'add', shape, inputs: ['c', 'd'] });
    expect(w.layers[3]).toEqual({ name: 'm', kind: 'eltwise', op: 'mul', shape, inputs: ['c', 'd', 'a'] });
  });

  it('activation, softmax and layernorm; a softmax reads a gemm by element count', () => {
    const gemm = { name: 'qk', kind: 'gemm', m: 64, n: 64, k: 32, groups: 4 }; // 4 heads of 64×64 scores
    const w = parse(gemm, { name: 's', kind: 'softmax', length: 64, rows: 256 }, { name: 'n', kind: 'layernorm', length: 64, rows: 256 }, { name: 'r', kind: 'activation', op: 'gelu', shape: { h: 256, w: 1, c: 64 } });
    expect(w.layers[1]).toEqual({ name: 's', kind: 'softmax', length: 64, rows: 256, inputs: ['qk'] });
    expect(layerOutput(w.layers[2])).toEqual({ h: 256, w: 1, c: 64 });
    expect(w.layers[3]).toEqual({ name: 'r', kind: 'activation', op: 'gelu', shape: { h: 256, w: 1, c: 64 }, inputs: ['n'] });
    expect(last({ name: 's', kind: 'softmax', length: 10 })).toMatchObject({ rows: 1 });
  });

  it('batch: default 1, a positive integer', () => {
    expect(parse(conv).batch).toBe(1);
    expect(parseWorkload({ batch: 8, layers: [conv] }, 'net.yaml').batch).toBe(8);
    expect(inputError(() => parseWorkload({ batch: 0, layers: [conv] }, 'net.yaml'))).toMatch(/^net\.yaml: batch: expected a positive integer, got 0/);
    expect(inputError(() => parseWorkload({ batch: 2.5, layers: [conv] }, 'net.yaml'))).toMatch(/^net\.yaml: batch: expected a positive integer/);
  });
});

describe('vector layer kinds: bad input is one line naming the layer and key', () => {
  const shape = { h: 8, w: 8, c: 16 };
  it('unknown op', () => {
    expect(bad(conv, { name: 'p', kind: 'pool', op: 'min', ifmap: shape, kernel: 2 })).toBe(
      "net.yaml: layers[1] (p).op: expected one of max|avg, got 'min'; set op to one of max|avg",
    );
    expect(bad(conv, { name: 'r', kind: 'activation', op: 'softplus', shape })).toMatch(/^net\.yaml: layers\[1\] \(r\)\.op: expected one of relu\|clip\|sigmoid\|tanh\|gelu\|silu, got 'softplus'/);
    expect(bad(conv, { name: 'e', kind: 'eltwise', op: 'div', shape, inputs: ['c'] })).toMatch(/\(e\)\.op: expected one of add\|mul\|sub/);
    expect(bad(conv, { name: 'e', kind: 'eltwise', shape, inputs: ['c'] })).toMatch(/\(e\)\.op: expected one of add\|mul\|sub, got nothing/);
  });
  it('a global pool with a window, a pool with filters, a pool window larger than its input', () => {
    expect(bad(conv, { name: 'g', kind: 'pool', op: 'avg', global: true, ifmap: shape, kernel: 2 })).toBe(
      'net.yaml: layers[1] (g).kernel: a global pool has no window settings (its window is the whole ifmap); remove kernel, or set global: false',
    );
    expect(bad(conv, { name: 'p', kind: 'pool', op: 'max', ifmap: shape, kernel: 2, filters: 16 })).toMatch(/\(p\)\.filters: unknown key 'filters'; remove it; pooling keeps the channel count/);
    expect(bad(conv, { name: 'p', kind: 'pool', op: 'max', ifmap: shape, kernel: 9 })).toMatch(/\(p\)\.kernel: filter height 9 is larger than the padded input height 8/);
    expect(bad(conv, { name: 'p', kind: 'pool', op: 'max', ifmap: shape })).toMatch(/\(p\)\.filter: missing required key/);
  });
  it('eltwise without inputs; softmax without length', () => {
    expect(bad(conv, { name: 'e', kind: 'eltwise', op: 'sub', shape })).toMatch(/\(e\)\.inputs: missing required key/);
    expect(bad(conv, { name: 's', kind: 'softmax', rows: 2 })).toMatch(/\(s\)\.length: missing required key/);
    expect(bad(conv, { name: 's', kind: 'layernorm', length: 0 })).toMatch(/\(s\)\.length: expected a positive integer, got 0/);
  });
  it('a producer that outputs another shape than the layer reads', () => {
    // conv c outputs 8×8×16 (1024 elements).
    expect(bad(conv, { name: 'p', kind: 'pool', op: 'max', ifmap: { h: 8, w: 8, c: 8 }, kernel: 2 })).toBe(
      "net.yaml: layers[1] (p).inputs[0]: 'c' outputs 8×8×16, but the pool's ifmap is 8×8×8; fix the pool ifmap or its inputs",
    );
    expect(bad(conv, { name: 'r', kind: 'activation', op: 'relu', shape: { h: 16, w: 4, c: 16 } })).toBe(
      "net.yaml: layers[1] (r).inputs[0]: 'c' outputs 8×8×16, but the activation shape is 16×4×16; fix the activation shape or its inputs",
    );
    expect(bad(conv, { name: 'm', kind: 'eltwise', op: 'mul', shape: { h: 8, w: 8, c: 8 }, inputs: ['c'] })).toMatch(/'c' outputs 8×8×16, but the mul's shape is 8×8×8; fix the mul shape/);
    expect(bad(conv, { name: 's', kind: 'softmax', length: 16, rows: 32 })).toBe(
      "net.yaml: layers[1] (s).inputs[0]: 'c' outputs 8×8×16, but the softmax reads rows × length = 32×16 (512 elements); fix the softmax rows and length or its inputs",
    );
    // A softmax reads 64×16 = 1024 elements of the conv: the same count, accepted.
    expect(last(conv, { name: 's', kind: 'softmax', length: 16, rows: 64 }).kind).toBe('softmax');
  });
});

