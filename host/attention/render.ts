// Text rendering of an attention report (the CLI's default output; --json prints the report itself).
import { VERIFY_TOLERANCE } from './run.ts';
import type { AttentionReport } from './report.ts';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const bytes = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(2)} MiB` : `${(b / 1024).toFixed(1)} KiB`);
const joules = (pj: number) => (pj >= 1e12 ? `${(pj / 1e12).toFixed(3)} J` : pj >= 1e9 ? `${(pj / 1e9).toFixed(3)} mJ` : `${(pj / 1e6).toFixed(3)} µJ`);

export function renderAttentionReport(r: AttentionReport): string {
  const mode = r.idealized ? "idealized: no fill, skew or drain, one-cycle reductions, artifact spill and register charges" : 'as configured';
  const lines = [
    `${r.cascade} on ${r.arch.name} (${mode})`,
    `workload       ${r.model}: batch ${r.batch} × ${r.heads} heads, seq ${int(r.seq)}, E ${r.qkDim}, F ${r.vDim}`,
    `cycles         ${int(r.cycles.total)} (${(r.seconds * 1e3).toPrecision(4)} ms at ${r.arch.clockMHz} MHz; DRAM wait ${int(r.cycles.dramWait)})`,
    `utilization    2D ${pct(r.utilization.array2d)}   1D ${pct(r.utilization.array1d)}`,
    ...(r.plan.padded.queries > r.seq || r.plan.padded.keys > r.seq
      ? [`padded         seq ${int(r.seq)} run as ${int(r.plan.padded.queries)} queries × ${int(r.plan.padded.keys)} keys (the extra rows and columns masked)`]
      : []),
    `plan           ${r.plan.blocksPerUnit} query block(s) of ${r.arch.array2d.rows} per unit${r.plan.weightStationary ? ' (weight-stationary: K, V once per unit)' : ''}; 1D state in ${r.plan.stateInRegisters ? 'registers' : 'the global buffer'}`,
    `               scores in ${r.plan.scores === 'partial' ? `the global buffer for ${r.plan.scoreTilesOnChip} key tiles per row, then DRAM` : r.plan.scores}`,
    `global buffer  peak ${bytes(r.globalBuffer.peakBytes)} held (simulated${r.globalBuffer.peakBytes > r.arch.globalBuffer.sizeKiB * 1024 ? `, MORE than the buffer's ${bytes(r.arch.globalBuffer.sizeKiB * 1024)}` : ''}; the plan reserves ${bytes(r.globalBuffer.planBytes)}); ${int(r.globalBuffer.readWords)} words read, ${int(r.globalBuffer.writeWords)} written`,
    `DRAM           ${bytes(r.dram.readBytes)} read, ${bytes(r.dram.writeBytes)} written`,
    `energy         ${joules(r.energyPJ.total)}: 2D ${joules(r.energyPJ.array2d.mac + r.energyPJ.array2d.max + r.energyPJ.array2d.add)}, 1D ${joules(Object.values(r.energyPJ.array1d).reduce((a, b) => a + b, 0))}`,
    `               registers ${joules(r.energyPJ.registers.array2d + r.energyPJ.registers.array1d)}${r.arch.microarch.registerAccounting === 'artifact' ? " (one PE's, the artifact's accounting)" : ''}, buffer ${joules(r.energyPJ.globalBuffer)}, DRAM ${joules(r.energyPJ.dram)}`,
    `simulated      ${int(r.simulation.tilesSimulated)} tiles event by event, ${int(r.simulation.tilesAdvanced)} advanced in ${int(r.simulation.periods)} whole-period jumps`,
    `verified       ${r.verified === null ? 'not checked (--verify)' : r.verified ? `yes (max error ${r.verifyError!.toExponential(1)} ≤ ${VERIFY_TOLERANCE})` : `NO (max error ${r.verifyError!.toExponential(1)} > ${VERIFY_TOLERANCE})`}`,
    '',
    'einsum  array       busy cycles   share of run',
    ...r.einsums.map((e) => `${e.name.padEnd(7)} ${e.array.padEnd(5)} ${int(e.busyCycles).padStart(17)}   ${pct(e.busyCycles / r.cycles.total).padStart(12)}`),
  ];
  return `${lines.join('\n')}\n`;
}
