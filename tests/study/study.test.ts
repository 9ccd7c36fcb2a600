// The depthwise and E2GC studies on small inputs: every layer appears under every dataflow and both strategies,
// SCALE-Sim's dense encoding keeps the MACs of the depthwise layer it stands for (C channels × 1 filter ×
// R·S taps per output pixel, counted here by hand), packing never costs more cycles with serialised folds, and
// the E2GC layers have the group counts the two policies prescribe.
import { describe, expect, test } from 'vitest';
import { createEmitter } from '../../host/events.ts';
import { parseArch } from '../../host/spec/arch/arch.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';
import { denseEncoding, depthwiseStudy } from '../../host/study/depthwise.ts';
import { e2gcLayer } from '../../host/study/e2gc.ts';
import { renderDepthwiseStudy } from '../../host/study/render.ts';
import type { ConvLayer } from '../../host/spec/types.ts';

const arch = parseArch({ name: 'a16', array: { rows: 16, cols: 16 } }, 'test');
const workload = parseWorkload(
  {
    name: 'tiny-separable',
    layers: [
      { name: 'dw', kind: 'dwconv', ifmap: { h: 10, w: 10, c: 6 }, kernel: 3, padding: 1 },
      { name: 'pw', kind: 'conv', ifmap: { h: 10, w: 10, c: 6 }, kernel: 1, filters: 8 },
    ],
  },
  'test',
);

describe('depthwise study', () => {
  test('reports progress: one step per simulation, 3 dataflows × (2 strategies + the dense encoding)', async () => {
    const emitter = createEmitter();
    const steps: [number, number][] = [];
    const names: string[] = [];
    emitter.on('progress', ({ done, total }) => steps.push([done, total]));
    emitter.on('layer:start', ({ name }) => names.push(name));
    await depthwiseStudy(arch, workload, 'native', emitter);
    expect(steps.at(-1)).toEqual([9, 9]);
    expect(steps.every(([d], i) => i === 0 || d >= steps[i - 1][0])).toBe(true);
    expect(names).toEqual(['os', 'ws', 'is'].flatMap((df) => [`${df} sequential`, `${df} packed`, `${df} dense`]));
  });

  test('covers every layer, dataflow and strategy; dense encoding only for depthwise layers', async () => {
    const s = await depthwiseStudy(arch, workload);
    expect(s.rows.map((r) => r.layer)).toEqual(['dw', 'pw']);
    // dw: 10·10 pixels × 6 channels × 9 taps; pw: 10·10 × 8 × 6.
    expect(s.rows.map((r) => r.macs)).toEqual([5400, 4800]);
    for (const df of ['os', 'ws', 'is'] as const) {
      const dw = s.rows[0].runs[df];
      expect(dw.dense).not.toBeNull();
      expect(s.rows[1].runs[df].dense).toBeNull();
      expect(dw.packed!.cycles).toBeLessThanOrEqual(dw.sequential.cycles);
    }
    // WS on 16×16: a channel's block is 9 rows × 1 column, so a fold holds floor(16 / 9) = 1: no packing;
    // IS: 9 rows × 100 pixel columns: none either; OS: 100 pixel rows: none.
    expect(s.rows[0].runs.ws.packed!.groupsPerFold).toBe(1);
    const text = renderDepthwiseStudy(s);
    for (const df of ['os', 'ws', 'is']) expect(text).toContain(`dataflow ${df}`);
  });

  test('packing pays off where a channel block fits the array several times (WS, 32×32: 3 channels per fold)', async () => {
    const big = parseArch({ name: 'a32', array: { rows: 32, cols: 32 } }, 'test');
    const s = await depthwiseStudy(big, workload);
    const ws = s.rows[0].runs.ws;
    expect(ws.packed!.groupsPerFold).toBe(3); // floor(32 / 9)
    expect(ws.packed!.cycles).toBeLessThan(ws.sequential.cycles);
  });

  test('under --timing scalesim: no packed runs (SCALE-Sim cannot pack), sequential cycles as SCALE-Sim counts them', async () => {
    const big = parseArch({ name: 'a32', array: { rows: 32, cols: 32 } }, 'test');
    const emitter = createEmitter();
    const names: string[] = [];
    emitter.on('layer:start', ({ name }) => names.push(name));
    const s = await depthwiseStudy(big, workload, 'scalesim', emitter);
    expect(names).toEqual(['os', 'ws', 'is'].flatMap((df) => [`${df} sequential`, `${df} dense`]));
    for (const df of ['os', 'ws', 'is'] as const) expect(s.rows.every((r) => r.runs[df].packed === null)).toBe(true);
    // pw on 32×32 OS, DESIGN.md's SCALE-Sim closed form: M_e = 100 pixels, N = 8, K = 6; Fr = ceil(100/32) = 4,
    // Fc = 1, L = K + R + C − 2 = 6 + 32 + 32 − 2 = 68; total = Fr·Fc·L − 1 = 271.
    expect(s.rows[1].runs.os.sequential.cycles).toBe(271);
    const text = renderDepthwiseStudy(s);
    expect(text).toContain('n/a under --timing scalesim');
  });

  test('the dense encoding has the MACs of the depthwise layer', () => {
    const dw = workload.layers[0] as ConvLayer;
    const d = denseEncoding(dw);
    expect(d.filters * d.filter.h * d.filter.w * d.ifmap.c).toBe(dw.filters * dw.filter.h * dw.filter.w * (dw.ifmap.c / dw.groups));
  });
});

describe('E2GC layers', () => {
  test('constant count keeps 32 groups; constant size keeps 4 channels per group (ResNeXt-50 32×4d widths)', () => {
    const widths = [128, 256, 512, 1024];
    widths.forEach((c, stage) => {
      expect(e2gcLayer(stage, 'constant-count').groups).toBe(32);
      expect(e2gcLayer(stage, 'constant-size').groups).toBe(c / 4);
      expect(e2gcLayer(stage, 'constant-size').ifmap.c).toBe(c);
    });
  });
});
