// Exact period fast-forward: the report with whole-period jumps equals the report of the same run simulated tile by
// tile (everything but the `simulation` section, which says how many tiles each way), on every case tried.
// Larger cases (16K tokens on a 16×16 array, all three cascades) run in `npm run bench`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCascade } from '../../host/attention/cascade.ts';
import type { AttentionReport } from '../../host/attention/report.ts';
import { runAttention } from '../../host/attention/run.ts';
import { IDEAL, shape, smallArch } from './helpers.ts';

const withoutSimulation = ({ simulation: _, ...rest }: AttentionReport) => rest;

/** A cascade by name; `fusemax-interleaved`: FuseMax with SLN, SLD, SLNV in stage 1 (the 2D array issues QK and LM
 *  of the next tile first). Staging RD, SPNV, RNV too would deadlock with one query block per unit (SPD of the next
 *  tile reads RD of this one), which the core reports as a deadlocking binding. */
function cascadeOf(name: string) {
  if (name !== 'fusemax-interleaved') return loadCascade(name);
  const c = loadCascade('fusemax');
  c.binding.stages = { ...c.binding.stages, SLN: 1, SLD: 1, SLNV: 1 };
  return c;
}

function both(arch: ReturnType<typeof smallArch>, cascade: string, s: ReturnType<typeof shape>) {
  const c = cascadeOf(cascade);
  const fast = runAttention(arch, c, s, { fastForward: true });
  const full = runAttention(arch, c, s, { fastForward: false });
  return { fast, full };
}

describe('fast-forward = full simulation', () => {
  for (const cascade of ['fusemax', 'fusemax-interleaved', 'flat', 'unfused']) {
    it(`${cascade}: 4096 tokens on a 16×16 array, as configured and idealized`, () => {
      for (const micro of [{}, IDEAL]) {
        const { fast, full } = both(smallArch(16, 16, micro), cascade, shape(4096, 16, 16, 1));
        expect(withoutSimulation(fast)).toEqual(withoutSimulation(full));
        expect(fast.simulation.tilesAdvanced).toBeGreaterThan(fast.simulation.tilesSimulated); // it did jump
        expect(fast.simulation.tilesSimulated + fast.simulation.tilesAdvanced).toBe(full.simulation.tilesSimulated);
      }
    });
  }

  it('a ragged sequence with many units per head (FLAT in row blocks): whole units advanced, the ragged one simulated', () => {
    // seq 157 on 4×4: 40 query blocks (the last with 1 real query of 4), 40 key tiles; a 1 KiB buffer makes FLAT's unit
    // one block, so each head has 40 units and only its last is ragged
    const arch = smallArch(4, 4, {}, { globalBuffer: { sizeKiB: 1 } });
    const { fast, full } = both(arch, 'flat', shape(157, 8, 8, 3));
    expect(withoutSimulation(fast)).toEqual(withoutSimulation(full));
    expect(fast.simulation.tilesAdvanced).toBeGreaterThan(fast.simulation.tilesSimulated);
  });

  it('random shapes, arrays, knobs and DRAM bandwidths (compute- and memory-bound)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('fusemax', 'fusemax-interleaved', 'flat', 'unfused'),
        fc.constantFrom(2, 4, 8),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(4, 8, 16),
        fc.constantFrom(4, 8, 16),
        fc.integer({ min: 1, max: 3 }),
        fc.record({ fill: fc.boolean(), skew: fc.boolean(), drain: fc.boolean(), reduction: fc.constantFrom('chain', 'tree'), oneCycleReduction: fc.boolean(), spill: fc.constantFrom('per-pass', 'artifact') }),
        fc.constantFrom(0.5, 4, 64, 1e6),
        fc.constantFrom(1, 4, 64), // 1 KiB: FLAT's scores spill part of each row
        fc.integer({ min: 0, max: 7 }), // short of whole tiles: the last query block and key tile masked
        (cascade, n, mult, e, f, heads, micro, gibps, kib, short) => {
          const arch = smallArch(n, n, micro, { dram: { bandwidthGiBps: gibps, latencyCycles: 3 }, globalBuffer: { sizeKiB: kib } });
          const { fast, full } = both(arch, cascade, shape(Math.max(1, n * mult * 4 - short), e, f, heads));
          expect(withoutSimulation(fast)).toEqual(withoutSimulation(full));
        },
      ),
      { numRuns: 60, seed: 9 },
    );
  });
});

// Tile counts with a large prime factor: a row of key tiles does not hold a whole number of the DRAM channel's
// pattern, so the state at a row's start comes round only every few rows (unfused: QK writes back each score tile,
// 4 times a K tile's words); and a ragged sequence's heads repeat only as wholes (the padded block is the last unit of
// each). Periods of several rows and of whole heads: exact as ever, and most of the run advanced.
describe('fast-forward: long periods', () => {
  it('unfused, 61 key tiles on 16×16, DRAM-bound: periods of several rows', () => {
    const arch = smallArch(16, 16, {}, { dram: { bandwidthGiBps: 31, latencyCycles: 0 }, globalBuffer: { sizeKiB: 4 } });
    const { fast, full } = both(arch, 'unfused', shape(16 * 61, 4, 4));
    expect(withoutSimulation(fast)).toEqual(withoutSimulation(full));
    // rows compared with the previous row only (before): 3,877 of the 18,605 tile starts simulated; now 888
    expect(fast.simulation.tilesSimulated).toBeLessThan(full.simulation.tilesSimulated / 10);
  });

  for (const cascade of ['flat', 'fusemax']) {
    it(`${cascade}, ragged sequence, one query block per unit: whole heads advanced`, () => {
      // seq 16·23 − 5 on 16×16: 23 units per head (a 4 KiB buffer holds one block's state or scores), the last ragged
      const arch = smallArch(16, 16, {}, { dram: { bandwidthGiBps: 3, latencyCycles: 2 }, globalBuffer: { sizeKiB: 4 } });
      const { fast, full } = both(arch, cascade, shape(16 * 23 - 5, 16, 16, 3, 2));
      expect(fast.plan.blocksPerUnit).toBe(1);
      expect(withoutSimulation(fast)).toEqual(withoutSimulation(full));
      // whole heads: 4 times the heads, the same tiles simulated (before, 4 times as many)
      const more = runAttention(arch, cascadeOf(cascade), shape(16 * 23 - 5, 16, 16, 3, 8));
      expect(more.simulation.tilesSimulated).toBe(fast.simulation.tilesSimulated);
    });
  }
});
