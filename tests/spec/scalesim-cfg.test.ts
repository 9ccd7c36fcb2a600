// SCALE-Sim .cfg reading. Fixtures reproduce SCALE-Sim v2's own configs/scale.cfg and configs/google.cfg (v2
// release), and the later configs/scale.cfg with v3 layout/sparsity keys; expected values are read off those files.
import { describe, expect, it } from 'vitest';
import { loadArch } from '../../host/spec/arch/arch.ts';
import { loadScaleSimConfig, parseScaleSimConfig } from '../../host/spec/scalesim/scalesim.ts';
import { inputError } from './input-error.ts';
import { vectorOf, ARCH_DEFAULTS, sramOf } from '../helpers/arch.ts';

const FIX = 'tests/fixtures/scalesim';

describe('SCALE-Sim .cfg → ArchSpec', () => {
  it('configs/scale.cfg: 32x32 OS, 64 kB buffers, CALC, offsets kept', () => {
    expect(loadArch(`${FIX}/scale.cfg`)).toEqual({
      name: 'scale_example_run_32x32_os',
      array: { rows: 32, cols: 32 },
      dataflow: 'os',
      ...ARCH_DEFAULTS,
      vector: vectorOf(32),
      scalesim: {
        runName: 'scale_example_run_32x32_os',
        offsets: { ifmap: 0, filter: 10000000, ofmap: 20000000 },
        memoryBanks: 1,
        bandwidths: [10],
        topologyCsv: null,
        unmodelled: {},
      },
    });
  });

  it('equals the scalesim-default preset in everything SCALE-Sim sets', () => {
    const { name: _a, ...fromCfg } = loadArch(`${FIX}/scale.cfg`);
    const { name: _b, ...preset } = loadArch('scalesim-default');
    expect(fromCfg).toEqual(preset);
  });

  it('configs/google.cfg: 256x256 WS, 6144/6144/2048 kB; its SRAM/DRAM row and bank sizes kept as unmodelled', () => {
    const a = loadScaleSimConfig(`${FIX}/google.cfg`);
    expect([a.name, a.array.rows, a.array.cols, a.dataflow]).toEqual(['GoogleTPU_v1_ws', 256, 256, 'ws']);
    expect(a.sram).toEqual(sramOf(6144, 6144, 2048));
    expect(a.scalesim?.unmodelled).toEqual({
      'run_presets.SRAM_row_size': '2',
      'run_presets.SRAM_bank_size': '5',
      'run_presets.DRAM_row_size': '2',
      'run_presets.DRAM_bank_size': '5',
    });
  });

  it('the v3 scale.cfg: USER bandwidth 64, layout and sparsity keys kept', () => {
    const a = loadArch(`${FIX}/scale_v3.cfg`);
    expect(a.dram).toEqual({ bandwidthWordsPerCycle: 64, interface: 'user', latencyCycles: 0 });
    expect(a.scalesim?.unmodelled['architecture_presets.IfmapSRAMBankNum']).toBe('10');
    expect(a.scalesim?.unmodelled['sparsity.SparsitySupport']).toBe('false');
  });

  it('USER mode, IS dataflow, and a quoted TopologyCsvLoc', () => {
    const a = loadArch(`${FIX}/user_bw_is.cfg`);
    expect([a.dataflow, a.array.rows, a.array.cols]).toEqual(['is', 8, 16]);
    expect(a.sram).toEqual(sramOf(32, 16, 8));
    expect(a.dram).toEqual({ bandwidthWordsPerCycle: 4, interface: 'user', latencyCycles: 0 });
    expect(a.scalesim?.topologyCsv).toBe('../topologies/conv_nets/test.csv');
  });

  it('keys are case-insensitive (configparser lower-cases them), values are stripped', () => {
    const text = cfg({ 'ArrayHeight:    32': 'arrayheight =   16  ' });
    expect(parseScaleSimConfig(text, 'x.cfg').array.rows).toBe(16);
  });
});

/** The v2 scale.cfg text with some lines replaced (old line → new line; '' deletes it). */
function cfg(replace: Record<string, string> = {}, append = ''): string {
  let text =
    '[general]\nrun_name = t\n\n[architecture_presets]\nArrayHeight:    32\nArrayWidth:     32\nIfmapSramSzkB:   64\n' +
    'FilterSramSzkB:  64\nOfmapSramSzkB:   64\nIfmapOffset:    0\nFilterOffset:   10000000\nOfmapOffset:    20000000\n' +
    'Bandwidth : 10\nDataflow : os\nMemoryBanks:   1\n\n[run_presets]\nInterfaceBandwidth: CALC\n';
  for (const [from, to] of Object.entries(replace)) {
    if (!text.includes(from)) throw new Error(`fixture has no '${from}'`);
    text = text.replace(from + '\n', to === '' ? '' : to + '\n');
  }
  return text + append;
}
const bad = (text: string) => inputError(() => parseScaleSimConfig(text, 'c.cfg'));

