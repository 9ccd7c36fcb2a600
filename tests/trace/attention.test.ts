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

  it('past the record cap: the trace ends early and its metadata says so', () => {
    const { report, timeline } = runAttentionWithTimeline(smallArch(4, 4), loadCascade('flat'), shape(48, 8, 8, 2), { fastForward: false, timelineRecords: 50 });
    const t = attentionTraceOf(report, timeline, 50 + ATTENTION_METADATA_EVENTS);
    expect(timeline.lost).toBeGreaterThan(0);
    expect(t.traceEvents.length).toBeLessThanOrEqual(50 + ATTENTION_METADATA_EVENTS);
    expect(t.metadata.aggregation.aggregated).toBe(true);
    expect(t.metadata.aggregation.note).toMatch(/first 50 records/);
    expectWellFormed(t, report);
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
