// The spiking run's table (printed by `systole run --snn` after the dense table): per layer, the spikes, the
// accumulates the array issued, and the spiking run beside its quantized baseline.
import { formatEnergy } from '../../energy/format.ts';
import { groupThousands, percent } from '../../report/format.ts';
import { renderGrid } from '../../report/grid.ts';
import type { Report } from '../../report/types.ts';

const bytes = (b: number | null) => (b === null ? '-' : groupThousands(b));

/** Contract: the text of the `snn` sections of `report` (empty when it has none). */
export function renderSnnTable(report: Report): string {
  const run = report.snn;
  if (run === undefined) return '';
  const titles = ['layer', 'input', 'in%', 'out%', 'AC%', 'SNN cycles', 'QNN cycles', 'SNN E', 'QNN E', 'SNN/QNN', 'SNN DRAM B', 'QNN DRAM B', 'V in'];
  const rows = report.layers.flatMap((l) => {
    const s = l.snn;
    if (s === undefined) return [];
    return [[
      l.name, s.input, percent(s.rates.in), percent(s.rates.out), percent(s.acs.issued / s.acs.dense),
      groupThousands(s.cycles.total), groupThousands(s.qnn.cycles), formatEnergy(s.energy.total), formatEnergy(s.qnn.energy.total),
      `${(s.energy.total / s.qnn.energy.total).toFixed(2)}×`, bytes(s.dramBytes), bytes(s.qnn.dramBytes), s.membrane.where,
    ]];
  });
  const t = run.totals;
  rows.push([
    'total', '', percent(t.spikeRate), '', percent(t.acs.issued / t.acs.dense), groupThousands(t.cycles), groupThousands(t.qnn.cycles),
    formatEnergy(t.energyPJ), formatEnergy(t.qnn.energyPJ), `${(t.energyPJ / t.qnn.energyPJ).toFixed(2)}×`, bytes(t.dramBytes), bytes(t.qnn.dramBytes), '',
  ]);
  const spec = run.spec;
  const head = [
    `Spiking run: T = ${spec.timesteps} steps (timeBatch ${spec.timeBatch}), ${spec.neuron} neurons, ${spec.reset} reset, ${spec.encoding} encoding` +
      `${spec.encoding === 'rate' ? ` at input rate ${spec.inputRate}` : ''}, seed ${run.seed}`,
    `beside the quantized network of ${t.qnn.activationBits}-bit activations (⌈log2(T+1)⌉) and the same weights, run dense once`,
    'units: in%/out% spikes per position per step; AC%: accumulates issued / (dense MACs × T); cycles; E: energy, pJ…J;',
    'DRAM bytes; V in: where the membrane potentials live',
  ];
  return `${head.join('\n')}\n${renderGrid(titles, rows, titles.map((_, i) => i >= 2 && i < 12))}\n`;
}
