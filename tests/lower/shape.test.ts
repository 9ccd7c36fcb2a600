import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layerMacs, lowerLayer } from '../../host/lower/index.ts';
import { convLayer } from '../helpers/layers.ts';


describe('lowerLayer', () => {
  it('ResNet conv1: 224x224x3, 7x7/2, pad 3, 64 filters -> 112x112 (He et al. 2016 Table 1)', () => {
    const g = lowerLayer(convLayer({ ifmap: { h: 224, w: 224, c: 3 }, filter: { h: 7, w: 7 }, filters: 64, stride: { h: 2, w: 2 }, padding: { top: 3, bottom: 3, left: 3, right: 3 } }));
    expect(g).toEqual({ M: 112 * 112, N: 64, K: 7 * 7 * 3, groups: 1, eh: 112, ew: 112, samples: 1 });
  });

  it("SCALE-Sim's test.csv row Inc5b_3x3 (7x7, 3x3, 192 ch, 384 filters, stride 1): Eh = ceil((7-3+1)/1) = 5", () => {
    const g = lowerLayer(convLayer({ ifmap: { h: 7, w: 7, c: 192 }, filter: { h: 3, w: 3 }, filters: 384 }));
    expect([g.M, g.N, g.K]).toEqual([25, 384, 1728]);
  });

  it('asymmetric padding and stride per axis', () => {
    // H' = 5+0+1 = 6, Eh = floor((6-3)/2)+1 = 2; W' = 4+2+1 = 7, Ew = floor((7-2)/1)+1 = 6.
    const g = lowerLayer(convLayer({ ifmap: { h: 5, w: 4, c: 2 }, filter: { h: 3, w: 2 }, stride: { h: 2, w: 1 }, padding: { top: 0, bottom: 1, left: 2, right: 1 } }));
    expect([g.eh, g.ew, g.M, g.K]).toEqual([2, 6, 12, 12]);
  });

  it('dwconv splits into c groups of N = multiplier, K = R·S', () => {
    const g = lowerLayer(convLayer({ kind: 'dwconv', ifmap: { h: 8, w: 8, c: 16 }, filters: 32, groups: 16, padding: { top: 1, bottom: 1, left: 1, right: 1 } }));
    expect(g).toEqual({ M: 64, N: 2, K: 9, groups: 16, eh: 8, ew: 8, samples: 1 });
  });

  it('gemm is M = m, N = n, K = k, eh = m, ew = 1 (SCALE-Sim: ifmap M×K, filter 1×K)', () => {
    expect(lowerLayer({ name: 'g', kind: 'gemm', inputs: [], m: 512, n: 64, k: 512, groups: 12 })).toEqual({ M: 512, N: 64, K: 512, groups: 12, eh: 512, ew: 1, samples: 1 });
    expect(layerMacs({ name: 'g', kind: 'gemm', inputs: [], m: 512, n: 64, k: 512, groups: 12 })).toBe(12 * 512 * 64 * 512);
  });

  it("floor((H' − R)/s) + 1 equals SCALE-Sim's ceil((H' − R + s)/s) only when s divides H' − R; else it is one less", () => {
    // DESIGN.md says the two are the same number; they are not: SCALE-Sim's ceil also counts a last, partial window.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 16 }), (r, extra, s) => {
        const h = r + extra;
        const ours = lowerLayer(convLayer({ ifmap: { h, w: r, c: 1 }, filter: { h: r, w: r }, stride: { h: s, w: 1 } })).eh;
        expect(ours).toBe(Math.ceil((h - r + s) / s) - (extra % s === 0 ? 0 : 1));
      }),
      { numRuns: 500 },
    );
  });

  it("the counterexample in SCALE-Sim's own topologies/conv_nets/Resnet50.csv: Conv1 224, 7x7, stride 2", () => {
    // That file's Eh column says 110 = ceil((224 − 7 + 2)/2); the true output height is floor(217/2) + 1 = 109.
    expect(Math.ceil((224 - 7 + 2) / 2)).toBe(110);
    expect(lowerLayer(convLayer({ ifmap: { h: 224, w: 224, c: 3 }, filter: { h: 7, w: 7 }, stride: { h: 2, w: 2 } })).eh).toBe(109);
  });
});
