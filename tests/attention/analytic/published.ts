// The FuseMax artifact's published results (tests/fixtures/fusemax/, provenance in its README.md), read as numbers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'fusemax');

/** The study's models: the artifact's names → Systole's presets. */
export const MODELS = { BERT: 'bert', TrXL: 'trxl', T5: 't5', XLM: 'xlm' } as const;
export const SEQS = { '1K': 1024, '4K': 4096, '16K': 16384, '64K': 65536, '256K': 262144, '1M': 1048576 } as const;

export type Row = Record<string, string> & { model: string; seq_len: string };

/** One results CSV as rows of strings keyed by its header (empty trailing header cells dropped). */
export function readResults(name: string): Row[] {
  const [head, ...lines] = fs.readFileSync(path.join(DIR, `${name}.csv`), 'utf8').trim().split('\n');
  const keys = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])) as Row);
}

/** The row of a model and sequence length, with its numbers. */
export function point(rows: Row[], model: string, seq: string): Record<string, number> {
  const r = rows.find((x) => x.model === model && x.seq_len === seq);
  if (r === undefined) throw new Error(`no published point ${model} ${seq}`);
  return Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'model' && k !== 'seq_len' && k !== '').map(([k, v]) => [k, Number(v)]));
}

/** Relative error |a − b| / |b|. */
export const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
