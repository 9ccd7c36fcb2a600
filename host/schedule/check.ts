// The independent validity checker: replays a schedule against its graph and reports the first violation.
// It shares nothing with the schedulers but the document types, so a bug in one is not hidden by the other.
import type { CheckResult, Graph, Schedule, ViolationKind } from './types.ts';

class Violation extends Error {
  constructor(
    readonly step: number,
    readonly kind: ViolationKind,
    message: string,
  ) {
    super(message);
  }
}

/** Replay `schedule` on `graph`; `{ok: true}` or the first violation with its step index and kind. */
export function checkSchedule(graph: Graph, schedule: Schedule): CheckResult {
  try {
    replay(graph, schedule);
    return { ok: true };
  } catch (e) {
    if (e instanceof Violation) return { ok: false, step: e.step, kind: e.kind, violation: e.message };
    throw e;
  }
}

/** Compulsory traffic of a graph: every input or weight some op reads, loaded once, and every output stored once. */
export function compulsoryBytes(graph: Graph): number {
  const consumed = new Set(graph.ops.flatMap((op) => op.inputs));
  let compulsory = 0;
  for (const [t, { kind, bytes }] of Object.entries(graph.tensors)) {
    if (kind === 'output' || ((kind === 'input' || kind === 'weight') && consumed.has(t))) compulsory += bytes;
  }
  return compulsory;
}

/** Why `schedule` cannot be a schedule of `graph` at all (it names ops the graph does not have, or records the
 *  compulsory traffic of another graph), or null. Checked before the replay, whose violations would be
 *  meaningless then. */
export function otherGraph(graph: Graph, schedule: Schedule): string | null {
  const ops = new Set(graph.ops.map((o) => o.name));
  const foreign = schedule.steps.filter((s) => !ops.has(s.op)).map((s) => s.op);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).map((o) => `'${o}'`).join(', ');
    return `its steps run ${foreign.length} op(s) graph ${graph.name} does not have (${shown}${foreign.length > 3 ? ', …' : ''})`;
  }
  const want = compulsoryBytes(graph);
  if (schedule.traffic.compulsory !== want) return `it records ${schedule.traffic.compulsory} B of compulsory traffic, graph ${graph.name} has ${want} B (other tensor sizes)`;
  return null;
}

