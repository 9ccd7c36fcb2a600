// Energy: the attention energy table against the FuseMax artifact's Accelergy ERTs (figures typed here from
// workspace/inputs/yamls/area_energy/outputs-{2d,1d}-{fusemax,flat}/ERT.yaml at commit f543beb9, not imported from
// host/energy/), its override file, and the analytic model's energy against the published energies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYTIC_MACHINES, analyticAttention, analyticLinear, type AnalyticCascade } from '../../../host/attention/analytic/index.ts';
import { loadAttentionModel } from '../../../host/attention/models.ts';
import {
  applyAttentionEnergyOverride, FLAT_ENERGY_TABLE, FUSEMAX_ENERGY_TABLE, loadAttentionEnergyTable, parseAttentionEnergyOverride,
} from '../../../host/energy/attention.ts';
import { InputError } from '../../../host/errors.ts';
import { MODELS, SEQS, point, readResults } from './published.ts';

/** ERT entries, pJ per action of one instance. */
const ERT = {
  mac: 17.1645, add: 8.3395, max: 0.028036, divide: 36.251153, exp1dFlat: 94.6475,
  gbRead: 484.97271, gbWrite: 451.30271, gbWordsPerRow: 4096 / 16, dram: 249.6, dramWordsPerAccess: 64 / 16,
  reg2dFm: { read: 0.653431, write: 0.56957 }, reg2dFlat: { read: 0.291512, write: 0.225259 }, reg1dFlat: { read: 0.385026, write: 0.336188 },
};

