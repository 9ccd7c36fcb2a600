// Architecture spec schema: one strict schema (unknown keys rejected, units in key names, defaults filled in once here),
// validating any raw object. Output: the normalised ArchSpec. Files and presets are read by arch.ts.
//
//   name: my-arch                      # default: the file name without extension
//   array: { rows: 64, cols: 64 }      # required, integers 1..512
//   dataflow: os                       # os | ws | is            (default os)
//   precision: { operand: int8, accumulator: int32 }             (defaults shown; int1 … int8 or int16; optional
//                                                               activation: int1 … int16, the ifmap/ofmap words'
//                                                               width when it differs from the weights' operand)
//   sram: { ifmapKiB: 64, filterKiB: 64, ofmapKiB: 64,          (defaults shown; or unifiedKiB for one
//                                                               ifmap+filter scratchpad instead of the first two;
//                                                               a report's echo, ifmapKiB = filterKiB = unifiedKiB, parses too)
//           doubleBuffer: true, banks: 0, portsPerBank: 1, interleaveWords: 1 }   # banks 0: one per array lane
//   dram: { bandwidthWordsPerCycle: 10, interface: calc, latencyCycles: 0 }      (calc | user; defaults shown)
//         or { bandwidthGBps: 25.6, clockGHz: 1.0, ... }: words per cycle = GB/s ÷ (GHz × bytes per operand word)
//   memory: { model: simulated, sliceSteps: 64 }   # simulated | ideal (operands always on chip); native timing only
//   microarch: { foldPipelining: false, stationaryDoubleBuffer: false }
//   vector: { lanes: <array.cols>, opsPerCycle: { add: 1, mul: 1, div: 0.25, exp: 1, rsqrt: 0.25 } }   (defaults)
//   scalesim: { ... }                  # optional, see ScaleSimExtras (written by the .cfg reader)
//   snn: { eventDriven: false }        # optional, spiking runs: an address-event front end (host/snn/account.ts)
import { z } from 'zod';
import { InputError } from '../../errors.ts';
import { stemOf } from '../text/files.ts';
import { bool, intIn, name, posNumber, strict } from '../schema-parts.ts';
import { type ArchSpec, DATAFLOW_KINDS, MEMORY_MODELS, OPERAND_BITS, OPERAND_PRECISIONS, VECTOR_OPS, type VectorOp } from '../types.ts';
import { expects, toInputError } from '../text/zod-error.ts';

const nonNegInt = () => intIn(0);

/**
 * The default vector unit is modelled on TPU v1's activation unit (Jouppi et al., "In-Datacenter Performance Analysis
 * of a Tensor Processing Unit", ISCA 2017, §2): it sits after the accumulators, as wide as the matrix unit (one value
 * per column per cycle: 256 for its 256×256 array, hence lanes = array.cols by default), and applies ReLU, sigmoid or
 * tanh and the pooling operations in pipelined hardware at that rate: 1 add (add, compare/max), 1 mul and 1
 * transcendental (exp class) per lane per cycle. TPU v1 has no divide or reciprocal square root (softmax and layer
 * norm came later); they are taken as iterative units, 4 cycles per result (e.g. Newton–Raphson from a table seed):
 * 0.25 per cycle, an assumption, not a published figure. Every figure can be set in the arch file.
 */
export const DEFAULT_VECTOR_OPS_PER_CYCLE: Record<VectorOp, number> = { add: 1, mul: 1, div: 0.25, exp: 1, rsqrt: 0.25 };

const scalesimSchema = strict(
  {
    runName: z.string(expects('a string')),
    offsets: strict({ ifmap: nonNegInt(), filter: nonNegInt(), ofmap: nonNegInt() }, 'a mapping {ifmap, filter, ofmap}'),
    memoryBanks: intIn(1, 1),
    bandwidths: z.array(posNumber(), expects('a list of positive numbers')),
    topologyCsv: z.string(expects('a string or null')).nullable(),
    unmodelled: z.record(z.string(), z.string(expects('a string')), expects('a mapping of strings')),
  },
  'a mapping of SCALE-Sim settings',
);

