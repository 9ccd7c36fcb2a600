// Seeded random DAGs for tests and benchmarks: chains with skip connections (ResNet-like), random branching
// (fork/join), and NAS-like cells (each node combines two earlier nodes; a cell output concatenates the leaves).
import type { Graph, GraphOp, GraphTensor } from '../types.ts';

/** Shapes of random DAGs. */
export const RANDOM_STYLES = ['chain-skip', 'branching', 'nas'] as const;
/** One of RANDOM_STYLES. */
export type RandomStyle = (typeof RANDOM_STYLES)[number];

/** Size, seed and shape of a random DAG. */
export interface RandomGraphOptions {
  ops: number;
  seed: number;
  style: RandomStyle;
  /** Tensor sizes are multiples of this many bytes (default 64). */
  unit?: number;
  /** List the ops in random order instead of generation (topological) order. */
  shuffle?: boolean;
}

/** A deterministic PRNG (mulberry32) returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random DAG with `ops` ops (NAS cells may add up to 4 more to close the last cell). */
export function randomGraph(opts: RandomGraphOptions): Graph {
  const r = rng(opts.seed);
  const unit = opts.unit ?? 64;
  const tensors: Record<string, GraphTensor> = {};
  const ops: GraphOp[] = [];
  const size = () => unit * Math.max(1, Math.round(Math.exp(r() * Math.log(64))));
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const weights: string[] = [];
  const addOp = (inputs: string[]): string => {
    const k = ops.length;
    const out = `t${k}`;
    tensors[out] = { bytes: size(), kind: 'intermediate' };
    const ins = [...new Set(inputs)];
    if (r() < 0.7) {
      const shared = weights.length > 0 && r() < 0.1;
      const w = shared ? pick(weights) : `w${k}`;
      if (!shared) {
        tensors[w] = { bytes: size(), kind: 'weight' };
        weights.push(w);
      }
      ins.push(w);
    }
    const outputs = [out];
    if (r() < 0.05) {
      tensors[`${out}b`] = { bytes: size(), kind: 'intermediate' };
      outputs.push(`${out}b`);
    }
    ops.push({ name: `op${k}`, inputs: ins, outputs });
    return out;
  };
  const sources = r() < 0.3 ? ['x0', 'x1'] : ['x0'];
  for (const s of sources) tensors[s] = { bytes: size(), kind: 'input' };
  const produced: string[] = [...sources];
  if (opts.style === 'chain-skip') {
    for (let k = 0; k < opts.ops; k++) {
      const prev = produced[produced.length - 1];
      const ins = [prev];
      if (produced.length > 2 && r() < 0.35) ins.push(produced[Math.max(0, produced.length - 2 - Math.floor(r() * 5))]);
      produced.push(addOp(ins));
    }
  } else if (opts.style === 'branching') {
    for (let k = 0; k < opts.ops; k++) {
      const recent = produced.slice(-5);
      const ins = [pick(recent)];
      if (r() < 0.4) ins.push(pick(recent));
      produced.push(addOp(ins));
    }
  } else {
    let cellIn = [sources[0], sources[sources.length - 1]];
    while (ops.length < opts.ops) {
      const nodes: string[] = [];
      const used = new Set<string>();
      const n = Math.min(4, Math.max(1, opts.ops - ops.length - 1));
      for (let k = 0; k < n; k++) {
        const a = pick([...cellIn, ...nodes]);
        const b = pick([...cellIn, ...nodes]);
        used.add(a).add(b);
        nodes.push(addOp([a, b]));
      }
      const leaves = nodes.filter((t) => !used.has(t));
      const out = addOp(leaves.length > 0 ? leaves : [nodes[nodes.length - 1]]);
      cellIn = [cellIn[1], out];
    }
  }
  const consumed = new Set(ops.flatMap((o) => o.inputs));
  for (const [t, tensor] of Object.entries(tensors)) {
    if (tensor.kind === 'intermediate' && (!consumed.has(t) || r() < 0.05)) tensor.kind = 'output';
  }
  for (const s of sources) if (!consumed.has(s)) delete tensors[s];
  return { schema: 'systole.graph/1', name: `random-${opts.style}-${opts.ops}-${opts.seed}`, tensors, ops: opts.shuffle ? shuffle(ops, r) : ops };
}

/** Fisher–Yates shuffle (schedulers must not rely on the file order being topological). */
function shuffle<T>(xs: T[], r: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
