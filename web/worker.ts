// The playground's Web Worker: the same host code and WASM cores as the CLI (no second implementation). Specs are
// read by host/spec's loaders from the in-memory file table (files.browser.ts: the presets, plus what the user
// pasted), simulate() runs them (simulateWithTimeline() when a trace is asked for), and the report goes back with the
// files `--out` would write (and the trace `--trace` would).
import { loadCore } from '../host/core/wasm.ts';
import { isInputError } from '../host/errors.ts';
import { createEmitter } from '../host/events.ts';
import { REPORT_FILES } from '../host/report/files.ts';
import { simulate } from '../host/simulate/index.ts';
import { loadAnyArch, loadArch, loadAttentionArch } from '../host/spec/arch/arch.ts';
import { applyArchOverrides, parseArchOverrides } from '../host/spec/arch/overrides.ts';
import { addFile, presetNames } from '../host/spec/text/files.browser.ts';
import { loadWorkload } from '../host/spec/workload/workload.ts';
import { simulateWithTimeline } from '../host/trace/record.ts';
import { traceText } from '../host/trace/chrome.ts';
import { systolicTrace } from '../host/trace/systolic.ts';
import { shapeFromFlags } from '../host/attention/shape.ts';
import { cascadeNames, loadCascade } from '../host/attention/cascade.ts';
import { attentionModelNames } from '../host/attention/models.ts';
import { runAttentionWithTimeline } from '../host/attention/run.ts';
import { loadAttentionCore } from '../host/core/attention.ts';
import { attentionRecordsFor, attentionTrace } from '../host/trace/attention.ts';
import type { AttentionRequest, RunRequest, SpecSource, WorkerMessage, WorkerRequest } from './protocol.ts';

const post = (m: WorkerMessage): void => (self as unknown as Worker).postMessage(m);

/** The reference a loader takes: a preset's name, or the pasted file's name in the table. */
function refOf(source: SpecSource, folder: string): string {
  if ('preset' in source) return source.preset;
  const path = `pasted/${folder}/${source.file}`;
  addFile(path, source.text);
  return path;
}

async function run(req: RunRequest): Promise<void> {
  const arch = applyArchOverrides(loadArch(refOf(req.arch, 'arch')), req.timing, parseArchOverrides(req.overrides));
  const workload = loadWorkload(refOf(req.workload, 'workload'));
  const emitter = createEmitter();
  let layer = '';
  emitter.on('layer:start', (e) => (layer = e.name));
  emitter.on('progress', ({ done, total }) => post({ type: 'progress', done, total, layer }));
  const options = { timing: req.timing, dataflow: req.dataflow, emitter };
  // With a timeline: the same run (the report is unchanged by recording) and the trace `run --trace` writes.
  const run = req.trace ? await simulateWithTimeline(arch, workload, options) : { report: await simulate(arch, workload, options), timelines: null };
  const { report } = run;
  const files = Object.fromEntries(Object.entries(REPORT_FILES).map(([name, render]) => [name, render(report)]));
  if (run.timelines !== null) files['trace.json'] = traceText(systolicTrace(report, run.timelines));
  // The CLI runs a workload with an snn block spiking by default; the playground has no spiking run, so it says so.
  const note = workload.snn === undefined ? undefined : SNN_DENSE_NOTE;
  post({ type: 'done', report, files, ...(note === undefined ? {} : { note }) });
}

/** Shown when a workload with an `snn` block ran: the page runs it dense, as `systole run --no-snn` does. */
export const SNN_DENSE_NOTE = "this workload has an snn block: the playground ran it dense, as 'systole run --no-snn' does (the CLI runs it spiking by default)";

/** `systole attention --arch A --model M --seq N --cascade C [--trace]`: the same loaders, shape checks and core. */
function runAttentionRequest(req: AttentionRequest): void {
  const arch = loadAttentionArch(req.arch);
  const cascade = loadCascade(req.cascade);
  const shape = shapeFromFlags({ model: req.model, seq: req.seq });
  post({ type: 'progress', done: 0, total: 1, layer: `${shape.model} seq ${shape.seq}` });
  const { report, timeline } = runAttentionWithTimeline(arch, cascade, shape, req.trace ? { timelineRecords: attentionRecordsFor() } : {});
  const files: Record<string, string> = { 'report.json': `${JSON.stringify(report, null, 2)}\n` }; // what attention --json prints
  if (req.trace) files['trace.json'] = traceText(attentionTrace(report, timeline));
  post({ type: 'done', report, files });
}

const ready = Promise.all([loadCore(fetch('systole.wasm')), loadAttentionCore(fetch('attention.wasm'))]).then(() => {
  // the arch presets of each machine kind
  const isAttention = (n: string) => {
    const spec = loadAnyArch(n);
    return 'kind' in spec && spec.kind === 'attention';
  };
  const all = presetNames('archs');
  post({
    type: 'ready',
    archs: all.filter((n) => !isAttention(n)),
    workloads: presetNames('workloads'),
    attentionArchs: all.filter(isAttention),
    models: attentionModelNames(),
    cascades: cascadeNames(),
  });
});
ready.catch((e: unknown) => post({ type: 'error', message: `cannot load the core: ${e instanceof Error ? e.message : String(e)}`, input: false }));

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  try {
    await ready;
    if (ev.data.type === 'attention') runAttentionRequest(ev.data);
    else await run(ev.data);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), input: isInputError(e) });
  }
};