function replay(graph: Graph, schedule: Schedule): void {
  const { bytes: capacity, alignment } = schedule.scratchpad;
  const fail = (step: number, kind: ViolationKind, msg: string): never => {
    throw new Violation(step, kind, msg);
  };
  if (!(Number.isInteger(capacity) && capacity > 0 && Number.isInteger(alignment) && alignment > 0)) {
    fail(0, 'bad-scratchpad', `scratchpad bytes and alignment must be positive integers, got ${capacity} and ${alignment}`);
  }
  const ops = new Map(graph.ops.map((op) => [op.name, op]));
  const size = (t: string, step: number): number => {
    const tensor = graph.tensors[t];
    if (tensor === undefined || !Object.hasOwn(graph.tensors, t)) fail(step, 'unknown-tensor', `tensor '${t}' is not in the graph`);
    return tensor.bytes;
  };
  const remainingUses = new Map<string, number>();
  for (const op of graph.ops) for (const t of op.inputs) remainingUses.set(t, (remainingUses.get(t) ?? 0) + 1);
  const inDram = new Set(Object.keys(graph.tensors).filter((t) => ['input', 'weight'].includes(graph.tensors[t].kind)));
  const produced = new Set<string>();
  const done = new Set<string>();
  const resident = new Map<string, number>();
  let loaded = 0;
  let stored = 0;

  schedule.steps.forEach((step, i) => {
    const op = ops.get(step.op);
    if (op === undefined) fail(i, 'unknown-op', `op '${step.op}' is not in the graph`);
    if (done.has(op!.name)) fail(i, 'repeated-op', `op '${op!.name}' runs a second time`);
    for (const t of op!.inputs) {
      const k = graph.tensors[t].kind;
      if ((k === 'intermediate' || k === 'output') && !produced.has(t)) {
        fail(i, 'not-topological', `op '${op!.name}' reads '${t}' before the op producing it has run`);
      }
    }
    for (const { tensor, address } of step.loads) {
      const b = size(tensor, i);
      if (resident.has(tensor)) fail(i, 'load-already-resident', `'${tensor}' is loaded while already resident`);
      if (!inDram.has(tensor)) fail(i, 'load-not-in-dram', `'${tensor}' is loaded but is not in DRAM (never stored)`);
      checkRange(i, tensor, address, b);
      resident.set(tensor, address);
      loaded += b;
    }
    const listed = new Map<string, number>();
    for (const { tensor, address } of step.resident) {
      size(tensor, i);
      if (listed.has(tensor)) fail(i, 'resident-mismatch', `'${tensor}' is listed twice as resident`);
      listed.set(tensor, address);
    }
    for (const t of op!.outputs) {
      const a = listed.get(t);
      if (a === undefined) fail(i, 'operand-not-resident', `output '${t}' of '${op!.name}' is not resident while it runs`);
      checkRange(i, t, a!, graph.tensors[t].bytes);
      resident.set(t, a!);
      produced.add(t);
    }
    for (const [t, a] of listed) {
      const known = resident.get(t);
      if (known === undefined) fail(i, 'resident-mismatch', `'${t}' is listed as resident but was neither loaded nor written`);
      if (known !== a) fail(i, 'moved', `'${t}' moved from address ${known} to ${a} while resident`);
    }
    for (const t of resident.keys()) {
      if (!listed.has(t)) fail(i, 'resident-mismatch', `'${t}' is in the scratchpad but missing from the resident list`);
    }
    for (const t of op!.inputs) {
      if (!resident.has(t)) fail(i, 'operand-not-resident', `input '${t}' of '${op!.name}' is not resident while it runs`);
    }
    checkDisjoint(i, [...resident]);
    done.add(op!.name);
    for (const t of op!.inputs) remainingUses.set(t, remainingUses.get(t)! - 1);
    for (const t of step.stores) {
      const b = size(t, i);
      if (!resident.has(t)) fail(i, 'store-not-resident', `'${t}' is stored but is not resident`);
      inDram.add(t);
      stored += b;
    }
    for (const t of step.evictions) {
      size(t, i);
      if (!resident.has(t)) fail(i, 'evict-not-resident', `'${t}' is evicted but is not resident`);
      const needed = (remainingUses.get(t) ?? 0) > 0 || graph.tensors[t].kind === 'output';
      if (needed && !inDram.has(t)) fail(i, 'evict-unsaved', `'${t}' is evicted without being stored but is still needed or is an output`);
      resident.delete(t);
    }
  });

  const end = schedule.steps.length;
  for (const op of graph.ops) if (!done.has(op.name)) fail(end, 'missing-op', `op '${op.name}' never runs`);
  for (const [t, { kind }] of Object.entries(graph.tensors)) {
    if (kind === 'output' && !inDram.has(t)) fail(end, 'output-not-stored', `output '${t}' is never stored to DRAM`);
  }
  const compulsory = compulsoryBytes(graph);
  const total = loaded + stored;
  const want = { compulsory, nonCompulsory: total - compulsory, total };
  const got = schedule.traffic;
  if (got.compulsory !== want.compulsory || got.nonCompulsory !== want.nonCompulsory || got.total !== want.total) {
    fail(end, 'traffic-mismatch', `traffic says ${JSON.stringify(got)} but the replay gives ${JSON.stringify(want)}`);
  }

  function checkRange(i: number, t: string, a: number, b: number): void {
    if (!Number.isInteger(a) || a % alignment !== 0) fail(i, 'misaligned', `'${t}' at address ${a} is not a multiple of ${alignment}`);
    if (a < 0 || a + b > capacity) fail(i, 'out-of-bounds', `'${t}' at [${a}, ${a + b}) does not fit in [0, ${capacity})`);
  }

  function checkDisjoint(i: number, placed: Array<[string, number]>): void {
    placed.sort((x, y) => x[1] - y[1]);
    for (let k = 1; k < placed.length; k++) {
      const [prev, pa] = placed[k - 1];
      const [cur, ca] = placed[k];
      if (pa + graph.tensors[prev].bytes > ca) fail(i, 'overlap', `'${prev}' at [${pa}, ${pa + graph.tensors[prev].bytes}) overlaps '${cur}' at ${ca}`);
    }
  }
}
