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
//   Start/Stop Cycle columns (SRAM and DRAM): under --timing scalesim they are SCALE-Sim's own (host/memory/scalesim,
//     one group's). Otherwise Systole does not record the first and last cycle at which each buffer is accessed,
//     so every start is 0.0 and every stop is the layer's total cycles (as a float). This is the layer's
//     active window: an envelope of the true access window, so `reads / (stop - start + 1)` (how SCALE-Sim derives
//     its average bandwidth) gives the layer-average bandwidth. SCALE-Sim's own SRAM OFMAP Stop Cycle equals its
//     Total Cycles, so that one column matches; the others differ by the fill/drain offsets (SCALE-Sim's DRAM starts
//     are even negative: prefetch before cycle 0).
import { pythonFloat } from './format.ts';
import type { AccessWindow, LayerReport, Report } from './types.ts';

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

function computeRow(layer: LayerReport, id: number, pes: number): string[] {
  const u = layer.utilization;
  return [
    String(id),
    int(layer.cycles.total),
    int(layer.cycles.stall),
    // SCALE-Sim's own order of operations: (MACs · 100) / (total cycles · PEs).
    pythonFloat((layer.macs * 100) / (layer.cycles.total * pes)),
    pythonFloat(u.mapping * 100),
    pythonFloat(u.compute * 100),
  ];
}

function accessRow(layer: LayerReport, id: number): string[] {
  // Start/stop: SCALE-Sim's own windows under --timing scalesim; otherwise the layer's active window [0, total]
  // (see the comment at the top of this file).
  const layerWindow: AccessWindow = { start: 0, stop: layer.cycles.total };
  const cells = (w: AccessWindow, count: number): string[] => [pythonFloat(w.start), pythonFloat(w.stop), int(count)];
  const sw = layer.scalesim?.sramWindows;
  const dw = layer.scalesim?.dramWindows;
  const { dram } = layer;
  const dramCells =
    dram === null
      ? Array.from({ length: 3 }, () => [pythonFloat(0), pythonFloat(0), '0']).flat()
      : [
          ...cells(dw?.ifmap ?? layerWindow, dram.ifmapReads),
          ...cells(dw?.filter ?? layerWindow, dram.filterReads),
          ...cells(dw?.ofmap ?? layerWindow, dram.ofmapWrites),
        ];
  return [
    String(id),
    ...cells(sw?.ifmap ?? layerWindow, layer.sram.ifmapReads),
    ...cells(sw?.filter ?? layerWindow, layer.sram.filterReads),
    ...cells(sw?.ofmap ?? layerWindow, layer.sram.ofmapWrites),
    ...dramCells,
  ];
}

/** COMPUTE_REPORT.csv (SCALE-Sim v2 columns), one row per layer. */
export function computeReportCsv(report: Report): string {
  const pes = report.arch.array.rows * report.arch.array.cols;
  return csvLine(COMPUTE_REPORT_COLUMNS) + report.layers.map((l, i) => csvLine(computeRow(l, i, pes))).join('');
}

/** DETAILED_ACCESS_REPORT.csv (SCALE-Sim v2 columns), one row per layer. */
export function detailedAccessReportCsv(report: Report): string {
  return csvLine(DETAILED_ACCESS_REPORT_COLUMNS) + report.layers.map((l, i) => csvLine(accessRow(l, i))).join('');
}

// Average words per cycle as SCALE-Sim derives them: SRAM reads or writes over the layer's total cycles; DRAM words
// over the channel's access window, count / (stop − start + 1) (its own windows and rates under --timing
// scalesim; without them, over the total cycles). DRAM columns are 0 when the report has no DRAM figures.
function bandwidthRow(layer: LayerReport, id: number): string[] {
  const perCycle = (count: number): string => pythonFloat(count / layer.cycles.total);
  const bw = layer.scalesim?.avgDramBandwidth;
  const d = layer.dram;
  return [
    String(id),
    perCycle(layer.sram.ifmapReads),
    perCycle(layer.sram.filterReads),
    perCycle(layer.sram.ofmapWrites),
    bw ? pythonFloat(bw.ifmapRead) : perCycle(d === null ? 0 : d.ifmapReads),
    bw ? pythonFloat(bw.filterRead) : perCycle(d === null ? 0 : d.filterReads),
    bw ? pythonFloat(bw.ofmapWrite) : perCycle(d === null ? 0 : d.ofmapWrites),
  ];
}

/** BANDWIDTH_REPORT.csv (SCALE-Sim v2 columns), one row per layer. */
export function bandwidthReportCsv(report: Report): string {
  return csvLine(BANDWIDTH_REPORT_COLUMNS) + report.layers.map((l, i) => csvLine(bandwidthRow(l, i))).join('');
}
