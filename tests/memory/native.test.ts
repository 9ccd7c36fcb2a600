// The native memory system (assembly/memory/), checked against oracles that share nothing with it:
// - unbounded SRAM and bandwidth: no stalls, and DRAM moves each operand word once (the compulsory footprint,
//   counted here by brute force over the convolution's windows);
// - one fold, one or several slices, bandwidth B words/cycle, no latency: stall cycles equal the closed form
//   derived by hand from the model in README ("Memory system");
// - DRAM traffic never grows with SRAM size; stalls never grow with bandwidth (random layers, all dataflows);
// - outputs stay exact with the memory system on.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import type { ArchSpec, ConvLayer, DataflowKind, Workload } from '../../host/spec/types.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';

function arch(over: Record<string, unknown> = {}, array = { rows: 8, cols: 8 }): ArchSpec {
  return parseArch({ name: 't', array, ...over }, 'test');
}

const unbounded = (a: ArchSpec): ArchSpec => ({
  ...a,
  sram: { ...a.sram, ifmapKiB: 1 << 20, filterKiB: 1 << 20, ofmapKiB: 1 << 20 },
  dram: { ...a.dram, bandwidthWordsPerCycle: Infinity, latencyCycles: 0 },
});

/** Ifmap words some output window reads (padding excluded), by brute force. */
function touchedIfmapWords(l: ConvLayer): number {
  const seen = new Set<number>();
  const eh = Math.floor((l.ifmap.h + l.padding.top + l.padding.bottom - l.filter.h) / l.stride.h) + 1;
  const ew = Math.floor((l.ifmap.w + l.padding.left + l.padding.right - l.filter.w) / l.stride.w) + 1;
  for (let oy = 0; oy < eh; oy++)
    for (let ox = 0; ox < ew; ox++)
      for (let r = 0; r < l.filter.h; r++)
        for (let s = 0; s < l.filter.w; s++) {
          const y = oy * l.stride.h + r - l.padding.top;
          const x = ox * l.stride.w + s - l.padding.left;
          if (y >= 0 && y < l.ifmap.h && x >= 0 && x < l.ifmap.w) seen.add(y * l.ifmap.w + x);
        }
  return seen.size * l.ifmap.c;
}

interface ConvParams {
  h: number;
  c: number;
  k: number;
  filters: number;
  stride: number;
  pad: number;
  depthwise: boolean;
}

const convArb: fc.Arbitrary<ConvParams> = fc.record({
  h: fc.integer({ min: 3, max: 12 }),
  c: fc.integer({ min: 1, max: 6 }),
  k: fc.integer({ min: 1, max: 3 }),
  filters: fc.integer({ min: 1, max: 12 }),
  stride: fc.integer({ min: 1, max: 3 }),
  pad: fc.integer({ min: 0, max: 1 }),
  depthwise: fc.boolean(),
});

function convWorkload(p: ConvParams): Workload {
  const layer = p.depthwise
    ? { name: 'l', kind: 'dwconv', ifmap: { h: p.h, w: p.h, c: p.c }, kernel: p.k, stride: p.stride, padding: p.pad }
    : { name: 'l', kind: 'conv', ifmap: { h: p.h, w: p.h, c: p.c }, kernel: p.k, filters: p.filters, stride: p.stride, padding: p.pad };
  return parseWorkload({ name: 'w', layers: [layer] }, 'test');
}

const DFS: DataflowKind[] = ['os', 'ws', 'is'];

