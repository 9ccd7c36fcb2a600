// `systole report REPORT.json`: read a report a run, validate or attention wrote (--json, or --out's report.json) back
// in. Reports have no full schema (host/report/types.ts, host/attention/report.ts are their types); this checks the
// fields the HTML report reads, so a file that is not such a report is one clear line instead of a broken page.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { readText } from '../spec/text/files.ts';
import { toInputError } from '../spec/text/zod-error.ts';
import type { AttentionReport } from '../attention/report.ts';
import { REPORT_SCHEMA, type Report } from '../report/types.ts';

const count = z.number().finite().nonnegative();
const counts = (keys: string[]) => z.object(Object.fromEntries(keys.map((k) => [k, count]))).passthrough();
const sram = counts(['ifmapReads', 'filterReads', 'ofmapWrites', 'ofmapReads', 'ifmapWrites', 'filterWrites']);
const dram = counts(['ifmapReads', 'filterReads', 'ofmapWrites', 'ofmapReads']).nullable();
const stallBy = counts(['ifmap', 'filter', 'ofmap', 'bank', 'unattributed']);
const operand = counts(['ifmap', 'filter', 'ofmap', 'total']);
const energy = z.object({ mac: count, registers: count, sram: operand, dram: operand, total: count }).passthrough();

/** The fields of a systole.report/1 document that the HTML report reads. */
const reportSchema = z
  .object({
    tool: z.object({ name: z.string(), version: z.string() }).passthrough(),
    timing: z.string(),
    arch: z
      .object({
        name: z.string(),
        dataflow: z.string(),
        array: z.object({ rows: z.number().int().positive(), cols: z.number().int().positive() }).passthrough(),
        dram: z.object({ bandwidthWordsPerCycle: z.number().positive() }).passthrough(),
      })
      .passthrough(),
    workload: z.object({ name: z.string() }).passthrough(),
    layers: z.array(
      z
        .object({
          name: z.string(),
          kind: z.string(),
          dataflow: z.string(),
          gemm: counts(['M', 'N', 'K', 'groups']),
          macs: count,
          cycles: z.object({ total: count, compute: count, stall: count, stallBy }).passthrough(),
          utilization: counts(['mapping', 'compute', 'overall']),
          sram,
          dram,
          energy,
        })
        .passthrough(),
    ),
    totals: z.object({ cycles: count, macs: count, utilization: count, sram, dram, stallBy, energy }).passthrough(),
  })
  .passthrough();

/** The fields of a systole.attention-report/1 document that the HTML report reads. */
const attentionSchema = z
  .object({
    tool: z.object({ name: z.string(), version: z.string() }).passthrough(),
    arch: z.object({ name: z.string(), clockMHz: z.number().positive() }).passthrough(),
    cascade: z.string(),
    model: z.string(),
    seq: count,
    batch: count,
    heads: count,
    qkDim: count,
    vDim: count,
    idealized: z.boolean(),
    cycles: counts(['total', 'dramWait']),
    seconds: count,
    utilization: counts(['array2d', 'array1d']),
    einsums: z.array(z.object({ name: z.string(), array: z.enum(['2d', '1d']), busyCycles: count }).passthrough()),
    globalBuffer: counts(['peakBytes', 'readWords', 'writeWords']),
    dram: counts(['readBytes', 'writeBytes']),
    energyPJ: z
      .object({ array2d: counts(['mac', 'max', 'add']), array1d: counts(['mac', 'max', 'add', 'exp', 'divide']), globalBuffer: count, dram: count, total: count })
      .passthrough(),
    plan: z.object({ blocksPerUnit: count, scores: z.string(), scoreTilesOnChip: count, stateInRegisters: z.boolean() }).passthrough(),
  })
  .passthrough();

const ATTENTION_SCHEMA = 'systole.attention-report/1';

const FIX_SOURCE = 'give the report.json that `systole run --out DIR` or `--json` wrote (or `systole attention --json`)';

/** Contract: the report in `file` (or in `file`/report.json when it is a report folder); InputError otherwise. */
export function readReport(file: string): Report | AttentionReport {
  const path = existsSync(file) && statSync(file).isDirectory() ? join(file, 'report.json') : file;
  let raw: unknown;
  try {
    raw = JSON.parse(readText(path));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, `not JSON (${(e as Error).message.split('\n')[0]})`, FIX_SOURCE);
  }
  const schema = (raw as { schema?: unknown } | null)?.schema;
  if (schema !== REPORT_SCHEMA && schema !== ATTENTION_SCHEMA) {
    const what = typeof schema === 'string' ? `a ${schema} document` : 'not a Systole report (no "schema" key)';
    throw new InputError(`${path}: schema`, `${what}; the HTML report reads ${REPORT_SCHEMA} (systole run / validate) and ${ATTENTION_SCHEMA}`, FIX_SOURCE);
  }
  const parsed = (schema === REPORT_SCHEMA ? reportSchema : attentionSchema).safeParse(raw, { reportInput: true });
  if (!parsed.success) throw toInputError(parsed.error, path, raw);
  return raw as Report | AttentionReport;
}
