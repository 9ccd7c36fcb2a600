// Cascades as data: one strict schema for mappings/cascades/*.yaml (the registry is that folder: a cascade's name is its
// file name) and the loader. compile.ts turns a validated cascade into the core's op table.
//
//   name: fusemax
//   description: ...                    # free text; source: where the Einsums and the binding come from
//   inputs: { Q: [p, e], BK: [m0, e], BV: [m0, f] }     # queries, keys, values (roles told apart by their ranks)
//   output: AV
//   state: { RMp: { from: RM, init: -inf } }            # carried from key tile m1 to m1 + 1 (init before the first)
//   einsums:                                            # in issue order: each array runs its Einsums in this order
//     - { name: QK, out: [p, m0], map: multiply, of: [Q, BK], reduce: { rank: e, op: sum } }
//     - { name: AV, out: [p, f], map: divide, of: [RNV, RD], at: end }    # at: tile (default) | end
//   binding:
//     arrays: { QK: 2d, AV: 1d, ... }    # every Einsum on one array
//     passes: { QK: 1, ... }             # pass of each Einsum (default 1); pass n + 1 reads pass n's results
//     lag: [0, 0, 1]                      # per pass: pass n of unit u runs beside pass 1 of unit u + lag
//     order: online | passes              # online: key tiles outer, the unit's query blocks inner
//     stages: { SLN: 1, ... }             # online order: tile interleaving; at step k an Einsum of stage s runs for
//                                         # tile k − s (default 0), stage 0 first: the next tile's early Einsums are
//                                         # issued before this tile's late ones
//     unit: fusemax | flat | head | block # query blocks per unit (see compile.ts: unitBlocks)
//     scores: onchip | dram | auto        # where [p, m0] tensors that cross arrays or passes live
//     weightStationary: { below: 0.5, rows: 1024 }   # passes order, scores auto: when less than `below` of a query
//                                         # block's row of scores fits on chip, units of `rows` queries, key tiles
//                                         # outer in each pass (each K and V tile read once per unit), scores in DRAM
//
// Ranks: p (queries; the 2D array's rows), m0 (keys of one tile; its columns), m (all keys: a reduction over m runs
// across key tiles), e (query/key width), f (value width).
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { DATA_EXTENSIONS, extensionOf, parseDataText, presetFile, presetNames, readText, stemOf } from '../spec/text/files.ts';
import { intIn, name, strict } from '../spec/schema-parts.ts';
import { expects, toInputError } from '../spec/text/zod-error.ts';

export const RANKS = ['p', 'm0', 'e', 'f'] as const;
export type Rank = (typeof RANKS)[number];
export const MAPS = ['multiply', 'max', 'add', 'exp_diff', 'divide'] as const;
export type MapOp = (typeof MAPS)[number];
export const UNITS = ['fusemax', 'flat', 'head', 'block'] as const;
export type UnitRule = (typeof UNITS)[number];

export interface Einsum {
  name: string;
  out: Rank[];
  map: MapOp | null;
  of: string[];
  reduce: { rank: 'e' | 'm0' | 'm'; op: 'sum' | 'max' } | null;
  at: 'tile' | 'end';
}

export interface Cascade {
  name: string;
  description: string;
  source: string;
  inputs: Record<string, Rank[]>;
  output: string;
  state: Record<string, { from: string; init: number }>;
  einsums: Einsum[];
  binding: {
    arrays: Record<string, '2d' | '1d'>;
    passes: Record<string, number>;
    lag: number[];
    order: 'online' | 'passes';
    stages: Record<string, number>;
    unit: UnitRule;
    scores: 'onchip' | 'dram' | 'auto';
    /** FLAT's switch for long rows (see the header); null: never. */
    weightStationary: { below: number; rows: number } | null;
  };
}

