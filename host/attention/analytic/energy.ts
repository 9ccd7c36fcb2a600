// Prices an analytic run's actions with the attention energy table (host/energy/attention.ts).
import type { AnalyticParams, EinsumCost, EnergyByComponent, RegisterAccounting } from './types.ts';

export interface Traffic {
  dramReadWords: number;
  dramWriteWords: number;
  gbReadWords: number;
  gbWriteWords: number;
}

/** Contract: pJ by component of the Einsums' actions, register words and the run's traffic. */
export function priceRun(p: AnalyticParams, es: readonly EinsumCost[], t: Traffic, accounting: RegisterAccounting): EnergyByComponent {
  const e = p.energy;
  const sum = (f: (x: EinsumCost) => number) => es.reduce((a, x) => a + f(x), 0);
  const pes = { '2d': p.rows2d * p.cols2d, '1d': p.pes1d };
  const regs = (array: '2d' | '1d') => {
    const price = array === '2d' ? e.register2dPJPerWord : e.register1dPJPerWord;
    const share = accounting === 'artifact' ? 1 / pes[array] : 1;
    return sum((x) => (x.array === array ? (x.registers.reads * price.read + x.registers.writes * price.write) * share : 0));
  };
  const out = {
    mac: sum((x) => x.actions.mac) * e.macPJ,
    add: sum((x) => x.actions.add) * e.addPJ,
    max: sum((x) => x.actions.max) * e.maxPJ,
    exp: sum((x) => x.actions.exp) * e.expPJ,
    divide: sum((x) => x.actions.divide) * e.dividePJ,
    registers2d: regs('2d'),
    registers1d: regs('1d'),
    globalBuffer: t.gbReadWords * e.globalBufferPJPerWord.read + t.gbWriteWords * e.globalBufferPJPerWord.write,
    dram: t.dramReadWords * e.dramPJPerWord.read + t.dramWriteWords * e.dramPJPerWord.write,
  };
  const total = Object.values(out).reduce((a, b) => a + b, 0);
  return { ...out, total };
}
