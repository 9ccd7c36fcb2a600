// Reference GEMM and operand generators for tests: plain nested loops, sharing no code with the core or host.

/** C = A·B with int32 wrap-around (the core's accumulator semantics). A: M×K, B: K×N, row-major. */
export function referenceGemm(a: Int32Array, b: Int32Array, m: number, n: number, k: number): Int32Array {
  const c = new Int32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s = (s + Math.imul(a[i * k + p], b[p * n + j])) | 0;
      c[i * n + j] = s;
    }
  }
  return c;
}

/** Deterministic int8-range values (a small LCG, independent of the host's generator). */
export function int8Values(count: number, seed: number): Int32Array {
  const out = new Int32Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s >>> 24) - 128;
  }
  return out;
}
