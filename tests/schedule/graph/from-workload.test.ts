// Workload → graph: tensor sizes from shapes and precision (hand-computed from the layer tables), operands of
// residual adds and activation × activation GEMMs, and tiling that keeps the totals and the data dependencies.
import { describe, expect, it } from 'vitest';
import { graphFromWorkload } from '../../../host/schedule/graph/from-workload.ts';
import { validateGraph } from '../../../host/schedule/graph/spec.ts';
import { prepare } from '../../../host/schedule/graph/prepared.ts';
import type { Graph } from '../../../host/schedule/types.ts';
import { loadWorkload } from '../../../host/spec/workload/workload.ts';

const sumKind = (g: Graph, kind: string) => Object.values(g.tensors).filter((t) => t.kind === kind).reduce((s, t) => s + t.bytes, 0);
const op = (g: Graph, name: string) => g.ops.find((o) => o.name === name)!;

describe('untiled graphs', () => {
  it('MobileNetV1 int8: conv1 writes 112×112×32 and reads 3×3×3×32 weights; the network input is 224×224×3', () => {
    const g = graphFromWorkload(loadWorkload('mobilenet_v1'));
    validateGraph(g, 'mobilenet_v1');
    expect(g.tensors.conv1.bytes).toBe(112 * 112 * 32);
    expect(g.tensors['conv1:w'].bytes).toBe(3 * 3 * 3 * 32);
    expect(g.tensors['dw1:w'].bytes).toBe(3 * 3 * 32);
    expect(g.tensors.input).toEqual({ bytes: 224 * 224 * 3, kind: 'input' });
    expect(op(g, 'fc').inputs).toEqual(['pw13', 'fc:w']);
    expect(g.tensors.fc).toEqual({ bytes: 1000, kind: 'output' });
    // Keras MobileNet(alpha=1, 224): 4,231,976 trainable parameters = conv/fc weights + 1,000 fc biases +
    // 21,888 batch-norm gammas and betas, so the weights alone are 4,209,088.
    expect(sumKind(g, 'weight')).toBe(4_209_088);
  });

  it('ResNet-50: residual adds read both operands; weights total 25,502,912', () => {
    const g = graphFromWorkload(loadWorkload('resnet50'));
    validateGraph(g, 'resnet50');
    expect(op(g, 'res2a').inputs).toEqual(['res2a_branch2c', 'res2a_branch1']);
    expect(op(g, 'res2b').inputs).toEqual(['res2b_branch2c', 'res2a']);
    expect(g.tensors.res2a.bytes).toBe(56 * 56 * 256);
    // torchvision resnet50 has 25,557,032 parameters: weights + 1,000 fc biases + 53,120 batch-norm gammas/betas.
    expect(sumKind(g, 'weight')).toBe(25_557_032 - 1_000 - 53_120);
  });

  it('BERT-base encoder int16: score and context GEMMs have no weights; the residual reads the layer input', () => {
    const g = graphFromWorkload(loadWorkload('bert_base_encoder'), { precision: 'int16' });
    validateGraph(g, 'bert');
    expect(op(g, 'attn_scores').inputs).toEqual(['q_proj', 'k_proj']);
    expect(g.tensors.attn_scores.bytes).toBe(512 * 512 * 12 * 2);
    expect(op(g, 'attn_context').inputs).toEqual(['attn_scores', 'v_proj']);
    expect(op(g, 'attn_residual').inputs).toEqual(['out_proj', 'input']);
    expect(op(g, 'q_proj').inputs).toEqual(['input', 'q_proj:w']);
    expect(g.tensors.input.bytes).toBe(512 * 768 * 2);
    // 4 projections of 768×768 and the FFN's 768×3072 and 3072×768, at 2 bytes.
    expect(sumKind(g, 'weight')).toBe((4 * 768 * 768 + 2 * 768 * 3072) * 2);
    expect(Object.entries(g.tensors).filter(([, t]) => t.kind === 'output').map(([n]) => n)).toEqual(['ffn_residual']);
  });

  it('int4 halves int8 sizes (rounded up per tensor)', () => {
    const g = graphFromWorkload(loadWorkload('mobilenet_v1'), { precision: 'int4' });
    expect(g.tensors['conv1:w'].bytes).toBe(432);
    expect(g.tensors.fc.bytes).toBe(500);
  });
});

describe('tiled graphs', () => {
  for (const workload of ['mobilenet_v1', 'resnet50', 'bert_base_encoder']) {
    for (const tileBytes of [256 * 1024, 1024 * 1024]) {
      it(`${workload} tiled to ${tileBytes / 1024} KiB: same compulsory bytes, every op within the budget`, () => {
        const w = loadWorkload(workload);
        const whole = graphFromWorkload(w);
        const tiled = graphFromWorkload(w, { tileBytes });
        validateGraph(tiled, workload);
        expect(prepare(tiled).compulsory).toBe(prepare(whole).compulsory);
        expect(sumKind(tiled, 'intermediate')).toBe(sumKind(whole, 'intermediate'));
        for (const o of tiled.ops) {
          const ws = [...o.inputs, ...o.outputs].reduce((s, t) => s + tiled.tensors[t].bytes, 0);
          expect(ws, o.name).toBeLessThanOrEqual(tileBytes);
        }
      });
    }
  }

  it('a 3×3 stride-1 tile reads the producer bands covering its rows plus one halo row each side', () => {
    const g = graphFromWorkload(loadWorkload('mobilenet_v1'), { tileBytes: 256 * 1024 });
    const bandsOf = (layer: string) => g.ops.filter((o) => o.name.startsWith(`${layer}#`) && o.name.endsWith('.0')).length;
    const n = bandsOf('dw1');
    expect(n).toBeGreaterThan(2);
    expect(bandsOf('conv1')).toBe(n); // same resolution, aligned bands
    // dw1 band 1 covers output rows [floor(112/n), floor(224/n)); with padding 1 it reads rows one above and one
    // below, i.e. conv1 bands 0, 1 and 2.
    expect(op(g, 'dw1#1.0').inputs).toEqual(['conv1#0.0', 'conv1#1.0', 'conv1#2.0', 'dw1:w']);
    expect(op(g, 'dw1#0.0').inputs).toEqual(['conv1#0.0', 'conv1#1.0', 'dw1:w']);
  });

  it('splits cycles across tiles by output share', () => {
    const w = loadWorkload('mobilenet_v1');
    const g = graphFromWorkload(w, { tileBytes: 256 * 1024, cycles: (l) => (l.name === 'conv1' ? 1000 : 0) });
    const conv1 = g.ops.filter((o) => o.name.startsWith('conv1#'));
    const total = conv1.reduce((s, o) => s + o.cycles!, 0);
    expect(Math.abs(total - 1000)).toBeLessThanOrEqual(conv1.length);
  });
});
