// `systole attention`: one attention workload on a spatial attention arch (kind: attention).
import type { Command } from 'commander';
import { loadCascade } from '../attention/cascade.ts';
import { renderAttentionReport } from '../attention/render.ts';
import { runAttentionWithTimeline } from '../attention/run.ts';
import { shapeFromFlags } from '../attention/shape.ts';
export { parseCount, shapeFromFlags } from '../attention/shape.ts';
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
