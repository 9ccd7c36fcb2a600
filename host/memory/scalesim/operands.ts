// SCALE-Sim's operand address matrices (scalesim/compute/operand_matrix.py), as lookups instead of matrices.
// Addresses are local to each operand (SCALE-Sim adds the .cfg's Ifmap/Filter/OfmapOffset, which never changes a
// count: each operand has its own buffer). −1 is a padded position, never requested from DRAM.
//   ifmap  M×K: row m = output pixel (oh, ow) = divmod(m, Ew), column k = (r, s, ch) with k = (r·S + s)·C + ch;
//               address ((oh·sh + r)·W + ow·sw + s)·C + ch, or −1 when the row or column is past H or W
//               (calc_ifmap_elem_addr). Overlapping windows reuse addresses.
//   filter K×N: address n·K + k (calc_filter_elem_addr).
//   ofmap  M×N: address m·N + n (calc_ofmap_elem_addr); only its count matters to the write buffer.
import type { GemmDim } from '../../../mappings/index.ts';
import type { ScaleSimLayer } from './layer.ts';

export type OperandName = 'ifmap' | 'filter' | 'ofmap';

/** An operand matrix: its two GEMM dimensions (row, column) and the address of each element. */
export interface OperandMatrix {
  readonly dims: readonly [GemmDim, GemmDim];
  /** Distinct addresses: every address is in [0, space). */
  readonly space: number;
  /** Contract: the address of element (i, j), i along dims[0] and j along dims[1], or −1 (padding). */
  at(i: number, j: number): number;
  /** True when every element is a word (never −1, the padding a SCALE-Sim demand skips). */
  readonly neverNull: boolean;
}

/** The im2col ifmap matrix of a SCALE-Sim layer, with per-row and per-column tables (no division per element). */
class IfmapMatrix implements OperandMatrix {
  readonly dims = ['M', 'K'] as const;
  readonly neverNull = false;
  readonly space: number;
  private readonly rowTop: Int32Array;
  private readonly colLeft: Int32Array;
  private readonly base: Int32Array;
  private readonly dr: Int32Array;
  private readonly ds: Int32Array;
  private readonly delta: Int32Array;
  private readonly h: number;
  private readonly w: number;

  constructor(l: ScaleSimLayer) {
    this.h = l.h;
    this.w = l.w;
    this.space = l.h * l.w * l.c;
    const M = l.eh * l.ew;
    const K = l.r * l.s * l.c;
    this.rowTop = new Int32Array(M);
    this.colLeft = new Int32Array(M);
    this.base = new Int32Array(M);
    for (let m = 0; m < M; m++) {
      const oh = Math.floor(m / l.ew);
      const ow = m - oh * l.ew;
      this.rowTop[m] = oh * l.strideH;
      this.colLeft[m] = ow * l.strideW;
      this.base[m] = (this.rowTop[m] * l.w + this.colLeft[m]) * l.c;
    }
    this.dr = new Int32Array(K);
    this.ds = new Int32Array(K);
    this.delta = new Int32Array(K);
    for (let k = 0; k < K; k++) {
      const r = Math.floor(k / (l.s * l.c));
      const rest = k - r * l.s * l.c;
      const s = Math.floor(rest / l.c);
      this.dr[k] = r;
      this.ds[k] = s;
      this.delta[k] = (r * l.w + s) * l.c + (rest - s * l.c);
    }
  }

  at(m: number, k: number): number {
    return this.rowTop[m] + this.dr[k] < this.h && this.colLeft[m] + this.ds[k] < this.w ? this.base[m] + this.delta[k] : -1;
  }
}

/** filter K×N: column n holds filter n's window, contiguous. */
class FilterMatrix implements OperandMatrix {
  readonly dims = ['K', 'N'] as const;
  readonly neverNull = true;
  readonly space: number;
  constructor(private readonly K: number, N: number) {
    this.space = K * N;
  }
  at(k: number, n: number): number {
    return n * this.K + k;
  }
}

/** ofmap M×N, row-major. */
class OfmapMatrix implements OperandMatrix {
  readonly dims = ['M', 'N'] as const;
  readonly neverNull = true;
  readonly space: number;
  constructor(M: number, private readonly N: number) {
    this.space = M * N;
  }
  at(m: number, n: number): number {
    return m * this.N + n;
  }
}

/** The three operand matrices of one SCALE-Sim layer. */
export function operandMatrices(l: ScaleSimLayer): Record<OperandName, OperandMatrix> {
  const M = l.eh * l.ew;
  const K = l.r * l.s * l.c;
  return { ifmap: new IfmapMatrix(l), filter: new FilterMatrix(K, l.n), ofmap: new OfmapMatrix(M, l.n) };
}