const archSchema = strict(
  {
    name: name().optional(),
    array: strict({ rows: intIn(1, 512), cols: intIn(1, 512) }, 'a mapping {rows, cols}'),
    dataflow: z.enum(DATAFLOW_KINDS).default('os'),
    precision: strict(
      {
        operand: z.enum(OPERAND_PRECISIONS).default('int8'),
        activation: z.enum(OPERAND_PRECISIONS).optional(),
        accumulator: z.enum(['int32']).default('int32'),
      },
      'a mapping {operand, activation, accumulator}',
    ).prefault({}),
    sram: strict(
      {
        ifmapKiB: posNumber().optional(),
        filterKiB: posNumber().optional(),
        ofmapKiB: posNumber().default(64),
        unifiedKiB: posNumber().nullable().optional(), // null: none (as the normalised spec echoes it)
        doubleBuffer: bool().default(true),
        banks: intIn(0, 4096).default(0),
        portsPerBank: intIn(1, 64).default(1),
        interleaveWords: intIn(1, 4096).default(1),
      },
      'a mapping {ifmapKiB, filterKiB (or unifiedKiB), ofmapKiB, doubleBuffer, banks, portsPerBank, interleaveWords}',
    ).prefault({}),
    dram: strict(
      {
        bandwidthWordsPerCycle: posNumber().optional(),
        bandwidthGBps: posNumber().optional(),
        clockGHz: posNumber().optional(),
        interface: z.enum(['calc', 'user']).default('calc'),
        latencyCycles: nonNegInt().default(0),
      },
      'a mapping {bandwidthWordsPerCycle or bandwidthGBps + clockGHz, interface, latencyCycles}',
    ).prefault({}),
    memory: strict(
      { model: z.enum(MEMORY_MODELS).default('simulated'), sliceSteps: intIn(1, 1 << 20).default(64) },
      'a mapping {model, sliceSteps}',
    ).prefault({}),
    microarch: strict(
      { foldPipelining: bool().default(false), stationaryDoubleBuffer: bool().default(false) },
      'a mapping {foldPipelining, stationaryDoubleBuffer}',
    ).prefault({}),
    vector: strict(
      {
        lanes: intIn(1, 1 << 16).optional(),
        opsPerCycle: strict(
          Object.fromEntries(VECTOR_OPS.map((op) => [op, posNumber().default(DEFAULT_VECTOR_OPS_PER_CYCLE[op])])) as Record<VectorOp, z.ZodDefault<ReturnType<typeof posNumber>>>,
          `a mapping {${VECTOR_OPS.join(', ')}} of operations per lane per cycle`,
        ).prefault({}),
      },
      'a mapping {lanes, opsPerCycle}',
    ).prefault({}),
    scalesim: scalesimSchema.optional(),
    snn: strict({ eventDriven: bool().default(false) }, 'a mapping {eventDriven}').optional(),
  },
  'a mapping of arch keys (name, array, dataflow, precision, sram, dram, memory, microarch, vector, snn)',
);

/**
 * Per-operand scratchpads (default 64 KiB each) or one unified ifmap+filter scratchpad, not both. The normalised
 * spec echoes a unified size as ifmapKiB and filterKiB too, so those are accepted beside unifiedKiB when they equal
 * it (a report's arch parses back to itself); any other size is a second scratchpad and an error.
 */
function normaliseSram(
  s: { unifiedKiB?: number | null; ifmapKiB?: number; filterKiB?: number } & Omit<ArchSpec['sram'], 'unifiedKiB' | 'ifmapKiB' | 'filterKiB'>,
  source: string,
): ArchSpec['sram'] {
  const { unifiedKiB, ifmapKiB, filterKiB, ofmapKiB, ...rest } = s;
  const unified = unifiedKiB ?? null;
  const echoes = (kib: number | undefined) => kib === undefined || kib === unified;
  if (unified !== null && !(echoes(ifmapKiB) && echoes(filterKiB))) {
    throw new InputError(`${source}: sram`, 'gives unifiedKiB and ifmapKiB/filterKiB', 'give one unified scratchpad or one per operand');
  }
  return { unifiedKiB: unified, ifmapKiB: unified ?? ifmapKiB ?? 64, filterKiB: unified ?? filterKiB ?? 64, ofmapKiB, ...rest };
}

/** DRAM bandwidth in words per cycle, given directly (default 10) or as GB/s at a clock in GHz. */
function normaliseDram(
  d: { bandwidthWordsPerCycle?: number; bandwidthGBps?: number; clockGHz?: number; interface: 'calc' | 'user'; latencyCycles: number },
  operand: ArchSpec['precision']['operand'],
  source: string,
): ArchSpec['dram'] {
  const { bandwidthWordsPerCycle: words, bandwidthGBps: gbps, clockGHz: ghz, ...rest } = d;
  if (gbps === undefined && ghz === undefined) return { bandwidthWordsPerCycle: words ?? 10, ...rest };
  if (gbps === undefined || ghz === undefined) {
    const missing = gbps === undefined ? 'bandwidthGBps' : 'clockGHz';
    throw new InputError(`${source}: dram.${missing}`, 'is missing: a bandwidth in GB/s needs the array clock to become words per cycle', `set dram.${missing}`);
  }
  const converted = gbps / (ghz * (OPERAND_BITS[operand] / 8));
  // The normalised spec echoes the converted figure beside GB/s and GHz: accepted when it is that figure.
  if (words !== undefined && words !== converted) {
    throw new InputError(`${source}: dram`, 'gives both bandwidthWordsPerCycle and bandwidthGBps/clockGHz', 'give one: words per cycle, or GB/s with the clock');
  }
  return { bandwidthWordsPerCycle: converted, bandwidthGBps: gbps, clockGHz: ghz, ...rest };
}

/** Validate a raw arch object (parsed YAML/JSON or an API object) and fill in every default. */
export function parseArch(raw: unknown, source: string): ArchSpec {
  const result = archSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw toInputError(result.error, source, raw);
  const { name: given, scalesim, snn, dram, sram, vector, ...rest } = result.data;
  const spec: ArchSpec = {
    name: given ?? stemOf(source),
    ...rest,
    sram: normaliseSram(sram, source),
    dram: normaliseDram(dram, rest.precision.operand, source),
    vector: { lanes: vector.lanes ?? rest.array.cols, opsPerCycle: vector.opsPerCycle },
  };
  if (scalesim) spec.scalesim = scalesim;
  if (snn) spec.snn = snn;
  return spec;
}

