// Hand-made graphs and schedules shared by the schedule tests. Every figure in the comments is worked out by hand.
import type { Graph, Schedule } from '../../host/schedule/types.ts';

/** x(in,100) w1(50) → op1 → a(200) ; a, w2(60) → op2 → y(out,80). Compulsory = 100+50+60+80 = 290 B. */
export const twoOps = (): Graph => ({
  schema: 'systole.graph/1',
  name: 'two-ops',
  tensors: {
    x: { bytes: 100, kind: 'input' },
    w1: { bytes: 50, kind: 'weight' },
    a: { bytes: 200, kind: 'intermediate' },
    w2: { bytes: 60, kind: 'weight' },
    y: { bytes: 80, kind: 'output' },
  },
  ops: [
    { name: 'op1', inputs: ['x', 'w1'], outputs: ['a'], cycles: 100 },
    { name: 'op2', inputs: ['a', 'w2'], outputs: ['y'], cycles: 50 },
  ],
});

/** A valid schedule of twoOps on 1024 B aligned to 16: x@0, w1@112 (100→112), a@176 (162→176), w2@0, y@384 (376→384). */
export const twoOpsSchedule = (): Schedule => ({
  schema: 'systole.schedule/1',
  method: 'hand',
  scratchpad: { bytes: 1024, alignment: 16 },
  steps: [
    {
      op: 'op1',
      loads: [
        { tensor: 'x', address: 0 },
        { tensor: 'w1', address: 112 },
      ],
      stores: [],
      evictions: ['x', 'w1'],
      resident: [
        { tensor: 'x', address: 0 },
        { tensor: 'w1', address: 112 },
        { tensor: 'a', address: 176 },
      ],
    },
    {
      op: 'op2',
      loads: [{ tensor: 'w2', address: 0 }],
      stores: ['y'],
      evictions: ['a', 'w2', 'y'],
      resident: [
        { tensor: 'w2', address: 0 },
        { tensor: 'a', address: 176 },
        { tensor: 'y', address: 384 },
      ],
    },
  ],
  traffic: { compulsory: 290, nonCompulsory: 0, total: 290 },
});

/** Chain with a skip: x(in,100) → A → a(100) → B → b(100) → C → c(100); [c, a] → D → y(out,50). No weights.
 *  C needs b, c and keeps a for D: 300 B (D needs 250 B). On 300 B nothing spills; on 299 B `a` must be stored
 *  and reloaded (the order is forced): 100 + 100 = 200 B non-compulsory. */
export const skipChain = (): Graph => ({
  schema: 'systole.graph/1',
  name: 'skip-chain',
  tensors: {
    x: { bytes: 100, kind: 'input' },
    a: { bytes: 100, kind: 'intermediate' },
    b: { bytes: 100, kind: 'intermediate' },
    c: { bytes: 100, kind: 'intermediate' },
    y: { bytes: 50, kind: 'output' },
  },
  ops: [
    { name: 'A', inputs: ['x'], outputs: ['a'] },
    { name: 'B', inputs: ['a'], outputs: ['b'] },
    { name: 'C', inputs: ['b'], outputs: ['c'] },
    { name: 'D', inputs: ['c', 'a'], outputs: ['y'] },
  ],
});

/** Two branches from x(in,10): A → a(100) → C → c(10); B → b(100) → D → d(10); [c, d] → E → y(out,10).
 *  Listed A, B, C, D, E. On 130 B the file order needs x+a+b = 210 B at B, so `a` spills; the order
 *  A, C, B, D, E peaks at 120 B (x+a+c, then x+c+b, then c+b+d) and moves nothing extra: optimum 0. */
export const twoBranches = (): Graph => ({
  schema: 'systole.graph/1',
  name: 'two-branches',
  tensors: {
    x: { bytes: 10, kind: 'input' },
    a: { bytes: 100, kind: 'intermediate' },
    b: { bytes: 100, kind: 'intermediate' },
    c: { bytes: 10, kind: 'intermediate' },
    d: { bytes: 10, kind: 'intermediate' },
    y: { bytes: 10, kind: 'output' },
  },
  ops: [
    { name: 'A', inputs: ['x'], outputs: ['a'] },
    { name: 'B', inputs: ['x'], outputs: ['b'] },
    { name: 'C', inputs: ['a'], outputs: ['c'] },
    { name: 'D', inputs: ['b'], outputs: ['d'] },
    { name: 'E', inputs: ['c', 'd'], outputs: ['y'] },
  ],
});
