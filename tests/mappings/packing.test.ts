// Block-diagonal packing: every packed group's output equals its own reference GEMM, the array does exactly the
// groups' MACs (no work on off-diagonal PEs), and with serialised folds (SCALE-Sim's, or native without fold
// pipelining) a packed layer never takes more cycles than the same groups run one after another:
// p groups in one fold cost p·r + T + R + p·c − 2 against p·(r + T + R + c − 2) (WS/IS; OS likewise).
// With fold pipelining this can fail by design: tiny T makes folds issue every r cycles either way, and the last
// packed fold's skew is p·c columns wide (e.g. IS, 2×2 array, M = N = K = 1, 4 groups: 7 cycles packed, 6 not).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Core, CoreTiming, MicroFlag } from '../../host/core/index.ts';
import { DATAFLOWS, GROUPINGS, type Dataflow, type GemmShape } from '../../mappings/index.ts';
import { blockShape, packedShape, placeBlock, takeBlock } from '../../mappings/packing.ts';
import { int8Values, referenceGemm } from '../helpers/reference.ts';

interface Run { outputs: Int32Array[]; cycles: number; busy: number }

function runGroups(df: Dataflow, R: number, C: number, g: GemmShape, groups: number, perFold: number, timing: CoreTiming, flags: number): Run {
  const core = new Core({ rows: R, cols: C, dataflow: df.core, timing, flags });
  const ops = Array.from({ length: groups }, (_, i) => ({ a: int8Values(g.M * g.K, 3 * i + 1), b: int8Values(g.K * g.N, 3 * i + 2) }));
  core.beginLayer();
  if (perFold > 1) {
    const b = blockShape(df, g);
    core.packBlocks(b.rows, b.cols);
  }
  const outputs: Int32Array[] = [];
  for (let first = 0; first < groups; first += perFold) {
    const p = Math.min(perFold, groups - first);
    const s = packedShape(df, g, p);
    const c = core.runGemm(s.M, s.N, s.K, (v) => {
      v.a.fill(0);
      v.b.fill(0);
      for (let i = 0; i < p; i++) {
        placeBlock(df, 'A', g, p, i, ops[first + i].a, v.a);
        placeBlock(df, 'B', g, p, i, ops[first + i].b, v.b);
      }
    });
    for (let i = 0; i < p; i++) outputs.push(takeBlock(df, g, p, i, c).slice());
  }
  const st = core.endLayer();
  ops.forEach((o, i) => expect(Array.from(outputs[i])).toEqual(Array.from(referenceGemm(o.a, o.b, g.M, g.N, g.K))));
  return { outputs, cycles: st.cycles, busy: st.busyPeCycles };
}

describe('block-diagonal packing', () => {
  test('depthwise 3×3 channels on a 64×64 WS array: 7 channels per fold, outputs exact, fewer cycles', () => {
    const g = { M: 196, N: 1, K: 9 };
    const df = DATAFLOWS.ws;
    const p = GROUPINGS.packed.groupsPerFold(df, g, { rows: 64, cols: 64 }, 32);
    expect(p).toBe(7); // floor(64 / 9) rows of blocks, 1 column each
    const seq = runGroups(df, 64, 64, g, 32, 1, CoreTiming.Native, 0);
    const pk = runGroups(df, 64, 64, g, 32, p, CoreTiming.Native, 0);
    expect(pk.busy).toBe(32 * 196 * 9);
    expect(pk.cycles).toBeLessThan(seq.cycles);
  });

  test('random groups, arrays, dataflows and serialised-fold microarchitectures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('os', 'ws', 'is' as const),
        fc.integer({ min: 2, max: 16 }),
        fc.integer({ min: 2, max: 16 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(CoreTiming.Native, CoreTiming.ScaleSim),
        fc.constantFrom(0, MicroFlag.StationaryDoubleBuffer),
        (kind, R, C, M, N, K, groups, timing, flags) => {
          const df = DATAFLOWS[kind];
          const g = { M, N, K };
          const p = GROUPINGS.packed.groupsPerFold(df, g, { rows: R, cols: C }, groups);
          const seq = runGroups(df, R, C, g, groups, 1, timing, flags);
          const pk = runGroups(df, R, C, g, groups, p, timing, flags);
          expect(pk.busy).toBe(groups * M * N * K);
          expect(pk.cycles).toBeLessThanOrEqual(seq.cycles);
        },
      ),
      { numRuns: 300 },
    );
  });
});
