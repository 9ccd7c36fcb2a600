// An independent spiking forward pass in plain TypeScript (no core, no im2col, nothing from host/snn): direct
// convolution loops over the spike maps, the neuron equations as written in the README, OR pooling between layers.
// It takes the run's inputs (the first layer's encoded input, every layer's weights) and recomputes every layer's
// output spikes and final membrane potentials, step-major (all layers at step t, then t + 1).

export interface RefConv {
  kind: 'conv';
  h: number; w: number; c: number; // input
  r: number; s: number; filters: number; groups: number;
  stride: number; pad: { top: number; bottom: number; left: number; right: number };
}
export interface RefFc {
  kind: 'fc';
  k: number; n: number; // one row (m = 1)
}
export interface RefNeuron {
  kind: 'if' | 'lif';
  threshold: number;
  leak: number;
  reset: 'zero' | 'subtract';
}
export interface RefLayer {
  op: RefConv | RefFc;
  neuron: RefNeuron;
  /** How this layer's input comes from the previous layer's output (h×w×c): as is, or max (OR) pooled p×p. */
  pool: number;
  weights: Int32Array; // filters × r × s × (c / groups), or n × k
}

function outSize(op: RefConv): { oh: number; ow: number } {
  return {
    oh: Math.floor((op.h + op.pad.top + op.pad.bottom - op.r) / op.stride) + 1,
    ow: Math.floor((op.w + op.pad.left + op.pad.right - op.s) / op.stride) + 1,
  };
}

function conv(op: RefConv, x: Int32Array, w: Int32Array): Int32Array {
  const { oh, ow } = outSize(op);
  const cg = op.c / op.groups;
  const fg = op.filters / op.groups;
  const out = new Int32Array(oh * ow * op.filters);
  for (let y = 0; y < oh; y++) for (let xo = 0; xo < ow; xo++) for (let f = 0; f < op.filters; f++) {
    const g = Math.floor(f / fg);
    let acc = 0;
    for (let i = 0; i < op.r; i++) for (let j = 0; j < op.s; j++) {
      const iy = y * op.stride + i - op.pad.top;
      const ix = xo * op.stride + j - op.pad.left;
      if (iy < 0 || ix < 0 || iy >= op.h || ix >= op.w) continue;
      for (let ci = 0; ci < cg; ci++) acc += x[(iy * op.w + ix) * op.c + g * cg + ci] * w[((f * op.r + i) * op.s + j) * cg + ci];
    }
    out[(y * ow + xo) * op.filters + f] = acc;
  }
  return out;
}

function fc(op: RefFc, x: Int32Array, w: Int32Array): Int32Array {
  const out = new Int32Array(op.n);
  for (let n = 0; n < op.n; n++) {
    let acc = 0;
    for (let k = 0; k < op.k; k++) acc += x[k] * w[n * op.k + k];
    out[n] = acc;
  }
  return out;
}

function orPool(x: Uint8Array, h: number, w: number, c: number, p: number): Int32Array {
  const out = new Int32Array((h / p) * (w / p) * c);
  for (let y = 0; y < h / p; y++) for (let xo = 0; xo < w / p; xo++) for (let ch = 0; ch < c; ch++) {
    let m = 0;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) m = Math.max(m, x[((y * p + i) * w + xo * p + j) * c + ch]);
    out[(y * (w / p) + xo) * c + ch] = m;
  }
  return out;
}

/** Output spikes per layer (T × outputs, step-major) and the final membrane potentials. */
export function referenceSnn(layers: RefLayer[], input: Int32Array, steps: number): { spikes: Uint8Array[]; membrane: Float64Array[] } {
  const shapes = layers.map((l) => (l.op.kind === 'conv' ? { ...outSize(l.op), c: l.op.filters } : { oh: 1, ow: 1, c: l.op.n }));
  const sizes = shapes.map((s) => s.oh * s.ow * s.c);
  const spikes = sizes.map((n) => new Uint8Array(n * steps));
  const membrane = sizes.map((n) => new Float64Array(n));
  const inN = input.length / steps;
  for (let t = 0; t < steps; t++) {
    let x: Int32Array = input.slice(t * inN, (t + 1) * inN);
    layers.forEach((l, li) => {
      if (li > 0) {
        const prev = spikes[li - 1].subarray(t * sizes[li - 1], (t + 1) * sizes[li - 1]);
        const s = shapes[li - 1];
        x = l.pool > 1 ? orPool(prev, s.oh, s.ow, s.c, l.pool) : Int32Array.from(prev);
      }
      const cur = l.op.kind === 'conv' ? conv(l.op, x, l.weights) : fc(l.op, x, l.weights);
      const v = membrane[li];
      for (let i = 0; i < cur.length; i++) {
        let u = v[i];
        if (l.neuron.kind === 'lif') u = u - Math.trunc(u * l.neuron.leak);
        u = u + cur[i];
        const fire = u >= l.neuron.threshold;
        spikes[li][t * sizes[li] + i] = fire ? 1 : 0;
        if (fire) u = l.neuron.reset === 'zero' ? 0 : u - l.neuron.threshold;
        v[i] = u;
      }
    });
  }
  return { spikes, membrane };
}
