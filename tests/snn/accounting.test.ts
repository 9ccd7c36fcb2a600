// Spike accounting of a spiking run, each figure against a value derived by hand for the case:
// - T = 1 with every input spiking: the array issues the dense MAC count (no lowered row is all zero);
// - a silent input: nothing issued, no cycles;
// - timeBatch = T fetches each weight from DRAM once (weights that fit the filter buffer), per-step windows T times;
// - energy grows with the input spike rate; the quantized baseline's activation width is ⌈log2(T+1)⌉.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { simulateSnn, qnnActivationBits } from '../../host/snn/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';

const LAYERS = [
  { name: 'c1', kind: 'conv', ifmap: { h: 8, w: 8, c: 3 }, kernel: 3, filters: 8, padding: 1 },
  { name: 'c2', kind: 'conv', ifmap: { h: 8, w: 8, c: 8 }, kernel: 3, filters: 8, padding: 1 },
  { name: 'fc', kind: 'gemm', m: 1, n: 10, k: 8 },
];
// MACs of one step, by hand: c1 64 pixels × 8 filters × 27; c2 64 × 8 × 72; fc 10 × 8.
const DENSE_MACS = [64 * 8 * 27, 64 * 8 * 72, 10 * 8];
const ARCH = parseArch({ array: { rows: 8, cols: 8 }, dataflow: 'ws', sram: { ifmapKiB: 4, filterKiB: 4, ofmapKiB: 4 } }, 'test');

async function run(snn: Record<string, unknown>, arch = ARCH) {
  const w = parseWorkload({ name: 't', layers: LAYERS, snn }, 'test.yaml');
  return simulateSnn(arch, w, w.snn!);
}

