// Batch size (issue 14): a convolution's samples share its filters, so a batch of B stacks in M = B·Eh·Ew; a gemm with
// weights in M = B·m. Oracles, written here independently of host/lower:
// - MACs: B times the batch-1 run's, layer by layer (and MobileNetV1's 569 M per sample, Howard et al. 2017).
// - Cycles with ideal memory, native timing, no fold pipelining or stationary double buffering (the array-64
//   preset's microarch), from the README's per-fold timing table: per GEMM of M×K by K×N on R×C, folds r×c of
//     OS: (Sr, Sc) = (M, N), each fold K + r + c − 2 compute + R drain;
//     WS: (Sr, Sc) = (K, N), T = M; IS: (Sr, Sc) = (K, M), T = N; each fold r load cycles + T + R + c − 2 stream;
//   a layer is its groups one after another (sequential grouping). M is counted by hand from the layer's fields:
//   Eh = floor((H + top + bottom − R_f)/s_h) + 1, likewise Ew.
// - DRAM words with scratchpads that hold everything: each operand word fetched once, so ifmap reads are B·H·W·C
//   (B ifmaps) and filter reads R·S·C·F (one set of filters reused by the whole batch).
// - Values: --verify compares every batched output with the host's reference GEMM over the host's own im2col of
//   each sample (host/lower/im2col.ts), which is independent of the core's batched im2col.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../host/simulate/index.ts';
import { loadArch, parseArch } from '../../host/spec/arch/arch.ts';
import { isComputeLayer, type ArchSpec, type ComputeLayer, type DataflowKind, type Workload } from '../../host/spec/types.ts';
import { loadWorkload, parseWorkload } from '../../host/spec/workload/workload.ts';

const B = 8;
const ideal = (df: DataflowKind): ArchSpec => ({ ...loadArch('array-64'), dataflow: df, memory: { model: 'ideal', sliceSteps: 64 } });
const withBatch = (w: Workload, batch: number): Workload => ({ ...w, batch });

/** The GEMM of one group, by hand: rows M (the batch's output pixels or rows), N, K, and the group count. */
function gemmOf(l: ComputeLayer, batch: number): { M: number; N: number; K: number; groups: number } {
  if (l.kind === 'gemm') return { M: batch * l.m, N: l.n, K: l.k, groups: l.groups };
  const eh = Math.floor((l.ifmap.h + l.padding.top + l.padding.bottom - l.filter.h) / l.stride.h) + 1;
  const ew = Math.floor((l.ifmap.w + l.padding.left + l.padding.right - l.filter.w) / l.stride.w) + 1;
  return { M: batch * eh * ew, N: l.filters / l.groups, K: (l.filter.h * l.filter.w * l.ifmap.c) / l.groups, groups: l.groups };
}

/** Used rows and columns of every fold of an Sr × Sc space on R × C. */
function folds(Sr: number, Sc: number, R: number, C: number): { r: number; c: number }[] {
  const out = [];
  for (let c0 = 0; c0 < Sc; c0 += C) for (let r0 = 0; r0 < Sr; r0 += R) out.push({ r: Math.min(R, Sr - r0), c: Math.min(C, Sc - c0) });
  return out;
}

/** Cycles of one layer by the README's per-fold table (serial folds, no double buffering). */
function closedFormCycles(df: DataflowKind, g: { M: number; N: number; K: number; groups: number }, R: number, C: number): number {
  let one: number;
  if (df === 'os') one = folds(g.M, g.N, R, C).reduce((a, f) => a + g.K + f.r + f.c - 2 + R, 0);
  else {
    const [Sc, T] = df === 'ws' ? [g.N, g.M] : [g.M, g.N];
    one = folds(g.K, Sc, R, C).reduce((a, f) => a + f.r + T + R + f.c - 2, 0);
  }
  return g.groups * one;
}

