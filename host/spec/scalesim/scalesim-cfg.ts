// SCALE-Sim v2 .cfg → ArchSpec, reading what scalesim/scale_config.py (read_conf_file) reads, by its rules:
//   [general]              run_name (required)                         → name, scalesim.runName
//   [architecture_presets] ArrayHeight, ArrayWidth (required)          → array.rows, array.cols (Systole: 1..512)
//                          IfmapSramSzkB, FilterSramSzkB, OfmapSramSzkB → sram.*KiB (SCALE-Sim's kB are 1024 words)
//                          IfmapOffset, FilterOffset, OfmapOffset      → scalesim.offsets (DRAM word addresses)
//                          Dataflow: os | ws | is (exact, as its valid_df_list) → dataflow
//                          MemoryBanks (default 1; more banks need [memory_map_files] and are not modelled)
//                          Bandwidth: words/cycle, one per bank (a comma-separated list; one value, as one bank is
//                            modelled); read by SCALE-Sim only in USER mode (required there) → dram.bandwidthWordsPerCycle
//                            (default 10; under --timing native it is the DRAM bandwidth in either mode)
//   [run_presets]          InterfaceBandwidth: CALC | USER (exact, required) → dram.interface calc | user
//   [network_presets]      TopologyCsvLoc (quotes stripped)            → scalesim.topologyCsv
// Keys that SCALE-Sim's later versions (v3: layouts, sparsity, Ramulator) or its shipped configs (google.cfg's
// SRAM/DRAM row and bank sizes) set but Systole does not model are accepted and kept verbatim in
// scalesim.unmodelled as `section.Key: value`; enabling sparsity is an error. Any other section or key is an error.
// SCALE-Sim sets no precision or microarchitecture: those take Systole's defaults.
import { InputError } from '../../errors.ts';
import { parseArch } from '../arch/arch-schema.ts';
import { type Ini, type IniEntry, parseIni } from './ini.ts';
import { stemOf } from '../text/files.ts';
import { type ArchSpec, DATAFLOW_KINDS, type ScaleSimExtras } from '../types.ts';

const LAYOUT_KEYS = [
  'IfmapCustomLayout', 'FilterCustomLayout', 'IfmapSRAMBankBandwidth', 'IfmapSRAMBankNum', 'IfmapSRAMBankPort',
  'FilterSRAMBankBandwidth', 'FilterSRAMBankNum', 'FilterSRAMBankPort',
];

/** Per section: keys Systole maps, and keys it accepts but only keeps (unmodelled). */
const KNOWN: Record<string, { mapped: string[]; unmodelled: string[] }> = {
  general: { mapped: ['run_name'], unmodelled: [] },
  architecture_presets: {
    mapped: [
      'ArrayHeight', 'ArrayWidth', 'IfmapSramSzkB', 'FilterSramSzkB', 'OfmapSramSzkB',
      'IfmapOffset', 'FilterOffset', 'OfmapOffset', 'Dataflow', 'Bandwidth', 'MemoryBanks',
    ],
    unmodelled: ['ReadRequestBuffer', 'WriteRequestBuffer', 'OnChipMemoryBanks', 'OnChipMemoryBankPorts', ...LAYOUT_KEYS],
  },
  run_presets: {
    mapped: ['InterfaceBandwidth'],
    unmodelled: ['UseRamulatorTrace', 'SRAM_row_size', 'SRAM_bank_size', 'DRAM_row_size', 'DRAM_bank_size'],
  },
  network_presets: { mapped: ['TopologyCsvLoc'], unmodelled: ['LayoutCsvLoc'] },
  memory_map_files: { mapped: [], unmodelled: ['MemoryMapIfmap', 'MemoryMapFilter', 'MemoryMapOfmap'] },
  layout: { mapped: [], unmodelled: LAYOUT_KEYS },
  sparsity: { mapped: [], unmodelled: ['SparsitySupport', 'SparseRep', 'OptimizedMapping', 'BlockSize', 'NonZeroElems', 'RandomNumberGeneratorSeed'] },
};

/** Reject unknown sections and keys; return the unmodelled ones as `section.Key: value`. */
function checkKnown(ini: Ini, source: string): Record<string, string> {
  const unmodelled: Record<string, string> = {};
  for (const [section, entries] of ini) {
    const known = KNOWN[section];
    if (!known) {
      throw new InputError(`${source}: [${section}]`, 'unknown section', `use only ${Object.keys(KNOWN).map((s) => `[${s}]`).join(', ')} (names are case-sensitive)`);
    }
    const all = [...known.mapped, ...known.unmodelled];
    for (const [lower, entry] of entries) {
      const spelled = all.find((k) => k.toLowerCase() === lower);
      if (spelled === undefined) {
        throw new InputError(`${source} line ${entry.line}: [${section}] ${entry.key}`, 'unknown key', `remove it; known keys of [${section}] are ${all.join(', ')}`);
      }
      if (known.unmodelled.includes(spelled)) unmodelled[`${section}.${spelled}`] = entry.value;
    }
  }
  return unmodelled;
}

/** Typed access to one file's entries, with errors that name file, line, section and key. */
class CfgReader {
  constructor(
    private readonly ini: Ini,
    private readonly source: string,
  ) {}

