// Report → the figures the HTML report draws. Pure (no DOM, no file system): the same function feeds the charts of
// `systole run --html` and of the browser playground. Every number is a counter of the report or a ratio of two
// counters; the derived ones (intensity, attained MACs per cycle, the roofs) say how they are derived in DERIVATIONS.
import type { DramCounts, LayerReport, Report, SramCounts, StallCauses } from '../report/types.ts';

/** A named series of per-layer values (one bar per layer when drawn as bars). */
export interface Series {
  name: string;
  values: number[];
}

/** Stall causes in drawing order, with their labels. */
export const STALL_CAUSES: readonly { key: keyof StallCauses; label: string }[] = [
  { key: 'ifmap', label: 'stall: ifmap' },
  { key: 'filter', label: 'stall: filter' },
  { key: 'ofmap', label: 'stall: ofmap' },
  { key: 'bank', label: 'stall: bank' },
  { key: 'unattributed', label: 'stall: unattributed' },
];

const SRAM_KEYS: readonly (keyof SramCounts)[] = ['ifmapReads', 'filterReads', 'ofmapWrites', 'ofmapReads', 'ifmapWrites', 'filterWrites'];
const DRAM_KEYS: readonly (keyof DramCounts)[] = ['ifmapReads', 'filterReads', 'ofmapWrites', 'ofmapReads'];

/** One layer on the roofline: x = MACs per DRAM word, y = MACs per cycle attained. */
export interface RooflinePoint {
  layer: string;
  intensity: number;
  attained: number;
}

export interface Roofline {
  /** MACs per cycle of the whole array: rows × cols. */
  computeRoof: number;
  /** DRAM words per cycle (arch.dram.bandwidthWordsPerCycle). */
  bandwidth: number;
  /** 'dram': intensity over the DRAM words the run moved; 'operands': over the GEMM operands (no DRAM simulated). */
  traffic: 'dram' | 'operands';
  points: RooflinePoint[];
  /** Layers left off the plot: no traffic to divide by (every operand already on chip). */
  omitted: string[];
}

export interface ValidationView {
  model: string;
  tolerance: number;
  pass: boolean;
  metrics: string[];
  /** Per metric, per layer: the signed relative error (pred − sim)/sim; null where undefined. */
  errors: Record<string, (number | null)[]>;
  layersBeyondTolerance: string[];
}

export interface ReportView {
  title: string;
  layers: string[];
  /** Compute cycles, then one series per stall cause that is non-zero somewhere in the run. */
  cycles: Series[];
  /** Overall, mapping and compute utilization per layer, as fractions. */
  utilization: { overall: number[]; mapping: number[]; compute: number[] };
  roofline: Roofline;
  /** pJ per layer by component: MAC, registers, SRAM, DRAM (DRAM only when DRAM was simulated), vector ops (only
   *  when a layer ran on the vector unit). */
  energy: Series[];
  /** SRAM words per layer by access kind (kinds that are zero everywhere are left out). */
  sram: Series[];
  /** DRAM words per layer by direction; null when DRAM was not simulated. */
  dram: Series[] | null;
  validation: ValidationView | null;
}

/** How the derived figures are made, for the page to print beside the charts. */
export const DERIVATIONS = {
  intensityDram:
    'Arithmetic intensity = the layer\'s MACs ÷ the DRAM words the simulated run moved for it (ifmap, filter and ofmap reads and writes). ' +
    'Attained = MACs ÷ the layer\'s simulated cycles. Compute roof = rows × cols MACs per cycle; DRAM roof = intensity × the arch\'s DRAM words per cycle.',
  intensityOperands:
    'No DRAM traffic was simulated in this run (ideal memory, or SCALE-Sim timing without a DRAM model), so arithmetic intensity = the layer\'s MACs ÷ ' +
    'the words of its lowered GEMM operands, groups × (M·K + K·N + M·N): each operand moved once, im2col windows counted as copies. ' +
    'Attained = MACs ÷ simulated cycles. Compute roof = rows × cols MACs per cycle; DRAM roof = intensity × the arch\'s DRAM words per cycle.',
} as const;

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const nonZero = (s: Series): boolean => s.values.some((v) => v !== 0);
const dramWords = (d: DramCounts): number => sum(DRAM_KEYS.map((k) => d[k]));

