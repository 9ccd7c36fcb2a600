import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filtersToB, im2col, lowerLayer, referenceConv } from '../../host/lower/index.ts';
import type { ConvLayer } from '../../host/spec/types.ts';
import { convLayer } from '../helpers/layers.ts';
import { referenceGemm } from '../helpers/reference.ts';

/** The whole conv through im2col + GEMM per group, scattered back to Eh×Ew×filters. */
function viaGemm(layer: ConvLayer, ifmap: Int32Array, weights: Int32Array): Int32Array {
  const { M, N, K, groups } = lowerLayer(layer);
  const out = new Int32Array(M * layer.filters);
  for (let g = 0; g < groups; g++) {
    const c = referenceGemm(im2col(layer, ifmap, g), filtersToB(layer, weights, g), M, N, K);
    for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) out[m * layer.filters + g * N + n] = c[m * N + n];
  }
  return out;
}

/** A 3×3×1 input and one 2×2 filter unless `over` says otherwise. */
const base = (over: Partial<ConvLayer>): ConvLayer =>
  convLayer({ ifmap: { h: 3, w: 3, c: 1 }, filter: { h: 2, w: 2 }, filters: 1, ...over });

describe('hand-traced cases', () => {
  it('3x3 ramp, 2x2 all-ones filter: sums of each 2x2 window', () => {
    const layer = base({});
    const ifmap = Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const w = Int32Array.from([1, 1, 1, 1]);
    // Windows: 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9.
    expect(Array.from(referenceConv(layer, ifmap, w))).toEqual([12, 16, 24, 28]);
    expect(Array.from(viaGemm(layer, ifmap, w))).toEqual([12, 16, 24, 28]);
  });

  it('padding enters A as zeros, K ordered (r, s, c)', () => {
    // 2x2x2 input, pad 1 on top/left only, 2x2 filter: output 2x2; row 0 reads (-1,-1),(-1,0),(0,-1),(0,0).
    const layer = base({ ifmap: { h: 2, w: 2, c: 2 }, padding: { top: 1, bottom: 0, left: 1, right: 0 } });
    const ifmap = Int32Array.from([10, 11, 20, 21, 30, 31, 40, 41]); // (h,w,c): (0,0)=10,11 (0,1)=20,21 (1,0)=30,31 (1,1)=40,41
    const a = im2col(layer, ifmap, 0);
    expect(Array.from(a.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 10, 11]);
    expect(Array.from(a.subarray(24, 32))).toEqual([10, 11, 20, 21, 30, 31, 40, 41]);
  });

  it('filtersToB picks the group\'s own filters', () => {
    // gconv, 2 groups, 1x1 filter, 2 in / 4 out: weights f×1×1×1; group 1 owns filters 2 and 3.
    const layer = base({ kind: 'gconv', ifmap: { h: 1, w: 1, c: 2 }, filter: { h: 1, w: 1 }, filters: 4, groups: 2 });
    expect(Array.from(filtersToB(layer, Int32Array.from([5, 6, 7, 8]), 1))).toEqual([7, 8]);
  });

  it('int32 accumulation wraps modulo 2^32', () => {
    const layer = base({ ifmap: { h: 1, w: 1, c: 2 }, filter: { h: 1, w: 1 } });
    const big = Int32Array.from([0x40000000, 0x40000000]);
    const w = Int32Array.from([2, 2]);
    // 2^31 + 2^31 = 2^32 ≡ 0.
    expect(referenceConv(layer, big, w)[0]).toBe(0);
    expect(viaGemm(layer, big, w)[0]).toBe(0);
  });
});

/** Random small conv/dwconv/gconv layers with asymmetric padding and strides up to 3. */
const layerArb = fc
  .record({
    kind: fc.constantFrom('conv', 'dwconv', 'gconv'),
    groups: fc.integer({ min: 1, max: 3 }),
    cg: fc.integer({ min: 1, max: 3 }),
    ng: fc.integer({ min: 1, max: 3 }),
    h: fc.integer({ min: 1, max: 7 }),
    w: fc.integer({ min: 1, max: 7 }),
    r: fc.integer({ min: 1, max: 4 }),
    s: fc.integer({ min: 1, max: 4 }),
    sh: fc.integer({ min: 1, max: 3 }),
    sw: fc.integer({ min: 1, max: 3 }),
    pad: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
  })
  .filter((p) => p.r <= p.h + p.pad[0] + p.pad[1] && p.s <= p.w + p.pad[2] + p.pad[3])
  .map((p): ConvLayer => {
    const groups = p.kind === 'conv' ? 1 : p.groups;
    const cg = p.kind === 'dwconv' ? 1 : p.cg;
    return {
      name: 'rand',
      kind: p.kind,
      inputs: [],
      ifmap: { h: p.h, w: p.w, c: cg * groups },
      filter: { h: p.r, w: p.s },
      filters: p.ng * groups,
      stride: { h: p.sh, w: p.sw },
      padding: { top: p.pad[0], bottom: p.pad[1], left: p.pad[2], right: p.pad[3] },
      groups,
    };
  });

const withData = layerArb.chain((layer) => {
  const cg = layer.ifmap.c / layer.groups;
  const value = fc.oneof(fc.integer({ min: -128, max: 127 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
  return fc.tuple(
    fc.constant(layer),
    fc.array(value, { minLength: layer.ifmap.h * layer.ifmap.w * layer.ifmap.c, maxLength: layer.ifmap.h * layer.ifmap.w * layer.ifmap.c }),
    fc.array(value, { minLength: layer.filters * layer.filter.h * layer.filter.w * cg, maxLength: layer.filters * layer.filter.h * layer.filter.w * cg }),
  );
});

describe('im2col + GEMM equals the direct convolution', () => {
  it('on random conv, dwconv and gconv layers (stride 1-3, asymmetric padding, int32 wrap)', () => {
    fc.assert(
      fc.property(withData, ([layer, x, w]) => {
        const ifmap = Int32Array.from(x);
        const weights = Int32Array.from(w);
        expect(Array.from(viaGemm(layer, ifmap, weights))).toEqual(Array.from(referenceConv(layer, ifmap, weights)));
      }),
      { numRuns: 400 },
    );
  });

  it('rejects a group index out of range and operands of the wrong size', () => {
    const layer = base({});
    expect(() => im2col(layer, new Int32Array(9), 1)).toThrow(RangeError);
    expect(() => im2col(layer, new Int32Array(8), 0)).toThrow(RangeError);
    expect(() => filtersToB(layer, new Int32Array(3), 0)).toThrow(RangeError);
  });
});
