// Where SCALE-Sim v2's CALC memory model reduces to a closed form (derivations in README.md § Closed forms):
// 1. Everything fits: fewer distinct words than a prefetch window (50 sets of floor(words/100)) and fewer ofmap
//    writes than the drain half. No window ever closes, so every distinct word misses exactly once, and the only
//    prefetch is the final one, ceil(sets·items/10) cycles ending at −1. The ofmap drains once, at the end, ArrayWidth
//    words per cycle from the last line (total cycles = Fr·Fc·L − 1):
//      ifmap = distinct ifmap words the windows touch, filter = K·N, ofmap = its demanded writes (OS M·N, WS/IS Fr·M·N).
// 2. A GEMM operand streamed once per column fold, in the same order every fold (OS and WS ifmap, IS filter: P = M·K
//    or K·N distinct words): if P < 50·items it stays resident (P reads); if P − 1 ≥ 50·items, at least 50 sets
//    close between two reads of a word, so the window has moved past it: every read misses (Fc·P reads).
// 3. WS reads each filter word once (its stationary load), so it always costs K·N words, whatever the SRAM.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DATAFLOWS } from '../../../mappings/index.ts';
import { scalesimDram } from '../../../host/memory/scalesim/index.ts';
import { lowerLayer } from '../../../host/lower/shape.ts';
import { loadWorkload } from '../../../host/spec/workload/workload.ts';
import type { ComputeLayer, DataflowKind } from '../../../host/spec/types.ts';
import { arch, cfgArch, convTopology, gemmTopology, run } from './helpers.ts';

const ceil = Math.ceil;

/** SCALE-Sim's Sr, Sc, T and fold length by dataflow (shared/DESIGN.md's table). */
const GEOMETRY: Record<DataflowKind, (M: number, N: number, K: number, R: number, C: number) => { sr: number; sc: number; L: number }> = {
  os: (M, N, K, R, C) => ({ sr: M, sc: N, L: K + R + C - 2 }),
  ws: (M, N, K, R, C) => ({ sr: K, sc: N, L: 2 * R + C + M - 2 }),
  is: (M, N, K, R, C) => ({ sr: K, sc: M, L: 2 * R + C + N - 2 }),
};

/** Distinct indices in [0, size) that windows of `window` starting at 0, s, 2s, … (e of them) touch. */
function touched(size: number, window: number, stride: number, e: number): number {
  const seen = new Set<number>();
  for (let o = 0; o < e; o++) for (let i = 0; i < window; i++) if (o * stride + i < size) seen.add(o * stride + i);
  return seen.size;
}

/** Closed form 1 for one group: counts, windows and cycles. */
function fits(df: DataflowKind, R: number, C: number, g: { M: number; N: number; K: number }, ifmapWords: number) {
  const { sr, sc, L } = GEOMETRY[df](g.M, g.N, g.K, R, C);
  const Fr = ceil(sr / R);
  const total = Fr * ceil(sc / C) * L - 1;
  const writes = df === 'os' ? g.M * g.N : Fr * g.M * g.N;
  const items = 655; // floor(64·1024 / 100)
  const prefetch = (words: number) => ({ start: -ceil((ceil(words / items) * items) / 10), stop: -1 });
  return {
    dram: { ifmapReads: ifmapWords, filterReads: g.K * g.N, ofmapWrites: writes },
    dramWindows: { ifmap: prefetch(ifmapWords), filter: prefetch(g.K * g.N), ofmap: { start: total, stop: total + ceil(writes / C) - 1 } },
    cycles: { total, stall: 0 },
  };
}

const DF = fc.constantFrom<DataflowKind>('os', 'ws', 'is');