describe('spike accounting', () => {
  test('T = 1, every input spiking: the first layer issues its dense MACs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-'));
    try {
      const input = join(dir, 'ones.json');
      writeFileSync(input, JSON.stringify({ shape: [8, 8, 3], layout: 'h,w,c', data: new Array(192).fill(1) }));
      const { report } = await run({ timesteps: 1, inputRate: 1, input });
      const s = report.layers[0].snn!;
      expect(s.spikes.in).toEqual([192]);
      expect(s.acs.dense).toBe(DENSE_MACS[0]);
      expect(s.acs.issued).toBe(DENSE_MACS[0]);
      expect(s.acs.issued).toBe(report.layers[0].macs); // and the dense run's MAC count
      // Events skip the padding zeros: 27 taps on the 36 inner pixels, 18 on 24 edge pixels, 12 on 4 corners.
      expect(s.acs.events).toBe((36 * 27 + 24 * 18 + 4 * 12) * 8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a silent input issues nothing and takes no array cycles', async () => {
    const { report } = await run({ timesteps: 3, inputRate: 1e-9 });
    const s = report.layers[0].snn!;
    expect(s.spikes.in).toEqual([0, 0, 0]);
    expect(s.acs.issued).toBe(0);
    expect(s.cycles.total).toBe(0);
    expect(s.rows.issued).toBe(0);
  });

  test('timeBatch = T fetches each weight once; timeBatch = 1 once per step', async () => {
    // c2's 8 × 72 = 576 weights fit the 4 KiB filter buffer; WS loads each fold's block from DRAM.
    const T = 4;
    const once = (await run({ timesteps: T, timeBatch: T, inputRate: 0.5 })).report.layers[1].snn!;
    const each = (await run({ timesteps: T, timeBatch: 1, inputRate: 0.5 })).report.layers[1].snn!;
    expect(once.weightBytes.dram).toBe(576);
    expect(each.weightBytes.dram).toBe(576 * T);
    expect(once.cycles.perWindow).toHaveLength(1);
    expect(each.cycles.perWindow).toHaveLength(T);
    // Same spikes either way.
    expect(once.spikes).toEqual(each.spikes);
  });

  test('energy grows with the input spike rate: never falls skipping rows, strictly rises event-driven', async () => {
    const rows: number[] = [];
    const events: number[] = [];
    const rates: number[] = [];
    const eventArch = parseArch({ ...ARCH, snn: { eventDriven: true } }, 'test');
    for (const inputRate of [0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5]) {
      const a = (await run({ timesteps: 4, inputRate })).report.snn!.totals;
      const b = (await run({ timesteps: 4, inputRate }, eventArch)).report.snn!.totals;
      expect(b.spikeRate).toBe(a.spikeRate); // the same spikes; only the front end differs
      rates.push(a.spikeRate);
      rows.push(a.energyPJ);
      events.push(b.energyPJ);
    }
    for (let i = 1; i < rates.length; i++) {
      expect(rates[i]).toBeGreaterThan(rates[i - 1]);
      expect(rows[i]).toBeGreaterThanOrEqual(rows[i - 1]);
      expect(events[i]).toBeGreaterThan(events[i - 1]);
    }
    // At the lowest rate whole lowered rows are zero and skipped, so the row-skipping array spends less than at the
    // highest, where none is.
    expect(rows[0]).toBeLessThan(rows[rows.length - 1]);
  });

  test('the quantized baseline has ⌈log2(T+1)⌉-bit activations', async () => {
    // By hand: T = 1 → 1 bit, 2–3 → 2, 4–7 → 3, 8–15 → 4, 16 → 5.
    expect([1, 2, 3, 4, 7, 8, 15, 16].map(qnnActivationBits)).toEqual([1, 2, 2, 3, 3, 4, 4, 5]);
    const { report } = await run({ timesteps: 5 });
    expect(report.layers.map((l) => l.snn!.qnn.activationBits)).toEqual([3, 3, 3]);
    expect(report.layers[1].snn!.bitBudget.perSynapse).toBe(8 * 1 * 5); // weight bits × spike bit × T
    expect(report.layers[1].snn!.qnn.bitBudget.perSynapse).toBe(8 * 3); // weight bits × activation bits
  });

  test('the quantized baseline runs at ⌈log2(T+1)⌉ bits for T = 1..16: its MACs priced at that width × 8', async () => {
    // By hand, T = 1..16: 1, 2, 2, 3, 3, 3, 3, 4 (T = 8 … 15), 5 (T = 16).
    const bits = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 5];
    for (let T = 1; T <= 16; T++) {
      const { report } = await run({ timesteps: T, timeBatch: T });
      const a = bits[T - 1];
      // [H]: 8-bit multiply 0.2 pJ × a·8/64 (an array multiplier's a·w cells), plus the 32-bit add 0.1 pJ.
      const macPJ = (0.2 * a * 8) / 64 + 0.1;
      report.layers.forEach((l, i) => {
        const q = l.snn!.qnn;
        expect(q.activationBits, `T = ${T}`).toBe(a);
        expect(q.macs).toBe(DENSE_MACS[i]);
        expect(q.energy.mac).toBeCloseTo(DENSE_MACS[i] * macPJ, 9);
        // Registers per MAC: the a-bit activation, the 8-bit weight, the 32-bit partial sum, 0.009 pJ/bit ([A]).
        expect(q.energy.registers).toBeCloseTo(DENSE_MACS[i] * (a + 8 + 32) * 0.009, 9);
      });
    }
  });

  test("the spiking run's ifmap scratchpad holds bit-packed spikes: an input that fits as bits is fetched once", async () => {
    // A 256 × 16 × 16 gemm on a 4×4 WS array, 1 KiB ifmap scratchpad: its 4096 input positions fit as bits (8192),
    // not as 8-bit words (1024), which each of the 4 column folds would fetch again. One step: every input word
    // DRAM moves is a distinct position, so at most 4096 spikes (bits) come from DRAM.
    const arch = parseArch({ array: { rows: 4, cols: 4 }, dataflow: 'ws', sram: { ifmapKiB: 1, filterKiB: 1, ofmapKiB: 1 }, memory: { sliceSteps: 8 } }, 'small');
    const w = parseWorkload({ name: 'g', layers: [{ name: 'g', kind: 'gemm', m: 256, n: 16, k: 16 }], snn: { timesteps: 1, inputRate: 0.5 } }, 'g.yaml');
    const { report } = await simulateSnn(arch, w, w.snn!);
    const s = report.layers[0].snn!;
    expect(s.rows.issued).toBeGreaterThan(200); // most rows hold a spike: the operand is large
    expect(s.spikeBytes.in.dram! * 8).toBeGreaterThan(0);
    expect(s.spikeBytes.in.dram! * 8).toBeLessThanOrEqual(256 * 16);
  });

  test("the quantized baseline's scratchpads hold bit-packed words: fewer DRAM words than at 8 bits", async () => {
    // A 256 × 16 × 16 gemm on a 4×4 WS array with a 2 KiB ifmap scratchpad: A's 4096 words do not fit at 8 bits
    // (2048 words), so each of the 4 column folds streams A from DRAM again; at 2 bits (T = 2: 8192 words) A stays.
    const small = parseArch({ array: { rows: 4, cols: 4 }, dataflow: 'ws', sram: { ifmapKiB: 2, filterKiB: 1, ofmapKiB: 1 }, memory: { sliceSteps: 8 } }, 'small');
    const w = parseWorkload({ name: 'g', layers: [{ name: 'g', kind: 'gemm', m: 256, n: 16, k: 16 }], snn: { timesteps: 2 } }, 'g.yaml');
    const { report } = await simulateSnn(small, w, w.snn!);
    const g = report.layers[0];
    const packedBits = g.snn!.qnn.dramBytes! * 8;
    // The int8 run's DRAM words, each priced at the QNN's widths (2-bit activations, 8-bit weights):
    const int8WordsAtQnnWidths = (g.dram!.ifmapReads + g.dram!.ofmapWrites + g.dram!.ofmapReads) * 2 + g.dram!.filterReads * 8;
    expect(g.dram!.ifmapReads).toBeGreaterThanOrEqual(2 * 4096); // re-fetched at 8 bits
    expect(packedBits).toBeLessThan(int8WordsAtQnnWidths);
  });
});