const ident = () => {
  const msg = expects('an identifier (letters, digits, _)');
  return z.string(msg).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, msg);
};
const ranks = () => z.array(z.enum(RANKS), expects('a list of ranks (p, m0, e, f)'));
const initValue = z.union([z.number(), z.literal('-inf'), z.literal('inf')], expects("a number, '-inf' or 'inf'"));

const einsumSchema = strict(
  {
    name: ident(),
    out: ranks(),
    map: z.enum(MAPS).optional(),
    of: z.array(ident(), expects('a list of tensor names')).min(1, expects('a non-empty list of tensor names')),
    reduce: strict({ rank: z.enum(['e', 'm0', 'm']), op: z.enum(['sum', 'max']) }, 'a mapping {rank, op}').optional(),
    at: z.enum(['tile', 'end']).default('tile'),
  },
  'a mapping {name, out, map, of, reduce, at}',
);

const schema = strict(
  {
    name: name().optional(),
    description: z.string(expects('a string')).default(''),
    source: z.string(expects('a string')).default(''),
    inputs: z.record(ident(), ranks(), expects('a mapping of input names to ranks')),
    output: ident(),
    state: z
      .record(ident(), strict({ from: ident(), init: initValue }, 'a mapping {from, init}'), expects('a mapping of state tensors'))
      .default({}),
    einsums: z.array(einsumSchema, expects('a list of Einsums')).min(1, expects('a non-empty list of Einsums')),
    binding: strict(
      {
        arrays: z.record(ident(), z.enum(['2d', '1d']), expects('a mapping of Einsum names to 2d|1d')),
        passes: z.record(ident(), intIn(1, 8), expects('a mapping of Einsum names to pass numbers')).default({}),
        lag: z.array(intIn(0, 2), expects('a list of lags (0..2), one per pass')).default([]),
        order: z.enum(['online', 'passes']),
        stages: z.record(ident(), intIn(0, 2), expects('a mapping of Einsum names to stages (0..2)')).default({}),
        unit: z.enum(UNITS),
        scores: z.enum(['onchip', 'dram', 'auto']).default('onchip'),
        weightStationary: strict(
          { below: z.number(expects('a fraction in (0, 1]')).gt(0, expects('a fraction in (0, 1]')).max(1, expects('a fraction in (0, 1]')), rows: intIn(1, 1 << 20) },
          'a mapping {below, rows}',
        ).optional(),
      },
      'a mapping {arrays, passes, lag, order, stages, unit, scores, weightStationary}',
    ),
  },
  'a mapping of cascade keys (name, description, source, inputs, output, state, einsums, binding)',
);

const toNumber = (v: number | 'inf' | '-inf'): number => (v === '-inf' ? -Infinity : v === 'inf' ? Infinity : v);

