// `--dump DIR`: every layer's tensors of a spiking run as JSON { shape, layout, data } (host/snn/files/tensor.ts), so the
// run can be checked with any reference. Per layer (file names: the layer's name, characters outside [A-Za-z0-9_.-]
// as '_'):
//   LAYER.weights.json         filters,r,s,c (a gemm: n,k)  — readable back as a run's snn.weights folder
//   LAYER.input-spikes.json    t,h,w,c  (a gemm's input: h = m, w = 1, c = k; a direct-encoded input holds values)
//   LAYER.output-spikes.json   t,h,w,c
//   LAYER.membrane.json        h,w,c    final membrane potentials
// plus manifest.json: { schema: 'systole.snn-dump/1', workload, timesteps, seed, layers: [names in order] }.
// Written through the --out writer: all or nothing.
import { type OutFolderKind, writeOutFolder, assertOutFolder } from '../../report/out.ts';
import { fileStem } from '../inputs.ts';
import type { SnnRun } from '../run.ts';
import { tensorJson } from './tensor.ts';

export const DUMP_SCHEMA = 'systole.snn-dump/1';

const SUFFIXES = ['.weights.json', '.input-spikes.json', '.output-spikes.json', '.membrane.json'];

/** A previous dump: a manifest.json and layer files only. */
export const DUMP_DIR: OutFolderKind = {
  what: 'a Systole spiking-run dump',
  owns: (_dir, entries) => entries.includes('manifest.json') && entries.every((e) => e === 'manifest.json' || SUFFIXES.some((s) => e.endsWith(s))),
};

/** Contract: throws InputError unless `dir` may receive a dump; touches nothing. */
export const assertDumpDir = (dir: string): void => assertOutFolder(dir, DUMP_DIR);

/** Contract: writes the run's tensors into `dir` (all or nothing). */
export function writeDump(run: SnnRun, dir: string): Promise<void> {
  const T = run.spec.timesteps;
  const files: Record<string, () => string> = {
    'manifest.json': () => `${JSON.stringify({ schema: DUMP_SCHEMA, workload: run.workload, timesteps: T, seed: run.seed, layers: run.layers.map((l) => l.plan.layer.name) }, null, 2)}\n`,
  };
  for (const l of run.layers) {
    const { layer, gemm: g, input: i, output: o } = l.plan;
    const stem = fileStem(layer.name);
    const filters = g.N * g.groups;
    const wShape = layer.kind === 'gemm' ? [filters, g.K] : [filters, layer.filter.h, layer.filter.w, g.K / (layer.filter.h * layer.filter.w)];
    const json = (shape: number[], layout: string, data: ArrayLike<number>) => () => JSON.stringify(tensorJson(shape, layout, data));
    files[`${stem}.weights.json`] = json(wShape, layer.kind === 'gemm' ? 'n,k' : 'filters,r,s,c', l.weights);
    files[`${stem}.input-spikes.json`] = json([T, i.h, i.w, i.c], 't,h,w,c', l.input);
    files[`${stem}.output-spikes.json`] = json([T, o.h, o.w, o.c], 't,h,w,c', l.output);
    files[`${stem}.membrane.json`] = json([o.h, o.w, o.c], 'h,w,c', l.membrane);
  }
  return writeOutFolder(dir, files, DUMP_DIR);
}
