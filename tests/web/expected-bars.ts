// What the HTML report must draw for a report, counted from the report JSON the CLI printed (not from host/view):
// one bar per layer in every series of a per-layer bar chart, series being the non-zero ones the page promises.
import type { Report } from '../../host/report/types.ts';

const nonZero = (values: number[]): boolean => values.some((v) => v !== 0);
const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);

/** Expected bars per chart id, and scatter points on the roofline. */
export function expectedCharts(report: Report): Record<string, { bars: number; points: number }> {
  const L = report.layers;
  const n = L.length;
  const causes = (['ifmap', 'filter', 'ofmap', 'bank', 'unattributed'] as const).filter((c) => nonZero(L.map((l) => l.cycles.stallBy[c])));
  const sramKinds = (['ifmapReads', 'filterReads', 'ofmapWrites', 'ofmapReads', 'ifmapWrites', 'filterWrites'] as const).filter((k) => nonZero(L.map((l) => l.sram[k])));
  const dram = L.every((l) => l.dram !== null);
  const charts: Record<string, { bars: number; points: number }> = {
    cycles: { bars: n * (1 + causes.length), points: 0 }, // compute + each stall cause
    utilization: { bars: n, points: 0 }, // overall as bars; mapping and compute as lines
    roofline: { bars: 0, points: L.filter((l) => l.macs > 0 && (dram ? sum(l.dram as unknown as Record<string, number>) > 0 : true)).length },
    energy: { bars: n * (dram ? 4 : 3), points: 0 }, // MAC, registers, SRAM (+ DRAM)
    sram: { bars: n * sramKinds.length, points: 0 },
  };
  if (dram) {
    const kinds = (['ifmapReads', 'filterReads', 'ofmapWrites', 'ofmapReads'] as const).filter((k) => nonZero(L.map((l) => l.dram![k])));
    charts.dram = { bars: n * kinds.length, points: 0 };
  }
  if (report.validation !== undefined) {
    const metrics = Object.keys(report.validation.metrics);
    const defined = metrics.reduce((a, m) => a + L.filter((l) => l.validation?.metrics[m]?.error != null).length, 0);
    charts.validation = { bars: defined, points: 0 };
  }
  return charts;
}
