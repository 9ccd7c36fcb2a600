// The roofline model on MobileNetV1 layers, numbers worked out by hand from the layer shapes (workloads/mobilenet_v1.yaml)
// and the array-64 preset (64×64 PEs, 10 DRAM words per cycle).
import { describe, expect, test } from 'vitest';
import { MODELS, rooflineTerms } from '../../host/analytic/index.ts';
import { lowerLayer } from '../../host/lower/shape.ts';
import { loadArch, parseArch } from '../../host/spec/arch/arch.ts';
import type { ComputeLayer } from '../../host/spec/types.ts';
import { DATAFLOWS } from '../../mappings/index.ts';
import { network, validated } from './helpers.ts';

const arch = loadArch('array-64');
const mobilenet = network('mobilenet_v1');
const layer = (name: string) => mobilenet.layers.find((l) => l.name === name) as ComputeLayer;
const predict = (name: string, a = arch) => MODELS.roofline(a, layer(name), lowerLayer(layer(name)), DATAFLOWS.os);

describe('roofline model', () => {
  test('pw1 is memory-bound', () => {
    // ifmap 112·112·32 = 401408, filters 1·1·32·64 = 2048, ofmap 112·112·64 = 802816: 1206272 words / 10 = 120627.2.
    // MACs 12544·64·32 = 25690112 / 4096 PEs = 6272 cycles.
    const p = predict('pw1');
    expect(p.cycles).toBeCloseTo(120627.2, 9);
    expect(p.dram).toEqual({ ifmapReads: 401408, filterReads: 2048, ofmapWrites: 802816 });
    expect(p.utilization!.overall).toBeCloseTo(6272 / 120627.2, 12);
    expect(rooflineTerms(arch, layer('pw1'), lowerLayer(layer('pw1'))).bound).toBe('memory');
  });

  test('conv1 counts the unpadded ifmap', () => {
    // ifmap 224·224·3 = 150528 (padding is not stored), filters 3·3·3·32 = 864, ofmap 112·112·32 = 401408.
    expect(predict('conv1').dram).toEqual({ ifmapReads: 150528, filterReads: 864, ofmapWrites: 401408 });
  });

  test('dw1: depthwise filters are 3·3·1 per channel', () => {
    // ifmap 401408, filters 9·32 = 288, ofmap 401408: 803104 / 10 = 80310.4 cycles.
    expect(predict('dw1').cycles).toBeCloseTo(80310.4, 9);
  });

  test('pw13 is compute-bound when DRAM is fast enough', () => {
    // MACs 49·1024·1024 = 51380224 / 4096 = 12544; words 50176 + 1048576 + 50176 = 1148928, / 1000 = 1148.9.
    const fast = parseArch({ array: { rows: 64, cols: 64 }, dram: { bandwidthWordsPerCycle: 1000 } }, 'fast');
    expect(predict('pw13', fast)).toMatchObject({ cycles: 12544, utilization: { overall: 1 } });
    expect(rooflineTerms(fast, layer('pw13'), lowerLayer(layer('pw13'))).bound).toBe('compute');
  });

  test('fc: a gemm moves A, B and C', () => {
    // 1·1024 + 1024·1000 + 1·1000 = 1026024 words.
    expect(predict('fc').dram).toEqual({ ifmapReads: 1024, filterReads: 1024000, ofmapWrites: 1000 });
  });

  test('validated against native timing with ideal memory: cycles and overall utilization only', async () => {
    // pw13 native OS on 64×64 (README closed forms): M = 49 → one row fold (r = 49), N = 1024 → 16 column folds:
    // 16·(1024 + 49 + 64 − 2 + 64) = 19184 cycles. The memory roof (114892.8) is not in a simulation without DRAM,
    // so the model over-predicts; with fast DRAM only the compute roof (12544) is left, a lower bound.
    const only = { name: 'pw13 only', batch: 1, layers: [layer('pw13')] };
    const ideal = { ...arch, memory: { ...arch.memory, model: 'ideal' as const } };
    const slow = await validated('roofline', ideal, only, 'native', 'os');
    expect(Object.keys(slow.layers[0].validation!.metrics)).toEqual(['cycles', 'utilization.overall']);
    expect(slow.layers[0].validation!.metrics.cycles.error).toBeCloseTo((114892.8 - 19184) / 19184, 12);
    const fast = parseArch({ array: { rows: 64, cols: 64 }, dram: { bandwidthWordsPerCycle: 1000 }, memory: { model: 'ideal' } }, 'fast');
    const bound = await validated('roofline', fast, only, 'native', 'os');
    expect(bound.layers[0].validation!.metrics.cycles.error).toBeCloseTo((12544 - 19184) / 19184, 12);
  });

  test('with the memory system simulated, its DRAM words are compared too', async () => {
    // pw13's compulsory words (ifmap 7·7·1024, filters 1024·1024, ofmap 7·7·1024) are what a large enough
    // scratchpad fetches once each; the simulated run on 64 KiB buffers moves at least that much.
    const only = { name: 'pw13 only', batch: 1, layers: [layer('pw13')] };
    const r = await validated('roofline', arch, only, 'native', 'os');
    const m = r.layers[0].validation!.metrics;
    expect(Object.keys(m)).toEqual(['cycles', 'utilization.overall', 'dram.ifmapReads', 'dram.filterReads', 'dram.ofmapWrites']);
    for (const k of ['dram.ifmapReads', 'dram.filterReads', 'dram.ofmapWrites'] as const) expect(m[k].error).toBeLessThanOrEqual(0);
  });
});