/** Words of a layer's lowered GEMM operands, each moved once: groups × (M·K + K·N + M·N). */
const operandWords = (l: LayerReport): number => l.gemm.groups * (l.gemm.M * l.gemm.K + l.gemm.K * l.gemm.N + l.gemm.M * l.gemm.N);

/** The layer's arithmetic intensity in MACs per word, by the traffic the roofline uses. */
export function intensityOf(l: LayerReport, traffic: Roofline['traffic']): number {
  const words = traffic === 'dram' && l.dram !== null ? dramWords(l.dram) : operandWords(l);
  return words === 0 ? Number.POSITIVE_INFINITY : l.macs / words;
}

function roofline(report: Report): Roofline {
  const traffic = report.layers.length > 0 && report.layers.every((l) => l.dram !== null) ? 'dram' : 'operands';
  const points: RooflinePoint[] = [];
  const omitted: string[] = [];
  for (const l of report.layers) {
    const intensity = intensityOf(l, traffic);
    if (!Number.isFinite(intensity) || l.macs === 0 || l.cycles.total === 0) omitted.push(l.name);
    else points.push({ layer: l.name, intensity, attained: l.macs / l.cycles.total });
  }
  return { computeRoof: report.arch.array.rows * report.arch.array.cols, bandwidth: report.arch.dram.bandwidthWordsPerCycle, traffic, points, omitted };
}

function validationView(report: Report): ValidationView | null {
  const v = report.validation;
  if (v === undefined) return null;
  const metrics = Object.keys(v.metrics);
  const errors = Object.fromEntries(metrics.map((m) => [m, report.layers.map((l) => l.validation?.metrics[m]?.error ?? null)]));
  return { model: v.model, tolerance: v.tolerance, pass: v.pass, metrics, errors, layersBeyondTolerance: v.layersBeyondTolerance };
}

/** Contract: the figures of `report`, one entry per layer in report order in every per-layer series. */
export function reportView(report: Report): ReportView {
  const L = report.layers;
  const causes = STALL_CAUSES.map((c) => ({ name: c.label, values: L.map((l) => l.cycles.stallBy[c.key]) })).filter(nonZero);
  const simulatedDram = L.length > 0 && L.every((l) => l.dram !== null);
  const energy: Series[] = [
    { name: 'MAC', values: L.map((l) => l.energy.mac) },
    { name: 'registers', values: L.map((l) => l.energy.registers) },
    { name: 'SRAM', values: L.map((l) => l.energy.sram.total) },
  ];
  if (simulatedDram) energy.push({ name: 'DRAM', values: L.map((l) => l.energy.dram.total) });
  // The vector unit's operations (layers between the GEMMs), when the run has any; absent from older reports.
  const vectorPJ = L.map((l) => l.energy.vector ?? 0);
  if (vectorPJ.some((v) => v > 0)) energy.push({ name: 'vector ops', values: vectorPJ });
  return {
    title: `${report.workload.name} on ${report.arch.name}`,
    layers: L.map((l) => l.name),
    cycles: [{ name: 'compute', values: L.map((l) => l.cycles.compute) }, ...causes],
    utilization: {
      overall: L.map((l) => l.utilization.overall),
      mapping: L.map((l) => l.utilization.mapping),
      compute: L.map((l) => l.utilization.compute),
    },
    roofline: roofline(report),
    energy,
    sram: SRAM_KEYS.map((k) => ({ name: k, values: L.map((l) => l.sram[k]) })).filter(nonZero),
    dram: simulatedDram ? DRAM_KEYS.map((k) => ({ name: k, values: L.map((l) => l.dram![k]) })).filter(nonZero) : null,
    validation: validationView(report),
  };
}
