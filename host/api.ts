// The library's simulate(): the same run as host/simulate/, with its inputs checked the way files are. An arch or a
// workload may be a plain object as a spec file would hold it (or a normalised spec, e.g. a report's arch): both go
// through the file schemas, so a wrong key or value is one InputError naming it, never a TypeError deep in the run.
// Options are checked too: an unknown option or value is an InputError listing the valid ones.
import { DATAFLOW_KINDS, TIMING_MODES, type ArchSpec, type Workload } from './spec/types.ts';
import { GROUPING_KINDS } from '../mappings/grouping.ts';
import { DEFAULT_ENERGY_TABLE, applyEnergyOverride, parseEnergyOverride } from './energy/index.ts';
import { InputError } from './errors.ts';
import type { Report } from './report/types.ts';
import { parseArch } from './spec/arch/arch.ts';
import { parseWorkload } from './spec/workload/workload.ts';
import { VALUES_MODES, simulate as run, type SimulateOptions } from './simulate/index.ts';

const WHERE = 'simulate options';

/** The option keys and how each is checked; a key missing here is refused as unknown. */
const OPTION_CHECKS: Record<keyof SimulateOptions, (v: unknown) => string | null> = {
  timing: (v) => oneOf(v, TIMING_MODES),
  dataflow: (v) => oneOf(v, DATAFLOW_KINDS),
  grouping: (v) => oneOf(v, GROUPING_KINDS),
  verify: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  seed: (v) => (Number.isSafeInteger(v) ? null : 'an integer'),
  emitter: (v) => (typeof (v as { emit?: unknown } | null)?.emit === 'function' ? null : 'an emitter from createEmitter()'),
  energy: () => null, // checked by the energy schema below (a full table or an override)
  values: (v) => oneOf(v, VALUES_MODES),
  fastForward: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  timeline: (v) => (typeof v === 'boolean' || (Number.isSafeInteger(v) && (v as number) > 0) ? null : 'true, false or a positive integer'),
};

const oneOf = (v: unknown, allowed: readonly string[]): string | null => (allowed.includes(v as string) ? null : `one of ${allowed.join(', ')}`);

/** Contract: the options, each checked (InputError naming the option otherwise); energy normalised to a full table. */
export function checkOptions(options: unknown): SimulateOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InputError(WHERE, 'expected an object of options', `pass e.g. { timing: 'native' }`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const check = OPTION_CHECKS[key as keyof SimulateOptions];
    if (check === undefined) throw new InputError(`${WHERE}: ${key}`, 'unknown option', `use ${Object.keys(OPTION_CHECKS).join(', ')}`);
    const expected = check(value);
    if (expected !== null) throw new InputError(`${WHERE}: ${key}`, `expected ${expected}, got ${JSON.stringify(value) ?? typeof value}`, `set ${key} to ${expected}`);
  }
  const o = options as SimulateOptions;
  if (o.energy === undefined) return o;
  return { ...o, energy: applyEnergyOverride(DEFAULT_ENERGY_TABLE, parseEnergyOverride(asOverride(o.energy), `${WHERE}: energy`)) };
}

/** A full energy table (SRAM curves as lists of points) in the override file's words (curves as size → pJ maps). */
function asOverride(energy: unknown): unknown {
  const sram = (energy as { sramPJPer64Bit?: Record<string, unknown> } | null)?.sramPJPer64Bit;
  if (typeof sram !== 'object' || sram === null) return energy;
  const curve = (c: unknown) =>
    Array.isArray(c) && c.every((p) => typeof p === 'object' && p !== null && 'sizeKiB' in p)
      ? Object.fromEntries(c.map((p: { sizeKiB: number; pJ: number }) => [p.sizeKiB, p.pJ]))
      : c;
  return { ...(energy as object), sramPJPer64Bit: Object.fromEntries(Object.entries(sram).map(([k, v]) => [k, curve(v)])) };
}

/**
 * A normalised workload back in the file's words (conv/dwconv have no `groups` key there; a dwconv says
 * `multiplier`; a global pool has no window keys), so that it goes through the same schema; a raw object is left as it is.
 */
function asWritten(raw: unknown): unknown {
  const layers = (raw as { layers?: unknown } | null)?.layers;
  if (!Array.isArray(layers)) return raw;
  return {
    ...(raw as object),
    layers: layers.map((l: Record<string, unknown>) => {
      if (typeof l === 'object' && l !== null && l.kind === 'pool' && l.global === true) {
        const { filter: _f, stride: _s, padding: _p, ...rest } = l; // a global pool's window is derived, not written
        return rest;
      }
      if (typeof l !== 'object' || l === null || !('groups' in l)) return l;
      if (l.kind === 'conv' && l.groups === 1) {
        const { groups: _g, ...rest } = l;
        return rest;
      }
      const c = (l.ifmap as { c?: unknown } | undefined)?.c;
      if (l.kind === 'dwconv' && l.groups === c && typeof c === 'number' && typeof l.filters === 'number') {
        const { groups: _g, filters, ...rest } = l;
        return { ...rest, multiplier: (filters as number) / c };
      }
      return l;
    }),
  };
}

/**
 * Contract: simulates `workload` on `arch` (plain objects as in spec files, or normalised specs) with checked
 * `options`; the report is the one host/simulate/ makes.
 */
export async function simulate(arch: ArchSpec | object, workload: Workload | object, options: SimulateOptions = {}): Promise<Report> {
  const opts = checkOptions(options);
  const spec = parseArch(arch, 'arch');
  const w = parseWorkload(asWritten(workload), 'workload');
  return run(spec, w, opts);
}