describe('batch: MobileNetV1 at batch 8, ideal memory', () => {
  const net = loadWorkload('mobilenet_v1');
  const layers = net.layers.filter(isComputeLayer);

  it('OS: 8× the MACs of batch 1 layer by layer, and every layer\'s cycles equal the closed form', async () => {
    const arch = ideal('os');
    const [one, eight] = [await simulate(arch, net), await simulate(arch, withBatch(net, B))];
    expect(eight.workload).toEqual({ name: 'mobilenet_v1', batch: 8 });
    expect(eight.layers.map((l) => l.macs)).toEqual(one.layers.map((l) => B * l.macs));
    expect(eight.totals.macs).toBe(B * one.totals.macs);
    expect(Math.round(eight.totals.macs / B / 1e6)).toBe(569);
    expect(eight.layers.map((l) => l.cycles.total)).toEqual(layers.map((l) => closedFormCycles('os', gemmOf(l, B), 64, 64)));
    expect(eight.layers.every((l) => l.cycles.stall === 0)).toBe(true);
  });

  it.each(['ws', 'is'] as const)('%s: every layer\'s cycles equal the closed form (one layer of each shape class)', async (df) => {
    // The stem, a depthwise, a pointwise, the last depthwise and the FC: every lowering path, at a fraction of the
    // whole network's run time.
    const names = ['conv1', 'dw2', 'pw2', 'dw13', 'fc'];
    const some: Workload = { ...net, batch: B, layers: net.layers.filter((l) => names.includes(l.name)).map((l) => ({ ...l, inputs: [] })) };
    const r = await simulate(ideal(df), some);
    expect(r.layers.map((l) => l.name)).toEqual(names);
    const expected = some.layers.filter(isComputeLayer).map((l) => closedFormCycles(df, gemmOf(l, B), 64, 64));
    expect(r.layers.map((l) => l.cycles.total)).toEqual(expected);
  });
});

describe('batch: values and memory', () => {
  it('batched convolutions (padding, stride, depthwise, packed) and gemms compute the right values', async () => {
    const w = parseWorkload(
      {
        batch: 3,
        layers: [
          { name: 'c', kind: 'conv', ifmap: { h: 9, w: 7, c: 3 }, kernel: 3, filters: 5, stride: 2, padding: 1 },
          { name: 'd', kind: 'dwconv', ifmap: { h: 5, w: 4, c: 5 }, kernel: 3, padding: { top: 1, bottom: 0, left: 1, right: 1 } },
          { name: 'f', kind: 'gemm', m: 2, n: 6, k: 100, inputs: [] },
          { name: 'qk', kind: 'gemm', m: 4, n: 4, k: 8, groups: 2, inputs: ['f', 'f'] },
        ],
      },
      'batch.yaml',
    );
    for (const df of ['os', 'ws', 'is'] as const) {
      for (const grouping of ['sequential', 'packed'] as const) {
        const arch = parseArch({ array: { rows: 8, cols: 8 }, dataflow: df }, 'a.yaml');
        const r = await simulate(arch, w, { verify: true, grouping });
        expect(r.layers.map((l) => [l.name, l.verified])).toEqual([['c', true], ['d', true], ['f', true], ['qk', true]]);
        // c: Eh = floor((9 + 2 − 3)/2) + 1 = 5, Ew = floor((7 + 2 − 3)/2) + 1 = 4, M = 3·5·4 = 60; d: Eh =
        // (5 + 1 − 3) + 1 = 4, Ew = (4 + 2 − 3) + 1 = 4, M = 3·4·4 = 48; f: 3·2 = 6 rows; the activation gemm qk
        // has a B operand per sample: 3·2 = 6 groups of 4 rows.
        expect(r.layers.map((l) => [l.gemm.M, l.gemm.groups])).toEqual([[60, 1], [48, 5], [6, 1], [4, 6]]);
      }
    }
  });

  it('with scratchpads that hold everything, the filters are fetched once for the whole batch', async () => {
    // res3a_branch2b of ResNet-50: 56×56×128 input, 3×3×128 filters, 128 of them (README's memory-system example).
    const layer = loadWorkload('resnet50').layers.find((l) => l.name === 'res3a_branch2b')!;
    const arch = { ...loadArch('array-64'), sram: { ...loadArch('array-64').sram, ifmapKiB: 2048, filterKiB: 2048, ofmapKiB: 2048 } };
    const r = await simulate(arch, { name: 'one', batch: 4, layers: [{ ...layer, inputs: [] }] });
    expect(r.layers[0].dram!.ifmapReads).toBe(4 * 56 * 56 * 128);
    expect(r.layers[0].dram!.filterReads).toBe(3 * 3 * 128 * 128);
    expect(r.layers[0].dram!.ofmapWrites).toBe(4 * 28 * 28 * 128);
  });

  it('--timing scalesim refuses a batch (SCALE-Sim has none), naming it', async () => {
    const w = parseWorkload({ batch: 2, layers: [{ name: 'c', kind: 'conv', ifmap: { h: 4, w: 4, c: 1 }, kernel: 3, filters: 1 }] }, 'w.yaml');
    const e = await simulate(loadArch('array-64'), w, { timing: 'scalesim' }).catch((err: Error) => err);
    expect((e as Error).message).toBe(
      'workload w: batch 2 under --timing scalesim: SCALE-Sim has no batch, so there are no SCALE-Sim figures to reproduce; use --timing native for batches, or batch 1',
    );
  });
});
