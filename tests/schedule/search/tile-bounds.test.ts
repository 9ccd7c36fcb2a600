// Bounds of the tiling: a tile budget below what one op needs is refused with the smallest workable budget, the
// smallest budget itself works, `schedule --workload` raises its automatic budget to it (or refuses a scratchpad
// that cannot hold it), and the band arithmetic the fitting loop uses agrees with the bands the graph is cut into.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../host/errors.ts';
import { graphFromWorkload, smallestTileBytes } from '../../../host/schedule/graph/from-workload.ts';
import { bandOf, bands } from '../../../host/schedule/graph/tile-fit.ts';
import { workloadGraph } from '../../../host/schedule/graph/workload-source.ts';
import { loadWorkload } from '../../../host/spec/workload/workload.ts';

// MobileNetV1's fc (1024 → 1000) reads pw13's whole 7×7×1024 output (the global average pool between them is not a
// layer), so even one output channel of it needs 7·7·1024 = 50,176 input bytes + 1,024 weight bytes + 1 output
// byte = 51,201 B at int8. ResNet-50's fc1000 reads its global average pool (1×1×2048: 2,048 + 2,048 + 1), so its
// largest op is res5a_branch2b (3×3, stride 2, 512 → 512 channels on 14×14): one output row of one channel reads 3
// input rows of 14×512 and 3·3·512 weights and writes 7 outputs: 21,504 + 4,608 + 7 = 26,119 B.
const MOBILENET_LEAST = 7 * 7 * 1024 + 1024 + 1;
const RESNET_LEAST = 3 * 14 * 512 + 3 * 3 * 512 + 7;

const workingSet = (g: ReturnType<typeof graphFromWorkload>, name: string) => {
  const o = g.ops.find((x) => x.name === name)!;
  return [...o.inputs, ...o.outputs].reduce((s, t) => s + g.tensors[t].bytes, 0);
};

describe('tile budget bounds', () => {
  it('the smallest workable budget, derived by hand for the FC layers', () => {
    expect(smallestTileBytes(loadWorkload('mobilenet_v1'), 'int8')).toEqual({ bytes: MOBILENET_LEAST, layer: 'fc' });
    expect(smallestTileBytes(loadWorkload('resnet50'), 'int8')).toEqual({ bytes: RESNET_LEAST, layer: 'res5a_branch2b' });
    // int16: two bytes per element.
    expect(smallestTileBytes(loadWorkload('mobilenet_v1'), 'int16').bytes).toBe(2 * MOBILENET_LEAST);
  });

  it('--tile-bytes below it is refused naming the layer and the smallest budget, at once (also for 1 byte)', () => {
    for (const tileBytes of [1, 4096, MOBILENET_LEAST - 1]) {
      const run = () => workloadGraph({ workload: 'mobilenet_v1', precision: 'int8', tileBytes, arch: null });
      expect(run).toThrow(InputError);
      expect(run).toThrow(new RegExp(`--tile-bytes ${tileBytes}.*layer 'fc'.*needs ${MOBILENET_LEAST} B.*give --tile-bytes ${MOBILENET_LEAST} or more`));
    }
  });

  it('at the smallest budget every op fits it, and fc is one op per output channel', () => {
    const g = workloadGraph({ workload: 'mobilenet_v1', precision: 'int8', tileBytes: MOBILENET_LEAST, arch: null });
    for (const o of g.ops) expect(workingSet(g, o.name), o.name).toBeLessThanOrEqual(MOBILENET_LEAST);
    expect(g.ops.filter((o) => o.name.startsWith('fc#'))).toHaveLength(1000);
    expect(workingSet(g, 'fc#0.0')).toBe(MOBILENET_LEAST);
  });

  it("'auto' raises 2/3 of the scratchpad to the smallest budget when the scratchpad holds it, else refuses", () => {
    const g = workloadGraph({ workload: 'mobilenet_v1', precision: 'int8', tileBytes: 'auto', scratchpadBytes: 64 * 1024, arch: null });
    expect(Math.max(...g.ops.map((o) => workingSet(g, o.name)))).toBeLessThanOrEqual(64 * 1024);
    const small = () => workloadGraph({ workload: 'mobilenet_v1', precision: 'int8', tileBytes: 'auto', scratchpadBytes: 32 * 1024, arch: null });
    expect(small).toThrow(InputError);
    expect(small).toThrow(new RegExp(`--scratchpad 32 KiB: too small: layer 'fc'.*give --scratchpad ${MOBILENET_LEAST} or more`));
  });

  it('bandOf(n, k, x) names the band of bands(n, k) holding x', () => {
    for (let n = 1; n <= 40; n++) {
      for (let k = 1; k <= n; k++) {
        bands(n, k).forEach(([s, e], i) => {
          for (let x = s; x < e; x++) expect(bandOf(n, k, x)).toBe(i);
        });
      }
    }
  });
});

describe('tile graph size bound', () => {
  it('a budget that would split BERT into millions of operand tiles is refused, not built', () => {
    // The 12-head score and context GEMMs read every channel band of their producer: at 100 kB per op the tiles
    // would read over 10^8 producer tiles.
    const run = () => workloadGraph({ workload: 'bert_base_encoder', precision: 'int8', tileBytes: 100_000, arch: null });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/--tile-bytes 100000 B: splits bert_base_encoder so finely .* more than 2000000 producer tiles/);
  });
});
