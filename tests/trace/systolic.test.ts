// The timeline of systolic runs (--trace, host/trace/): well-formed Chrome trace events, slices that nest on every
// track, counters never negative, and sums over the events equal to the report's counters (fold + stall slices =
// each layer's cycles; stall slices by cause = its stall counters; DRAM slices = its DRAM words; the DRAM counter's
// peak = its peak bandwidth). The report's counters are accumulated by the core apart from the records the trace is
// built from, so these sums check one against the other.
import { describe, expect, it } from 'vitest';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';
import { simulate as apiSimulate } from '../../host/api.ts';
import { createEmitter } from '../../host/events.ts';
import { simulate } from '../../host/simulate/index.ts';
import { simulateWithTimeline } from '../../host/trace/record.ts';
import { traceOf } from '../../host/trace/systolic.ts';
import type { ChromeTrace } from '../../host/trace/chrome.ts';
import type { Report } from '../../host/report/types.ts';
import { ARCH_DEFAULTS } from '../helpers/arch.ts';
import { expectTraceOfReport, layerSums, malformed, negativeCounters, nestingViolations } from '../helpers/trace.ts';

/** DRAM words of a layer as the report counts them: all reads, and write-backs. */
const dramOf = (l: Report['layers'][number]) => ({
  read: l.dram ? l.dram.ifmapReads + l.dram.filterReads + l.dram.ofmapReads : 0,
  write: l.dram ? l.dram.ofmapWrites : 0,
});

function expectDramOfReport(trace: ChromeTrace, report: Report): void {
  layerSums(trace).forEach((s, i) => {
    const l = report.layers[i];
    expect(s.readWords, `${l.name} reads`).toBe(dramOf(l).read);
    expect(s.writeWords, `${l.name} write-backs`).toBe(dramOf(l).write);
    if (l.dramBandwidth?.peak != null) expect(s.peakRate, `${l.name} peak`).toBeCloseTo(l.dramBandwidth.peak, 9);
  });
}

const workload = parseWorkload(
  {
    name: 'mixed',
    layers: [
      { name: 'c1', kind: 'conv', ifmap: { h: 20, w: 20, c: 24 }, kernel: 3, filters: 40 },
      { name: 'dw', kind: 'dwconv', ifmap: { h: 18, w: 18, c: 40 }, kernel: 3 },
      { name: 'pw', kind: 'conv', ifmap: { h: 16, w: 16, c: 40 }, kernel: 1, filters: 72 },
      { name: 'fc', kind: 'gemm', m: 50, n: 90, k: 300 },
    ],
  },
  'test',
);

const archOf = (over: object) => parseArch({ ...ARCH_DEFAULTS, name: 't', array: { rows: 16, cols: 16 }, dataflow: 'os', ...over }, 'test');

describe('trace of other microarchitectures', () => {
  const cases: [string, object, object][] = [
    ['OS, fold pipelining, banked SRAM, DRAM latency', { microarch: { foldPipelining: true, stationaryDoubleBuffer: false }, sram: { ...ARCH_DEFAULTS.sram, banks: 4, interleaveWords: 2 }, dram: { ...ARCH_DEFAULTS.dram, latencyCycles: 30, bandwidthWordsPerCycle: 3 } }, {}],
    ['WS, pipelined, stationary double buffer, small banked buffers', { dataflow: 'ws', microarch: { foldPipelining: true, stationaryDoubleBuffer: true }, memory: { model: 'simulated', sliceSteps: 16 }, sram: { ...ARCH_DEFAULTS.sram, ifmapKiB: 1, filterKiB: 1, ofmapKiB: 1, banks: 3 }, dram: { ...ARCH_DEFAULTS.dram, bandwidthWordsPerCycle: 2 } }, {}],
    ['IS, single-buffered, unified scratchpad', { dataflow: 'is', sram: { unifiedKiB: 2, ofmapKiB: 64, doubleBuffer: false }, dram: { ...ARCH_DEFAULTS.dram, bandwidthWordsPerCycle: 4 } }, {}],
    ['WS, not pipelined, partial sums spilled', { dataflow: 'ws', memory: { model: 'simulated', sliceSteps: 16 }, sram: { ...ARCH_DEFAULTS.sram, ofmapKiB: 1 } }, {}],
    ['IS, pipelined, stationary double buffer, slow DRAM with latency', { dataflow: 'is', microarch: { foldPipelining: true, stationaryDoubleBuffer: true }, dram: { ...ARCH_DEFAULTS.dram, bandwidthWordsPerCycle: 1, latencyCycles: 100 } }, {}],
    ['OS, packed groups', {}, { grouping: 'packed' }],
    ['ideal memory', { memory: { model: 'ideal', sliceSteps: 64 } }, {}],
    ['scalesim timing, WS', { dataflow: 'ws' }, { timing: 'scalesim' }],
    ['scalesim timing, OS, USER bandwidth (unattributed stalls)', { dram: { ...ARCH_DEFAULTS.dram, interface: 'user', bandwidthWordsPerCycle: 1 } }, { timing: 'scalesim' }],
  ];
  for (const [name, over, options] of cases) {
    it(name, async () => {
      const arch = archOf(over);
      const { report, timelines } = await simulateWithTimeline(arch, workload, options);
      const trace = traceOf(report, timelines);
      expectTraceOfReport(trace, report);
      // scalesim timing: DRAM traffic comes from SCALE-Sim's own model, which places nothing in time (no DRAM slices)
      if (report.timing === 'native') expectDramOfReport(trace, report);
      // something happened worth checking: folds on every layer
      for (const s of layerSums(trace)) expect(s.foldSlices).toBeGreaterThan(0);
    });
  }

  it('covers stalls of every cause across the cases above (the sums are not vacuous)', async () => {
    const seen = new Set<string>();
    for (const [, over, options] of cases) {
      const { report } = await simulateWithTimeline(archOf(over), workload, options);
      for (const l of report.layers) for (const [k, v] of Object.entries(l.cycles.stallBy)) if (v > 0) seen.add(k);
    }
    expect([...seen].sort()).toEqual(['bank', 'filter', 'ifmap', 'ofmap', 'unattributed']);
  });
});