describe('closed form 1: everything fits', () => {
  test('random SCALE-Sim conv layers, OS/WS/IS', () => {
    const layer = fc
      .record({ h: fc.integer({ min: 1, max: 12 }), w: fc.integer({ min: 1, max: 12 }), c: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 6 }), s: fc.integer({ min: 1, max: 3 }) })
      .chain((l) => fc.record({ r: fc.integer({ min: 1, max: l.h }), q: fc.integer({ min: 1, max: l.w }) }).map((f) => ({ ...l, ...f })));
    fc.assert(
      fc.property(layer, DF, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (l, df, R, C) => {
        const [conv] = convTopology(`L, ${l.h}, ${l.w}, ${l.r}, ${l.q}, ${l.c}, ${l.n}, ${l.s},`);
        const eh = ceil((l.h - l.r + l.s) / l.s);
        const ew = ceil((l.w - l.q + l.s) / l.s);
        const distinct = touched(l.h, l.r, l.s, eh) * touched(l.w, l.q, l.s, ew) * l.c;
        const expected = fits(df, R, C, { M: eh * ew, N: l.n, K: l.r * l.q * l.c }, distinct);
        const got = run(cfgArch({ rows: R, cols: C, kib: [64, 64, 4096], dataflow: df, mode: 'CALC' }), conv);
        expect({ dram: got.dram, dramWindows: got.dramWindows, cycles: got.cycles }).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  // MobileNetV1 (workloads/mobilenet_v1.yaml, TF 'same' padding) on 64×64 with 4096 kB SRAMs (50 sets of 41943
  // words hold any layer's operand). SCALE-Sim is given the padded input, except a bottom/right padding row its own
  // ceil((H − R + s)/s) already implies (stride-2 layers: the last window's third row): rows H' = h + top when
  // ceil((h + top − R + s)/s) = eh, else h + top + bottom. Depthwise layers are c one-channel SCALE-Sim layers:
  // counts × groups; windows and cycles are one group's.
  test.each(['os', 'ws', 'is'] as const)('MobileNetV1 64×64, %s', (df) => {
    const a = arch(64, 64, df, [4096, 4096, 4096]);
    for (const layer of loadWorkload('mobilenet_v1').layers as ComputeLayer[]) {
      const g = lowerLayer(layer);
      let distinct = g.M * g.K; // gemm (fc): a 1×1024 ifmap
      if (layer.kind !== 'gemm') {
        const { ifmap, filter, stride, padding } = layer;
        const given = (size: number, lead: number, trail: number, r: number, s: number, e: number) =>
          ceil((size + lead - r + s) / s) === e ? size + lead : size + lead + trail;
        const H = given(ifmap.h, padding.top, padding.bottom, filter.h, stride.h, g.eh);
        const W = given(ifmap.w, padding.left, padding.right, filter.w, stride.w, g.ew);
        distinct = touched(H, filter.h, stride.h, g.eh) * touched(W, filter.w, stride.w, g.ew) * (ifmap.c / layer.groups);
      }
      const one = fits(df, 64, 64, g, distinct);
      const got = scalesimDram(a, layer, g, DATAFLOWS[df]);
      const G = g.groups;
      expect(got.dram, layer.name).toEqual({ ifmapReads: G * one.dram.ifmapReads, filterReads: G * one.dram.filterReads, ofmapWrites: G * one.dram.ofmapWrites });
      expect(got.dramWindows.ofmap, layer.name).toEqual(one.dramWindows.ofmap);
      expect(got.cycles, layer.name).toEqual({ total: G * (one.cycles.total + 1) - 1, stall: 0 });
    }
  });

  test('MobileNetV1 conv1 and dw1 figures, written out', () => {
    // conv1: 224×224×3 (bottom/right pad row implied) → 150528 words; 27·32 = 864 filter words; OS writes
    // 12544·32 = 401408. dw1: 32 groups of a 114×114 (padded) plane = 415872 words, 32 × 9 filter words = 288.
    const layers = loadWorkload('mobilenet_v1').layers as ComputeLayer[];
    const a = arch(64, 64, 'os', [4096, 4096, 4096]);
    const [conv1, dw1] = layers.slice(0, 2).map((l) => scalesimDram(a, l, lowerLayer(l), DATAFLOWS.os));
    expect(conv1.dram).toEqual({ ifmapReads: 150528, filterReads: 864, ofmapWrites: 401408 });
    expect(dw1.dram).toEqual({ ifmapReads: 415872, filterReads: 288, ofmapWrites: 401408 });
  });
});

describe('closed form 2: a GEMM operand re-streamed once per column fold', () => {
  const cases = fc
    .record({ m: fc.integer({ min: 1, max: 60 }), n: fc.integer({ min: 1, max: 60 }), k: fc.integer({ min: 1, max: 60 }), kib: fc.integer({ min: 1, max: 4 }), R: fc.integer({ min: 1, max: 8 }), C: fc.integer({ min: 1, max: 8 }) })
    .filter(({ m, n, k, kib }) => {
      const window = 50 * Math.floor((kib * 1024) / 100);
      return [m * k, k * n].every((p) => p < window || p - 1 >= window);
    });
  const regime = (p: number, kib: number, folds: number) => (p < 50 * Math.floor((kib * 1024) / 100) ? p : folds * p);

  test('OS and WS ifmap: M·K or Fc·M·K with Fc = ceil(N/C); IS filter: K·N or ceil(M/C)·K·N', () => {
    fc.assert(
      fc.property(cases, ({ m, n, k, kib, R, C }) => {
        const [gemm] = gemmTopology(`G, ${m}, ${n}, ${k},`);
        const at = (df: DataflowKind) => run(cfgArch({ rows: R, cols: C, kib: [kib, kib, 4096], dataflow: df, mode: 'CALC' }), gemm);
        expect(at('os').dram.ifmapReads).toBe(regime(m * k, kib, ceil(n / C)));
        expect(at('ws').dram.ifmapReads).toBe(regime(m * k, kib, ceil(n / C)));
        expect(at('is').dram.filterReads).toBe(regime(k * n, kib, ceil(m / C)));
      }),
      { numRuns: 60 },
    );
  });

  test('written out: 40×40 ifmap, 1 kB (windows of 500 words), 4 column folds', () => {
    // P = 1600 words, P − 1 ≥ 500: every fold re-reads all 1600 → 6400. At 4 kB (windows of 2000) it stays: 1600.
    const [gemm] = gemmTopology('G, 40, 32, 40,');
    expect(run(cfgArch({ rows: 8, cols: 8, kib: [1, 64, 64], dataflow: 'os', mode: 'CALC' }), gemm).dram.ifmapReads).toBe(6400);
    expect(run(cfgArch({ rows: 8, cols: 8, kib: [4, 64, 64], dataflow: 'os', mode: 'CALC' }), gemm).dram.ifmapReads).toBe(1600);
  });
});

describe('closed form 3: WS reads each filter word once', () => {
  test('MobileNetV1 on 64×64 with 64 kB SRAMs: Σ K·N·groups', () => {
    const a = arch(64, 64, 'ws', [64, 64, 64]);
    for (const layer of loadWorkload('mobilenet_v1').layers as ComputeLayer[]) {
      const g = lowerLayer(layer);
      expect(scalesimDram(a, layer, g, DATAFLOWS.ws).dram.filterReads, layer.name).toBe(g.K * g.N * g.groups);
    }
  });
});
