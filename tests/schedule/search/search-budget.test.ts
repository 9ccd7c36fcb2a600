// The greedy's search is bounded by plan evaluations, not by time: the report is a function of the input (two runs
// agree byte for byte once the separate `timing` field is dropped), and a smaller budget stops the same search
// earlier, so it can end on a different plan but never on a cheaper one.
import { describe, expect, it } from 'vitest';
import { compareSchedules, type ScheduleReport } from '../../../host/schedule/report/compare.ts';
import { randomCase } from '../helpers.ts';

const comparable = (r: ScheduleReport): string => {
  const { timing, ...rest } = r;
  expect(Object.keys(timing.wallMs).sort()).toEqual(['greedy', 'naive', 'round-trip']);
  return JSON.stringify(rest);
};

const report = (seed: number, evaluations?: number): ScheduleReport => {
  const c = randomCase(seed, 60, 1.3);
  return compareSchedules(c.graph, { scratchpadBytes: c.scratchpad.bytes, alignment: c.scratchpad.alignment, evaluations }).report;
};

describe('search budget', () => {
  it('two runs give the same report apart from timing', () => {
    for (const seed of [19, 28]) expect(comparable(report(seed))).toBe(comparable(report(seed)));
  });

  it('the default budget is recorded in the report (max(40, 30000 / ops))', () => {
    expect(report(28).search).toEqual({ evaluations: 500 });
    expect(report(28, 7).search).toEqual({ evaluations: 7 });
  });

  it('a smaller budget gives a different answer, never a better one', () => {
    // Seeds where one evaluation per local search is not enough to reach the default budget's plan (found by
    // running seeds 1..30; the default budget removes all non-compulsory traffic on both).
    for (const seed of [19, 28]) {
      const full = report(seed).methods[0].traffic.nonCompulsory;
      const one = report(seed, 1).methods[0].traffic.nonCompulsory;
      expect(full).toBe(0);
      expect(one).toBeGreaterThan(full);
      const some = report(seed, 5).methods[0].traffic.nonCompulsory;
      expect(some).toBeGreaterThanOrEqual(full);
      expect(some).toBeLessThanOrEqual(one);
    }
  });
});
