// `systole attention`: one attention workload on a spatial attention arch (kind: attention).
import type { Command } from 'commander';
import { loadCascade } from '../attention/cascade.ts';
import { loadAttentionModel } from '../attention/models.ts';
import { renderAttentionReport } from '../attention/render.ts';
import { runAttentionWithTimeline } from '../attention/run.ts';
import type { AttentionShape } from '../attention/shape.ts';
import { InputError } from '../errors.ts';
import { loadAttentionArch } from '../spec/arch/arch.ts';
import { assertHtmlWritable, writeHtmlReport } from '../view/write.ts';
import { attentionRecordsFor, attentionTrace } from '../trace/attention.ts';
import { assertTraceWritable, writeTrace } from '../trace/write.ts';

interface AttentionFlags {
  arch: string;
  model?: string;
  heads?: string;
  e?: string;
  f?: string;
  seq: string;
  cascade: string;
  batch?: string;
  idealized?: boolean;
  verify?: boolean;
  fastForward: boolean;
  json?: boolean;
  html?: string;
  trace?: string;
}

/** A positive integer flag; anything else is an InputError. */
export function parseCount(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InputError(flag, `${JSON.stringify(value)} is not a positive integer`, `give a positive integer, e.g. ${flag} 64`);
  }
  return n;
}

/** The shape from --model (a preset or file) or from --heads/--e/--f, with --seq and --batch. */
export function shapeFromFlags(f: Pick<AttentionFlags, 'model' | 'heads' | 'e' | 'f' | 'seq' | 'batch'>): AttentionShape {
  const seq = parseCount('--seq', f.seq);
  const explicit = [f.heads, f.e, f.f].some((x) => x !== undefined);
  if (f.model !== undefined && explicit) throw new InputError('--model', 'given together with --heads/--e/--f', 'give a model, or the shape');
  if (f.model === undefined && !explicit) throw new InputError('--model', 'missing', 'give --model (bert, trxl, t5, xlm or a file) or --heads, --e and --f');
  if (f.model !== undefined) {
    const m = loadAttentionModel(f.model);
    return { model: m.name, heads: m.heads, qkDim: m.qkDim, vDim: m.vDim, seq, batch: f.batch === undefined ? m.batch : parseCount('--batch', f.batch) };
  }
  for (const [flag, v] of [['--heads', f.heads], ['--e', f.e], ['--f', f.f]] as const) {
    if (v === undefined) throw new InputError(flag, 'missing', `give --heads, --e and --f together (or --model)`);
  }
  return {
    model: 'custom',
    heads: parseCount('--heads', f.heads!),
    qkDim: parseCount('--e', f.e!),
    vDim: parseCount('--f', f.f!),
    seq,
    batch: f.batch === undefined ? 1 : parseCount('--batch', f.batch),
  };
}

export function register(program: Command): void {
  program
    .command('attention')
    .description('attention on a spatial attention array (2D + 1D), cycle by cycle: FuseMax, FLAT, unfused')
    .option('--arch <preset|file>', 'attention arch preset (fusemax-cloud, flat-cloud, fusemax-edge, flat-edge) or file', 'fusemax-cloud')
    .option('--model <name|file>', 'attention model: bert, trxl, t5, xlm or a file')
    .option('--heads <n>', 'heads (instead of --model)')
    .option('--e <n>', 'query/key width per head (instead of --model)')
    .option('--f <n>', 'value width per head (instead of --model)')
    .option('--seq <n>', 'sequence length', '4096')
    .option('--cascade <name|file>', 'cascade: fusemax, flat, unfused or a file', 'fusemax')
    .option('--batch <n>', 'batch size (default: the model\'s, 1 with --heads)')
    .option('--idealized', 'the published analytic model\'s assumptions: no fill, skew or drain, one-cycle reductions')
    .option('--verify', 'compute real values and compare with softmax(QKᵀ)·V (small runs; no fast-forward)')
    .option('--no-fast-forward', 'simulate every tile (no whole-period jumps)')
    .option('--json', 'print the systole.attention-report/1 document')
    .option('--html <file>', 'write the report as one self-contained HTML page (busy cycles per Einsum, energy; opens offline)')
    .option('--trace <file>', 'write the timeline (2D and 1D arrays, one slice per Einsum and tile) as a Chrome trace for Perfetto / chrome://tracing')
    .action(async (f: AttentionFlags) => {
      if (f.html !== undefined) assertHtmlWritable(f.html);
      const shape = shapeFromFlags(f);
      if (f.trace !== undefined) assertTraceWritable(f.trace);
      const arch = loadAttentionArch(f.arch);
      const cascade = loadCascade(f.cascade);
      const opts = { idealized: f.idealized, verify: f.verify, fastForward: f.fastForward };
      const { report, timeline } = runAttentionWithTimeline(arch, cascade, shape, f.trace === undefined ? opts : { ...opts, timelineRecords: attentionRecordsFor() });
      if (f.html !== undefined) await writeHtmlReport(report, f.html);
      if (f.trace !== undefined) await writeTrace(attentionTrace(report, timeline), f.trace);
      process.stdout.write(f.json ? `${JSON.stringify(report, null, 2)}\n` : renderAttentionReport(report));
    });
}
