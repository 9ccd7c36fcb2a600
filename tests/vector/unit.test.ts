// The vector unit (issue 14): the layers between the GEMMs. Oracles written here by hand:
// - ideal memory: cycles = ceil(items / lanes) · (Σ over op kinds of ceil(ops per item / ops per cycle)), ops by kind
//   = items · ops per item, with the ops per item of host/vector/work.ts's table worked out below per layer;
// - SRAM reads: every operand element an item reads (pooling: the window positions inside the input, counted here
//   by brute force); writes: every output;
// - simulated memory with buffers that hold everything: each input word fetched from DRAM once (overlapping
//   pooling windows reuse words on chip), each output written back once; cycles at least the DRAM words over the
//   bandwidth and at least the compute cycles;
// - --timing scalesim leaves them out (SCALE-Sim has no such layers); report rows of their own, totals include them.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';

const conv = { name: 'c', kind: 'conv', ifmap: { h: 8, w: 8, c: 4 }, kernel: 1, filters: 16 }; // out 8×8×16 = 1024
const shape = { h: 8, w: 8, c: 16 };
const arch = (extra: Record<string, unknown> = {}) =>
  parseArch({ array: { rows: 8, cols: 8 }, memory: { model: 'ideal' }, vector: { lanes: 64 }, ...extra }, 'v.yaml');
const run = async (layers: Record<string, unknown>[], a = arch(), batch = 1) =>
  simulate(a, parseWorkload({ batch, layers: [conv, ...layers] }, 'w.yaml'));

/** Pooling window positions inside an h×w input for every output pixel (brute force), times channels. */
function windowReads(h: number, w: number, c: number, k: number, s: number, pad: number): number {
  const eh = Math.floor((h + 2 * pad - k) / s) + 1;
  const ew = Math.floor((w + 2 * pad - k) / s) + 1;
  let n = 0;
  for (let oh = 0; oh < eh; oh++) for (let ow = 0; ow < ew; ow++) for (let r = 0; r < k; r++) for (let q = 0; q < k; q++) {
    const y = oh * s - pad + r;
    const x = ow * s - pad + q;
    if (y >= 0 && y < h && x >= 0 && x < w) n++;
  }
  return n * c;
}

describe('vector unit, ideal memory: cycles and ops by closed form', () => {
  it('element-wise layers: relu, gelu, a 3-input add, a mul', async () => {
    const r = await run([
      { name: 'relu', kind: 'activation', op: 'relu', shape },
      { name: 'gelu', kind: 'activation', op: 'gelu', shape },
      { name: 'sum', kind: 'eltwise', op: 'add', shape, inputs: ['c', 'relu', 'gelu'] },
      { name: 'prod', kind: 'eltwise', op: 'mul', shape, inputs: ['sum', 'c'] },
    ]);
    const [, relu, gelu, sum, prod] = r.layers;
    // 1024 items on 64 lanes: 16 steps. relu 1 add → 1 cycle a step; gelu 3 mul + 1 add + 1 exp → 5; sum: 2 adds.
    expect([relu, gelu, sum, prod].map((l) => l.cycles.total)).toEqual([16, 80, 32, 16]);
    expect(gelu.vector).toEqual({ lanes: 64, items: 1024, steps: 16, ops: { add: 1024, mul: 3072, div: 0, exp: 1024, rsqrt: 0 }, laneUtilization: 1 });
    expect(sum.vector!.ops.add).toBe(2048);
    expect(prod.vector!.ops.mul).toBe(1024);
    // Reads: one word per operand per item; writes: one output per item. The array stays idle.
    expect([relu, sum, prod].map((l) => [l.sram.ifmapReads, l.sram.ofmapWrites])).toEqual([[1024, 1024], [3072, 1024], [2048, 1024]]);
    expect([relu.kind, relu.dataflow, relu.macs, relu.verified]).toEqual(['activation', 'vector', 0, null]);
  });

  it('softmax and layernorm: a lane per row', async () => {
    // 1024 elements as 16 rows of 64. Softmax per row: 3·64 − 2 = 190 add, 64 exp, 1 div (4 cycles at 0.25 per
    // cycle), 64 mul → 322 cycles a step; 16 rows on 64 lanes: one step, 16 of 64 lanes busy.
    // Layer norm per row: 4·64 − 1 = 255 add, 3·64 + 2 = 194 mul, 1 rsqrt (4 cycles) → 453; weights 2·64 per row.
    const r = await run([
      { name: 'sm', kind: 'softmax', length: 64, rows: 16 },
      { name: 'ln', kind: 'layernorm', length: 64, rows: 16 },
    ]);
    const [, sm, ln] = r.layers;
    expect([sm.cycles.total, ln.cycles.total]).toEqual([322, 453]);
    expect(sm.vector!.ops).toEqual({ add: 16 * 190, mul: 16 * 64, div: 16, exp: 16 * 64, rsqrt: 0 });
    expect(sm.vector!.laneUtilization).toBe(0.25);
    expect(ln.vector!.ops).toEqual({ add: 16 * 255, mul: 16 * 194, div: 0, exp: 0, rsqrt: 16 });
    expect([ln.sram.ifmapReads, ln.sram.filterReads, ln.sram.ofmapWrites]).toEqual([1024, 16 * 128, 1024]);
  });

  it('pooling: max and average windows with padding, global average; a batch multiplies the items', async () => {
    const r = await run(
      [
        { name: 'max', kind: 'pool', op: 'max', ifmap: shape, kernel: 3, stride: 2, padding: 1, inputs: ['c'] },
        { name: 'avg', kind: 'pool', op: 'avg', ifmap: shape, kernel: 3, stride: 2, padding: 1, inputs: ['c'] },
        { name: 'gap', kind: 'pool', op: 'avg', global: true, ifmap: shape, inputs: ['c'] },
      ],
      arch(),
      2,
    );
    const [, max, avg, gap] = r.layers;
    // Output 4×4×16 = 256 items per sample, 512 for 2: 8 steps. Max: 8 compares a step; avg: 8 adds + 1 mul.
    // Global: 16 items per sample, 32: one step of 63 adds + 1 mul.
    expect([max.cycles.total, avg.cycles.total, gap.cycles.total]).toEqual([64, 72, 64]);
    expect(max.vector!.ops.add).toBe(512 * 8);
    expect(avg.vector!.ops).toMatchObject({ add: 512 * 8, mul: 512 });
    expect(max.sram.ifmapReads).toBe(2 * windowReads(8, 8, 16, 3, 2, 1));
    expect(gap.sram.ifmapReads).toBe(2 * 8 * 8 * 16);
    expect(max.sram.ofmapWrites).toBe(512);
  });

  it('ops per cycle and lanes come from the arch', async () => {
    const slow = arch({ vector: { lanes: 16, opsPerCycle: { exp: 0.5, mul: 2 } } });
    const r = await run([{ name: 'gelu', kind: 'activation', op: 'gelu', shape }], slow);
    // 1024 items on 16 lanes: 64 steps of ceil(3/2) mul + 1 add + 1/0.5 exp = 2 + 1 + 2 = 5 cycles.
    expect(r.layers[1].cycles.total).toBe(320);
  });

  it('the report has a row per vector layer; totals include their cycles, traffic and energy', async () => {
    const r = await run([{ name: 'relu', kind: 'activation', op: 'relu', shape }]);
    expect(r.layers.map((l) => l.name)).toEqual(['c', 'relu']);
    expect(r.totals.cycles).toBe(r.layers[0].cycles.total + r.layers[1].cycles.total);
    expect(r.totals.sram.ifmapReads).toBe(r.layers[0].sram.ifmapReads + 1024);
    // Energy: 1024 adds at the table's fp32 add (0.9 pJ) beside the SRAM words.
    expect(r.layers[1].energy.vector).toBeCloseTo(1024 * r.energyTable.vectorOpPJ.add, 9);
    expect(r.totals.energy.vector).toBeCloseTo(1024 * 0.9, 9);
    expect(r.totals.energy.total).toBeCloseTo(r.layers[0].energy.total + r.layers[1].energy.total, 6);
  });
});

