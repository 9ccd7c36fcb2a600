// Maximal subsets of items that fit a capacity, for the exact search's "which resident tensors to keep".

/** Bitmasks of the maximal subsets of `sizes` whose sum is <= `capacity` (no item can be added without overflow). */
export function fitsCapacity(sizes: number[], capacity: number): number[] {
  const n = sizes.length;
  if (n > 20) throw new Error(`too many resident tensors for exhaustive keep sets: ${n}`);
  const out: number[] = [];
  for (let m = 0; m < 1 << n; m++) {
    let sum = 0;
    for (let k = 0; k < n; k++) if (m & (1 << k)) sum += sizes[k];
    if (sum > capacity) continue;
    let maximal = true;
    for (let k = 0; k < n && maximal; k++) if (!(m & (1 << k)) && sum + sizes[k] <= capacity) maximal = false;
    if (maximal) out.push(m);
  }
  return out;
}
