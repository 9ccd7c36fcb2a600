// archs/example.yaml and workloads/example.yaml, the commented examples the README's Specs section points to: they
// load, they write out every key the schemas know (so they stay complete as keys are added), and they run.
import { describe, expect, it } from 'vitest';
import { loadArch } from '../../host/spec/arch/arch.ts';
import { parseDataText, readText } from '../../host/spec/text/files.ts';
import { LAYER_SCHEMAS, workloadSchema } from '../../host/spec/workload/workload-schema.ts';
import { loadWorkload } from '../../host/spec/workload/workload.ts';
import { simulate } from '../../host/simulate/index.ts';
import { isComputeLayer } from '../../host/spec/types.ts';

const raw = (file: string) => parseDataText(readText(file), file) as Record<string, unknown>;

/** Every key path of a parsed YAML document, e.g. sram.ifmapKiB (list items share their list's path). */
function keyPaths(v: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(v)) for (const item of v) for (const k of keyPaths(item, prefix)) out.add(k);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, child] of Object.entries(v)) {
      const p = prefix === '' ? k : `${prefix}.${k}`;
      out.add(p);
      for (const c of keyPaths(child, p)) out.add(c);
    }
  }
  return out;
}

describe('archs/example.yaml', () => {
  it('loads, and writes out every key of the normalised spec', () => {
    const spec = loadArch('archs/example.yaml');
    expect(spec.name).toBe('example');
    const written = keyPaths(raw('archs/example.yaml'));
    // The normalised spec has every key; unifiedKiB (the alternative to ifmapKiB/filterKiB) is a comment.
    const all = [...keyPaths(spec)].filter((k) => k !== 'sram.unifiedKiB');
    expect(all.filter((k) => !written.has(k))).toEqual([]);
  });
});

describe('workloads/example.yaml', () => {
  it('loads, and uses every key of every layer kind and of the file', () => {
    const w = loadWorkload('workloads/example.yaml');
    expect(w.layers.map((l) => l.kind).sort()).toEqual(
      ['activation', 'conv', 'conv', 'dwconv', 'eltwise', 'eltwise', 'gconv', 'gemm', 'layernorm', 'pool', 'softmax'],
    );
    const doc = raw('workloads/example.yaml');
    const written = keyPaths(doc);
    const top = Object.keys(workloadSchema.shape);
    const defaults = Object.keys(workloadSchema.shape.defaults.unwrap().shape).map((k) => `defaults.${k}`);
    const layerKeys = Object.values(LAYER_SCHEMAS).flatMap((s) => Object.keys(s.shape)).map((k) => `layers.${k}`);
    expect([...top, ...defaults, ...layerKeys].filter((k) => !written.has(k))).toEqual([]);
  });

  it('runs on the example arch', async () => {
    const w = loadWorkload('workloads/example.yaml');
    const report = await simulate(loadArch('archs/example.yaml'), w, { verify: true });
    // The array's layers are verified against a reference GEMM; the vector unit computes no values (null).
    expect(report.layers.map((l) => [l.name, l.verified])).toEqual(w.layers.map((l) => [l.name, isComputeLayer(l) ? true : null]));
  });
});
