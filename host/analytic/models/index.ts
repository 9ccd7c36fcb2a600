// The built-in analytic models, by the name `--model` takes. Adding one is one file here and one line below.
import type { AnalyticModel } from '../types.ts';
import { roofline } from './roofline.ts';
import { scalesim } from './scalesim.ts';
import { textbook } from './textbook.ts';

/** The built-in models by name. */
export const MODELS = { scalesim, textbook, roofline } satisfies Record<string, AnalyticModel>;

/** A built-in model's name. */
export type ModelName = keyof typeof MODELS;

/** The built-in model names, in registry order. */
export const MODEL_NAMES = Object.keys(MODELS) as ModelName[];

export { compulsoryWords, rooflineTerms } from './roofline.ts';
