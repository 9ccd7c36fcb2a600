// The timeline of attention runs (attention --trace, host/trace/attention.ts): well-formed events that nest on every
// track, and, with every tile simulated (no fast-forward), the slices of each Einsum add up to the busy cycles the
// report counts for it (the core adds those up apart from the records the trace is built from).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCascade } from '../../host/attention/cascade.ts';
import { runAttention, runAttentionWithTimeline } from '../../host/attention/run.ts';
import type { AttentionReport } from '../../host/attention/report.ts';
import type { ChromeTrace, SliceEvent } from '../../host/trace/chrome.ts';
import { ATTENTION_METADATA_EVENTS, ATTENTION_TID, attentionArrayOfTid, attentionRecordsFor, attentionTraceOf } from '../../host/trace/attention.ts';
import { assertBuilt, runCli } from '../cli/run-cli.ts';
import { IDEAL, smallArch, shape } from '../attention/helpers.ts';
import { expectBadCli } from '../helpers/bad-input.ts';
import { malformed, negativeCounters, nestingViolations, ns } from '../helpers/trace.ts';

const slices = (t: ChromeTrace) => t.traceEvents.filter((e): e is SliceEvent => e.ph === 'X');
/** Cycles of a slice (the trace is in µs at the arch's clock, whole ns). */
const cycles = (t: ChromeTrace, e: SliceEvent) => Math.round(ns(e.dur) * t.metadata.clock.GHz);

function expectWellFormed(t: ChromeTrace, report: AttentionReport): void {
  expect(malformed(t.traceEvents)).toEqual([]);
  expect(nestingViolations(t.traceEvents)).toEqual([]);
  expect(negativeCounters(t.traceEvents)).toEqual([]);
  const end = Math.max(...slices(t).map((e) => ns(e.ts) + ns(e.dur)));
  expect(end).toBeLessThanOrEqual(Math.round(report.cycles.total / t.metadata.clock.GHz));
}