describe('native memory system', () => {
  test('unbounded SRAM and bandwidth: no stalls, each operand word fetched once', async () => {
    await fc.assert(
      fc.asyncProperty(convArb, fc.constantFrom(...DFS), fc.constantFrom('sequential' as const, 'packed' as const), async (p, df, grouping) => {
        const w = convWorkload(p);
        const l = w.layers[0] as ConvLayer;
        const r = await simulate(unbounded(arch()), w, { dataflow: df, grouping });
        const out = r.layers[0];
        expect(out.cycles.stall).toBe(0);
        expect(out.dram).toEqual({
          ifmapReads: touchedIfmapWords(l),
          filterReads: l.filters * l.filter.h * l.filter.w * (l.ifmap.c / l.groups),
          ofmapWrites: out.gemm.M * l.filters,
          ofmapReads: 0,
        });
      }),
      { numRuns: 120 },
    );
  });

  test('one fold, one slice: stall = ceil((MK + KN)/B) before, ceil(MN/B) write-back after', async () => {
    // OS, M = N = 8 on 8×8, K = 16 ≤ sliceSteps: the fold waits for all MK + KN words, computes
    // K + r + c − 2 + R cycles, then writes MN words back.
    const w = parseWorkload({ name: 'g', layers: [{ name: 'g', kind: 'gemm', m: 8, n: 8, k: 16 }] }, 'test');
    for (const B of [1, 3, 7, 64, 1000]) {
      const a = arch({ dram: { bandwidthWordsPerCycle: B }, memory: { sliceSteps: 64 } });
      const l = (await simulate(a, w, { dataflow: 'os' })).layers[0];
      const load = Math.ceil((8 * 16 + 16 * 8) / B);
      const compute = 16 + 8 + 8 - 2 + 8;
      const write = Math.ceil(64 / B);
      expect(l.cycles.total, `B=${B}`).toBe(load + compute + write);
      expect(l.cycles.stall, `B=${B}`).toBe(load + write);
      expect(l.cycles.stallBy.ofmap, `B=${B}`).toBe(write);
    }
  });

  test('one fold, n double-buffered slices: stall = w/B + (n − 1)·max(0, w/B − s) + MN/B', async () => {
    // OS, M = N = 8, K = 16 in n = 4 slices of s = 4 steps; a slice is w = (8 + 8)·4 = 64 words. Slice j + 1 is
    // requested when slice j starts; with w/B ≥ s the channel is the bottleneck and every slice after the first
    // waits w/B − s; otherwise only the first slice waits. B divides 64 so every time is whole.
    const w = parseWorkload({ name: 'g', layers: [{ name: 'g', kind: 'gemm', m: 8, n: 8, k: 16 }] }, 'test');
    for (const B of [1, 2, 4, 8, 16, 32, 64]) {
      const a = arch({ dram: { bandwidthWordsPerCycle: B }, memory: { sliceSteps: 4 } });
      const l = (await simulate(a, w, { dataflow: 'os' })).layers[0];
      const perSlice = 64 / B;
      const expected = perSlice + 3 * Math.max(0, perSlice - 4) + 64 / B;
      expect(l.cycles.stall, `B=${B}`).toBe(expected);
    }
  });

  test('DRAM traffic never grows with SRAM; stalls never grow with bandwidth', async () => {
    await fc.assert(
      fc.asyncProperty(
        convArb,
        fc.constantFrom(...DFS),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 16 }),
        fc.boolean(),
        async (p, df, steps, kib, bw, dbuf) => {
          const w = convWorkload(p);
          const run = async (k: number, b: number) => {
            const a = arch({
              // From 0.125 KiB (128 words): two slices or stationary blocks of 64 words each, the smallest valid
              // size on 8×8 (host/simulate/buffer-sizes.ts), up to 1.06 KiB.
              sram: { ifmapKiB: (k + 1) / 16, filterKiB: (k + 1) / 16, ofmapKiB: (k + 1) / 16, doubleBuffer: dbuf },
              dram: { bandwidthWordsPerCycle: b / 4, latencyCycles: 3 },
              memory: { sliceSteps: steps },
            });
            return (await simulate(a, w, { dataflow: df })).layers[0];
          };
          const traffic = (l: Awaited<ReturnType<typeof run>>) => Object.values(l.dram!).reduce((x, y) => x + y, 0);
          const small = await run(kib, bw);
          const bigSram = await run(kib * 2, bw);
          const fastDram = await run(kib, bw * 2);
          expect(traffic(bigSram)).toBeLessThanOrEqual(traffic(small));
          expect(fastDram.cycles.stall).toBeLessThanOrEqual(small.cycles.stall);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('outputs stay exact with stalls', async () => {
    const w = convWorkload({ h: 9, c: 4, k: 3, filters: 10, stride: 1, pad: 1, depthwise: false });
    for (const df of DFS) {
      const a = arch({ sram: { ifmapKiB: 0.125, filterKiB: 0.125, ofmapKiB: 0.125 }, dram: { bandwidthWordsPerCycle: 0.5 }, memory: { sliceSteps: 4 } });
      const l = (await simulate(a, w, { dataflow: df, verify: true })).layers[0];
      expect(l.verified).toBe(true);
      expect(l.cycles.stall).toBeGreaterThan(0);
    }
  });
});

describe('unified scratchpad', () => {
  const w = convWorkload({ h: 12, c: 6, k: 3, filters: 12, stride: 1, pad: 1, depthwise: false });
  test('unbounded: no stalls and the compulsory footprint, as with split buffers', async () => {
    const a = unbounded(arch());
    const u = { ...a, sram: { ...a.sram, unifiedKiB: 1 << 20 } };
    for (const df of DFS) {
      const split = (await simulate(a, w, { dataflow: df })).layers[0];
      const one = (await simulate(u, w, { dataflow: df })).layers[0];
      expect(one.cycles.stall).toBe(0);
      expect(one.dram).toEqual(split.dram);
    }
  });

  test('one buffer of the split buffers\' total never moves more than the split ones when one operand is tiny', async () => {
    // 12 filters of 3·3·6 words fit in far less than half of a buffer; the ifmap (12·12·6 = 864 words) does not fit
    // 0.5 KiB. Split: 0.5 KiB each, the filter buffer mostly idle. Unified 1 KiB: the ifmap gets the filters' room.
    for (const df of DFS) {
      const split = arch({ sram: { ifmapKiB: 0.5, filterKiB: 0.5 }, memory: { sliceSteps: 16 } });
      const uni = arch({ sram: { unifiedKiB: 1 }, memory: { sliceSteps: 16 } });
      const s = (await simulate(split, w, { dataflow: df })).layers[0].dram!;
      const u = (await simulate(uni, w, { dataflow: df })).layers[0].dram!;
      expect(u.ifmapReads + u.filterReads, df).toBeLessThanOrEqual(s.ifmapReads + s.filterReads);
      // WS streams the ifmap and IS the filters past a small stationary block: there the pooled room pays off.
      if (df !== 'os') expect(u.ifmapReads + u.filterReads, df).toBeLessThan(s.ifmapReads + s.filterReads);
    }
  });

  test('traffic never grows with the unified size', async () => {
    await fc.assert(
      fc.asyncProperty(convArb, fc.constantFrom(...DFS), fc.integer({ min: 1, max: 32 }), async (p, df, kib) => {
        const w2 = convWorkload(p);
        // From 0.125 KiB: two OS slice pairs of (8 + 8)·4 words, or two 8×8 stationary blocks (buffer-sizes.ts).
        const run = async (k: number) => (await simulate(arch({ sram: { unifiedKiB: (k + 1) / 16 }, memory: { sliceSteps: 4 } }), w2, { dataflow: df })).layers[0].dram!;
        const small = await run(kib);
        const big = await run(kib * 2);
        expect(big.ifmapReads + big.filterReads).toBeLessThanOrEqual(small.ifmapReads + small.filterReads);
      }),
      { numRuns: 80 },
    );
  });

  test('unifiedKiB together with ifmapKiB is an InputError', () => {
    expect(() => arch({ sram: { unifiedKiB: 128, ifmapKiB: 64 } })).toThrow(/gives unifiedKiB and ifmapKiB\/filterKiB/);
  });
});
