// Exact fast-forward (issue 11): with it on (the default) folds skip work whose outcome is known — a fold without
// values reuses the outcome recorded for an earlier fold of its shape, an operand every use of which is a fetch is
// not replayed word by word in its buffer. The oracle is the same run with every fold stepped in full
// (fastForward: false): reports equal counter for counter, on random layers (GEMMs and convolutions), every
// dataflow, both timings, grouped layers (sequential and packed), ideal memory and the memory system with and without banks, double buffering and a
// unified scratchpad, and scratchpads small enough that operands thrash. (Mutation check: letting a convolution's
// A take the every-use-a-fetch path, whose im2col windows share words, fails this property.)
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isInputError, simulate } from '../../host/index.ts';
import type { Report } from '../../host/report/types.ts';

const layerArb = fc.oneof(
  // long runs of identical folds (whole periods), cheap to step in full
  fc.record({ kind: fc.constant('gemm'), m: fc.integer({ min: 40, max: 240 }), n: fc.integer({ min: 1, max: 12 }), k: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('gemm'), m: fc.integer({ min: 1, max: 60 }), n: fc.integer({ min: 1, max: 60 }), k: fc.integer({ min: 1, max: 90 }) }),
  fc.record({
    kind: fc.constant('conv'),
    ifmap: fc.record({ h: fc.integer({ min: 3, max: 12 }), w: fc.integer({ min: 3, max: 12 }), c: fc.integer({ min: 1, max: 6 }) }),
    kernel: fc.constantFrom(1, 3),
    stride: fc.constantFrom(1, 2),
    filters: fc.integer({ min: 1, max: 20 }),
  }),
  // grouped and depthwise: several GEMMs per layer (sequential) or packed folds
  fc.record({ h: fc.integer({ min: 3, max: 10 }), groups: fc.integer({ min: 2, max: 6 }), per: fc.integer({ min: 1, max: 3 }) }).map((g) => ({
    kind: 'gconv', ifmap: { h: g.h, w: g.h, c: g.groups * g.per }, kernel: 3, filters: g.groups * g.per, groups: g.groups,
  })),
  fc.record({ h: fc.integer({ min: 3, max: 10 }), c: fc.integer({ min: 2, max: 9 }) }).map((g) => ({ kind: 'dwconv', ifmap: { h: g.h, w: g.h, c: g.c }, kernel: 3, padding: 1 })),
);

const archArb = fc.record({
  rows: fc.integer({ min: 1, max: 8 }),
  cols: fc.integer({ min: 1, max: 8 }),
  dataflow: fc.constantFrom('os', 'ws', 'is'),
  memory: fc.constantFrom('simulated', 'simulated', 'ideal'),
  kib: fc.constantFrom(0.0625, 0.125, 0.25, 1, 4),
  unified: fc.boolean(),
  doubleBuffer: fc.boolean(),
  banks: fc.integer({ min: 0, max: 3 }),
  sliceSteps: fc.integer({ min: 1, max: 12 }),
  pipe: fc.boolean(),
  sdb: fc.boolean(),
});

const stripAdvanced = (r: Report) => ({ ...r, layers: r.layers.map((l) => ({ ...l, simulation: { ...l.simulation!, foldsAdvanced: 0, foldsInPeriods: 0 } })) });

