// The hand-written SIMD inner loop: one row of PEs doing their MACs in one cycle, four PEs per v128.
// n is in bytes; the last vector may overhang the row by up to three words, into zero padding (layout.ts, PAD).

/**
 * Contract: out[0..n) = base[0..n) + a[0..n) · b[0..n). OS passes its accumulators as both out and base (they
 * stay in the PEs); WS/IS pass the row above as base (partial sums move down one row).
 */
// @ts-ignore: decorator
@inline
export function macRow(out: usize, base: usize, a: usize, b: usize, n: usize): void {
  let o: usize = 0;
  for (; o + 48 < n; o += 64) {
    v128.store(out + o, i32x4.add(v128.load(base + o), i32x4.mul(v128.load(a + o), v128.load(b + o))));
    v128.store(out + o + 16, i32x4.add(v128.load(base + o + 16), i32x4.mul(v128.load(a + o + 16), v128.load(b + o + 16))));
    v128.store(out + o + 32, i32x4.add(v128.load(base + o + 32), i32x4.mul(v128.load(a + o + 32), v128.load(b + o + 32))));
    v128.store(out + o + 48, i32x4.add(v128.load(base + o + 48), i32x4.mul(v128.load(a + o + 48), v128.load(b + o + 48))));
  }
  for (; o + 16 < n; o += 32) {
    v128.store(out + o, i32x4.add(v128.load(base + o), i32x4.mul(v128.load(a + o), v128.load(b + o))));
    v128.store(out + o + 16, i32x4.add(v128.load(base + o + 16), i32x4.mul(v128.load(a + o + 16), v128.load(b + o + 16))));
  }
  if (o < n) v128.store(out + o, i32x4.add(v128.load(base + o), i32x4.mul(v128.load(a + o), v128.load(b + o))));
}