describe('bad .cfg input: one InputError each', () => {
  it('missing required key', () => {
    expect(bad(cfg({ 'run_name = t': '' }))).toBe('c.cfg: [general] run_name: missing required key; add run_name to [general]');
  });
  it('missing section', () => {
    expect(bad(cfg({ '[run_presets]': '', 'InterfaceBandwidth: CALC': '' }))).toMatch(/^c\.cfg: missing section \[run_presets\]/);
  });
  it('unknown key', () => {
    expect(bad(cfg({ 'ArrayWidth:     32': 'ArrayWidth:     32\nArrayDepth: 4' }))).toMatch(
      /^c\.cfg line 7: \[architecture_presets\] ArrayDepth: unknown key; remove it; known keys of \[architecture_presets\] are ArrayHeight, ArrayWidth/,
    );
  });
  it('unknown section (names are case-sensitive)', () => {
    expect(bad(cfg({}, '[General]\nx = 1\n'))).toMatch(/^c\.cfg: \[General\]: unknown section; use only \[general\]/);
  });
  it('non-integer, zero and too large array sizes', () => {
    expect(bad(cfg({ 'ArrayHeight:    32': 'ArrayHeight:    3x2' }))).toBe(
      "c.cfg line 5: [architecture_presets] ArrayHeight: expected an integer in 1..512, got '3x2'; set ArrayHeight to an integer in 1..512",
    );
    expect(bad(cfg({ 'ArrayWidth:     32': 'ArrayWidth: 0' }))).toMatch(/ArrayWidth: expected an integer in 1\.\.512, got '0'/);
    expect(bad(cfg({ 'ArrayWidth:     32': 'ArrayWidth: 1024' }))).toMatch(/ArrayWidth: expected an integer in 1\.\.512, got '1024'/);
  });
  it('InterfaceBandwidth other than CALC or USER', () => {
    expect(bad(cfg({ 'InterfaceBandwidth: CALC': 'InterfaceBandwidth: calc' }))).toMatch(
      /\[run_presets\] InterfaceBandwidth: expected one of CALC\|USER, got 'calc'/,
    );
  });
  it('unknown dataflow', () => {
    expect(bad(cfg({ 'Dataflow : os': 'Dataflow : rs' }))).toMatch(/\[architecture_presets\] Dataflow: expected one of os\|ws\|is, got 'rs'/);
  });
  it('USER mode without Bandwidth', () => {
    expect(bad(cfg({ 'InterfaceBandwidth: CALC': 'InterfaceBandwidth: USER', 'Bandwidth : 10': '' }))).toMatch(
      /\[architecture_presets\] Bandwidth: missing required key/,
    );
  });
  it('a Bandwidth list (one value per bank) in either mode: only its first value would apply, so it is refused', () => {
    for (const mode of ['USER', 'CALC']) {
      expect(bad(cfg({ 'InterfaceBandwidth: CALC': `InterfaceBandwidth: ${mode}`, 'Bandwidth : 10': 'Bandwidth : 10, 20' }))).toMatch(
        /\[architecture_presets\] Bandwidth: gives 2 values, one per memory bank, but Systole models 1 bank \(MemoryBanks: 1\); give one Bandwidth value$/,
      );
    }
  });
  it('more than one memory bank', () => {
    expect(bad(cfg({ 'MemoryBanks:   1': 'MemoryBanks: 4' }))).toMatch(/MemoryBanks: more than one DRAM memory bank is not modelled; set MemoryBanks: 1/);
  });
  it('sparsity switched on', () => {
    expect(bad(cfg({}, '[sparsity]\nSparsitySupport : true\n'))).toMatch(/\[sparsity\] SparsitySupport: sparse operands are not modelled/);
  });
  it('configparser syntax errors: line before a section, duplicate key, no delimiter, indented continuation', () => {
    expect(bad('run_name = x\n' + cfg())).toMatch(/^c\.cfg line 1: 'run_name = x' comes before any \[section\]/);
    expect(bad(cfg({ 'ArrayWidth:     32': 'ArrayWidth: 32\narraywidth: 8' }))).toMatch(/^c\.cfg line 7: key arraywidth appears twice in its section \(first on line 6\)/);
    expect(bad(cfg({ 'ArrayWidth:     32': 'ArrayWidth 32' }))).toMatch(/^c\.cfg line 6: 'ArrayWidth 32' is not a 'key = value'/);
    expect(bad(cfg({ 'ArrayWidth:     32': 'ArrayWidth: 32\n  8' }))).toMatch(/^c\.cfg line 7: indented line '8' continues the value of ArrayWidth/);
  });
});
