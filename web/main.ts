// The playground page: builds the run request from the form (a systolic run, or an attention run), runs it in the
// worker (worker.ts) with a progress bar, then shows the report with the HTML report's own code (reportBody or
// attentionBody, and mountReport) and offers its files as downloads: report.json and SCALE-Sim's CSVs (what `--out`
// writes; an attention run: its report JSON), the trace (what `--trace` writes) when asked for, and the
// self-contained HTML report.
import { mountReport, type ChartInstance } from '../host/view/app.ts';
import { attentionBody } from '../host/view/attention.ts';
import { type AnyReport, htmlDocument, isAttentionReport, reportBody } from '../host/view/html.ts';
import { REPORT_CSS } from '../host/view/style.ts';
import type { RunRequest, SpecSource, WorkerMessage, WorkerRequest } from './protocol.ts';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = $('status');
const progress = $<HTMLProgressElement>('progress');
const runButton = $<HTMLButtonElement>('run');
const main = $('report');
const downloads = $('downloads');
let charts: Record<string, ChartInstance> = {};
let urls: string[] = [];

const style = document.createElement('style');
style.textContent = REPORT_CSS.replace(/\bbody \{[^}]*\}/, ''); // the page keeps its own body font and margins
document.head.append(style);

/** The page's state for scripts and tests: data-state on <body> (loading, ready, running, done, error). */
function setState(state: string, message: string, error = false): void {
  document.body.dataset.state = state;
  status.textContent = message;
  status.classList.toggle('error', error);
}

function fillSelect(id: string, names: string[], preferred: string): void {
  const select = $<HTMLSelectElement>(id);
  select.replaceChildren(...names.map((n) => new Option(n, n, n === preferred, n === preferred)));
}

/** The machine: the systolic array's controls or the attention array's. */
const machine = (): 'systolic' | 'attention' => (document.querySelector<HTMLInputElement>('input[name="machine"]:checked')!.value === 'attention' ? 'attention' : 'systolic');
for (const radio of Array.from(document.querySelectorAll<HTMLInputElement>('input[name="machine"]'))) {
  radio.addEventListener('change', () => {
    $('systolic').classList.toggle('hidden', machine() !== 'systolic');
    $('attention').classList.toggle('hidden', machine() !== 'attention');
  });
}

/** The radio buttons show the preset list or the text box. */
for (const what of ['arch', 'workload']) {
  for (const radio of Array.from(document.querySelectorAll<HTMLInputElement>(`input[name="${what}-from"]`))) {
    radio.addEventListener('change', () => $(`${what}-text`).classList.toggle('hidden', radio.value !== 'paste' || !radio.checked));
  }
}

function sourceOf(what: 'arch' | 'workload'): SpecSource {
  const from = document.querySelector<HTMLInputElement>(`input[name="${what}-from"]:checked`)!.value;
  if (from === 'preset') return { preset: $<HTMLSelectElement>(`${what}-preset`).value };
  return { file: $<HTMLSelectElement>(`${what}-format`).value, text: $<HTMLTextAreaElement>(`${what}-text`).value };
}

function offer(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  urls.push(url);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.textContent = name;
  downloads.append(a);
}

async function show(report: AnyReport, files: Record<string, string>): Promise<void> {
  main.innerHTML = isAttentionReport(report) ? attentionBody(report) : reportBody(report);
  charts = mountReport(main, report);
  window.systole = { report, charts };
  downloads.replaceChildren(document.createTextNode('download: '));
  for (const [name, text] of Object.entries(files)) offer(name, text, name.endsWith('.json') ? 'application/json' : 'text/csv');
  const app = await fetch('report-app.js').then((r) => r.text());
  offer('report.html', htmlDocument(report, app), 'text/html');
}

const worker = new Worker('worker.js');
worker.onmessage = async (ev: MessageEvent<WorkerMessage>) => {
  const m = ev.data;
  if (m.type === 'ready') {
    fillSelect('arch-preset', m.archs, 'array-64');
    fillSelect('workload-preset', m.workloads, 'mobilenet_v1');
    fillSelect('attn-arch', m.attentionArchs, 'fusemax-cloud');
    fillSelect('attn-model', m.models, 'bert');
    fillSelect('attn-cascade', m.cascades, 'fusemax');
    runButton.disabled = false;
    setState('ready', 'ready');
  } else if (m.type === 'progress') {
    progress.value = m.total === 0 ? 1 : m.done / m.total;
    status.textContent = `simulating ${m.layer}… ${(100 * progress.value).toFixed(0)} %`;
  } else if (m.type === 'done') {
    progress.value = 1;
    await show(m.report, m.files);
    runButton.disabled = false;
    const r = m.report;
    const cycles = isAttentionReport(r) ? r.cycles.total : r.totals.cycles;
    setState('done', `done: ${isAttentionReport(r) ? `${r.model} seq ${r.seq}, ${r.cascade}` : `${r.layers.length} layers`}, ${cycles.toLocaleString('en-US')} cycles${m.note === undefined ? '' : `; ${m.note}`}`);
  } else {
    runButton.disabled = false;
    setState('error', m.input ? m.message : `error: ${m.message}`, true);
  }
};

runButton.addEventListener('click', () => {
  for (const c of Object.values(charts)) c.dispose();
  for (const u of urls) URL.revokeObjectURL(u);
  charts = {};
  urls = [];
  main.replaceChildren();
  downloads.replaceChildren();
  progress.value = 0;
  runButton.disabled = true;
  setState('running', 'starting…');
  const dataflow = $<HTMLSelectElement>('dataflow').value;
  const trace = $<HTMLInputElement>('trace').checked;
  if (machine() === 'attention') {
    const value = (id: string) => $<HTMLInputElement | HTMLSelectElement>(id).value;
    worker.postMessage({ type: 'attention', arch: value('attn-arch'), model: value('attn-model'), seq: value('attn-seq'), cascade: value('attn-cascade'), trace } satisfies WorkerRequest);
    return;
  }
  const request: RunRequest = {
    type: 'run',
    arch: sourceOf('arch'),
    workload: sourceOf('workload'),
    timing: $<HTMLSelectElement>('timing').value as RunRequest['timing'],
    dataflow: dataflow === '' ? undefined : (dataflow as RunRequest['dataflow']),
    trace,
    overrides: Object.fromEntries(
      (['array', 'sramKib', 'bandwidth'] as const).map((k) => [k, $<HTMLInputElement>(k).value.trim()]).filter(([, v]) => v !== ''),
    ),
  };
  worker.postMessage(request);
});

window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
setState('loading', 'loading the core…');
