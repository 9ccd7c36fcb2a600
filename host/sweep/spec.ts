// The sweep file: one strict schema (YAML or JSON), validated once here. Downstream code sees a SweepSpec only.
//
//   arch: array-64                       # a preset or a file (relative to the sweep file's folder)
//   workloads: [mobilenet_v1]            # presets or files, at least one
//   axes:                                # any arch field by its dotted path (a leaf of the normalised arch)
//     array.rows: [16, 32, 64]
//     array.cols: [16, 32, 64]
//     sram.ifmapKiB: [32, 64, 256]
//     dataflow: [os, ws, is]
//   zip: [[array.rows, array.cols]]      # optional: these axes move together (same length), not crossed
//   where: "array.rows * array.cols <= 4096"   # optional filter over the point's arch fields (where.ts)
//   timing: native                       # native | scalesim (default native)
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { loadArch } from '../spec/arch/arch.ts';
import { extensionOf, parseDataText, readText } from '../spec/text/files.ts';
import { strict } from '../spec/schema-parts.ts';
import { TIMING_MODES, type ArchSpec, type TimingMode, type Workload } from '../spec/types.ts';
import { loadWorkload } from '../spec/workload/workload.ts';
import { expects, toInputError } from '../spec/text/zod-error.ts';
import { leafPaths } from './points.ts';
import { type Expr, parseWhere } from './where.ts';

export type AxisValue = number | string | boolean | null;

/** A validated sweep: the base arch normalised, workloads loaded, axes checked against the arch. */
export interface SweepSpec {
  source: string;
  arch: ArchSpec;
  workloads: Workload[];
  /** Axis path → its values, in file order. */
  axes: [string, AxisValue[]][];
  /** Groups of axis paths that move together. */
  zip: string[][];
  where: { text: string; expr: Expr } | null;
  timing: TimingMode;
}

const nonEmptyString = () => z.string(expects('a non-empty string')).min(1, expects('a non-empty string'));
const scalar = z.union([z.number(), z.string(), z.boolean(), z.null()], expects('a number, string, true/false or null'));

const sweepSchema = strict(
  {
    arch: nonEmptyString(),
    workloads: z.array(nonEmptyString(), expects('a list of workload presets or files')).min(1, expects('a non-empty list of workloads')),
    axes: z.record(z.string(), z.array(scalar, expects('a list of values')).min(1, expects('a non-empty list of values')), expects('a mapping of arch paths to value lists')),
    zip: z.array(z.array(nonEmptyString(), expects('a list of axis paths')).min(2, expects('a list of at least two axis paths')), expects('a list of axis-path lists')).default([]),
    where: nonEmptyString().optional(),
    timing: z.enum(TIMING_MODES).default('native'),
  },
  'a mapping {arch, workloads, axes, zip, where, timing}',
);

/** A file reference of the sweep file, relative to its folder; a preset name (no extension) is kept as is. */
function resolveRef(ref: string, source: string): string {
  if (extensionOf(ref) === '' || isAbsolute(ref)) return ref;
  return join(dirname(source), ref);
}

/** Validate a raw sweep object; `source` names it in errors and anchors relative file references. */
export function parseSweep(raw: unknown, source: string): SweepSpec {
  const result = sweepSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw toInputError(result.error, source, raw);
  const s = result.data;
  const arch = loadArch(resolveRef(s.arch, source));
  const workloads = s.workloads.map((w) => loadWorkload(resolveRef(w, source)));
  const names = workloads.map((w) => w.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new InputError(`${source}: workloads`, `workload ${dup} is listed twice`, 'list each workload once');

  const leaves = leafPaths(arch as unknown as Record<string, unknown>);
  const axes = Object.entries(s.axes);
  if (axes.length === 0) throw new InputError(`${source}: axes`, 'is empty', 'give at least one axis, e.g. array.rows: [32, 64]');
  for (const [path, values] of axes) {
    if (!leaves.includes(path)) {
      throw new InputError(`${source}: axes.${path}`, `not a field of the arch (${arch.name})`, `use a dotted path of one of ${leaves.join(', ')}`);
    }
    const dupValue = values.find((v, i) => values.indexOf(v) !== i);
    if (dupValue !== undefined) throw new InputError(`${source}: axes.${path}`, `value ${JSON.stringify(dupValue)} is listed twice`, 'list each value once');
  }

  const zipped = new Set<string>();
  s.zip.forEach((group, g) => {
    for (const path of group) {
      const axis = axes.find(([p]) => p === path);
      if (axis === undefined) throw new InputError(`${source}: zip[${g}]`, `${path} is not an axis`, `zip paths listed under axes (${axes.map(([p]) => p).join(', ')})`);
      if (zipped.has(path)) throw new InputError(`${source}: zip[${g}]`, `${path} is zipped twice`, 'put each axis in at most one zip group');
      zipped.add(path);
      const first = axes.find(([p]) => p === group[0])![1];
      if (axis[1].length !== first.length) {
        throw new InputError(`${source}: zip[${g}]`, `${group[0]} has ${first.length} values but ${path} has ${axis[1].length}`, 'give zipped axes the same number of values');
      }
    }
  });

  const where = s.where === undefined ? null : { text: s.where, expr: parseWhere(s.where, `${source}: where`, [...leaves, 'workload']) };
  return { source, arch, workloads, axes, zip: s.zip, where, timing: s.timing };
}

/** Read and validate a sweep file (.yaml, .yml or .json). */
export function loadSweep(file: string): SweepSpec {
  const ext = extensionOf(file);
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    throw new InputError(file, `unsupported sweep file type '${ext || '(none)'}'`, 'use a .yaml, .yml or .json file');
  }
  return parseSweep(parseDataText(readText(file), file), file);
}
