// The attention arch schema and presets, and the cascade schema and registry.
import { describe, expect, it } from 'vitest';
import { cascadeNames, loadCascade, parseCascade } from '../../host/attention/cascade.ts';
import { loadArch, loadAttentionArch } from '../../host/spec/arch/arch.ts';
import { parseAttentionArch } from '../../host/spec/arch/attention-arch.ts';

describe('attention arch presets', () => {
  it('fusemax-cloud: the artifact figures (arch-2d.yaml, proposal.py, cascade.py)', () => {
    const a = loadAttentionArch('fusemax-cloud');
    expect(a.array2d).toEqual({ rows: 256, cols: 256, registerWords: 16, expCycles: 7 });
    expect(a.array1d).toEqual({ pes: 256, registerWords: 32, expCycles: 7, divideCycles: 1 });
    expect(a.globalBuffer).toEqual({ sizeKiB: 16 * 1024, banks: 32, rowWords: 256 });
    expect(a.clockMHz).toBe(940);
    // 400 GiB/s at 940 MHz, 2-byte words: 400 · 2^30 / (2 · 940 · 10^6) = 228.4557... words per cycle
    expect(a.dram.bandwidthWordsPerCycle).toBeCloseTo(228.4557, 3);
  });
  it('flat-cloud: 32 MiB, one-word 1D registers, an exp unit; edge pair: 32×32, 512 KiB, 50 GiB/s', () => {
    const f = loadAttentionArch('flat-cloud');
    expect(f.globalBuffer.sizeKiB).toBe(32 * 1024);
    expect(f.array1d.registerWords).toBe(1);
    expect(f.array1d.expCycles).toBe(1);
    for (const n of ['fusemax-edge', 'flat-edge']) {
      const e = loadAttentionArch(n);
      expect([e.array2d.rows, e.array2d.cols, e.array1d.pes, e.globalBuffer.sizeKiB, e.dram.bandwidthGiBps]).toEqual([32, 32, 32, 512, 50]);
    }
  });
  it('defaults: the microarch as configured (fill, skew, drain, chain reductions)', () => {
    expect(loadAttentionArch('fusemax-cloud').microarch).toEqual({ fill: true, skew: true, drain: true, reduction: 'chain', oneCycleReduction: false, spill: 'per-pass', registerAccounting: 'all-pes' });
  });
});

describe('attention arch: bad input is one InputError', () => {
  const base = { kind: 'attention', clockMHz: 1000, array2d: { rows: 4, cols: 4, registerWords: 1, expCycles: 7 }, array1d: { pes: 4, registerWords: 1, expCycles: 7 }, globalBuffer: { sizeKiB: 1 }, dram: { bandwidthGiBps: 1 } };
  it('unknown key', () => expect(() => parseAttentionArch({ ...base, bogus: 1 }, 'a.yaml')).toThrow(/a\.yaml: bogus: unknown key 'bogus'; remove it/));
  it('zero rows', () => expect(() => parseAttentionArch({ ...base, array2d: { ...base.array2d, rows: 0 } }, 'a.yaml')).toThrow(/array2d\.rows: expected an integer in 1\.\.1024, got 0/));
  it('missing dram', () => expect(() => parseAttentionArch({ ...base, dram: undefined }, 'a.yaml')).toThrow(/dram: missing required key/));
  it('bad reduction', () => expect(() => parseAttentionArch({ ...base, microarch: { reduction: 'ring' } }, 'a.yaml')).toThrow(/microarch\.reduction: expected one of chain\|tree/));
  it('bad register accounting', () =>
    expect(() => parseAttentionArch({ ...base, microarch: { registerAccounting: 'some' } }, 'a.yaml')).toThrow(/microarch\.registerAccounting: expected one of all-pes\|artifact/));
  it('bad spill', () => expect(() => parseAttentionArch({ ...base, microarch: { spill: 'never' } }, 'a.yaml')).toThrow(/microarch\.spill: expected one of per-pass\|artifact/));
  it('the systolic loader refuses an attention arch, and the other way round', () => {
    expect(() => loadArch('fusemax-cloud')).toThrow(/systole attention/);
    expect(() => loadAttentionArch('array-64')).toThrow(/not a spatial attention machine/);
  });
});