describe('vector unit through the memory system', () => {
  const big = { array: { rows: 8, cols: 8 }, vector: { lanes: 64 }, sram: { ifmapKiB: 1024, filterKiB: 1024, ofmapKiB: 1024 }, dram: { bandwidthWordsPerCycle: 4 } };

  it('each input word fetched once (pooling windows reuse them on chip), each output written once', async () => {
    const r = await run(
      [
        { name: 'max', kind: 'pool', op: 'max', ifmap: shape, kernel: 3, stride: 1, padding: 1, inputs: ['c'] },
        { name: 'sum', kind: 'eltwise', op: 'add', shape, inputs: ['c', 'max'] },
        { name: 'ln', kind: 'layernorm', length: 64, rows: 16 },
      ],
      parseArch(big, 'big.yaml'),
    );
    const [, max, sum, ln] = r.layers;
    expect(max.dram).toEqual({ ifmapReads: 1024, filterReads: 0, ofmapWrites: 1024, ofmapReads: 0 });
    expect(max.sram.ifmapReads).toBe(windowReads(8, 8, 16, 3, 1, 1)); // 9 reads a window inside, each word fetched once
    expect(sum.dram).toEqual({ ifmapReads: 2048, filterReads: 0, ofmapWrites: 1024, ofmapReads: 0 });
    expect(ln.dram).toEqual({ ifmapReads: 1024, filterReads: 128, ofmapWrites: 1024, ofmapReads: 0 });
    // Compute (cycles − stall) is the ideal-memory figure: max 16 steps × 8 compares, sum 16 × 1 add, ln one step
    // of 453 (as above); the rest is waiting for DRAM, and no layer is faster than its DRAM words at 4 a cycle.
    expect([max, sum, ln].map((l) => l.cycles.total - l.cycles.stall)).toEqual([128, 16, 453]);
    for (const l of [max, sum, ln]) {
      const words = l.dram!.ifmapReads + l.dram!.filterReads + l.dram!.ofmapWrites;
      expect(l.cycles.total).toBeGreaterThanOrEqual(Math.ceil(words / 4));
      expect(l.cycles.stall).toBe(l.cycles.stallBy.ifmap + l.cycles.stallBy.filter + l.cycles.stallBy.ofmap + l.cycles.stallBy.bank);
    }
  });

  it('--timing scalesim leaves the vector layers out (SCALE-Sim has none)', async () => {
    const w = parseWorkload({ layers: [conv, { name: 'relu', kind: 'activation', op: 'relu', shape }] }, 'w.yaml');
    const r = await simulate(parseArch({ array: { rows: 8, cols: 8 } }, 'a.yaml'), w, { timing: 'scalesim' });
    expect(r.layers.map((l) => l.name)).toEqual(['c']);
  });
});
