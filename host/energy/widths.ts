// Prices at operand widths the table does not list (arch precision int1 … int8, an activation width apart from the
// weights', spiking runs and their quantized baselines): a multiply-accumulate of an a-bit activation by a w-bit
// weight, and an accumulate (an add). SRAM and DRAM are priced per bit (compute.ts: a word of b bits costs b/64 of a
// 64-bit access, words bit-packed), so their width rule is linear in the width.
//
// [H] Horowitz, ISSCC 2014, 45 nm: 32-bit integer add 0.1 pJ; 8-bit integer multiply 0.2 pJ.
// Scaling: an a×w-bit array multiplier has a·w partial-product cells, so its energy is taken ∝ a·w — the width²
// rule defaults.ts uses for int4 and int16 (a = w), which predicts [H]'s 32-bit multiply within 3%. From the table's
// int8 MAC: multiply(a, w) = (macPJ.int8 − add) · a·w / 64, plus the int32 accumulator's add. At a = w = 8 this is
// the table's int8 MAC, at 4×4 its int4 MAC (0.15 pJ), at 16×16 its int16 MAC (0.9 pJ). A 1-bit activation makes
// the multiply an AND gate: 0.2 · 8/64 = 0.025 pJ, plus the add.
import type { EnergyTable } from './types.ts';

/** [H] 32-bit integer add, pJ: the accumulate of a spike (an AC), and the add of every integer MAC. */
export const ADD32_PJ = 0.1;

/** Contract: pJ of one a-bit × w-bit multiply plus an int32 add, scaled from the table's int8 MAC by a·w/64. */
export function macPJAtWidths(table: EnergyTable, activationBits: number, weightBits: number): number {
  const multiply8 = Math.max(0, table.macPJ.int8 - ADD32_PJ);
  return (multiply8 * activationBits * weightBits) / 64 + ADD32_PJ;
}

/**
 * Contract: pJ of one integer MAC of an a-bit activation by a w-bit weight: the table's entry when a = w and it lists
 * that width (int4, int8, int16: overridable), else the a·w rule from its int8 entry (macPJAtWidths).
 */
export function intMacPJ(table: EnergyTable, activationBits: number, weightBits: number): number {
  const listed = activationBits === weightBits ? (table.macPJ as Record<string, number | undefined>)[`int${weightBits}`] : undefined;
  return listed ?? macPJAtWidths(table, activationBits, weightBits);
}
