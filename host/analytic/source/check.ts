// Checks what a model returned (user modules return anything): an object with a finite, non-negative `cycles` and
// optional groups of finite, non-negative figures named as in metrics.ts. Anything else is an InputError.
import { InputError } from '../../errors.ts';
import { METRIC_GROUPS } from '../metrics.ts';
import type { Prediction } from '../types.ts';

const FIX = 'return { cycles: <number ≥ 0>, utilization?: {...}, sram?: {...}, dram?: {...} } with finite numbers';

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function checkNumber(where: string, key: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new InputError(where, `${key} is ${show(v)}, not a finite number ≥ 0`, FIX);
  }
  return v;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Contract: returns `value` as a Prediction, or throws InputError at `where` (the model file and the layer). */
export function checkPrediction(value: unknown, where: string): Prediction {
  if (!isRecord(value)) throw new InputError(where, `the model returned ${show(value)}, not an object`, FIX);
  const out: Prediction = { cycles: checkNumber(where, 'cycles', value.cycles) };
  for (const [key, v] of Object.entries(value)) {
    if (key === 'cycles' || v === undefined) continue;
    if (!Object.hasOwn(METRIC_GROUPS, key)) {
      throw new InputError(where, `unknown key '${key}' in the prediction`, `use cycles, ${Object.keys(METRIC_GROUPS).join(', ')}`);
    }
    const allowed: readonly string[] = METRIC_GROUPS[key as keyof typeof METRIC_GROUPS];
    if (!isRecord(v)) throw new InputError(where, `${key} is ${show(v)}, not an object`, FIX);
    const figures: Record<string, number> = {};
    for (const [k, x] of Object.entries(v)) {
      if (!allowed.includes(k)) throw new InputError(where, `unknown key '${key}.${k}' in the prediction`, `use ${allowed.map((a) => `${key}.${a}`).join(', ')}`);
      if (x !== undefined) figures[k] = checkNumber(where, `${key}.${k}`, x);
    }
    (out as unknown as Record<string, unknown>)[key] = figures;
  }
  return out;
}
