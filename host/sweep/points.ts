// A sweep's points: the cartesian product of its axes (zipped axes move together) × its workloads, filtered by
// `where`; each point's arch is the base arch with the point's values applied, re-validated by the arch schema; each
// point is keyed by a hash of its normalised arch, workload and options.
import { createHash } from 'node:crypto';
import { isInputError } from '../errors.ts';
import { parseArch } from '../spec/arch/arch-schema.ts';
import type { ArchSpec, TimingMode, Workload } from '../spec/types.ts';
import type { AxisValue, SweepSpec } from './spec.ts';
import { evaluate } from './where.ts';

/** One point of a sweep: what to run (arch, or the one-line error that refused it) and its key. */
export interface SweepPoint {
  /** Position in the sweep's order (workloads outermost, the last axis fastest). */
  index: number;
  key: string;
  workload: Workload;
  params: Record<string, AxisValue>;
  timing: TimingMode;
  /** The point's normalised arch, or the error its values got from the arch schema. */
  arch: ArchSpec | { error: string };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Dotted paths of every leaf (non-object value) of a normalised arch, e.g. `array.rows`, `dram.latencyCycles`. */
export function leafPaths(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (isRecord(v) ? leafPaths(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (isRecord(o) ? o[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1]] = value;
}

/**
 * The base arch with `params` applied. A DRAM bandwidth in words per cycle replaces one given in GB/s (as
 * `systole run --bandwidth` does): otherwise the schema would refuse the two as contradictory.
 */
export function applyParams(base: ArchSpec, params: Record<string, AxisValue>): Record<string, unknown> {
  const raw = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(params)) setPath(raw, path, value);
  const dram = raw.dram as Record<string, unknown>;
  if ('dram.bandwidthWordsPerCycle' in params && !('dram.bandwidthGBps' in params || 'dram.clockGHz' in params)) {
    delete dram.bandwidthGBps;
    delete dram.clockGHz;
  }
  return raw;
}

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A point's key: sha256 (first 16 hex digits) of its normalised arch (or raw values if refused), workload and options. */
export function pointKey(arch: unknown, workload: Workload, options: { timing: TimingMode }): string {
  return createHash('sha256').update(canonicalJson({ arch, workload, options })).digest('hex').slice(0, 16);
}

/** The axis combinations, in order: zip groups and lone axes are the dimensions, the last one fastest. */
function combinations(spec: SweepSpec): Record<string, AxisValue>[] {
  const values = new Map(spec.axes);
  const dims: string[][] = [];
  for (const [path] of spec.axes) {
    if (dims.some((d) => d.includes(path))) continue;
    dims.push(spec.zip.find((g) => g.includes(path)) ?? [path]);
  }
  let out: Record<string, AxisValue>[] = [{}];
  for (const dim of dims) {
    const n = values.get(dim[0])!.length;
    out = out.flatMap((p) => Array.from({ length: n }, (_, i) => ({ ...p, ...Object.fromEntries(dim.map((path) => [path, values.get(path)![i]])) })));
  }
  // Report params in the file's axis order whatever the zip grouping.
  return out.map((p) => Object.fromEntries(spec.axes.map(([path]) => [path, p[path]])));
}

/** Every point of the sweep that passes `where`, in order. */
export function expandPoints(spec: SweepSpec): SweepPoint[] {
  const points: SweepPoint[] = [];
  const combos = combinations(spec);
  for (const workload of spec.workloads) {
    for (const params of combos) {
      const raw = applyParams(spec.arch, params);
      if (spec.where !== null) {
        const keep = evaluate(spec.where.expr, (path) => (path === 'workload' ? workload.name : (getPath(raw, path) as AxisValue)));
        if (!keep) continue;
      }
      const label = Object.entries(params).map(([p, v]) => `${p}=${String(v)}`).join(', ');
      let arch: SweepPoint['arch'];
      try {
        arch = parseArch(raw, `point (${label})`);
      } catch (e) {
        if (!isInputError(e)) throw e;
        arch = { error: e.message };
      }
      const key = pointKey('error' in arch ? raw : arch, workload, { timing: spec.timing });
      points.push({ index: points.length, key, workload, params, timing: spec.timing, arch });
    }
  }
  return points;
}
