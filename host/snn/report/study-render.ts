// The text of `systole study snn`: per front end, SNN/QNN energy against the measured spike rate for every T, and
// the break-even spike rate per T.
import { formatEnergy } from '../../energy/format.ts';
import { groupThousands, percent } from '../../report/format.ts';
import { renderGrid } from '../../report/grid.ts';
import type { FrontEnd, SnnStudy } from '../study.ts';

const FRONT_ENDS: Record<FrontEnd, string> = {
  rows: 'the systolic array, skipping whole all-zero lowered rows',
  events: 'an event-driven front end (every zero skipped; spikes as addresses)',
};

/** Contract: the study as text, lines within 120 columns. */
export function renderSnnStudy(s: SnnStudy): string {
  const out = [
    `SNN study: ${s.workload} on ${s.arch}; ${s.timeBatch === 'all' ? 'one time batch per inference (weights loaded once)' : 'a window per step (weights loaded every step)'}`,
    'energy per inference (pJ…J); spike rate: input spikes / (input positions × steps), all layers, measured; cycles',
  ];
  for (const fe of ['rows', 'events'] as const) {
    const titles = ['T', 'input rate', 'spike rate%', 'SNN energy', 'QNN energy', 'SNN/QNN', 'SNN cycles', 'QNN cycles', 'bit budget SNN/QNN'];
    const rows = s.rows
      .filter((r) => r.frontEnd === fe)
      .sort((a, b) => a.timesteps - b.timesteps || a.spikeRate - b.spikeRate)
      .map((r) => [
        String(r.timesteps), String(r.inputRate), percent(r.spikeRate), formatEnergy(r.snnEnergyPJ), formatEnergy(r.qnnEnergyPJ),
        `${(r.snnEnergyPJ / r.qnnEnergyPJ).toFixed(2)}×`, groupThousands(r.snnCycles), groupThousands(r.qnnCycles),
        `${(r.bitBudget / r.qnnBitBudget).toFixed(2)}×`,
      ]);
    const be = s.breakEven
      .filter((b) => b.frontEnd === fe)
      .map((b) => `T=${b.timesteps}: ${b.spikeRate === null ? breakEvenNone(s, fe, b.timesteps) : `${percent(b.spikeRate)}%`}`);
    out.push('', `front end: ${FRONT_ENDS[fe]}`, renderGrid(titles, rows, titles.map((_, i) => i > 0)), 'break-even spike rate (SNN = QNN energy, interpolated):', ...be.map((b) => `  ${b}`));
  }
  return `${out.join('\n')}\n`;
}

/** Why a T has no break-even: the SNN costs more (or less) at every measured rate. */
function breakEvenNone(s: SnnStudy, fe: FrontEnd, T: number): string {
  const ratios = s.rows.filter((r) => r.frontEnd === fe && r.timesteps === T).map((r) => r.snnEnergyPJ / r.qnnEnergyPJ);
  return ratios.every((x) => x > 1) ? 'none (SNN costlier at every rate)' : ratios.every((x) => x < 1) ? 'none (SNN cheaper at every rate)' : 'none';
}
