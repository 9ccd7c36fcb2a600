// Attention model definitions: the shape of one transformer layer's attention and linear layers, read from
// workloads/attention/<name>.yaml presets or a user file. Output: the normalised AttentionModel.
//
// File format (unknown keys are rejected; every figure is a positive integer):
//
//   name: bert                  # default: the file name without extension
//   description: BERT-base      # optional, free text
//   heads: 12                   # H: attention heads
//   qkDim: 64                   # E: query/key width per head
//   vDim: 64                    # F: value width per head
//   modelDim: 768               # D: model (embedding) width; the QKV projections are D -> H·E, H·E, H·F
//   ffnDim: 3072                # S: FFN hidden width (FFN1: D -> S, FFN2: S -> D)
//   batch: 64                   # B: default batch size of a run (the FuseMax study uses 64)
//   sources:                    # optional: where each figure comes from (keys: the figure names above)
//     heads: "..."
//
// Sequence length is a run parameter, not part of the model. Every error is one InputError naming the file and key.
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { DATA_EXTENSIONS, extensionOf, parseDataText, presetFile, presetNames, readText, stemOf } from '../spec/text/files.ts';
import { name, posInt, strict } from '../spec/schema-parts.ts';
import { expects, toInputError } from '../spec/text/zod-error.ts';

/** The figures of a model, each a positive integer (the FuseMax artifact's rank names in the comments). */
export const MODEL_FIGURES = ['heads', 'qkDim', 'vDim', 'modelDim', 'ffnDim', 'batch'] as const;
export type ModelFigure = (typeof MODEL_FIGURES)[number];

export interface AttentionModel {
  name: string;
  description: string;
  /** H */
  heads: number;
  /** E: query and key width per head. */
  qkDim: number;
  /** F: value width per head. */
  vDim: number;
  /** D: model width. */
  modelDim: number;
  /** S: FFN hidden width. */
  ffnDim: number;
  /** B: default batch size. */
  batch: number;
  /** Source of each figure, where the file gives one. */
  sources: Partial<Record<ModelFigure, string>>;
}

const sourceText = () => z.string(expects('a non-empty string (where the figure comes from)')).min(1, expects('a non-empty string'));

const figures = Object.fromEntries(MODEL_FIGURES.map((k) => [k, posInt()])) as Record<ModelFigure, ReturnType<typeof posInt>>;
const sourceShape = Object.fromEntries(MODEL_FIGURES.map((k) => [k, sourceText().optional()])) as Record<
  ModelFigure,
  z.ZodOptional<ReturnType<typeof sourceText>>
>;

/** The one schema of an attention model file. */
export const attentionModelSchema = strict(
  {
    name: name().optional(),
    description: z.string(expects('a string')).optional(),
    ...figures,
    sources: strict(sourceShape, `a mapping from figure names (${MODEL_FIGURES.join(', ')}) to sources`).optional(),
  },
  `a mapping {name, description, ${MODEL_FIGURES.join(', ')}, sources}`,
);

/** Validate a raw model object (parsed YAML/JSON or an API object). */
export function parseAttentionModel(raw: unknown, source: string): AttentionModel {
  const parsed = attentionModelSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw toInputError(parsed.error, source, raw);
  const m = parsed.data;
  const sources = Object.fromEntries(Object.entries(m.sources ?? {}).filter(([, v]) => v !== undefined));
  return {
    name: m.name ?? stemOf(source),
    description: m.description ?? '',
    heads: m.heads,
    qkDim: m.qkDim,
    vDim: m.vDim,
    modelDim: m.modelDim,
    ffnDim: m.ffnDim,
    batch: m.batch,
    sources,
  };
}

/** Preset model names (files in workloads/attention/ without extension), sorted. */
export const attentionModelNames = (): string[] => presetNames('workloads/attention');

/** Load an attention model from a preset name (bert, trxl, t5, xlm) or a .yaml/.yml/.json path. */
export function loadAttentionModel(nameOrFile: string): AttentionModel {
  const ext = extensionOf(nameOrFile);
  if ((DATA_EXTENSIONS as readonly string[]).includes(ext)) {
    return parseAttentionModel(parseDataText(readText(nameOrFile), nameOrFile), nameOrFile);
  }
  if (ext !== '') {
    throw new InputError(nameOrFile, `unsupported attention model file type '${ext}'`, 'use a .yaml, .yml or .json file');
  }
  const file = presetFile('workloads/attention', nameOrFile);
  if (file !== null) return parseAttentionModel(parseDataText(readText(file), file), `workloads/attention/${nameOrFile}${extensionOf(file)}`);
  throw new InputError(
    `attention model '${nameOrFile}'`,
    'no such preset',
    `use one of ${attentionModelNames().join(', ')}, or a .yaml/.json file path`,
  );
}
