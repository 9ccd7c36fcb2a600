import { describe, expect, it } from 'vitest';
import { loadWorkload, parseWorkload } from '../../host/spec/workload/workload.ts';
import type { ConvLayer } from '../../host/spec/types.ts';
import { inputError } from './input-error.ts';
import { convLayer } from '../helpers/layers.ts';

const conv = (extra: Record<string, unknown> = {}) => ({
  name: 'c',
  kind: 'conv',
  ifmap: { h: 8, w: 8, c: 4 },
  kernel: 3,
  filters: 8,
  ...extra,
});
const one = (layer: Record<string, unknown>) => parseWorkload({ layers: [layer] }, 'net.yaml').layers[0];

describe('parseWorkload normalisation', () => {
  it('fills stride 1, padding 0, groups 1 and inputs [] for a first conv', () => {
    // 8×8×4 input, 3×3 filters, 8 of them, stride 1, no padding, one group: convLayer's defaults.
    expect(one(conv())).toEqual(convLayer({ name: 'c' }));
  });

  it('expands stride and padding shorthands', () => {
    const a = one(conv({ stride: { h: 2, w: 1 }, padding: { h: 1, w: 2 } })) as ConvLayer;
    expect(a.stride).toEqual({ h: 2, w: 1 });
    expect(a.padding).toEqual({ top: 1, bottom: 1, left: 2, right: 2 });
    const b = one(conv({ filter: { h: 3, w: 1 }, kernel: undefined, padding: { top: 1, bottom: 0, left: 2, right: 3 } })) as ConvLayer;
    expect(b.filter).toEqual({ h: 3, w: 1 });
    expect(b.padding).toEqual({ top: 1, bottom: 0, left: 2, right: 3 });
  });

  it("resolves 'same' as TensorFlow does: out = ceil(H/s), odd pixel bottom/right", () => {
    // Hand-worked: H=224, R=3, s=2 -> out 112, total pad 111*2+3-224 = 1 -> (0, 1).
    const a = one({ ...conv({ ifmap: { h: 224, w: 224, c: 3 }, stride: 2, padding: 'same' }) }) as ConvLayer;
    expect(a.padding).toEqual({ top: 0, bottom: 1, left: 0, right: 1 });
    // H=7, R=3, s=1 -> out 7, total 2 -> (1, 1). H=5, R=3, s=2 -> out 3, total 2*2+3-5 = 2 -> (1, 1).
    expect((one(conv({ ifmap: { h: 7, w: 5, c: 1 }, stride: { h: 1, w: 2 }, padding: 'same' })) as ConvLayer).padding).toEqual({
      top: 1,
      bottom: 1,
      left: 1,
      right: 1,
    });
    // H=8, R=1, s=2 -> out 4, total max(3*2+1-8, 0) = 0.
    expect((one(conv({ kernel: 1, stride: 2, padding: 'same' })) as ConvLayer).padding).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
  });

  it('dwconv: groups = c, filters = c * multiplier', () => {
    const d = one({ name: 'd', kind: 'dwconv', ifmap: { h: 8, w: 8, c: 16 }, kernel: 3, multiplier: 2 }) as ConvLayer;
    expect([d.kind, d.groups, d.filters]).toEqual(['dwconv', 16, 32]);
    const e = one({ name: 'd', kind: 'dwconv', ifmap: { h: 8, w: 8, c: 16 }, kernel: 3 }) as ConvLayer;
    expect([e.groups, e.filters]).toEqual([16, 16]);
  });

  it('gconv keeps its groups; gemm defaults to one group', () => {
    const g = one({ name: 'g', kind: 'gconv', ifmap: { h: 8, w: 8, c: 8 }, kernel: 1, filters: 12, groups: 4 }) as ConvLayer;
    expect([g.groups, g.filters]).toEqual([4, 12]);
    expect(one({ name: 'm', kind: 'gemm', m: 2, n: 3, k: 4 })).toEqual({ name: 'm', kind: 'gemm', inputs: [], m: 2, n: 3, k: 4, groups: 1 });
  });

  it('applies the defaults block and the previous-layer input default', () => {
    const w = parseWorkload(
      {
        name: 'net',
        defaults: { stride: 2, padding: 1 },
        layers: [conv({ name: 'a' }), conv({ name: 'b', ifmap: { h: 4, w: 4, c: 8 }, stride: 1 })],
      },
      'x.yaml',
    );
    const [a, b] = w.layers as ConvLayer[];
    expect(a.stride).toEqual({ h: 2, w: 2 });
    expect(b.stride).toEqual({ h: 1, w: 1 });
    expect(b.padding.top).toBe(1);
    expect(b.inputs).toEqual(['a']);
  });

  it('reads JSON and names the workload after the file', () => {
    const w = loadWorkload('tests/fixtures/workload/tiny.json');
    expect(w.name).toBe('tiny');
    expect(w.layers.map((l) => l.name)).toEqual(['c1', 'c2', 'sum', 'fc']);
    expect(w.layers[2].inputs).toEqual(['c2', 'c1']);
  });
});