describe('fast-forward is exact', () => {
  test('reports equal the fully stepped run, counter for counter', async () => {
    const inPeriods = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        archArb,
        fc.array(layerArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('native', 'native', 'scalesim'),
        fc.constantFrom('off', 'sampled', 'full'),
        fc.constantFrom('sequential', 'packed'),
        async (a, layers, timing, values, grouping) => {
          // At least the smallest scratchpads the memory system models (host/simulate/buffer-sizes.ts), often not much more.
          const big = Math.max(a.rows, a.cols);
          const kib = Math.max(a.kib, (4 * big * Math.max(big, a.sliceSteps)) / 1024);
          const arch = {
            name: 'ff', array: { rows: a.rows, cols: a.cols }, dataflow: a.dataflow,
            sram: { ...(a.unified ? { unifiedKiB: 2 * kib } : { ifmapKiB: kib, filterKiB: kib }), ofmapKiB: kib, doubleBuffer: a.doubleBuffer, banks: a.banks },
            dram: { bandwidthWordsPerCycle: 2.5, latencyCycles: 9 },
            memory: { model: a.memory, sliceSteps: a.sliceSteps },
            microarch: { foldPipelining: a.pipe, stationaryDoubleBuffer: a.sdb },
          };
          const workload = { name: 'w', layers: layers.map((l, i) => ({ name: `l${i}`, ...l })) };
          const opts = { timing, values, grouping: timing === 'scalesim' ? 'sequential' : grouping } as const;
          let full: Report;
          try {
            full = await simulate(arch, workload, { ...opts, fastForward: false });
          } catch (e) {
            if (isInputError(e)) return; // a scratchpad too small for one slice: refused either way
            throw e;
          }
          const fast = await simulate(arch, workload, opts);
          expect(stripAdvanced(fast)).toEqual(stripAdvanced(full));
          const key = `${a.dataflow} ${a.memory}`;
          inPeriods.set(key, (inPeriods.get(key) ?? 0) + fast.layers.reduce((s, l) => s + l.simulation!.foldsInPeriods, 0));
          expect(full.layers.every((l) => l.simulation!.foldsAdvanced === 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
    // Not vacuous: runs of every dataflow, with and without the memory system, added whole periods.
    for (const df of ['os', 'ws', 'is']) for (const mem of ['simulated', 'ideal']) expect(inPeriods.get(`${df} ${mem}`), `${df} ${mem}`).toBeGreaterThan(0);
  });

  test('folds without values are advanced once their shape has been stepped; with values every fold is stepped', async () => {
    const arch = { name: 'a', array: { rows: 4, cols: 4 }, memory: { model: 'ideal' } };
    const workload = { name: 'w', layers: [{ name: 'g', kind: 'gemm', m: 10, n: 9, k: 5 }] };
    // 3 × 3 folds of 4 × 4, 4 × 1, 2 × 4 and 2 × 1 PEs: four shapes, so four folds stepped and five advanced.
    const off = await simulate(arch, workload, { values: 'off' });
    // No run of identical folds is long enough for a period: a column fold has two folds of one shape.
    expect(off.layers[0].simulation).toEqual({ values: 'off', folds: 9, foldsWithValues: 0, foldsAdvanced: 5, foldsInPeriods: 0 });
    const full = await simulate(arch, workload, { values: 'full' });
    expect(full.layers[0].simulation).toEqual({ values: 'full', folds: 9, foldsWithValues: 9, foldsAdvanced: 0, foldsInPeriods: 0 });
  });

  test('long runs: thousands of periods, most of them moved as whole cycles of bandwidth windows', async () => {
    // The channel's 1024-cycle windows see the same traffic again every L = 1024 / gcd(1024, d) periods of d cycles;
    // a jump of more than a few L periods accounts only enough of them (memory/dram.ts advancePeriods). Runs of
    // 2,000–6,000 tiny folds at bandwidths that make d odd, even or a multiple of 1024, checked against every fold
    // stepped.
    const cases = [
      { dataflow: 'os', rows: 1, cols: 1, m: 6000, n: 2, k: 3, bw: 2.5, lat: 9 },
      { dataflow: 'os', rows: 2, cols: 2, m: 4000, n: 2, k: 7, bw: 0.7, lat: 0 },
      { dataflow: 'os', rows: 1, cols: 2, m: 3000, n: 2, k: 1, bw: 1 / 1024, lat: 3 },
      { dataflow: 'ws', rows: 1, cols: 1, m: 3, n: 2, k: 5000, bw: 2.5, lat: 9 },
      { dataflow: 'is', rows: 1, cols: 2, m: 2, n: 5, k: 4000, bw: 10, lat: 1 },
    ];
    for (const c of cases) {
      const arch = {
        name: 'long', array: { rows: c.rows, cols: c.cols }, dataflow: c.dataflow,
        sram: { ifmapKiB: 0.0625, filterKiB: 0.0625, ofmapKiB: 0.0625 },
        dram: { bandwidthWordsPerCycle: c.bw, latencyCycles: c.lat }, memory: { sliceSteps: 2 },
      };
      const workload = { name: 'w', layers: [{ name: 'g', kind: 'gemm', m: c.m, n: c.n, k: c.k }] };
      const fast = await simulate(arch, workload, { values: 'off' });
      const full = await simulate(arch, workload, { values: 'off', fastForward: false });
      expect(stripAdvanced(fast), JSON.stringify(c)).toEqual(stripAdvanced(full));
      const sim = fast.layers[0].simulation!;
      expect(sim.foldsInPeriods / sim.folds, JSON.stringify(c)).toBeGreaterThan(0.9);
    }
  });

  test('a run of identical folds is added as whole periods once its state repeats', async () => {
    // OS, ideal memory, 40 row folds of 4 × 4 (M = 160, N = 4). Fold 0 is stepped (first of its shape) and has no
    // previous fold; fold 1 records its state relative to fold 0's start; fold 2 starts from the same state (the
    // timeline's state after a fold of one shape is the same whatever the fold), a period of one fold: folds 2…39,
    // 38 folds, are added at once. With the memory system (every use of A and B a fetch: scratchpads of one slice
    // pair each) the channel's state takes a few folds to settle, so fewer are added, but still most.
    const workload = { name: 'w', layers: [{ name: 'g', kind: 'gemm', m: 160, n: 4, k: 5 }] };
    const ideal = { name: 'a', array: { rows: 4, cols: 4 }, memory: { model: 'ideal' } };
    const off = await simulate(ideal, workload, { values: 'off' });
    expect(off.layers[0].simulation).toEqual({ values: 'off', folds: 40, foldsWithValues: 0, foldsAdvanced: 39, foldsInPeriods: 38 });
    const stepped = await simulate(ideal, workload, { values: 'off', fastForward: false });
    expect(stripAdvanced(off)).toEqual(stripAdvanced(stepped));
  });
});