/** Validate a raw cascade; cross-references (names, bindings, passes) are checked here, shapes in compile.ts. */
export function parseCascade(raw: unknown, source: string): Cascade {
  const r = schema.safeParse(raw, { reportInput: true });
  if (!r.success) throw toInputError(r.error, source, raw);
  const d = r.data;
  const bad = (key: string, what: string, fix: string) => new InputError(`${source}: ${key}`, what, fix);
  const einsums: Einsum[] = d.einsums.map((e) => ({ name: e.name, out: e.out, map: e.map ?? null, of: e.of, reduce: e.reduce ?? null, at: e.at }));
  const names = new Set<string>();
  const known = new Set([...Object.keys(d.inputs), ...Object.keys(d.state)]);
  for (const [i, e] of einsums.entries()) {
    if (names.has(e.name) || known.has(e.name)) throw bad(`einsums[${i}] (${e.name})`, 'name used twice', 'give every tensor one name');
    for (const t of e.of) {
      if (!known.has(t) && !names.has(t)) {
        throw bad(`einsums[${i}] (${e.name}).of`, `'${t}' is not an input, a state tensor or an earlier Einsum`, 'list Einsums after the ones they read');
      }
    }
    if (e.map === null && e.reduce === null) throw bad(`einsums[${i}] (${e.name})`, 'has neither map nor reduce', 'add map: or reduce:');
    if (d.binding.arrays[e.name] === undefined) throw bad(`binding.arrays`, `Einsum ${e.name} is not bound to an array`, `add ${e.name}: 2d or 1d`);
    names.add(e.name);
    known.add(e.name);
  }
  for (const k of Object.keys(d.binding.arrays)) if (!names.has(k)) throw bad(`binding.arrays.${k}`, 'no Einsum has this name', 'remove it');
  for (const k of Object.keys(d.binding.passes)) if (!names.has(k)) throw bad(`binding.passes.${k}`, 'no Einsum has this name', 'remove it');
  for (const k of Object.keys(d.binding.stages)) if (!names.has(k)) throw bad(`binding.stages.${k}`, 'no Einsum has this name', 'remove it');
  if (d.binding.order !== 'online' && Object.values(d.binding.stages).some((s) => s > 0)) {
    throw bad('binding.stages', 'tile interleaving needs order: online', 'use order: online, or remove stages');
  }
  for (const [k, s] of Object.entries(d.state)) {
    if (!names.has(s.from)) throw bad(`state.${k}.from`, `'${s.from}' is not an Einsum`, 'name the Einsum whose result is carried');
  }
  if (!names.has(d.output)) throw bad('output', `'${d.output}' is not an Einsum`, 'name the Einsum that produces the attention output');
  const passes = Object.fromEntries(einsums.map((e) => [e.name, d.binding.passes[e.name] ?? 1]));
  const nPasses = Math.max(...Object.values(passes));
  if (d.binding.lag.length > 0 && d.binding.lag.length !== nPasses) {
    throw bad('binding.lag', `has ${d.binding.lag.length} entries for ${nPasses} passes`, 'give one lag per pass');
  }
  if (d.binding.order === 'online' && nPasses > 1) throw bad('binding.order', 'online order runs one pass', 'use order: passes, or put every Einsum in pass 1');
  if (d.binding.weightStationary && (d.binding.order !== 'passes' || d.binding.scores !== 'auto')) {
    throw bad('binding.weightStationary', 'needs order: passes and scores: auto', 'set them, or remove weightStationary');
  }
  return {
    name: d.name ?? stemOf(source),
    description: d.description,
    source: d.source,
    inputs: d.inputs,
    output: d.output,
    state: Object.fromEntries(Object.entries(d.state).map(([k, s]) => [k, { from: s.from, init: toNumber(s.init) }])),
    einsums,
    binding: {
      arrays: d.binding.arrays,
      passes,
      lag: d.binding.lag.length > 0 ? d.binding.lag : new Array<number>(nPasses).fill(0),
      order: d.binding.order,
      stages: Object.fromEntries(einsums.map((e) => [e.name, d.binding.stages[e.name] ?? 0])),
      unit: d.binding.unit,
      scores: d.binding.scores,
      weightStationary: d.binding.weightStationary ?? null,
    },
  };
}

/** The registry: the cascade files in mappings/cascades/, by name. */
export const cascadeNames = (): string[] => presetNames('mappings/cascades');

/** A cascade by name (mappings/cascades/<name>.yaml) or from a .yaml/.yml/.json file. */
export function loadCascade(ref: string): Cascade {
  const ext = extensionOf(ref);
  if ((DATA_EXTENSIONS as readonly string[]).includes(ext)) return parseCascade(parseDataText(readText(ref), ref), ref);
  if (ext !== '') throw new InputError(ref, `unsupported cascade file type '${ext}'`, 'use a .yaml, .yml or .json file');
  const file = presetFile('mappings/cascades', ref);
  if (file !== null) return parseCascade(parseDataText(readText(file), file), `mappings/cascades/${ref}${extensionOf(file)}`);
  throw new InputError(`cascade '${ref}'`, 'no such cascade', `use one of ${cascadeNames().join(', ')}, or a file path`);
}
