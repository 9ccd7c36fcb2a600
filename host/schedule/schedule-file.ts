// Reading a `systole.schedule/1` document (JSON or YAML) for `systole schedule --check`: its shape is validated
// here (so the checker sees well-formed steps); whether it is a valid schedule is the checker's job.
import { z } from 'zod';
import { parseDataText, readText } from '../spec/text/files.ts';
import { expects, strictKeys, toInputError } from '../spec/text/zod-error.ts';
import type { Schedule } from './types.ts';

const bytes = () => z.number(expects('a whole number of bytes >= 0')).int(expects('a whole number of bytes >= 0')).min(0, expects('a whole number of bytes >= 0'));
const tensorName = () => z.string(expects('a tensor name'));
const placementShape = { tensor: tensorName(), address: z.number(expects('an address in bytes')) };
const placement = z.strictObject(placementShape, strictKeys(placementShape));
const stepShape = {
  op: z.string(expects('an op name')),
  loads: z.array(placement),
  stores: z.array(tensorName()),
  evictions: z.array(tensorName()),
  resident: z.array(placement),
};
const padShape = { bytes: bytes(), alignment: bytes() };
const trafficShape = { compulsory: bytes(), nonCompulsory: z.number(expects('a number of bytes')), total: bytes() };
const scheduleShape = {
  schema: z.literal('systole.schedule/1', expects("'systole.schedule/1'")),
  method: z.string(expects('the name of the scheduler')).optional(),
  scratchpad: z.strictObject(padShape, strictKeys(padShape)),
  steps: z.array(z.strictObject(stepShape, strictKeys(stepShape))),
  traffic: z.strictObject(trafficShape, strictKeys(trafficShape)),
};
const scheduleSchema = z.strictObject(scheduleShape, strictKeys(scheduleShape));

/** Read and shape-check a schedule file. */
export function loadSchedule(path: string): Schedule {
  const raw = parseDataText(readText(path), path);
  const parsed = scheduleSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw toInputError(parsed.error, path, raw);
  return { ...parsed.data, method: parsed.data.method ?? 'unknown' };
}
