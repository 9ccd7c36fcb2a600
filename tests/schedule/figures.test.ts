// Figures of a schedule, hand-traced on twoOps (tests/schedule/fixtures.ts): peak occupancy, fragmentation,
// serial and overlapped latency; and byte sizes on the command line.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../host/errors.ts';
import { scheduleLatency } from '../../host/schedule/report/latency.ts';
import { formatBytes, parseBytes } from '../../host/schedule/report/size.ts';
import { scheduleStats } from '../../host/schedule/report/stats.ts';
import { twoOps, twoOpsSchedule } from './fixtures.ts';

describe('scheduleStats', () => {
  it('peak 350 B (x+w1+a); fragmentation 1 − 560/684 at op2 (holes [64,176) and [464,1024))', () => {
    const s = scheduleStats(twoOps(), twoOpsSchedule());
    expect(s.peakBytes).toBe(350);
    expect(s.peakFraction).toBeCloseTo(350 / 1024, 12);
    // op1: free 674, largest hole [384, 1024) = 640; op2: free 684, largest hole 560.
    expect(s.maxFragmentation).toBeCloseTo(1 - 560 / 684, 12);
    expect(s.meanFragmentation).toBeCloseTo((1 - 640 / 674 + 1 - 560 / 684) / 2, 12);
    expect(s.compactionSteps).toBe(0);
  });
});

describe('scheduleLatency (op1 100 cycles, op2 50, 10 B/cycle)', () => {
  it('serial: 150 + 290/10 = 179 cycles; overlapped equals it when w2 reuses x’s range (no prefetch)', () => {
    const lat = scheduleLatency(twoOps(), twoOpsSchedule(), 10)!;
    // x, w1 load first (15), op1 (100), w2 collides with x so loads after op1 (6), op2 (50), y stores (8).
    expect(lat).toMatchObject({ serialCycles: 179, overlappedCycles: 179 });
  });

  it('overlapped: w2 at a free address prefetches during op1, saving its 6 cycles', () => {
    const s = twoOpsSchedule();
    s.steps[1].loads[0].address = 400;
    s.steps[1].resident = [
      { tensor: 'a', address: 176 },
      { tensor: 'w2', address: 400 },
      { tensor: 'y', address: 464 },
    ];
    expect(scheduleLatency(twoOps(), s, 10)).toMatchObject({ serialCycles: 179, overlappedCycles: 173 });
  });

  it('is unknown when an op has no cycle count', () => {
    const g = twoOps();
    delete g.ops[1].cycles;
    expect(scheduleLatency(g, twoOpsSchedule(), 10)).toBeNull();
  });
});

describe('parseBytes', () => {
  it('reads plain bytes and binary/decimal units', () => {
    expect(parseBytes('--x', '262144')).toBe(262144);
    expect(parseBytes('--x', '512KiB')).toBe(512 * 1024);
    expect(parseBytes('--x', '4 MiB')).toBe(4 * 1024 * 1024);
    expect(parseBytes('--x', '1.5MiB')).toBe(1.5 * 1024 * 1024);
    expect(parseBytes('--x', '2KB')).toBe(2000);
    expect(formatBytes(256 * 1024)).toBe('256 KiB');
  });

  it('rejects unknown units, zero and fractional bytes', () => {
    for (const bad of ['12 parsecs', '0', '0.5', '-4KiB', '']) expect(() => parseBytes('--scratchpad', bad)).toThrow(InputError);
  });
});
