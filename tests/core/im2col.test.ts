// The core's im2col unit (assembly/memory/addresses.ts, gatherIm2col) against the host's independent im2col
// (host/lower/im2col.ts) and a reference GEMM: --verify on random convolutions — strides, asymmetric padding,
// grouped and depthwise — must pass on every dataflow.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';

test('random convolutions verify layer by layer through the core im2col', async () => {
  const arch = parseArch({ name: 't', array: { rows: 8, cols: 8 }, memory: { model: 'ideal' } }, 'test');
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        h: fc.integer({ min: 1, max: 11 }),
        w: fc.integer({ min: 1, max: 11 }),
        groups: fc.integer({ min: 1, max: 3 }),
        cPerGroup: fc.integer({ min: 1, max: 4 }),
        fPerGroup: fc.integer({ min: 1, max: 4 }),
        kh: fc.integer({ min: 1, max: 3 }),
        kw: fc.integer({ min: 1, max: 3 }),
        sh: fc.integer({ min: 1, max: 3 }),
        sw: fc.integer({ min: 1, max: 3 }),
        pad: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
        df: fc.constantFrom('os' as const, 'ws' as const, 'is' as const),
      }),
      async (p) => {
        const [top, bottom, left, right] = p.pad;
        if (p.h + top + bottom < p.kh || p.w + left + right < p.kw) return; // filter larger than the padded input
        const layer = {
          name: 'l', kind: p.groups > 1 ? 'gconv' : 'conv', ifmap: { h: p.h, w: p.w, c: p.groups * p.cPerGroup },
          filter: { h: p.kh, w: p.kw }, filters: p.groups * p.fPerGroup, stride: { h: p.sh, w: p.sw },
          padding: { top, bottom, left, right }, ...(p.groups > 1 ? { groups: p.groups } : {}),
        };
        const w = parseWorkload({ name: 'w', layers: [layer] }, 'test');
        const r = await simulate(arch, w, { dataflow: p.df, verify: true });
        expect(r.layers[0].verified).toBe(true);
      },
    ),
    { numRuns: 200 },
  );
});
