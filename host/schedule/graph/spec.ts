// Reading and validating a `systole.graph/1` document (JSON or YAML): schema first, then the structural rules
// (known tensors, one producer per produced tensor, none for inputs/weights, no cycle). Bad input → InputError.
import { z } from 'zod';
import { InputError } from '../../errors.ts';
import { parseDataText, readText, stemOf } from '../../spec/text/files.ts';
import { name, posInt } from '../../spec/schema-parts.ts';
import { expects, strictKeys, toInputError } from '../../spec/text/zod-error.ts';
import { TENSOR_KINDS, type Graph } from '../types.ts';

const tensorShape = { bytes: posInt(), kind: z.enum(TENSOR_KINDS) };
const opShape = {
  name: name(),
  inputs: z.array(name(), expects('a list of tensor names')),
  outputs: z.array(name(), expects('a list of tensor names')).min(1, expects('at least one output tensor')),
  cycles: z.number(expects('a number of cycles >= 0')).min(0, expects('a number of cycles >= 0')).optional(),
};
const graphShape = {
  schema: z.literal('systole.graph/1', expects("'systole.graph/1'")),
  name: name().optional(),
  tensors: z.record(z.string(), z.strictObject(tensorShape, strictKeys(tensorShape))),
  ops: z.array(z.strictObject(opShape, strictKeys(opShape))).min(1, expects('at least one op')),
};
const graphSchema = z.strictObject(graphShape, strictKeys(graphShape));

/** Read a graph file (.json, .yaml, .yml) and validate it. */
export function loadGraph(path: string): Graph {
  return parseGraph(parseDataText(readText(path), path), path);
}

/** Validate parsed graph data; `source` names the file in errors. */
export function parseGraph(raw: unknown, source: string): Graph {
  const parsed = graphSchema.safeParse(raw);
  if (!parsed.success) throw toInputError(parsed.error, source, raw);
  const g = parsed.data;
  const graph: Graph = { schema: g.schema, name: g.name ?? stemOf(source), tensors: g.tensors, ops: g.ops };
  validateGraph(graph, source);
  return graph;
}

/** Structural rules of a graph; throws the first broken one as an InputError naming the op or tensor. */
export function validateGraph(graph: Graph, source: string): void {
  const producer = new Map<string, string>();
  const opNames = new Set<string>();
  graph.ops.forEach((op, i) => {
    const where = `${source}: ops[${i}] (${op.name})`;
    if (opNames.has(op.name)) throw new InputError(where, `op name '${op.name}' is used twice`, 'give every op a unique name');
    opNames.add(op.name);
    checkList(op.inputs, 'inputs', where, graph);
    checkList(op.outputs, 'outputs', where, graph);
    for (const t of op.outputs) {
      const kind = graph.tensors[t].kind;
      if (kind === 'input' || kind === 'weight') {
        throw new InputError(`${where}.outputs`, `tensor '${t}' is of kind ${kind}, which starts in DRAM and has no producer`, `make '${t}' an intermediate or output tensor`);
      }
      const other = producer.get(t);
      if (other !== undefined) throw new InputError(`${where}.outputs`, `tensor '${t}' is also written by op '${other}'`, 'give every tensor one producer');
      producer.set(t, op.name);
      if (op.inputs.includes(t)) throw new InputError(`${where}.inputs`, `op reads its own output '${t}'`, 'remove the self-loop');
    }
  });
  for (const [t, { kind }] of Object.entries(graph.tensors)) {
    if ((kind === 'intermediate' || kind === 'output') && !producer.has(t)) {
      throw new InputError(`${source}: tensors.${t}`, `${kind} tensor has no producer`, `add an op writing '${t}' or make it an input`);
    }
  }
  const cycle = findCycle(graph, producer);
  if (cycle !== null) throw new InputError(`${source}: ops`, `the ops form a cycle through ${cycle}`, 'graphs must be acyclic');
}

function checkList(list: string[], key: string, where: string, graph: Graph): void {
  const seen = new Set<string>();
  list.forEach((t, j) => {
    if (!(t in graph.tensors)) throw new InputError(`${where}.${key}[${j}]`, `unknown tensor '${t}'`, 'declare it under tensors');
    if (seen.has(t)) throw new InputError(`${where}.${key}[${j}]`, `tensor '${t}' is listed twice`, 'list each tensor once');
    seen.add(t);
  });
}

/** Name of an op on a cycle, or null when the ops are acyclic (Kahn's algorithm). */
function findCycle(graph: Graph, producer: Map<string, string>): string | null {
  const indeg = new Map<string, number>();
  const succ = new Map<string, string[]>();
  for (const op of graph.ops) {
    indeg.set(op.name, 0);
    succ.set(op.name, []);
  }
  for (const op of graph.ops) {
    for (const t of op.inputs) {
      const p = producer.get(t);
      if (p === undefined) continue;
      succ.get(p)!.push(op.name);
      indeg.set(op.name, indeg.get(op.name)! + 1);
    }
  }
  const ready = [...indeg].filter(([, d]) => d === 0).map(([n]) => n);
  let done = 0;
  while (ready.length > 0) {
    const n = ready.pop()!;
    done++;
    for (const s of succ.get(n)!) {
      const d = indeg.get(s)! - 1;
      indeg.set(s, d);
      if (d === 0) ready.push(s);
    }
  }
  if (done === graph.ops.length) return null;
  return [...indeg].find(([, d]) => d > 0)![0];
}
