// `--model preds.csv`: per-layer predictions from a file (e.g. exported from Timeloop or MAESTRO).
//   layer,cycles[,<metric>...]        header: `layer`, `cycles` and any metric names of metrics.ts, in any order
//   conv1,123456,0.82                 one row per compute layer of the workload, names exactly as in the workload
// Rows are numbered from 1 (the header); blank lines are skipped; a trailing comma on every line (SCALE-Sim style)
// is allowed; an empty cell means "no prediction" for that metric on that layer. Fields are not quoted.
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import type { ComputeLayer, Workload } from '../../spec/types.ts';
import { isMetricName, METRIC_NAMES, type MetricName, setPredicted } from '../metrics.ts';
import type { AnalyticModel, Prediction } from '../types.ts';

const HEADER_FIX = `start with a header row: layer,cycles and optionally ${METRIC_NAMES.filter((m) => m !== 'cycles').join(', ')}`;

function readLines(file: string): { row: number; fields: string[] }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError(`--model ${file}`, `cannot read the file (${code})`, 'give the path of a CSV of per-layer predictions');
  }
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ row: i + 1, fields: line.split(',').map((f) => f.trim()) }))
    .filter(({ fields }) => fields.some((f) => f !== ''))
    .map(({ row, fields }) => ({ row, fields: fields.length > 1 && fields.at(-1) === '' ? fields.slice(0, -1) : fields }));
}

function parseHeader(file: string, row: number, fields: string[]): (MetricName | 'layer')[] {
  const seen = new Set<string>();
  for (const name of fields) {
    if (name !== 'layer' && !isMetricName(name)) throw new InputError(`${file} row ${row}`, `unknown column '${name}'`, HEADER_FIX);
    if (seen.has(name)) throw new InputError(`${file} row ${row}`, `column '${name}' appears twice`, HEADER_FIX);
    seen.add(name);
  }
  for (const required of ['layer', 'cycles']) {
    if (!seen.has(required)) throw new InputError(`${file} row ${row}`, `no '${required}' column`, HEADER_FIX);
  }
  return fields as (MetricName | 'layer')[];
}

function parseValue(where: string, column: string, cell: string): number {
  const v = Number(cell);
  if (cell === '' || !Number.isFinite(v) || v < 0) {
    throw new InputError(where, `${column} is ${JSON.stringify(cell)}, not a finite number ≥ 0`, `write a number in the ${column} column`);
  }
  return v;
}

/** Parses the file into predictions by layer name, with their row numbers (names not yet checked). */
export function parsePredictionsCsv(file: string): Map<string, { row: number; prediction: Prediction }> {
  const lines = readLines(file);
  if (lines.length === 0) throw new InputError(file, 'the file is empty', HEADER_FIX);
  const columns = parseHeader(file, lines[0].row, lines[0].fields);
  const byLayer = new Map<string, { row: number; prediction: Prediction }>();
  for (const { row, fields } of lines.slice(1)) {
    const where = `${file} row ${row}`;
    if (fields.length !== columns.length) {
      throw new InputError(where, `expected ${columns.length} fields, got ${fields.length}`, `write ${columns.join(',')} on every row`);
    }
    const name = fields[columns.indexOf('layer')];
    if (name === '') throw new InputError(where, 'the layer name is empty', 'name the layer as in the workload');
    if (byLayer.has(name)) throw new InputError(where, `layer '${name}' appears twice`, 'give one row per layer');
    const prediction: Prediction = { cycles: parseValue(where, 'cycles', fields[columns.indexOf('cycles')]) };
    columns.forEach((column, i) => {
      if (column === 'layer' || column === 'cycles' || fields[i] === '') return;
      setPredicted(prediction, column, parseValue(where, column, fields[i]));
    });
    byLayer.set(name, { row, prediction });
  }
  return byLayer;
}

const list = (names: string[]): string => (names.length <= 6 ? names.join(', ') : `${names.slice(0, 6).join(', ')}, …`);

/** Contract: a model that looks layers up in `file`, whose names must be exactly `workload`'s compute layers. */
export function loadCsvModel(file: string, workload: Workload, layers: ComputeLayer[]): AnalyticModel {
  const byLayer = parsePredictionsCsv(file);
  const names = layers.map((l) => l.name);
  for (const [name, { row }] of byLayer) {
    if (!names.includes(name)) {
      throw new InputError(`${file} row ${row}`, `layer '${name}' is not a compute layer of workload ${workload.name}`, `use its layer names exactly: ${list(names)}`);
    }
  }
  const missing = names.filter((n) => !byLayer.has(n));
  if (missing.length > 0) {
    const more = missing.length > 1 ? ` (and ${missing.length - 1} more)` : '';
    throw new InputError(file, `no row for layer '${missing[0]}' of workload ${workload.name}${more}`, 'add one row per compute layer');
  }
  return (_arch, layer) => {
    const hit = byLayer.get(layer.name);
    if (hit === undefined) throw new InputError(file, `no row for layer '${layer.name}'`, 'add one row per compute layer');
    return hit.prediction;
  };
}
