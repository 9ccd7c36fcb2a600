// The reference attention, written independently of the core: O = softmax(Q·Kᵀ)·V per head, in f64, with the
// textbook max-subtracted softmax. Used by --verify and the tests.

/** O[h][p][f] for Q[h][p][e], K[h][m][e], V[h][m][f] (row-major, h = batch × head). */
export function referenceAttention(q: Float32Array, k: Float32Array, v: Float32Array, heads: number, seq: number, e: number, f: number): Float64Array {
  const out = new Float64Array(heads * seq * f);
  const s = new Float64Array(seq);
  for (let h = 0; h < heads; h++) {
    for (let p = 0; p < seq; p++) {
      let max = -Infinity;
      for (let m = 0; m < seq; m++) {
        let dot = 0;
        for (let i = 0; i < e; i++) dot += q[(h * seq + p) * e + i] * k[(h * seq + m) * e + i];
        s[m] = dot;
        if (dot > max) max = dot;
      }
      let den = 0;
      for (let m = 0; m < seq; m++) {
        s[m] = Math.exp(s[m] - max);
        den += s[m];
      }
      for (let j = 0; j < f; j++) {
        let num = 0;
        for (let m = 0; m < seq; m++) num += s[m] * v[(h * seq + m) * f + j];
        out[(h * seq + p) * f + j] = num / den;
      }
    }
  }
  return out;
}

/** Deterministic inputs in [-1, 1) (mulberry32, fixed seed). */
export function randomInputs(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let t = seed >>> 0;
  for (let i = 0; i < n; i++) {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = t;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    a[i] = ((x ^ (x >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return a;
}

/** Largest |out − ref| / max(1, |ref|): the verify error. */
export function maxRelativeError(out: Float32Array, ref: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(out[i] - ref[i]) / Math.max(1, Math.abs(ref[i])));
  return worst;
}
