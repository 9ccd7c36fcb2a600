// --verify: the core's output against a GEMM computed here, on the host, with plain loops (int32 wrap-around).

/** Contract: true when c equals a·b exactly (A: M×K, B: K×N, row-major). */
export function matchesReferenceGemm(a: Int32Array, b: Int32Array, c: Int32Array, m: number, n: number, k: number): boolean {
  const row = new Int32Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let p = 0; p < k; p++) {
      const x = a[i * k + p];
      if (x === 0) continue;
      const off = p * n;
      for (let j = 0; j < n; j++) row[j] = (row[j] + Math.imul(x, b[off + j])) | 0;
    }
    for (let j = 0; j < n; j++) if (row[j] !== c[i * n + j]) return false;
  }
  return true;
}