describe('cascades', () => {
  it('the registry is the folder: fusemax, flat, unfused', () => {
    expect(cascadeNames()).toEqual(['flat', 'fusemax', 'unfused']);
  });
  it('fusemax: 12 Einsums, 2D = QK, LM, SLN, SLD, SLNV (proposal.py einsums_2d), division at the end', () => {
    const c = loadCascade('fusemax');
    expect(c.einsums.map((e) => e.name)).toEqual(['QK', 'LM', 'RM', 'SLN', 'SLD', 'PRM', 'SPD', 'RD', 'SLNV', 'SPNV', 'RNV', 'AV']);
    expect(c.einsums.filter((e) => c.binding.arrays[e.name] === '2d').map((e) => e.name)).toEqual(['QK', 'LM', 'SLN', 'SLD', 'SLNV']);
    expect(c.einsums.find((e) => e.name === 'AV')!.at).toBe('end');
  });
  it('flat and unfused: the stable softmax (M, SN, SD, A) on the 1D array, QK and AV on the 2D array', () => {
    for (const n of ['flat', 'unfused']) {
      const c = loadCascade(n);
      expect(Object.entries(c.binding.arrays).filter(([, a]) => a === '1d').map(([e]) => e)).toEqual(['M', 'SN', 'SD', 'A']);
    }
  });
  const ok = { inputs: { Q: ['p', 'e'], BK: ['m0', 'e'] }, output: 'QK', einsums: [{ name: 'QK', out: ['p', 'm0'], map: 'multiply', of: ['Q', 'BK'], reduce: { rank: 'e', op: 'sum' } }], binding: { arrays: { QK: '2d' }, order: 'online', unit: 'fusemax' } };
  it('bad input: unknown tensor, unbound Einsum, unknown key, unknown cascade', () => {
    expect(() => parseCascade({ ...ok, einsums: [{ ...ok.einsums[0], of: ['Q', 'X'] }] }, 'c.yaml')).toThrow(/c\.yaml: einsums\[0\] \(QK\)\.of: 'X' is not an input/);
    expect(() => parseCascade({ ...ok, binding: { ...ok.binding, arrays: {} } }, 'c.yaml')).toThrow(/Einsum QK is not bound to an array/);
    expect(() => parseCascade({ ...ok, extra: 1 }, 'c.yaml')).toThrow(/unknown key 'extra'/);
    expect(() => loadCascade('nope')).toThrow(/cascade 'nope': no such cascade; use one of flat, fusemax, unfused/);
  });
  it('weightStationary: flat sets it; it needs passes order and scores auto; below is a fraction', () => {
    expect(loadCascade('flat').binding.weightStationary).toEqual({ below: 0.5, rows: 1024 });
    expect(parseCascade(ok, 'c.yaml').binding.weightStationary).toBeNull();
    expect(() => parseCascade({ ...ok, binding: { ...ok.binding, weightStationary: { below: 0.5, rows: 8 } } }, 'c.yaml')).toThrow(
      /c\.yaml: binding\.weightStationary: needs order: passes and scores: auto/,
    );
    expect(() => parseCascade({ ...ok, binding: { ...ok.binding, order: 'passes', scores: 'auto', weightStationary: { below: 2, rows: 8 } } }, 'c.yaml')).toThrow(
      /binding\.weightStationary\.below: expected a fraction in \(0, 1\]/,
    );
  });
  it('stages (tile interleaving): default 0, given per Einsum; unknown Einsum, passes order and a bad stage refused', () => {
    expect(parseCascade(ok, 'c.yaml').binding.stages).toEqual({ QK: 0 });
    expect(parseCascade({ ...ok, binding: { ...ok.binding, stages: { QK: 1 } } }, 'c.yaml').binding.stages).toEqual({ QK: 1 });
    expect(() => parseCascade({ ...ok, binding: { ...ok.binding, stages: { X: 1 } } }, 'c.yaml')).toThrow(/c\.yaml: binding\.stages\.X: no Einsum has this name/);
    expect(() => parseCascade({ ...ok, binding: { ...ok.binding, order: 'passes', stages: { QK: 1 } } }, 'c.yaml')).toThrow(/binding\.stages: tile interleaving needs order: online/);
    expect(() => parseCascade({ ...ok, binding: { ...ok.binding, stages: { QK: 3 } } }, 'c.yaml')).toThrow(/binding\.stages\.QK: expected an integer in 0\.\.2/);
  });
});
