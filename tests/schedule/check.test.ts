// The independent checker: accepts hand-made valid schedules and rejects one hand-made invalid schedule per kind of
// violation, at the right step. Schedules come from tests/schedule/fixtures.ts (addresses worked out by hand).
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../host/schedule/check.ts';
import { VIOLATION_KINDS, type Schedule, type ViolationKind } from '../../host/schedule/types.ts';
import { twoOps, twoOpsSchedule } from './fixtures.ts';

describe('checkSchedule accepts', () => {
  it('a hand-made schedule that keeps a in the scratchpad (traffic 290 B, all compulsory)', () => {
    expect(checkSchedule(twoOps(), twoOpsSchedule())).toEqual({ ok: true });
  });

  it('a schedule that spills a and reloads it (200 B stored + 200 B loaded = 400 B non-compulsory)', () => {
    const s = twoOpsSchedule();
    s.steps[0].stores = ['a'];
    s.steps[0].evictions = ['x', 'w1', 'a'];
    s.steps[1].loads = [
      { tensor: 'a', address: 0 },
      { tensor: 'w2', address: 208 },
    ];
    s.steps[1].resident = [
      { tensor: 'a', address: 0 },
      { tensor: 'w2', address: 208 },
      { tensor: 'y', address: 272 },
    ];
    s.traffic = { compulsory: 290, nonCompulsory: 400, total: 690 };
    expect(checkSchedule(twoOps(), s)).toEqual({ ok: true });
  });
});

/** One mutation of the valid schedule per violation kind, and the step where it must be reported. */
const BROKEN: Record<ViolationKind, { step: number; mutate: (s: Schedule) => void }> = {
  'bad-scratchpad': { step: 0, mutate: (s) => (s.scratchpad.alignment = 0) },
  'unknown-op': { step: 1, mutate: (s) => (s.steps[1].op = 'op9') },
  'repeated-op': { step: 2, mutate: (s) => s.steps.push(structuredClone(s.steps[1])) },
  'not-topological': { step: 0, mutate: (s) => s.steps.reverse() },
  'unknown-tensor': { step: 1, mutate: (s) => s.steps[1].loads.push({ tensor: 'zz', address: 512 }) },
  'load-not-in-dram': { step: 1, mutate: (s) => s.steps[1].loads.push({ tensor: 'y', address: 512 }) },
  'load-already-resident': { step: 1, mutate: (s) => s.steps[1].loads.push({ tensor: 'a', address: 176 }) },
  misaligned: { step: 0, mutate: (s) => (s.steps[0].loads[1].address = 105) },
  'out-of-bounds': {
    step: 0,
    mutate: (s) => {
      s.steps[0].resident[2].address = 912; // 912 + 200 > 1024
    },
  },
  overlap: {
    step: 0,
    mutate: (s) => {
      s.steps[0].loads[1].address = 64; // x is [0, 100)
      s.steps[0].resident[1].address = 64;
    },
  },
  moved: { step: 1, mutate: (s) => (s.steps[1].resident[1].address = 192) },
  'resident-mismatch': { step: 0, mutate: (s) => s.steps[0].resident.splice(1, 1) },
  'operand-not-resident': {
    step: 1,
    mutate: (s) => {
      s.steps[1].loads = [];
      s.steps[1].resident.splice(0, 1);
    },
  },
  'store-not-resident': { step: 1, mutate: (s) => s.steps[1].stores.push('x') },
  'evict-not-resident': { step: 1, mutate: (s) => s.steps[1].evictions.push('x') },
  'evict-unsaved': { step: 0, mutate: (s) => s.steps[0].evictions.push('a') },
  'missing-op': { step: 1, mutate: (s) => s.steps.pop() },
  'output-not-stored': {
    step: 2,
    mutate: (s) => {
      s.steps[1].stores = [];
      s.steps[1].evictions = ['a', 'w2'];
      s.traffic = { compulsory: 290, nonCompulsory: -80, total: 210 };
    },
  },
  'traffic-mismatch': { step: 2, mutate: (s) => (s.traffic.total = 291) },
};

describe('checkSchedule rejects', () => {
  it('has a broken schedule for every violation kind', () => {
    expect(Object.keys(BROKEN).sort()).toEqual([...VIOLATION_KINDS].sort());
  });

  for (const kind of VIOLATION_KINDS) {
    it(`${kind}`, () => {
      const s = twoOpsSchedule();
      BROKEN[kind].mutate(s);
      const r = checkSchedule(twoOps(), s);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect({ kind: r.kind, step: r.step }).toEqual({ kind, step: BROKEN[kind].step });
      expect(r.violation.length).toBeGreaterThan(10);
    });
  }
});
