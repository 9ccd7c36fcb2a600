// The default energy table, every number with its source. Two sources:
//
// [H] M. Horowitz, "1.1 Computing's energy problem (and what we can do about it)", ISSCC 2014, 45 nm, 0.9 V,
//     doi:10.1109/ISSCC.2014.6757323. Published figures (pJ):
//       integer add    8 bit 0.03   32 bit 0.1        integer mult  8 bit 0.2   32 bit 3.1
//       fp add        16 bit 0.4    32 bit 0.9        fp mult      16 bit 1.1   32 bit 3.7
//       64-bit cache (SRAM) access: 8 KB 10, 32 KB 20, 1 MB 100       64-bit DRAM access: 1.3–2.6 nJ
// [A] Y. S. Shao et al., "Aladdin: a pre-RTL, power-performance accelerator simulator", ISCA 2014, 40 nm
//     standard-cell library: a register costs 0.009 pJ per bit per access (as tabulated by Accelergy's
//     aladdin_table plug-in: 0.009 pJ/bit on read, 0 on write, i.e. once per write+read pair).
//
// Derivations (everything not printed in [H] or [A] as is):
// - MAC = multiply at the operand precision + add at the accumulator width. Integer operands accumulate in int32
//   (the simulator's accumulator), so every integer MAC adds [H] 32-bit add 0.1. Floating-point operands
//   accumulate in fp32 (mixed precision, as tensor units do), adding [H] fp32 add 0.9.
// - Integer multiply energy ∝ width² (an array multiplier has width² partial-product cells); scaled from [H] 8-bit
//   0.2. The rule predicts 0.2 · 4² = 3.2 at 32 bits against the published 3.1.
// - bf16 is taken as fp16 (not in [H]; its 8-bit mantissa multiplier is smaller than fp16's 11-bit one, so this
//   is an upper bound).
// - SRAM: [H]'s 64-bit cache access energies at 8, 32 and 1024 KiB; other sizes are interpolated on a log-log scale
//   (sram.ts). Reads and writes are both taken as [H]'s access energy (it gives one figure per size).
// - DRAM: the low end of [H]'s 1.3–2.6 nJ per 64-bit access (override with 2600 for the high end); writes as reads.
// - Per word: SRAM and DRAM energies are per 64 bits; a word costs energy × word bits / 64 (compute.ts).
// - Vector unit: an fp32 datapath (softmax, layer norm and GELU want floating point; TPU v1's activation unit takes
//   the int32 accumulators, later TPUs' vector units are fp32): add and compare/max at [H] fp32 add 0.9, mul at [H]
//   fp32 mult 3.7; div, exp and rsqrt are not in [H]: each taken as 4 fp32 multiply-adds (a Newton–Raphson
//   iteration count or a short polynomial), 4 · (3.7 + 0.9) = 18.4.
// - Registers: [A]'s 40 nm figure, not rescaled to 45 nm ([A]'s 40 nm 32-bit adder, 0.21 pJ, is already above [H]'s
//   45 nm 0.1, so rescaling by node would not make [A] and [H] agree better).
import type { EnergyTable } from './types.ts';

/** The default table: Horowitz ISSCC 2014 (45 nm) for arithmetic, SRAM and DRAM; Aladdin (40 nm) for registers. */
export const DEFAULT_ENERGY_TABLE: EnergyTable = {
  macPJ: {
    int4: 0.15, // derived: int4 mult 0.2 · (4/8)² = 0.05 [H 8-bit mult, width² rule] + int32 add 0.1 [H]
    int8: 0.3, // [H] 8-bit mult 0.2 + [H] 32-bit add 0.1
    int16: 0.9, // derived: int16 mult 0.2 · (16/8)² = 0.8 [H 8-bit mult, width² rule] + int32 add 0.1 [H]
    fp16: 2.0, // [H] fp16 mult 1.1 + [H] fp32 add 0.9 (fp32 accumulation)
    bf16: 2.0, // derived: taken as fp16 (bf16 is not in [H])
    fp32: 4.6, // [H] fp32 mult 3.7 + [H] fp32 add 0.9
  },
  registerPJPerBit: 0.009, // [A] 40 nm register, per bit per access
  sramPJPer64Bit: {
    read: [
      { sizeKiB: 8, pJ: 10 }, // [H] 8 KB cache, 64-bit access
      { sizeKiB: 32, pJ: 20 }, // [H] 32 KB cache, 64-bit access
      { sizeKiB: 1024, pJ: 100 }, // [H] 1 MB cache, 64-bit access
    ],
    write: [
      { sizeKiB: 8, pJ: 10 }, // derived: taken as [H]'s access energy (no separate write figure)
      { sizeKiB: 32, pJ: 20 }, // derived: as above
      { sizeKiB: 1024, pJ: 100 }, // derived: as above
    ],
  },
  dramPJPer64Bit: {
    read: 1300, // [H] DRAM 64-bit access, low end of 1.3–2.6 nJ
    write: 1300, // derived: taken as the read energy (no separate write figure in [H])
  },
  vectorOpPJ: {
    add: 0.9, // [H] fp32 add
    mul: 3.7, // [H] fp32 mult
    div: 18.4, // derived: 4 · ([H] fp32 mult 3.7 + fp32 add 0.9)
    exp: 18.4, // derived: as div
    rsqrt: 18.4, // derived: as div
  },
};
