// Energy per action (host/energy/README.md): the default table, override files, and a layer's energy from its counts.
export { DEFAULT_ENERGY_TABLE } from './defaults.ts';
export {
  layerEnergy, sumEnergy, wordBits, ACCUMULATOR_BITS, PRECISION_BITS, REGISTER_ACCESSES_PER_MAC, type EnergyCounts,
} from './compute.ts';
export { loadEnergyTable } from './load.ts';
export { applyEnergyOverride, parseEnergyOverride } from './schema.ts';
export { sramPJPer64Bit } from './sram.ts';
export { formatEnergy } from './format.ts';
export * from './types.ts';
export { ADD32_PJ, macPJAtWidths } from './widths.ts';
