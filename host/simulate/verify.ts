// --verify: the core's output against a GEMM computed here, on the host, with plain loops (int32 wrap-around).
import type { FoldOutput } from '../core/index.ts';

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

/**
 * Contract: true when one fold's outputs equal the reference for that fold: Σ over its K rows of A·B, with `a` the
 * fold's A panel (o.rows × o.kLen) and `b` its B panel (o.kLen × o.cols), both row-major.
 */
export function matchesReferenceFold(o: FoldOutput, a: Int32Array, b: Int32Array): boolean {
  const { rows, cols, kLen, values, transposed } = o;
  const want = new Int32Array(rows * cols);
  if (!matchesShape(a, b, o)) return false;
  for (let i = 0; i < rows; i++) {
    for (let p = 0; p < kLen; p++) {
      const x = a[i * kLen + p];
      if (x === 0) continue;
      const off = p * cols;
      for (let j = 0; j < cols; j++) want[i * cols + j] = (want[i * cols + j] + Math.imul(x, b[off + j])) | 0;
    }
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const got = transposed ? values[j * rows + i] : values[i * cols + j];
      if (got !== want[i * cols + j]) return false;
    }
  }
  return true;
}

const matchesShape = (a: Int32Array, b: Int32Array, o: FoldOutput): boolean =>
  a.length === o.rows * o.kLen && b.length === o.kLen * o.cols && o.values.length === o.rows * o.cols;