describe('bad workload input: one InputError each, naming file, layer and key', () => {
  const bad = (layer: Record<string, unknown>) => inputError(() => one(layer));
  it('non-integer dimension', () => {
    expect(bad(conv({ ifmap: { h: 8.5, w: 8, c: 4 } }))).toBe(
      'net.yaml: layers[0] (c).ifmap.h: expected a positive integer, got 8.5; set ifmap.h to a positive integer',
    );
  });
  it('non-positive dimension', () => {
    expect(bad(conv({ filters: 0 }))).toBe('net.yaml: layers[0] (c).filters: expected a positive integer, got 0; set filters to a positive integer');
  });
  it('filter larger than the padded input', () => {
    expect(bad(conv({ ifmap: { h: 2, w: 8, c: 4 }, kernel: 5, padding: { top: 1, bottom: 1, left: 0, right: 0 } }))).toBe(
      'net.yaml: layers[0] (c).kernel: filter height 5 is larger than the padded input height 4; use a filter of at most 4 rows or pad more',
    );
    expect(bad(conv({ kernel: undefined, filter: { h: 3, w: 9 } }))).toMatch(/\(c\)\.filter\.w: filter width 9 is larger than the padded input width 8/);
  });
  it('stride below 1', () => {
    expect(bad(conv({ stride: 0 }))).toBe('net.yaml: layers[0] (c).stride: expected a positive integer, got 0; set stride to a positive integer');
    expect(bad(conv({ stride: { h: 1, w: 0 } }))).toMatch(/\(c\)\.stride(\.w)?: expected .*got/);
  });
  it('groups not dividing the channels', () => {
    expect(bad({ name: 'g', kind: 'gconv', ifmap: { h: 8, w: 8, c: 8 }, kernel: 1, filters: 12, groups: 3 })).toBe(
      'net.yaml: layers[0] (g).groups: 3 groups do not divide ifmap.c = 8; use a divisor of the channel count',
    );
  });
  it('groups not dividing the filters', () => {
    expect(bad({ name: 'g', kind: 'gconv', ifmap: { h: 8, w: 8, c: 8 }, kernel: 1, filters: 6, groups: 4 })).toMatch(
      /\(g\)\.groups: 4 groups do not divide filters = 6/,
    );
  });
  it('duplicate layer names', () => {
    expect(inputError(() => parseWorkload({ layers: [conv({ name: 'a' }), conv({ name: 'a', ifmap: { h: 6, w: 6, c: 8 } })] }, 'net.yaml'))).toBe(
      "net.yaml: layers[1] (a).name: duplicate layer name 'a' (also layers[0]); give every layer its own name",
    );
  });
  it('unknown layer key, with a hint for groups on a dense conv', () => {
    expect(bad(conv({ groups: 2 }))).toBe(
      "net.yaml: layers[0] (c).groups: unknown key 'groups'; remove it; conv is dense: use kind: gconv for grouped or kind: dwconv for depthwise convolution",
    );
    expect(bad(conv({ strides: 2 }))).toMatch(/\(c\)\.strides: unknown key 'strides'; remove it; known keys are name, inputs, ifmap/);
  });
  it('unknown top-level key', () => {
    expect(inputError(() => parseWorkload({ layers: [conv()], batches: 4 }, 'net.yaml'))).toMatch(/^net\.yaml: batches: unknown key 'batches'/);
  });
  it('unknown layer kind', () => {
    const kinds = 'conv|dwconv|gconv|gemm|pool|eltwise|add|activation|softmax|layernorm';
    expect(bad(conv({ kind: 'maxpool' }))).toBe(
      `net.yaml: layers[0] (c).kind: expected one of ${kinds}, got 'maxpool'; set kind to one of ${kinds}`,
    );
  });
  it('input that is not an earlier layer', () => {
    const msg = inputError(() => parseWorkload({ layers: [conv({ name: 'a', inputs: ['b'] }), conv({ name: 'b', ifmap: { h: 6, w: 6, c: 8 } })] }, 'n.yaml'));
    expect(msg).toBe("n.yaml: layers[0] (a).inputs[0]: input 'b' comes later in the file; name a layer defined earlier in the file (layers are listed in topological order)");
    expect(inputError(() => one(conv({ inputs: ['ghost'] })))).toMatch(/input 'ghost' does not exist/);
  });
  it('add whose input has another shape', () => {
    const layers = [conv({ name: 'a' }), { name: 'sum', kind: 'add', shape: { h: 8, w: 8, c: 8 }, inputs: ['a'] }];
    expect(inputError(() => parseWorkload({ layers }, 'n.yaml'))).toBe(
      "n.yaml: layers[1] (sum).inputs[0]: 'a' outputs 6×6×8, but the add's shape is 8×8×8; fix the add shape or its inputs",
    );
  });
  it('add without inputs', () => {
    expect(bad({ name: 's', kind: 'add', shape: { h: 1, w: 1, c: 1 } })).toMatch(/\(s\)\.inputs: missing required key/);
  });
  it('filter and kernel both, or neither', () => {
    expect(bad(conv({ filter: { h: 3, w: 3 } }))).toMatch(/\(c\)\.kernel: both filter and kernel are given/);
    expect(bad(conv({ kernel: undefined }))).toMatch(/\(c\)\.filter: missing required key; add filter: \{h, w\}/);
  });
  it('bad padding value', () => {
    expect(bad(conv({ padding: 'valid' }))).toMatch(/\(c\)\.padding: expected a non-negative integer, 'same', \{h, w\} or \{top, bottom, left, right\}, got 'valid'/);
  });
  it('empty layer list and non-mapping layer', () => {
    expect(inputError(() => parseWorkload({ layers: [] }, 'n.yaml'))).toMatch(/^n\.yaml: layers: expected a non-empty list of layers/);
    expect(inputError(() => parseWorkload({ layers: [3] }, 'n.yaml'))).toMatch(/^n\.yaml: layers\[0\]: expected a layer mapping with name and kind, got 3/);
  });
  it('unknown preset names the available ones', () => {
    expect(inputError(() => loadWorkload('mobilenet_v3'))).toMatch(/workload 'mobilenet_v3': no such preset; use one of .*mobilenet_v1.*resnet50/);
  });
});
