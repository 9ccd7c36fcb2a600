// Analytic models and the validation harness: the public surface of host/analytic/.
export type { AnalyticModel, Prediction } from './types.ts';
export { MODELS, MODEL_NAMES, type ModelName, compulsoryWords, rooflineTerms } from './models/index.ts';
export { METRIC_NAMES, type MetricName } from './metrics.ts';
export { loadModel, computeLayers, type ModelSource } from './source/source.ts';
export { predictLayers } from './predict.ts';
export { attachValidation, relativeError } from './compare.ts';
export { validate, type ValidateOptions } from './validate.ts';
export { parseTolerance, DEFAULT_TOLERANCE } from './tolerance.ts';
export { renderValidationTable } from './table.ts';
