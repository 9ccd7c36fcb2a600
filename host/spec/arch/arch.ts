// Architecture spec loading: presets in archs/, YAML/JSON files (validated by arch-schema.ts, or attention-arch.ts for
// `kind: attention`) and SCALE-Sim .cfg files (scalesim-cfg.ts). The file formats are documented in those schemas.
import { InputError } from '../../errors.ts';
import { parseArch } from './arch-schema.ts';
import { type AttentionArchSpec, parseAttentionArch } from './attention-arch.ts';
import { DATA_EXTENSIONS, extensionOf, parseDataText, presetFile, presetNames, readText, stemOf } from '../text/files.ts';
import { loadScaleSimConfig } from '../scalesim/scalesim.ts';
import type { ArchSpec } from '../types.ts';

export { parseArch } from './arch-schema.ts';

/** An arch of either kind, dispatched on its `kind` key (absent: systolic). */
export type AnyArchSpec = ArchSpec | AttentionArchSpec;

/** Validate a raw arch object of either kind: `kind: attention` or `kind: systolic` (the default). */
export function parseAnyArch(raw: unknown, source: string): AnyArchSpec {
  const kind = typeof raw === 'object' && raw !== null && 'kind' in raw ? (raw as { kind: unknown }).kind : 'systolic';
  if (kind === 'attention') return parseAttentionArch(raw, source);
  if (kind !== 'systolic') {
    throw new InputError(`${source}: kind`, `expected one of systolic|attention, got ${JSON.stringify(kind)}`, 'set kind to systolic or attention');
  }
  const { kind: _, ...rest } = raw as Record<string, unknown>;
  return parseArch(rest, source);
}

/** Load an arch of either kind from a preset name or a file (a SCALE-Sim .cfg is always systolic). */
export function loadAnyArch(ref: string): AnyArchSpec {
  const ext = extensionOf(ref);
  if ((DATA_EXTENSIONS as readonly string[]).includes(ext)) return parseAnyArch(parseDataText(readText(ref), ref), ref);
  if (ext === '.cfg') return loadScaleSimConfig(ref);
  if (ext !== '') {
    throw new InputError(ref, `unsupported arch file type '${ext}'`, 'use a .yaml, .yml or .json file, or a SCALE-Sim .cfg');
  }
  const file = presetFile('archs', ref);
  if (file === null) {
    throw new InputError(`arch '${ref}'`, 'no such preset', `use one of ${presetNames('archs').join(', ')}, or a file path`);
  }
  return parseAnyArch(parseDataText(readText(file), file), `archs/${stemOf(file)}${extensionOf(file)}`);
}

/** Load a systolic arch (preset or file); an attention arch is refused with the command that runs it. */
export function loadArch(ref: string): ArchSpec {
  const spec = loadAnyArch(ref);
  if ('kind' in spec && spec.kind === 'attention') {
    throw new InputError(`arch '${ref}'`, 'is a spatial attention machine (kind: attention)', 'run it with `systole attention --arch ...`, or give a systolic arch');
  }
  return spec as ArchSpec;
}

/** Load an attention arch (preset or file); a systolic arch is refused. */
export function loadAttentionArch(ref: string): AttentionArchSpec {
  const spec = loadAnyArch(ref);
  if (!('kind' in spec) || spec.kind !== 'attention') {
    throw new InputError(`arch '${ref}'`, 'is a systolic array, not a spatial attention machine', 'give an arch with kind: attention, e.g. fusemax-cloud');
  }
  return spec;
}
