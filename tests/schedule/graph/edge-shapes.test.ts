// Every edge of a workload turned into a graph is shape-checked: a layer whose declared input does not match its
// producer's output would get tensors of the wrong size (and the scheduler would under- or over-count traffic).
// Shapes below are worked by hand: a 3×3 conv, stride 1, padding 1 on 8×8×3 with 16 filters outputs 8×8×16.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../host/errors.ts';
import { workloadGraph } from '../../../host/schedule/graph/workload-source.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-edges-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const first = "  - { name: a, kind: conv, ifmap: { h: 8, w: 8, c: 3 }, kernel: 3, filters: 16, padding: 1 }\n";
const graphOf = (name: string, layers: string) => {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, `name: ${name}\nlayers:\n${first}${layers}`);
  return () => workloadGraph({ workload: file, precision: 'int8', tileBytes: null, arch: null });
};

describe('edge shapes of a workload graph', () => {
  it('accepts matching shapes, an even down-sampling (a pooling step left out) and a global pool before a gemm', () => {
    const g = graphOf(
      'ok',
      '  - { name: b, kind: conv, ifmap: { h: 8, w: 8, c: 16 }, kernel: 1, filters: 16 }\n' +
        '  - { name: c, kind: dwconv, ifmap: { h: 4, w: 4, c: 16 }, kernel: 1 }\n' +
        '  - { name: fc, kind: gemm, m: 1, n: 10, k: 16 }\n',
    )();
    // b reads a's whole 8×8×16 output: 1,024 B at int8.
    expect(g.tensors.a.bytes).toBe(1024);
    expect(g.ops.find((o) => o.name === 'b')!.inputs).toEqual(['a', 'b:w']);
  });

  const cases: Array<[string, string, RegExp]> = [
    ['a conv declaring other channels', '  - { name: b, kind: conv, ifmap: { h: 8, w: 8, c: 8 }, kernel: 1, filters: 4 }\n', /layers\[1\] \(b\)\.inputs\[0\]: 'a' outputs 8×8×16, but 'b' declares its input \(ifmap\) as 8×8×8 \(channels must match\)/],
    ['a conv declaring a size that does not divide the producer\'s', '  - { name: b, kind: conv, ifmap: { h: 6, w: 6, c: 16 }, kernel: 1, filters: 4 }\n', /'a' outputs 8×8×16, but 'b' declares its input \(ifmap\) as 6×6×16 \(height and width must equal/],
    ['a conv declaring a larger input', '  - { name: b, kind: conv, ifmap: { h: 16, w: 16, c: 16 }, kernel: 1, filters: 4 }\n', /'a' outputs 8×8×16, but 'b' declares its input \(ifmap\) as 16×16×16/],
    ['a gemm whose k is not the producer\'s channels', '  - { name: fc, kind: gemm, m: 64, n: 10, k: 32 }\n', /'a' outputs 8×8×16, but gemm 'fc' reads it as 64×32 \(its k·groups = 32 must equal the producer's channels\)/],
    ['a gemm whose m does not divide the positions', '  - { name: fc, kind: gemm, m: 5, n: 10, k: 16 }\n', /its m = 5 rows must equal or divide the producer's 64 positions/],
    ['a gemm B operand of another size', '  - { name: q, kind: gemm, m: 64, n: 16, k: 16, inputs: [a] }\n  - { name: s, kind: gemm, m: 64, n: 32, k: 16, inputs: [q, a] }\n', /layers\[2\] \(s\)\.inputs\[1\]: 'a' outputs 8×8×16 \(1024 elements\), but gemm 's' reads it as its B operand of k·n·groups = 512 elements/],
  ];
  cases.forEach(([what, layers, message], i) => {
    it(`refuses ${what}, naming both layers and the shapes`, () => {
      const run = graphOf(`bad${i}`, layers);
      expect(run).toThrow(InputError);
      expect(run).toThrow(message);
    });
  });
});
