// The greedy and both baselines: hand-worked goldens on tiny graphs, the fit error, and on real networks and 200
// random DAGs every schedule passes the independent checker and the greedy never moves more bytes than a baseline.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../host/errors.ts';
import { naiveSchedule, roundTripSchedule } from '../../../host/schedule/reference/baselines.ts';
import { schedule } from '../../../host/schedule/search/greedy.ts';
import type { Graph, Scratchpad } from '../../../host/schedule/types.ts';
import { defaultTileBytes, workloadGraph } from '../../../host/schedule/graph/workload-source.ts';
import { skipChain, twoBranches, twoOps } from '../fixtures.ts';
import { expectValid, randomCase } from '../helpers.ts';

const KiB = 1024;

function runAll(graph: Graph, pad: Scratchpad) {
  const greedy = schedule(graph, { scratchpadBytes: pad.bytes, alignment: pad.alignment });
  const naive = naiveSchedule(graph, pad);
  const roundTrip = roundTripSchedule(graph, pad);
  for (const s of [greedy, naive, roundTrip]) expectValid(graph, s);
  expect(greedy.traffic.total).toBeLessThanOrEqual(naive.traffic.total);
  expect(greedy.traffic.total).toBeLessThanOrEqual(roundTrip.traffic.total);
  return { greedy, naive, roundTrip };
}

describe('hand-worked graphs', () => {
  it('twoOps on 1 KiB: nothing beyond compulsory for greedy and naive; round-trip stores and reloads a (400 B)', () => {
    const { greedy, naive, roundTrip } = runAll(twoOps(), { bytes: 1024, alignment: 16 });
    expect(greedy.traffic).toEqual({ compulsory: 290, nonCompulsory: 0, total: 290 });
    expect(naive.traffic.nonCompulsory).toBe(0);
    expect(roundTrip.traffic).toEqual({ compulsory: 290, nonCompulsory: 400, total: 690 });
  });

  it('skipChain: no spill on 300 B, exactly one spill of a (200 B) on 299 B', () => {
    expect(runAll(skipChain(), { bytes: 300, alignment: 1 }).greedy.traffic.nonCompulsory).toBe(0);
    const tight = runAll(skipChain(), { bytes: 299, alignment: 1 });
    expect(tight.greedy.traffic.nonCompulsory).toBe(200);
    expect(tight.naive.traffic.nonCompulsory).toBeGreaterThanOrEqual(200);
  });

  it('twoBranches on 130 B: the greedy reorders to A, C, B, D, E and moves nothing extra; the file order spills', () => {
    const { greedy, naive } = runAll(twoBranches(), { bytes: 130, alignment: 1 });
    expect(greedy.traffic.nonCompulsory).toBe(0);
    expect(greedy.steps.map((s) => s.op)).toEqual(['A', 'C', 'B', 'D', 'E']);
    expect(naive.traffic.nonCompulsory).toBeGreaterThanOrEqual(200);
  });

  it('an op that cannot fit names the op and the smallest scratchpad that holds it', () => {
    // op1 needs x, w1, a = 100, 50, 200 B, padded to 16: 112 + 64 + 208 = 384, minus the largest padding (14, w1's) = 370.
    for (const run of [
      () => schedule(twoOps(), { scratchpadBytes: 300, alignment: 16 }),
      () => naiveSchedule(twoOps(), { bytes: 300, alignment: 16 }),
      () => roundTripSchedule(twoOps(), { bytes: 300, alignment: 16 }),
    ]) {
      expect(run).toThrow(InputError);
      expect(run).toThrow(/op 'op1'.*at least 370 bytes/);
    }
  });
});

describe('real networks', () => {
  for (const workload of ['mobilenet_v1', 'resnet50', 'bert_base_encoder']) {
    for (const bytes of [256 * KiB, 4096 * KiB]) {
      it(`${workload} at ${bytes / KiB} KiB`, () => {
        const graph = workloadGraph({ workload, precision: 'int8', tileBytes: defaultTileBytes(bytes), arch: null });
        const { greedy, naive } = runAll(graph, { bytes, alignment: 64 });
        if (naive.traffic.nonCompulsory > 0) expect(greedy.traffic.nonCompulsory).toBeLessThan(naive.traffic.nonCompulsory);
      });
    }
  }
});

describe('200 random DAGs (chains with skips, branching, NAS-like cells)', () => {
  it('every schedule passes the checker and the greedy is never worse than a baseline', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { graph, scratchpad } = randomCase(seed, 6 + (seed % 55), 2.5);
      runAll(graph, scratchpad);
    }
  });
});
