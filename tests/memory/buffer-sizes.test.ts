// A scratchpad smaller than the slices it must hold is refused, naming the smallest size that works
// (host/simulate/buffer-sizes.ts). Expected sizes are worked out here by hand for a non-square 8×16 array.
import { describe, expect, test } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import type { DataflowKind } from '../../host/spec/types.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';

const w = parseWorkload({ name: 'g', layers: [{ name: 'g', kind: 'gemm', m: 20, n: 20, k: 12 }] }, 'test');
const KIB = 1024; // int8: one word per byte
const arch = (sram: Record<string, unknown>) =>
  parseArch({ name: 't', array: { rows: 8, cols: 16 }, sram, memory: { sliceSteps: 4 } }, 'test');

// R = 8, C = 16, s = 4 steps per slice, double buffered (two slices each):
//   OS: ifmap R·s = 32 → 64 words; filter s·C = 64 → 128; ofmap one fold's R·C = 128 → 256; unified (32 + 64)·2 = 192
//   WS: ifmap s·R = 32 → 64; filter R·C = 128 → 256; ofmap s·C = 64 → 128; unified max(128, 32)·2 = 256
//   IS: ifmap R·C = 128 → 256; filter s·R = 32 → 64; ofmap s·C = 64 → 128; unified 256
const MIN: Record<DataflowKind, { ifmapKiB: number; filterKiB: number; ofmapKiB: number; unifiedKiB: number }> = {
  os: { ifmapKiB: 64, filterKiB: 128, ofmapKiB: 256, unifiedKiB: 192 },
  ws: { ifmapKiB: 64, filterKiB: 256, ofmapKiB: 128, unifiedKiB: 256 },
  is: { ifmapKiB: 256, filterKiB: 64, ofmapKiB: 128, unifiedKiB: 256 },
};

describe('scratchpads smaller than their slices', () => {
  test.each(['os', 'ws', 'is'] as const)('%s: the smallest size runs, one word less is refused naming it', async (df) => {
    const min = MIN[df];
    const split = { ifmapKiB: min.ifmapKiB / KIB, filterKiB: min.filterKiB / KIB, ofmapKiB: min.ofmapKiB / KIB };
    await expect(simulate(arch(split), w, { dataflow: df })).resolves.toBeDefined();
    for (const key of ['ifmapKiB', 'filterKiB', 'ofmapKiB'] as const) {
      const small = arch({ ...split, [key]: (min[key] - 1) / KIB });
      const message = await simulate(small, w, { dataflow: df }).then(() => 'no error', (e: Error) => e.message);
      expect(message).toMatch(new RegExp(`^arch t: sram\\.${key}: .* holds ${min[key] - 1} words, less than two .* of ${min[key] / 2} words .*; give at least ${min[key] / KIB} KiB`));
    }
    const unified = { unifiedKiB: min.unifiedKiB / KIB, ofmapKiB: min.ofmapKiB / KIB };
    await expect(simulate(arch(unified), w, { dataflow: df })).resolves.toBeDefined();
    await expect(simulate(arch({ ...unified, unifiedKiB: (min.unifiedKiB - 1) / KIB }), w, { dataflow: df })).rejects.toThrow(
      new RegExp(`sram\\.unifiedKiB: .*; give at least ${min.unifiedKiB / KIB} KiB`),
    );
  });

  test('single buffering needs one slice, not two', async () => {
    // OS ifmap: R·s = 32 words without double buffering.
    const a = (ifmap: number) => arch({ ifmapKiB: ifmap / KIB, doubleBuffer: false });
    await expect(simulate(a(32), w, { dataflow: 'os' })).resolves.toBeDefined();
    await expect(simulate(a(31), w, { dataflow: 'os' })).rejects.toThrow(/sram\.ifmapKiB: .* less than one slice of 32 words/);
  });

  test("the issue's case: filterKiB 0.001 no longer runs as if it held the whole slice", () => {
    const a = parseArch({ name: 'a', array: { rows: 64, cols: 64 }, sram: { filterKiB: 0.001 } }, 'test');
    // 64 steps × 64 columns = 4096 words per slice, two of them: 8 KiB.
    return simulate(a, w).then(
      () => expect.unreachable(),
      (e: Error) => expect(e.message).toBe(
        'arch a: sram.filterKiB: 0.001 KiB holds 1 word, less than two slices (double buffered: one per half) of 4096 words ' +
          '(OS on 64×64, memory.sliceSteps 64), so the memory system cannot be modelled; give at least 8 KiB, or lower memory.sliceSteps',
      ),
    );
  });

  test('ideal memory and scalesim timing have no native scratchpads to check', async () => {
    const tiny = parseArch({ name: 'a', array: { rows: 8, cols: 16 }, sram: { filterKiB: 0.001 }, memory: { model: 'ideal' } }, 'test');
    await expect(simulate(tiny, w)).resolves.toBeDefined();
  });
});
