// A [p, m0] tile spilled to DRAM is read back only after the write-back that put it there is written: the core ties
// the reader's DRAM read to its producer's write-back (assembly/attention/machine.ts spillWriteDone). Checked on the
// DRAM transfers the core records in its timeline (a read or write-back: the cycles the channel sends it), and on
// total cycles derived by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceArray } from '../../assembly/shared/attention.ts';
import { loadCascade } from '../../host/attention/cascade.ts';
import { runAttentionWithTimeline } from '../../host/attention/run.ts';
import { IDEAL, shape, smallArch } from './helpers.ts';

/** Every DRAM read of a spilled tile, with the write-back of that tile (same unit, query block and key tile, by the
 *  Einsum that produced it: the reader's first operand). */
function spilledReads(cascade: string, arch: ReturnType<typeof smallArch>, seq: number, e: number, f: number, heads = 1) {
  const c = loadCascade(cascade);
  const { report, timeline } = runAttentionWithTimeline(arch, c, shape(seq, e, f, heads), { fastForward: false, timelineRecords: 1e6 });
  expect(timeline.lost).toBe(0);
  const names = report.einsums.map((x) => x.name);
  const producerOf = new Map(c.einsums.map((x) => [x.name, names.indexOf(x.of[0])]));
  const key = (op: number, r: { unit: number; q: number; m1: number }) => `${op}/${r.unit}/${r.q}/${r.m1}`;
  const writes = new Map(timeline.records.filter((r) => r.array === TraceArray.DramWrite).map((r) => [key(r.op, r), r]));
  const pairs = timeline.records
    .filter((r) => r.array === TraceArray.DramRead && r.m1 >= report.plan.scoreTilesOnChip)
    .map((read) => ({ read, write: writes.get(key(producerOf.get(names[read.op])!, read)) }))
    .filter((p) => p.write !== undefined);
  return { report, pairs: pairs as { read: (typeof pairs)[0]['read']; write: NonNullable<(typeof pairs)[0]['write']> }[] };
}

// FLAT, seq 4 on 4×4 (one query block, one key tile), E = F = 4, idealized timing, DRAM so fast that a transfer holds
// the channel one cycle, latency 0. A 192-byte buffer (96 words) holds Q (16 words) and K, V twice (64 words) and no
// score tile: every [p, m0] tile is spilled (the DRAM traffic test in cycles.test.ts derives the same plan).
describe('a spilled tile is read after its write-back', () => {
  const arch = (spill: string) => smallArch(4, 4, { ...IDEAL, spill }, { globalBuffer: { sizeKiB: 192 / 1024 } });

  it('per-pass: every reader of a score tile reads it back from DRAM; 56 cycles', () => {
    // QK: Q and K read [0,1), QK [1,5); its write-back [5,6). M (1D, 4 cycles) reads QK's tile: its read waits for the
    // write-back, [6,7), M [7,11) (before the fix M's read was requested at cycle 1 and M started at 5, reading a tile
    // not yet in DRAM). Pass 2: SN's read (QK's tile, written at 6) is requested when SN is next on the 1D array (7):
    // [7,8); SN (7 · 4 = 28) from the barrier 11: [11,39); its write-back [39,40), SD's read [40,41), SD [41,45).
    // Pass 3: A's read (SN's tile) [41,42), A [45,49) (divide: 4); its write-back [49,50), AV's read (A's tile and the
    // V tile) [50,51), AV [51,55); the output [55,56): 56 cycles.
    const { report, pairs } = spilledReads('flat', arch('per-pass'), 4, 4, 4);
    expect(report.plan.scores).toBe('dram');
    expect(report.cycles.total).toBe(56);
    // M, SN read QK's tile; SD, A read SN's; AV reads A's
    expect(pairs.map((p) => report.einsums[p.read.op].name).sort()).toEqual(['A', 'AV', 'M', 'SD', 'SN']);
    const m = pairs.find((p) => report.einsums[p.read.op].name === 'M')!;
    expect([m.write.cycle, m.write.end, m.read.cycle]).toEqual([5, 6, 6]);
    for (const { read, write } of pairs) expect(read.cycle).toBeGreaterThanOrEqual(write.end);
  });

  it('artifact: only what crosses a pass goes through DRAM; 50 cycles', () => {
    // QK [1,5), its write-back [5,6) (SN reads it in pass 2); M takes QK's tile from the buffer: [5,9). SN's read waits
    // for the write-back: requested at 6 (SN is next on the 1D array since 5), [6,7); SN from the barrier 9: [9,37);
    // its write-back [37,38) (A reads it in pass 3); SD from the buffer [37,41). A's read [38,39), A [41,45); AV takes
    // A's tile from the buffer and reads V [41,42) (the 2D array is free and A has started), AV [45,49); output [49,50).
    const { report, pairs } = spilledReads('flat', arch('artifact'), 4, 4, 4);
    expect(report.cycles.total).toBe(50);
    expect(pairs.map((p) => report.einsums[p.read.op].name).sort()).toEqual(['A', 'SN']);
    for (const { read, write } of pairs) expect(read.cycle).toBeGreaterThanOrEqual(write.end);
  });

  it('random shapes, knobs, bandwidths and latencies: no spilled read starts before its write-back is written', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('flat', 'unfused'),
        fc.constantFrom(2, 4),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(4, 8),
        fc.integer({ min: 1, max: 2 }),
        fc.record({ fill: fc.boolean(), skew: fc.boolean(), drain: fc.boolean(), reduction: fc.constantFrom('chain', 'tree'), spill: fc.constantFrom('per-pass', 'artifact') }),
        fc.constantFrom(0.5, 4, 1e6),
        fc.integer({ min: 0, max: 20 }),
        (cascade, n, mult, e, heads, micro, gibps, latency) => {
          const a = smallArch(n, n, micro, { dram: { bandwidthGiBps: gibps, latencyCycles: latency }, globalBuffer: { sizeKiB: 0.25 } });
          const { report, pairs } = spilledReads(cascade, a, n * mult * 2, e, e, heads);
          expect(pairs.length > 0, 'spilled reads found').toBe(report.plan.scores !== 'globalBuffer');
          // written = the channel's last cycle of the write-back + the latency
          for (const { read, write } of pairs) expect(read.cycle).toBeGreaterThanOrEqual(write.end + latency);
        },
      ),
      { numRuns: 40, seed: 9 },
    );
  });
});