  get(section: string, key: string): IniEntry | undefined {
    return this.ini.get(section)?.get(key.toLowerCase());
  }

  required(section: string, key: string): IniEntry {
    if (!this.ini.has(section)) throw new InputError(this.source, `missing section [${section}]`, `add [${section}] with ${key}`);
    const entry = this.get(section, key);
    if (!entry) throw new InputError(`${this.source}: [${section}] ${key}`, 'missing required key', `add ${key} to [${section}]`);
    return entry;
  }

  where(section: string, entry: IniEntry): string {
    return `${this.source} line ${entry.line}: [${section}] ${entry.key}`;
  }

  /** Python int() of the value, checked against lo..hi. */
  int(section: string, entry: IniEntry, lo: number, hi = Number.MAX_SAFE_INTEGER): number {
    const range = hi === Number.MAX_SAFE_INTEGER ? `an integer >= ${lo}` : `an integer in ${lo}..${hi}`;
    const v = /^[+-]?\d+$/.test(entry.value) ? Number(entry.value) : NaN;
    if (!(v >= lo && v <= hi)) throw new InputError(this.where(section, entry), `expected ${range}, got '${entry.value}'`, `set ${entry.key} to ${range}`);
    return v;
  }

  oneOf<T extends string>(section: string, entry: IniEntry, values: readonly T[]): T {
    if (!(values as readonly string[]).includes(entry.value)) {
      throw new InputError(this.where(section, entry), `expected one of ${values.join('|')}, got '${entry.value}'`, `set ${entry.key} to one of ${values.join('|')} (case-sensitive)`);
    }
    return entry.value as T;
  }
}

function readBandwidths(cfg: CfgReader, mode: 'CALC' | 'USER', banks: number): number[] {
  const A = 'architecture_presets';
  const entry = mode === 'USER' ? cfg.required(A, 'Bandwidth') : cfg.get(A, 'Bandwidth');
  if (!entry) return [];
  const bandwidths = entry.value.split(',').map((part) => cfg.int(A, { ...entry, value: part.trim() }, 1));
  // One value per memory bank; only one bank is modelled, so a list would have all but its first value ignored.
  if (bandwidths.length !== banks) {
    throw new InputError(cfg.where(A, entry), `gives ${bandwidths.length} values, one per memory bank, but Systole models ${banks} bank (MemoryBanks: 1)`, 'give one Bandwidth value');
  }
  return bandwidths;
}

function checkSparsity(cfg: CfgReader): void {
  const entry = cfg.get('sparsity', 'SparsitySupport');
  if (entry && entry.value.toLowerCase() === 'true') {
    throw new InputError(cfg.where('sparsity', entry), 'sparse operands are not modelled by Systole', 'set SparsitySupport: false');
  }
}

/** Parse the text of a SCALE-Sim .cfg into a normalised ArchSpec (with the unmapped settings under `scalesim`). */
export function parseScaleSimConfig(text: string, source: string): ArchSpec {
  const ini = parseIni(text, source);
  const unmodelled = checkKnown(ini, source);
  const cfg = new CfgReader(ini, source);
  const A = 'architecture_presets';
  const runName = cfg.required('general', 'run_name').value;
  const mode = cfg.oneOf('run_presets', cfg.required('run_presets', 'InterfaceBandwidth'), ['CALC', 'USER'] as const);
  const int = (key: string, lo: number, hi?: number) => cfg.int(A, cfg.required(A, key), lo, hi);
  const rows = int('ArrayHeight', 1, 512);
  const cols = int('ArrayWidth', 1, 512);
  const sram = { ifmapKiB: int('IfmapSramSzkB', 1), filterKiB: int('FilterSramSzkB', 1), ofmapKiB: int('OfmapSramSzkB', 1) };
  const offsets = { ifmap: int('IfmapOffset', 0), filter: int('FilterOffset', 0), ofmap: int('OfmapOffset', 0) };
  const dataflow = cfg.oneOf(A, cfg.required(A, 'Dataflow'), DATAFLOW_KINDS);
  const banksEntry = cfg.get(A, 'MemoryBanks');
  if (banksEntry && cfg.int(A, banksEntry, 1) > 1) {
    throw new InputError(cfg.where(A, banksEntry), 'more than one DRAM memory bank is not modelled', 'set MemoryBanks: 1');
  }
  const bandwidths = readBandwidths(cfg, mode, 1);
  checkSparsity(cfg);
  const topo = cfg.get('network_presets', 'TopologyCsvLoc');
  const scalesim: ScaleSimExtras = {
    runName,
    offsets,
    memoryBanks: 1,
    bandwidths,
    topologyCsv: topo ? topo.value.replace(/"/g, '').trim() : null,
    unmodelled,
  };
  const raw = {
    name: runName === '' ? stemOf(source) : runName,
    array: { rows, cols },
    dataflow,
    sram,
    dram: { interface: mode === 'USER' ? 'user' : 'calc', ...(bandwidths.length > 0 ? { bandwidthWordsPerCycle: bandwidths[0] } : {}) },
    scalesim,
  };
  return parseArch(raw, source);
}