describe('layers off the array', () => {
  it('a vector-unit layer (pooling) is one slice of its cycles on its own track; the array layers keep their sums', async () => {
    const w = parseWorkload(
      {
        name: 'with-pool',
        layers: [
          { name: 'c1', kind: 'conv', ifmap: { h: 12, w: 12, c: 16 }, kernel: 3, filters: 16 },
          { name: 'p', kind: 'pool', op: 'max', ifmap: { h: 10, w: 10, c: 16 }, kernel: 2, stride: 2 },
          { name: 'c2', kind: 'conv', ifmap: { h: 5, w: 5, c: 16 }, kernel: 1, filters: 24 },
        ],
      },
      'test',
    );
    const { report, timelines } = await simulateWithTimeline(archOf({}), w);
    expect(report.layers.map((l) => l.name)).toEqual(['c1', 'p', 'c2']);
    const trace = traceOf(report, timelines);
    expectTraceOfReport(trace, report);
    const vector = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'vector');
    expect(vector.map((e) => e.name)).toEqual(['p']);
  });
});

describe('aggregation past the cap', () => {
  it('shows folds in windows, says so, stays under the cap and keeps the sums', async () => {
    const { report, timelines } = await simulateWithTimeline(archOf({ dram: { ...ARCH_DEFAULTS.dram, bandwidthWordsPerCycle: 2 } }), workload);
    const full = traceOf(report, timelines);
    const cap = Math.floor(full.traceEvents.length / 4);
    const trace = traceOf(report, timelines, { maxEvents: cap });
    expect(trace.metadata.aggregation.aggregated).toBe(true);
    expect(trace.metadata.aggregation.layers.length).toBe(report.layers.length);
    expect(trace.metadata.aggregation.layers[0].foldsPerWindow).toBeGreaterThan(1);
    expect(trace.traceEvents.length).toBeLessThanOrEqual(cap);
    expectTraceOfReport(trace, report);
  });

  it('aggregates a layer whose events the core did not all keep', async () => {
    const { report, timelines } = await simulateWithTimeline(archOf({}), workload, { timeline: 5 });
    expect(timelines.some((t) => t.dropped > 0)).toBe(true);
    const trace = traceOf(report, timelines);
    expect(trace.metadata.aggregation.layers.map((l) => l.name)).toEqual(report.layers.filter((_, i) => timelines[i].dropped > 0).map((l) => l.name));
    expectTraceOfReport(trace, report);
  });
});

describe('recording', () => {
  it('the library option: simulate({ timeline }) checks it and hands each layer its timeline on layer:done', async () => {
    const arch = archOf({});
    await expect(apiSimulate(arch, workload, { timeline: 'yes' } as never)).rejects.toThrow(/^simulate options: timeline: expected true, false or a positive integer/);
    const emitter = createEmitter();
    const folds: number[] = [];
    emitter.on('layer:done', ({ timeline }) => folds.push(timeline ? timeline.folds.length : -1));
    const report = await apiSimulate(arch, workload, { timeline: true, emitter });
    expect(folds).toHaveLength(report.layers.length);
    expect(folds.every((n) => n > 0)).toBe(true);
  });

  it('does not change the run: the same report with and without a timeline', async () => {
    const arch = archOf({ dataflow: 'ws', microarch: { foldPipelining: true, stationaryDoubleBuffer: true } });
    const plain = await simulate(arch, workload);
    const { report } = await simulateWithTimeline(arch, workload);
    expect(report).toEqual(plain);
  });
});

describe('the checks themselves', () => {
  const x = (tid: number, ts: number, dur: number) => ({ ph: 'X' as const, name: 's', cat: 'c', pid: 1, tid, ts, dur, args: {} });
  it('nestingViolations finds a partial overlap on one track, not on two tracks or when nested', () => {
    expect(nestingViolations([x(1, 0, 2), x(1, 1, 2)])).toHaveLength(1);
    expect(nestingViolations([x(1, 0, 2), x(2, 1, 2)])).toEqual([]);
    expect(nestingViolations([x(1, 0, 4), x(1, 1, 2), x(1, 2, 1), x(1, 4, 1)])).toEqual([]);
  });
  it('malformed and negativeCounters find what they look for', () => {
    expect(malformed([{ ph: 'X', name: 'a', pid: 1, tid: 1, ts: 0, args: {} }])).toHaveLength(1); // no dur
    expect(malformed([{ ph: 'C', name: 'a', pid: 1, ts: 0, args: { v: 'x' } }])).toHaveLength(1);
    expect(negativeCounters([{ ph: 'C', name: 'a', pid: 1, ts: 0, args: { v: -1 } }])).toHaveLength(1);
  });
});
