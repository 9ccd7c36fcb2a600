// `--workload model.onnx` on run and graph (and --input-shape for a dynamic batch), through the built CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli, assertBuilt } from '../cli/run-cli.ts';
import { expectBadCli } from '../helpers/bad-input.ts';
import { checkEdgeShapes } from '../../host/spec/workload/workload-graph.ts';
import { parseWorkload } from '../../host/spec/workload/workload.ts';
import { mobilenetV1, transformerBlock } from './models.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-onnx-cli-'));

describe('systole run / graph --workload model.onnx', () => {
  beforeAll(() => {
    assertBuilt();
    mobilenetV1().write(dir, 'mobilenet.onnx');
    mobilenetV1('batch').write(dir, 'mobilenet_dynamic.onnx');
    transformerBlock().write(dir, 'encoder.onnx');
  });

  test('run --layer picks imported layers; their cycles are the preset\'s', async () => {
    const layers = ['--layer', 'conv1,dw2,pw13,fc'];
    const onnx = await runCli(['run', '--workload', 'mobilenet.onnx', ...layers, '--json'], dir);
    const yaml = await runCli(['run', '--workload', 'mobilenet_v1', ...layers, '--json'], dir);
    expect(onnx.code, onnx.stderr).toBe(0);
    const rows = (out: string) => (JSON.parse(out) as { layers: { name: string; cycles: unknown }[] }).layers.map((l) => [l.name, l.cycles]);
    expect(rows(onnx.stdout)).toEqual(rows(yaml.stdout));
    expect(rows(onnx.stdout)).toHaveLength(4);
  });

  test('--input-shape sets the batch: pw13 at batch 8 does 8 × 7·7·1024·1024 = 411,041,792 MACs', async () => {
    const out = await runCli(['run', '--workload', 'mobilenet_dynamic.onnx', '--input-shape', 'input=8x3x224x224', '--layer', 'pw13', '--json'], dir);
    expect(out.code, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout) as { layers: { name: string; macs: number }[] };
    expect(report.layers.map((l) => [l.name, l.macs])).toEqual([['pw13', 8 * 7 * 7 * 1024 * 1024]]);
  });

  test('a dynamic batch needs --input-shape; with it, graph converts the model (batch 1 and batch 2 alike per sample)', async () => {
    const line = await expectBadCli(['graph', '--workload', 'mobilenet_dynamic.onnx'], { cwd: dir });
    expect(line).toMatch(/dimension 0 is symbolic \('batch'\)/);
    const one = await runCli(['graph', '--workload', 'mobilenet_dynamic.onnx', '--input-shape', 'input=1x3x224x224'], dir);
    const fixed = await runCli(['graph', '--workload', 'mobilenet.onnx'], dir);
    expect(one.code, one.stderr).toBe(0);
    const ops = (out: string) => (JSON.parse(out) as { ops: { name: string }[] }).ops.map((o) => o.name);
    expect(ops(one.stdout)).toEqual(ops(fixed.stdout));
    expect(ops(one.stdout)).toContain('avgpool');
  });

  test('graph converts the transformer block: P·V reads every head\'s softmax rows as its grouped A operand', async () => {
    const out = await runCli(['graph', '--workload', 'encoder.onnx'], dir);
    expect(out.code, out.stderr).toBe(0);
    const graph = JSON.parse(out.stdout) as { ops: { name: string; inputs: string[] }[] };
    expect(graph.ops.find((o) => o.name === 'pv')!.inputs).toEqual(expect.arrayContaining(['softmax', 'v_proj.bias_add']));
  });
});

describe('edge shapes: a gemm reading a rows × columns producer', () => {
  const workload = (pvK: number) =>
    parseWorkload({
      layers: [
        { name: 'qk', kind: 'gemm', m: 8, n: 8, k: 4, groups: 2, inputs: [] },
        { name: 'sm', kind: 'softmax', length: 8, rows: 16 },
        { name: 'pv', kind: 'gemm', m: 8, n: 4, k: pvK, groups: 2, inputs: ['sm'] },
      ],
    }, 'w.yaml');
  const at = (i: number, key: string) => `layers[${i}].${key}`;

  test('the same element count split into groups of m × k is accepted (2 heads × 8 rows × 8 keys)', () => {
    expect(() => checkEdgeShapes(workload(8).layers, at)).not.toThrow();
  });

  test('another element count is refused', () => {
    expect(() => checkEdgeShapes(workload(16).layers, at)).toThrow(/layers\[2\]\.inputs\[0\]: 'sm' outputs 16×1×8, but gemm 'pv' reads it as 8×32/);
  });
});