describe('attention energy table', () => {
  it('FuseMax prices are the ERT figures, per word', () => {
    const t = FUSEMAX_ENERGY_TABLE;
    expect(t.macPJ).toBe(ERT.mac);
    expect(t.addPJ).toBe(ERT.add);
    expect(t.maxPJ).toBe(ERT.max);
    expect(t.dividePJ).toBe(ERT.divide);
    expect(t.expPJ).toBeCloseTo(6 * 17.1645 + 8.3395, 10); // 6 MACs + 1 add
    expect(t.globalBufferPJPerWord.read).toBeCloseTo(ERT.gbRead / ERT.gbWordsPerRow, 12);
    expect(t.globalBufferPJPerWord.write).toBeCloseTo(ERT.gbWrite / ERT.gbWordsPerRow, 12);
    expect(t.dramPJPerWord).toEqual({ read: ERT.dram / ERT.dramWordsPerAccess, write: ERT.dram / ERT.dramWordsPerAccess });
    expect(t.register2dPJPerWord).toEqual(ERT.reg2dFm);
  });

  it('FLAT differs only in its registers and its exp unit', () => {
    expect(FLAT_ENERGY_TABLE).toEqual({ ...FUSEMAX_ENERGY_TABLE, expPJ: ERT.exp1dFlat, register2dPJPerWord: ERT.reg2dFlat, register1dPJPerWord: ERT.reg1dFlat });
  });

  it('an override replaces only what it names', () => {
    const t = applyAttentionEnergyOverride(FUSEMAX_ENERGY_TABLE, { macPJ: 1, dramPJPerWord: { write: 2 } });
    expect(t).toEqual({ ...FUSEMAX_ENERGY_TABLE, macPJ: 1, dramPJPerWord: { read: ERT.dram / 4, write: 2 } });
  });

  it('override files: good, and each kind of bad input is one InputError naming file and key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-attn-energy-'));
    try {
      const write = (name: string, text: string) => {
        const p = path.join(dir, name);
        fs.writeFileSync(p, text);
        return p;
      };
      expect(loadAttentionEnergyTable(write('ok.yaml', 'dividePJ: 550.24\n')).dividePJ).toBe(550.24);
      const bad = (name: string, text: string, re: RegExp) => {
        const p = write(name, text);
        expect(() => loadAttentionEnergyTable(p)).toThrow(InputError);
        expect(() => loadAttentionEnergyTable(p)).toThrow(re);
      };
      bad('unknown.yaml', 'macPj: 1\n', /unknown\.yaml: macPj: unknown key 'macPj'/);
      bad('negative.yaml', 'addPJ: -1\n', /negative\.yaml: addPJ: expected a number of pJ in 0\.\.1000000, got -1/);
      bad('huge.yaml', 'macPJ: 1e308\n', /huge\.yaml: macPJ: expected a number of pJ in 0\.\.1000000, got 1e\+308; set macPJ to a price in pJ of at most 1000000/);
      bad('pair.yaml', 'dramPJPerWord: { reed: 1 }\n', /pair\.yaml: dramPJPerWord\.reed: unknown key 'reed'/);
      bad('string.json', '{"expPJ": "high"}', /string\.json: expPJ: expected a number of pJ in 0\.\.1000000, got 'high'/);
      expect(() => loadAttentionEnergyTable(write('e.txt', 'x'))).toThrow(/unsupported energy file type '\.txt'/);
      expect(parseAttentionEnergyOverride(null, 'empty.yaml')).toEqual({});
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The analytic model's energy (artifact register accounting) against the published energies, as observed bands.
 * FuseMax reproduces within 3.5% (below: the artifact's Timeloop counts global-buffer and register traffic our
 * counts model more coarsely). Everything the artifact prices with its FLAT energy architecture (FLAT, unfused,
 * "+Cascade") does NOT reproduce: those published energies are 10-25% above their action counts × the same ERTs (README.md "Energy" decomposes the gap; the artifact does not keep the per-run
 * Accelergy outputs that would say which component). These bands document the finding, they do not hide it.
 */
const BANDS: { file: string; machine: keyof typeof ANALYTIC_MACHINES; cascade: AnalyticCascade; flatBinding?: boolean; lo: number; hi: number }[] = [
  { file: 'attn-binding', machine: 'fusemax-cloud', cascade: 'fusemax', lo: -0.035, hi: -0.02 },
  { file: 'attn-cascade', machine: 'cascade-cloud', cascade: 'fusemax', flatBinding: true, lo: -0.22, hi: -0.10 },
  { file: 'attn-flat', machine: 'flat-cloud', cascade: 'flat', lo: -0.25, hi: -0.13 },
  { file: 'attn-unfused', machine: 'unfused-cloud', cascade: 'unfused', lo: -0.22, hi: -0.13 },
];

describe.each(BANDS)('$file energy: analytic vs published', ({ file, machine, cascade, flatBinding, lo, hi }) => {
  const rows = readResults(file);
  it('every point within the stated band', () => {
    for (const [pm, m] of Object.entries(MODELS)) {
      for (const [label, seq] of Object.entries(SEQS)) {
        const r = analyticAttention(ANALYTIC_MACHINES[machine], loadAttentionModel(m), seq, 64, cascade, { registerAccounting: 'artifact', flatBinding });
        const d = r.energy.total / point(rows, pm, label).energy - 1;
        expect(d, `${pm} ${label}`).toBeGreaterThan(lo);
        expect(d, `${pm} ${label}`).toBeLessThan(hi);
      }
    }
  });
});

describe('end-to-end linear layers: analytic vs published (end2end-proposal.csv, end2end-flat.csv)', () => {
  for (const [file, machine] of [['end2end-proposal', 'fusemax-cloud'], ['end2end-flat', 'flat-cloud']] as const) {
    it(`${file}: latency exact (every GEMM compute-bound at full utilization); traffic exact except XLM; energy within 5%`, () => {
      const rows = readResults(file);
      for (const [pm, m] of Object.entries(MODELS)) {
        for (const [label, seq] of Object.entries(SEQS)) {
          const pub = point(rows, pm, label);
          const r = analyticLinear(ANALYTIC_MACHINES[machine], loadAttentionModel(m), seq, 64, 'artifact');
          expect(Math.abs(r.seconds / pub.latency - 1), `${pm} ${label}`).toBeLessThan(1e-9);
          // XLM (D = 2048, FFN 8192): the artifact's mapper-chosen tilings re-read operands (traffic 1.5-2.1× the
          // compulsory traffic); the analytic model counts each operand once. The others are the compulsory traffic.
          if (pm === 'XLM') expect(pub.traffic / r.dramBytes, `${pm} ${label}`).toBeGreaterThan(1.5);
          else expect(Math.abs(r.dramBytes / pub.traffic - 1), `${pm} ${label}`).toBeLessThan(1e-9);
          const d = r.energy.total / pub.energy - 1;
          expect(d, `${pm} ${label}`).toBeGreaterThan(-0.05);
          expect(d, `${pm} ${label}`).toBeLessThan(-0.02);
        }
      }
    });
  }
});
