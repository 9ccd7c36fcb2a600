// The architecture overrides of `systole run` (--array RxC, --sram-kib KiB, --bandwidth words/cycle): parsed from
// the flags' text and applied to a loaded arch, refused where they would not change the run. One implementation for
// the CLI and the playground (web/worker.ts; no node-only imports). Every error is an InputError naming the flag.
import { InputError } from '../../errors.ts';
import type { ArchSpec, TimingMode } from '../types.ts';

/** Array dimensions accepted by --array (ArchSpec.array: 1..512 each). */
const ARRAY_DIM_MAX = 512;

/** The overrides as the flags' text (undefined: not given). */
export interface ArchOverrideFlags {
  array?: string;
  sramKib?: string;
  bandwidth?: string;
}

/** The overrides parsed (undefined: not given). */
export interface ArchOverrides {
  array?: ArchSpec['array'];
  sramKiB?: number;
  bandwidth?: number;
}

/** Contract: the overrides parsed from the flags' text; an InputError naming the flag for a malformed value. */
export function parseArchOverrides(flags: ArchOverrideFlags): ArchOverrides {
  return {
    array: flags.array === undefined ? undefined : parseArraySize(flags.array),
    sramKiB: flags.sramKib === undefined ? undefined : parsePositive('--sram-kib', flags.sramKib),
    bandwidth: flags.bandwidth === undefined ? undefined : parsePositive('--bandwidth', flags.bandwidth),
  };
}

/** Contract: `arch` with the overrides applied; an InputError naming the flag when it would not change a `timing` run. */
export function applyArchOverrides(arch: ArchSpec, timing: TimingMode, o: ArchOverrides): ArchSpec {
  checkMemoryFlags(arch, timing, o.sramKiB, o.bandwidth);
  return {
    ...arch,
    array: o.array ?? arch.array,
    sram: o.sramKiB === undefined ? arch.sram : withScratchpads(arch.sram, o.sramKiB),
    dram: o.bandwidth === undefined ? arch.dram : withBandwidth(arch.dram, o.bandwidth),
  };
}

/** Parses a positive number given to `flag`; anything else is an InputError. */
export function parsePositive(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InputError(flag, `${JSON.stringify(value)} is not a positive number`, `give a positive number, e.g. ${flag} 64`);
  }
  return n;
}

/** Parses `--array RxC` (e.g. `32x16`) into array dimensions, each 1..512; anything else is an InputError. */
export function parseArraySize(value: string): ArchSpec['array'] {
  const fix = `give rows x cols, each an integer 1..${ARRAY_DIM_MAX}, e.g. --array 32x16`;
  const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(value);
  if (m === null) throw new InputError('--array', `${JSON.stringify(value)} is not of the form RxC`, fix);
  const [rows, cols] = [Number(m[1]), Number(m[2])];
  for (const [what, n] of [['rows', rows], ['cols', cols]] as const) {
    if (n < 1 || n > ARRAY_DIM_MAX) {
      throw new InputError('--array', `${what} = ${n} is outside 1..${ARRAY_DIM_MAX}`, fix);
    }
  }
  return { rows, cols };
}

/**
 * --sram-kib: every scratchpad the arch has is `kib` — the unified ifmap+filter one and the ofmap one, or all three
 * (a unified size is echoed as ifmapKiB and filterKiB too, as the arch parser normalises it).
 */
function withScratchpads(sram: ArchSpec['sram'], kib: number): ArchSpec['sram'] {
  return { ...sram, unifiedKiB: sram.unifiedKiB === null ? null : kib, ifmapKiB: kib, filterKiB: kib, ofmapKiB: kib };
}

/** --bandwidth: words per cycle, replacing a bandwidth the arch gave in GB/s (its GB/s and clock no longer apply). */
function withBandwidth(dram: ArchSpec['dram'], words: number): ArchSpec['dram'] {
  const { bandwidthGBps: _gbps, clockGHz: _ghz, ...rest } = dram;
  return { ...rest, bandwidthWordsPerCycle: words };
}

/**
 * --sram-kib and --bandwidth only where they change the run: the native memory system, or SCALE-Sim's own buffers
 * (its SRAM sizes always; its bandwidth in USER mode, where it must be whole words per cycle). Anywhere else the
 * flag would be silently ignored, so it is refused.
 */
function checkMemoryFlags(arch: ArchSpec, timing: TimingMode, sramKiB: number | undefined, bandwidth: number | undefined): void {
  if (timing === 'native' && arch.memory.model === 'ideal') {
    const flag = sramKiB !== undefined ? '--sram-kib' : '--bandwidth';
    if (sramKiB !== undefined || bandwidth !== undefined) {
      throw new InputError(flag, `does not apply: arch ${arch.name} has memory.model: ideal (operands always on chip, no scratchpads or DRAM)`, 'drop the flag, or use an arch with memory.model: simulated');
    }
  }
  if (timing !== 'scalesim' || bandwidth === undefined) return;
  if (arch.dram.interface === 'calc') {
    throw new InputError(
      '--bandwidth',
      "does not apply under --timing scalesim with SCALE-Sim's CALC interface (dram.interface: calc, InterfaceBandwidth: CALC): it works out the bandwidth a stall-free run needs",
      'drop --bandwidth, or use an arch with dram.interface: user (InterfaceBandwidth: USER), where it sets SCALE-Sim\'s Bandwidth',
    );
  }
  if (!Number.isInteger(bandwidth)) {
    throw new InputError('--bandwidth', `${bandwidth} is not a whole number: SCALE-Sim's USER interface moves whole words per cycle`, 'give an integer, e.g. --bandwidth 10');
  }
}
