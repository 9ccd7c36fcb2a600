// How a Systole layer becomes the SCALE-Sim layer it runs as (README.md § Layers): SCALE-Sim is given a pre-padded
// ifmap and computes Eh = ceil((H − R + s)/s); the mapping must give back the same output size, keep a topology
// CSV's own H, and count every other padding row as data.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scalesimLayer } from '../../../host/memory/scalesim/index.ts';
import { lowerLayer } from '../../../host/lower/shape.ts';
import { parseWorkload } from '../../../host/spec/workload/workload.ts';
import type { ComputeLayer, ConvLayer } from '../../../host/spec/types.ts';
import { convTopology, gemmTopology } from './helpers.ts';

const conv = (raw: object): ConvLayer => parseWorkload({ name: 'w', layers: [{ name: 'c', kind: 'conv', ...raw }] }, 'w').layers[0] as ConvLayer;
const mapped = (l: ComputeLayer) => scalesimLayer(l, lowerLayer(l));

describe('scalesimLayer', () => {
  test('a topology CSV row keeps its H and W (the reader\'s partial-window padding is SCALE-Sim\'s −1 rows)', () => {
    // 224, 3×3, stride 2: the reader pads 1 row/col so floor((224 + 1 − 3)/2) + 1 = 112 = ceil((224 − 3 + 2)/2).
    const [l] = convTopology('C, 224, 224, 3, 3, 3, 32, 2,');
    expect(mapped(l)).toMatchObject({ h: 224, w: 224, eh: 112, ew: 112 });
  });

  test('padding that full windows read is pre-padded data', () => {
    expect(mapped(conv({ ifmap: { h: 56, w: 56, c: 8 }, kernel: 3, filters: 4, padding: 1 }))).toMatchObject({ h: 58, w: 58, c: 8 });
  });

  test('rows no window reaches are dropped', () => {
    // 224 unpadded, 3×3/2: floor((224 − 3)/2) + 1 = 111 outputs; SCALE-Sim on 224 would count 112, on 223 it counts 111.
    expect(mapped(conv({ ifmap: { h: 224, w: 224, c: 3 }, kernel: 3, stride: 2, filters: 4 }))).toMatchObject({ h: 223, w: 223, eh: 111 });
  });

  test('a GEMM row is an M×K ifmap with N filters of 1×K (topology_utils.load_arrays_gemm)', () => {
    const [g] = gemmTopology('G, 256, 128, 64,');
    expect(mapped(g)).toEqual({ h: 256, w: 64, r: 1, s: 64, c: 1, n: 128, strideH: 1, strideW: 1, eh: 256, ew: 1 });
  });

  test('SCALE-Sim\'s ceil rule on the mapped extent gives the lowered output size, for any padding', () => {
    const axis = fc.record({ size: fc.integer({ min: 1, max: 30 }), window: fc.integer({ min: 1, max: 7 }), stride: fc.integer({ min: 1, max: 4 }), lead: fc.integer({ min: 0, max: 3 }), trail: fc.integer({ min: 0, max: 3 }) })
      .filter((a) => a.size + a.lead + a.trail >= a.window);
    fc.assert(
      fc.property(axis, axis, ({ size, window, stride, lead, trail }, w) => {
        const l = conv({
          ifmap: { h: size, w: w.size, c: 2 }, filter: { h: window, w: w.window }, stride: { h: stride, w: w.stride }, filters: 3,
          padding: { top: lead, bottom: trail, left: w.lead, right: w.trail },
        });
        const g = lowerLayer(l);
        const s = scalesimLayer(l, g);
        expect(Math.ceil((s.h - s.r + s.strideH) / s.strideH)).toBe(g.eh);
        expect(Math.ceil((s.w - s.s + s.strideW) / s.strideW)).toBe(g.ew);
        expect(s.h).toBeGreaterThanOrEqual(s.r);
        expect(s.w).toBeGreaterThanOrEqual(s.s);
      }),
      { numRuns: 300 },
    );
  });
});
