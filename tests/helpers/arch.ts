// The normalised arch spec's defaults, written out once as the tests' oracle (the brief's defaults: int8 operands,
// int32 accumulators, 64 KiB per buffer, double buffered, conflict-free banks, 10 words/cycle CALC DRAM with no
// latency, memory simulated in slices of 64 steps, no fold pipelining or stationary double buffering).
import type { ArchSpec } from '../../host/spec/types.ts';

/** Every default below the array, dataflow and name; tests spread it and override what they set. */
export const ARCH_DEFAULTS = {
  precision: { operand: 'int8', accumulator: 'int32' },
  sram: { unifiedKiB: null, ifmapKiB: 64, filterKiB: 64, ofmapKiB: 64, doubleBuffer: true, banks: 0, portsPerBank: 1, interleaveWords: 1 },
  dram: { bandwidthWordsPerCycle: 10, interface: 'calc', latencyCycles: 0 },
  memory: { model: 'simulated', sliceSteps: 64 },
  microarch: { foldPipelining: false, stationaryDoubleBuffer: false },
} as const satisfies Omit<ArchSpec, 'name' | 'array' | 'dataflow' | 'vector'>;

/** The default vector unit of an array with `cols` columns: one lane per column; 1 add, mul, exp per lane per cycle,
 *  div and rsqrt every 4 cycles (host/spec/arch/arch-schema.ts gives the source). */
export const vectorOf = (cols: number): ArchSpec['vector'] => ({ lanes: cols, opsPerCycle: { add: 1, mul: 1, div: 0.25, exp: 1, rsqrt: 0.25 } });

/** The default SRAM block with other sizes. */
export const sramOf = (ifmapKiB: number, filterKiB: number, ofmapKiB: number) => ({ ...ARCH_DEFAULTS.sram, ifmapKiB, filterKiB, ofmapKiB });
