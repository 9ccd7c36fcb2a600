// SCALE-Sim v2-compatible COMPUTE_REPORT.csv and DETAILED_ACCESS_REPORT.csv, so scripts written for SCALE-Sim's
// outputs read Systole's unchanged. Column names, order and layout (", " separators, a trailing "," on every line,
// LayerID = 0-based layer index) are those of SCALE-Sim v2's simulator.generate_reports()
// (scalesim/simulator.py). Values are written the way SCALE-Sim writes them: counts as integers, percentages and
// start/stop cycles as Python floats ("100.0").
//
// What each column holds:
//   COMPUTE_REPORT: Total Cycles = cycles.total, Stall Cycles = cycles.stall, Overall Util % / Mapping Efficiency % /
//     Compute Util % = utilization.{overall,mapping,compute} × 100.
//   DETAILED_ACCESS_REPORT reads/writes: SRAM IFMAP Reads = sram.ifmapReads, SRAM Filter Reads = sram.filterReads,
//     SRAM OFMAP Writes = sram.ofmapWrites; DRAM IFMAP/Filter Reads and DRAM OFMAP Writes = dram.* (words).
//     When the report has no DRAM figures (`dram: null`: the memory system was not simulated), the DRAM counts are
//     written as 0 and the DRAM start/stop cycles as 0.0, 0.0, so SCALE-Sim readers still parse every cell.
//   Start/Stop Cycle columns (SRAM and DRAM): Systole does not record the first and last cycle at which each buffer
//     is accessed, so every start is 0.0 and every stop is the layer's total cycles (as a float). This is the layer's
//     active window: an envelope of the true access window, so `reads / (stop - start + 1)` (how SCALE-Sim derives
//     its average bandwidth) gives the layer-average bandwidth. SCALE-Sim's own SRAM OFMAP Stop Cycle equals its
//     Total Cycles, so that one column matches; the others differ by the fill/drain offsets (SCALE-Sim's DRAM starts
//     are even negative: prefetch before cycle 0).
import { pythonFloat } from './format.ts';
import type { LayerReport, Report } from './types.ts';

/** COMPUTE_REPORT.csv columns, in SCALE-Sim v2's order. */
export const COMPUTE_REPORT_COLUMNS = [
  'LayerID',
  'Total Cycles',
  'Stall Cycles',
  'Overall Util %',
  'Mapping Efficiency %',
  'Compute Util %',
] as const;

/** DETAILED_ACCESS_REPORT.csv columns, in SCALE-Sim v2's order. */
export const DETAILED_ACCESS_REPORT_COLUMNS = [
  'LayerID',
  'SRAM IFMAP Start Cycle',
  'SRAM IFMAP Stop Cycle',
  'SRAM IFMAP Reads',
  'SRAM Filter Start Cycle',
  'SRAM Filter Stop Cycle',
  'SRAM Filter Reads',
  'SRAM OFMAP Start Cycle',
  'SRAM OFMAP Stop Cycle',
  'SRAM OFMAP Writes',
  'DRAM IFMAP Start Cycle',
  'DRAM IFMAP Stop Cycle',
  'DRAM IFMAP Reads',
  'DRAM Filter Start Cycle',
  'DRAM Filter Stop Cycle',
  'DRAM Filter Reads',
  'DRAM OFMAP Start Cycle',
  'DRAM OFMAP Stop Cycle',
  'DRAM OFMAP Writes',
] as const;

/** BANDWIDTH_REPORT.csv columns, in SCALE-Sim v2's order (its output/…/BANDWIDTH_REPORT.csv sample). */
export const BANDWIDTH_REPORT_COLUMNS = [
  'LayerID',
  'Avg IFMAP SRAM BW',
  'Avg FILTER SRAM BW',
  'Avg OFMAP SRAM BW',
  'Avg IFMAP DRAM BW',
  'Avg FILTER DRAM BW',
  'Avg OFMAP DRAM BW',
] as const;

/** One CSV line in SCALE-Sim's layout: ", "-separated, trailing ",", newline. */
const csvLine = (cells: readonly (string | number)[]): string => `${cells.join(', ')},\n`;

const int = (n: number): string => String(Math.round(n));

function computeRow(layer: LayerReport, id: number): string[] {
  const u = layer.utilization;
  return [
    String(id),
    int(layer.cycles.total),
    int(layer.cycles.stall),
    pythonFloat(u.overall * 100),
    pythonFloat(u.mapping * 100),
    pythonFloat(u.compute * 100),
  ];
}

function accessRow(layer: LayerReport, id: number): string[] {
  // Start/stop: the layer's active window [0, total] (see the comment at the top of this file).
  const window = (count: number): string[] => [pythonFloat(0), pythonFloat(layer.cycles.total), int(count)];
  const { dram } = layer;
  const dramCells =
    dram === null
      ? Array.from({ length: 3 }, () => [pythonFloat(0), pythonFloat(0), '0']).flat()
      : [...window(dram.ifmapReads), ...window(dram.filterReads), ...window(dram.ofmapWrites)];
  return [
    String(id),
    ...window(layer.sram.ifmapReads),
    ...window(layer.sram.filterReads),
    ...window(layer.sram.ofmapWrites),
    ...dramCells,
  ];
}

/** COMPUTE_REPORT.csv (SCALE-Sim v2 columns), one row per layer. */
export function computeReportCsv(report: Report): string {
  return csvLine(COMPUTE_REPORT_COLUMNS) + report.layers.map((l, i) => csvLine(computeRow(l, i))).join('');
}

/** DETAILED_ACCESS_REPORT.csv (SCALE-Sim v2 columns), one row per layer. */
export function detailedAccessReportCsv(report: Report): string {
  return csvLine(DETAILED_ACCESS_REPORT_COLUMNS) + report.layers.map((l, i) => csvLine(accessRow(l, i))).join('');
}

// Average words per cycle over the layer's active window [0, total], as SCALE-Sim derives them:
// count / (stop − start + 1). DRAM columns are 0 when the report has no DRAM figures.
function bandwidthRow(layer: LayerReport, id: number): string[] {
  const per = (count: number): string => pythonFloat(count / (layer.cycles.total + 1));
  const d = layer.dram;
  return [
    String(id),
    per(layer.sram.ifmapReads),
    per(layer.sram.filterReads),
    per(layer.sram.ofmapWrites),
    per(d === null ? 0 : d.ifmapReads),
    per(d === null ? 0 : d.filterReads),
    per(d === null ? 0 : d.ofmapWrites),
  ];
}

/** BANDWIDTH_REPORT.csv (SCALE-Sim v2 columns), one row per layer. */
export function bandwidthReportCsv(report: Report): string {
  return csvLine(BANDWIDTH_REPORT_COLUMNS) + report.layers.map((l, i) => csvLine(bandwidthRow(l, i))).join('');
}
