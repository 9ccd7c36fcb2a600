// A graph turned into dense integer ids and adjacency lists, built once per graph for the schedulers
// (greedy, baselines, exact). The checker does not use it: it replays schedules on the plain Graph.
import type { Graph, TensorKind } from '../types.ts';

/** A graph with integer ids and adjacency lists. */
export interface Prepared {
  graph: Graph;
  tensorName: string[];
  tensorId: Map<string, number>;
  bytes: number[];
  kind: TensorKind[];
  opName: string[];
  opInputs: number[][];
  opOutputs: number[][];
  /** Producing op of each tensor, -1 for inputs and weights. */
  producer: number[];
  /** Consuming ops of each tensor. */
  consumers: number[][];
  /** Op-level predecessors / successors (deduplicated). */
  preds: number[][];
  succs: number[][];
  /** Compulsory traffic: every consumed input/weight once, every output once. */
  compulsory: number;
}

/** Index a validated graph. */
export function prepare(graph: Graph): Prepared {
  const tensorName = Object.keys(graph.tensors);
  const tensorId = new Map(tensorName.map((t, i) => [t, i]));
  const bytes = tensorName.map((t) => graph.tensors[t].bytes);
  const kind = tensorName.map((t) => graph.tensors[t].kind);
  const opName = graph.ops.map((o) => o.name);
  const opInputs = graph.ops.map((o) => o.inputs.map((t) => tensorId.get(t)!));
  const opOutputs = graph.ops.map((o) => o.outputs.map((t) => tensorId.get(t)!));
  const producer = tensorName.map(() => -1);
  const consumers: number[][] = tensorName.map(() => []);
  opOutputs.forEach((outs, o) => outs.forEach((t) => (producer[t] = o)));
  opInputs.forEach((ins, o) => ins.forEach((t) => consumers[t].push(o)));
  const preds = opInputs.map((ins) => [...new Set(ins.map((t) => producer[t]).filter((p) => p >= 0))]);
  const succs: number[][] = opName.map(() => []);
  preds.forEach((ps, o) => ps.forEach((p) => succs[p].push(o)));
  let compulsory = 0;
  tensorName.forEach((_, t) => {
    const k = kind[t];
    if (k === 'output' || ((k === 'input' || k === 'weight') && consumers[t].length > 0)) compulsory += bytes[t];
  });
  return { graph, tensorName, tensorId, bytes, kind, opName, opInputs, opOutputs, producer, consumers, preds, succs, compulsory };
}

/** Round `x` up to a multiple of `a`. */
export const alignUp = (x: number, a: number): number => Math.ceil(x / a) * a;

/** True when a tensor starts in DRAM (inputs and weights). */
export const startsInDram = (k: TensorKind): boolean => k === 'input' || k === 'weight';
