// Compulsory traffic counts only what some op needs (mutation-audit survivor of issue 8: inputs and weights that no
// op consumes were counted too). Hand-built graph, expectations derived by hand, not by the code under test:
//   x (input, 100 B) and w (weight, 40 B) → op1 → y (output, 30 B);
//   unused (input, 1000 B) and spare (weight, 500 B) are declared but no op reads them.
// Compulsory = x + w + y = 100 + 40 + 30 = 170 B. Every scheduler loads x and w once and stores y once (the
// scratchpad holds all three), so total = 170 B and non-compulsory = 0; `unused` and `spare` are never loaded.
import { describe, expect, it } from 'vitest';
import { naiveSchedule, roundTripSchedule } from '../../../host/schedule/reference/baselines.ts';
import { compareSchedules } from '../../../host/schedule/report/compare.ts';
import { schedule } from '../../../host/schedule/search/greedy.ts';
import type { Graph } from '../../../host/schedule/types.ts';
import { expectValid } from '../helpers.ts';

const graph: Graph = {
  schema: 'systole.graph/1',
  name: 'unconsumed',
  tensors: {
    x: { bytes: 100, kind: 'input' },
    w: { bytes: 40, kind: 'weight' },
    unused: { bytes: 1000, kind: 'input' },
    spare: { bytes: 500, kind: 'weight' },
    y: { bytes: 30, kind: 'output' },
  },
  ops: [{ name: 'op1', inputs: ['x', 'w'], outputs: ['y'] }],
};
const pad = { bytes: 256, alignment: 1 };
const HAND = { compulsory: 170, nonCompulsory: 0, total: 170 };

describe('compulsory traffic ignores tensors no op consumes', () => {
  it('greedy, naive and round-trip: 170 B compulsory, nothing else', () => {
    for (const s of [schedule(graph, { scratchpadBytes: pad.bytes, alignment: pad.alignment }), naiveSchedule(graph, pad), roundTripSchedule(graph, pad)]) {
      expect(s.traffic, s.method).toEqual(HAND);
      expectValid(graph, s);
      expect(s.steps.flatMap((st) => st.loads.map((l) => l.tensor)).sort()).toEqual(['w', 'x']);
    }
  });

  it('the report shows the same compulsory bytes', () => {
    const { report } = compareSchedules(graph, { scratchpadBytes: pad.bytes, alignment: pad.alignment });
    for (const m of report.methods) expect(m.traffic.compulsory, m.method).toBe(170);
  });
});