describe('attention timeline', () => {
  for (const cascade of ['fusemax', 'flat', 'unfused']) {
    it(`${cascade}, as configured (fill, skew, drain): Einsums overlapping on an array nest on lanes of its own`, () => {
      const { report, timeline } = runAttentionWithTimeline(smallArch(4, 4), loadCascade(cascade), shape(48, 8, 8, 2), { fastForward: false, timelineRecords: attentionRecordsFor() });
      const t = attentionTraceOf(report, timeline);
      expectWellFormed(t, report);
      for (const e of slices(t).filter((s) => s.cat === 'einsum')) {
        expect(attentionArrayOfTid(e.tid), e.name).toBe(report.einsums.find((x) => x.name === e.name)!.array);
      }
    });

    // With fill, skew and drain off and one-cycle reductions an instance's span is the cycles each PE works on it
    // (report.ts: busyCycles), so the slices must add up to the busy cycles the core counts apart from its records.
    it(`${cascade}, every tile simulated, idealized timing: each Einsum's slices add up to its busy cycles`, () => {
      const arch = smallArch(4, 4, IDEAL);
      const { report, timeline } = runAttentionWithTimeline(arch, loadCascade(cascade), shape(48, 8, 8, 2), { fastForward: false, timelineRecords: attentionRecordsFor() });
      const t = attentionTraceOf(report, timeline);
      expectWellFormed(t, report);
      expect(t.metadata.aggregation.aggregated).toBe(false);
      const byEinsum = new Map<string, number>();
      for (const e of slices(t)) if (e.cat === 'einsum') byEinsum.set(e.name, (byEinsum.get(e.name) ?? 0) + cycles(t, e));
      for (const e of report.einsums) expect(byEinsum.get(e.name) ?? 0, e.name).toBe(e.busyCycles);
      // the 2D Einsums are on the 2D track, the 1D ones on the 1D track
      for (const e of slices(t).filter((s) => s.cat === 'einsum')) {
        const array = report.einsums.find((x) => x.name === e.name)!.array;
        expect(attentionArrayOfTid(e.tid), e.name).toBe(array);
      }
    });
  }

  it('with fast-forward: the jumps are slices of their own, and the report is the one runAttention makes', () => {
    const arch = smallArch(4, 4);
    const { report, timeline } = runAttentionWithTimeline(arch, loadCascade('fusemax'), shape(256, 8, 8, 4), { timelineRecords: attentionRecordsFor() });
    expect(report).toEqual(runAttention(arch, loadCascade('fusemax'), shape(256, 8, 8, 4)));
    expect(report.simulation.periods).toBeGreaterThan(0);
    const t = attentionTraceOf(report, timeline);
    expectWellFormed(t, report);
    const jumps = slices(t).filter((e) => e.cat === 'period');
    expect(jumps).toHaveLength(report.simulation.periods);
    expect(jumps.reduce((a, e) => a + (e.args.keyTiles as number), 0)).toBe(report.simulation.tilesAdvanced);
  });

  /** Per array track: the windows' cycles (whole ns at the trace's clock, back to cycles), the per-Einsum sums of their args. */
  function windowSums(t: ChromeTrace) {
    const per = new Map<string, { cycles: number; instances: number; einsum: Map<string, number> }>();
    for (const e of slices(t).filter((x) => x.cat === 'window')) {
      const array = attentionArrayOfTid(e.tid)!;
      const s = per.get(array) ?? { cycles: 0, instances: 0, einsum: new Map() };
      s.cycles += cycles(t, e);
      s.instances += (e.args.instances as number | undefined) ?? 0;
      for (const [k, v] of Object.entries(e.args)) if (k.endsWith(' cycles')) s.einsum.set(k.slice(0, -7), (s.einsum.get(k.slice(0, -7)) ?? 0) + (v as number));
      per.set(array, s);
    }
    return per;
  }

  it('a long sequence past the cap: windows of instances that tile each array track and add up to the core\'s counters', () => {
    // idealized timing, every tile simulated: an instance's span is its busy cycles, so the windows' args must add
    // up to the busy cycles the core counts apart from its records, and the windows of each array to the run's cycles
    const arch = smallArch(8, 8, IDEAL);
    const { report, timeline } = runAttentionWithTimeline(arch, loadCascade('fusemax'), shape(512, 8, 8, 2), { fastForward: false, timelineRecords: attentionRecordsFor() });
    expect(timeline.lost).toBe(0);
    const cap = 400;
    expect(timeline.records.length).toBeGreaterThan(20 * cap); // long: far past the cap
    const t = attentionTraceOf(report, timeline, cap);
    expectWellFormed(t, report);
    expect(t.traceEvents.length).toBeLessThanOrEqual(cap);
    expect(t.metadata.aggregation.aggregated).toBe(true);
    expect(t.metadata.aggregation.instancesPerWindow).toBeGreaterThan(1);
    expect(t.metadata.aggregation.note).toMatch(/windows of \d+/);
    expect(slices(t).filter((e) => e.cat === 'einsum')).toEqual([]);
    const sums = windowSums(t);
    expect([...sums.keys()].sort()).toEqual(['1d', '2d']);
    for (const s of sums.values()) expect(s.cycles).toBe(report.cycles.total);
    expect([...sums.values()].reduce((a, s) => a + s.instances, 0)).toBe(report.simulation.opInstances);
    for (const e of report.einsums) expect(sums.get(e.array)!.einsum.get(e.name) ?? 0, e.name).toBe(e.busyCycles);
  });

  it('past the core\'s record limit: windows of what it kept, then one slice per array to the end of the run, and the metadata says so', () => {
    const { report, timeline } = runAttentionWithTimeline(smallArch(4, 4), loadCascade('flat'), shape(48, 8, 8, 2), { fastForward: false, timelineRecords: 50 });
    expect(timeline.lost).toBeGreaterThan(0);
    const t = attentionTraceOf(report, timeline, 50 + ATTENTION_METADATA_EVENTS);
    expect(t.traceEvents.length).toBeLessThanOrEqual(50 + ATTENTION_METADATA_EVENTS);
    expect(t.metadata.aggregation.aggregated).toBe(true);
    expect(t.metadata.aggregation.note).toMatch(/first 50 records/);
    expectWellFormed(t, report);
    const rest = slices(t).filter((e) => e.name === 'not recorded');
    expect(rest.length).toBeGreaterThan(0);
    for (const e of rest) {
      expect(e.args.recordsLost).toBe(timeline.lost);
      expect(ns(e.ts) + ns(e.dur)).toBe(Math.round(report.cycles.total / t.metadata.clock.GHz)); // to the end of the run
    }
    for (const s of windowSums(t).values()) expect(s.cycles).toBe(report.cycles.total);
  });
});

describe('attention --trace', () => {
  let tmp: string;
  beforeAll(() => {
    assertBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-attn-trace-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes the trace of the run it prints', async () => {
    const file = path.join(tmp, 'a.json');
    const { code, stdout, stderr } = await runCli(['attention', '--model', 'bert', '--seq', '512', '--trace', file, '--json'], tmp);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as AttentionReport;
    const t = JSON.parse(fs.readFileSync(file, 'utf8')) as ChromeTrace;
    expectWellFormed(t, report);
    expect(t.metadata.clock.GHz).toBe(report.arch.clockMHz / 1000);
    expect(slices(t).some((e) => e.tid === ATTENTION_TID.array2d)).toBe(true);
    expect(slices(t).some((e) => e.tid === ATTENTION_TID.array1d)).toBe(true);
  });

  it('refuses a --trace that is a directory, before the run', async () => {
    const line = await expectBadCli(['attention', '--model', 'bert', '--trace', tmp], { cwd: tmp });
    expect(line).toMatch(/--trace .*is a directory/);
  });
});
