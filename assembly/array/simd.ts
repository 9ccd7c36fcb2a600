// The hand-written SIMD inner loops: one row of PEs doing their MACs in one cycle, four PEs per v128.
// n is in bytes; the last vector may overhang the row by up to three words, into zero padding (layout.ts, PAD).

/** Contract: acc[0..n) += a[0..n) · b[0..n) (OS: accumulators stay in the PEs). */
// @ts-ignore: decorator
@inline
export function macRow(acc: usize, a: usize, b: usize, n: usize): void {
  let o: usize = 0;
  for (; o + 48 < n; o += 64) {
    v128.store(acc + o, i32x4.add(v128.load(acc + o), i32x4.mul(v128.load(a + o), v128.load(b + o))));
    v128.store(acc + o + 16, i32x4.add(v128.load(acc + o + 16), i32x4.mul(v128.load(a + o + 16), v128.load(b + o + 16))));
    v128.store(acc + o + 32, i32x4.add(v128.load(acc + o + 32), i32x4.mul(v128.load(a + o + 32), v128.load(b + o + 32))));
    v128.store(acc + o + 48, i32x4.add(v128.load(acc + o + 48), i32x4.mul(v128.load(a + o + 48), v128.load(b + o + 48))));
  }
  for (; o + 16 < n; o += 32) {
    v128.store(acc + o, i32x4.add(v128.load(acc + o), i32x4.mul(v128.load(a + o), v128.load(b + o))));
    v128.store(acc + o + 16, i32x4.add(v128.load(acc + o + 16), i32x4.mul(v128.load(a + o + 16), v128.load(b + o + 16))));
  }
  if (o < n) v128.store(acc + o, i32x4.add(v128.load(acc + o), i32x4.mul(v128.load(a + o), v128.load(b + o))));
}

/** Contract: out[0..n) = above[0..n) + a[0..n) · w[0..n) (WS/IS: partial sums move down one row). */
// @ts-ignore: decorator
@inline
export function macRowDown(out: usize, above: usize, a: usize, w: usize, n: usize): void {
  let o: usize = 0;
  for (; o + 48 < n; o += 64) {
    v128.store(out + o, i32x4.add(v128.load(above + o), i32x4.mul(v128.load(a + o), v128.load(w + o))));
    v128.store(out + o + 16, i32x4.add(v128.load(above + o + 16), i32x4.mul(v128.load(a + o + 16), v128.load(w + o + 16))));
    v128.store(out + o + 32, i32x4.add(v128.load(above + o + 32), i32x4.mul(v128.load(a + o + 32), v128.load(w + o + 32))));
    v128.store(out + o + 48, i32x4.add(v128.load(above + o + 48), i32x4.mul(v128.load(a + o + 48), v128.load(w + o + 48))));
  }
  for (; o + 16 < n; o += 32) {
    v128.store(out + o, i32x4.add(v128.load(above + o), i32x4.mul(v128.load(a + o), v128.load(w + o))));
    v128.store(out + o + 16, i32x4.add(v128.load(above + o + 16), i32x4.mul(v128.load(a + o + 16), v128.load(w + o + 16))));
  }
  if (o < n) v128.store(out + o, i32x4.add(v128.load(above + o), i32x4.mul(v128.load(a + o), v128.load(w + o))));
}
