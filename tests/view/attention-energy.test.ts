// The attention HTML report's energy chart (host/view/attention.ts) shows every component the energy model prices:
// its bars must add up to the report's energyPJ.total (summed separately by host/energy/attention.ts). Register
// files were once left off the chart (4.2 J of BERT 4K's 34.3 J on fusemax-cloud).
import { describe, expect, it } from 'vitest';
import { loadCascade } from '../../host/attention/cascade.ts';
import { runAttention } from '../../host/attention/run.ts';
import { attentionEnergyParts } from '../../host/view/attention.ts';
import { smallArch, shape } from '../attention/helpers.ts';

describe('attention energy chart', () => {
  for (const cascade of ['fusemax', 'flat', 'unfused']) {
    it(`${cascade}: the bars add up to the report's total, registers included`, () => {
      const r = runAttention(smallArch(4, 4), loadCascade(cascade), shape(32, 8, 8, 2));
      const parts = attentionEnergyParts(r);
      expect(parts.map(([k]) => k)).toContain('2D registers');
      expect(parts.reduce((s, [, v]) => s + v, 0)).toBeCloseTo(r.energyPJ.total, 6);
    });
  }
});
