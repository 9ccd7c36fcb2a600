// The lowered rows of a spiking layer's steps without lowering them: which rows hold a non-zero input (the rows the
// array's front end issues), how many non-zero inputs they hold (events), and the kept rows gathered into the core's
// A. The same rows and values as im2col (host/lower/im2col.ts) of the step, row by row: a convolution's row
// m = oh·ew + ow reads, for each filter position (r, s) inside the input, the cg channels of group gi at input pixel
// (oh·sh + r − top, ow·sw + s − left), zeros outside (padding); a gemm's row m is its input row m.
import type { LoweredGemm } from '../lower/shape.ts';
import type { ConvLayer } from '../spec/types.ts';

/** One group's kept rows over a window, as the core's row map wants them (step s's row m as s·M + m). */
export interface KeptRows {
  rows: Int32Array;
  /** Non-zero inputs in the kept rows (over each row's K words). */
  nonZero: number;
}

/** Contract: a layer's kept rows per window and group, and the gather of kept rows into A. */
export class RowLowerer {
  private readonly integral: Int32Array;
  private readonly runs: Int32Array;
  /** A window's input, group-major (step, group, pixel, channel of the group), for a convolution of groups > 1. */
  private grouped: { first: number; steps: number; data: Int32Array } | null = null;

  constructor(private readonly conv: ConvLayer | null, private readonly g: LoweredGemm, private readonly inN: number) {
    this.integral = new Int32Array(conv === null ? 0 : (conv.ifmap.h + 1) * (conv.ifmap.w + 1) * conv.groups);
    this.runs = new Int32Array(conv === null ? 0 : conv.groups);
  }

  /** Contract: every group's rows of steps first..first+steps−1 that hold a non-zero input. */
  kept(input: Int32Array, first: number, steps: number): KeptRows[] {
    const groups = this.g.groups;
    const rows: number[][] = Array.from({ length: groups }, () => []);
    const nonZero = new Array<number>(groups).fill(0);
    for (let s = 0; s < steps; s++) {
      const x = input.subarray((first + s) * this.inN, (first + s + 1) * this.inN);
      if (this.conv === null) nonZero[0] += this.gemmRows(x, s, rows[0]);
      else this.convRows(this.conv, x, s, rows, nonZero);
    }
    return rows.map((r, gi) => ({ rows: Int32Array.from(r), nonZero: nonZero[gi] }));
  }

  private gemmRows(x: Int32Array, s: number, out: number[]): number {
    const { M, K } = this.g;
    let total = 0;
    for (let m = 0; m < M; m++) {
      let nz = 0;
      for (let k = m * K; k < (m + 1) * K; k++) if (x[k] !== 0) nz++;
      if (nz > 0) out.push(s * M + m);
      total += nz;
    }
    return total;
  }

  // The integral image of each group's non-zero channel count per input pixel (groups fastest), then each row's
  // window sum in O(1).
  private convRows(conv: ConvLayer, x: Int32Array, s: number, out: number[][], nonZero: number[]): void {
    const { h: H, w: W, c: C } = conv.ifmap;
    const G = conv.groups;
    const cg = C / G;
    const I = this.integral;
    const W1 = W + 1;
    const run = this.runs;
    for (let y = 0; y < H; y++) {
      run.fill(0);
      for (let xx = 0; xx < W; xx++) {
        const at = (y + 1) * W1 + xx + 1;
        for (let g = 0, src = (y * W + xx) * C; g < G; g++) {
          for (let ci = 0; ci < cg; ci++, src++) if (x[src] !== 0) run[g]++;
          I[at * G + g] = I[(at - W1) * G + g] + run[g];
        }
      }
    }
    const { eh, ew, M } = this.g;
    const { h: R, w: S } = conv.filter;
    const { h: sh, w: sw } = conv.stride;
    const { top, left } = conv.padding;
    for (let oh = 0; oh < eh; oh++) {
      const y0 = Math.max(0, oh * sh - top);
      const y1 = Math.min(H, oh * sh - top + R);
      for (let ow = 0; ow < ew; ow++) {
        const x0 = Math.max(0, ow * sw - left);
        const x1 = Math.min(W, ow * sw - left + S);
        if (y1 <= y0 || x1 <= x0) continue;
        const a = (y1 * W1 + x1) * G;
        const b = (y0 * W1 + x1) * G;
        const c = (y1 * W1 + x0) * G;
        const d = (y0 * W1 + x0) * G;
        const row = s * M + oh * ew + ow;
        for (let g = 0; g < G; g++) {
          const nz = I[a + g] - I[b + g] - I[c + g] + I[d + g];
          if (nz > 0) {
            out[g].push(row);
            nonZero[g] += nz;
          }
        }
      }
    }
  }

  /**
   * Contract: writes the kept rows `rows` (s·M + m) of group gi of the window of `steps` steps from `first` into `a`
   * (rows.length × K, row-major), each the row im2col would give.
   */
  gather(input: Int32Array, first: number, steps: number, gi: number, rows: Int32Array, a: Int32Array): void {
    const { M, K } = this.g;
    const conv = this.conv;
    const inN = this.inN;
    if (conv === null) {
      for (let i = 0; i < rows.length; i++) {
        const s = (rows[i] / M) | 0;
        const src = (first + s) * inN + (rows[i] - s * M) * K;
        a.set(input.subarray(src, src + K), i * K);
      }
      return;
    }
    const { h: H, w: W, c: C } = conv.ifmap;
    const cg = C / conv.groups;
    const { h: R, w: S } = conv.filter;
    const { h: sh, w: sw } = conv.stride;
    const { top, left } = conv.padding;
    const ew = this.g.ew;
    // Groups > 1: read the group's channels from a group-major copy of the window (contiguous, not strided by C).
    const src0 = conv.groups === 1 ? input : this.groupMajor(conv, input, first, steps);
    const pitch = conv.groups === 1 ? C : cg;
    const c0 = conv.groups === 1 ? 0 : gi * H * W * cg;
    const t0 = conv.groups === 1 ? first : 0;
    for (let i = 0; i < rows.length; i++) {
      const s = (rows[i] / M) | 0;
      const m = rows[i] - s * M;
      const base = (t0 + s) * inN + c0;
      const oh = (m / ew) | 0;
      const iy0 = oh * sh - top;
      const ix0 = (m - oh * ew) * sw - left;
      let dst = i * K;
      for (let r = 0; r < R; r++) {
        const iy = iy0 + r;
        const inside = iy >= 0 && iy < H;
        for (let sx = 0; sx < S; sx++, dst += cg) {
          const ix = ix0 + sx;
          if (!inside || ix < 0 || ix >= W) {
            for (let ci = 0; ci < cg; ci++) a[dst + ci] = 0;
            continue;
          }
          const src = base + (iy * W + ix) * pitch;
          if (cg < 32) for (let ci = 0; ci < cg; ci++) a[dst + ci] = src0[src + ci];
          else a.set(src0.subarray(src, src + cg), dst);
        }
      }
    }
  }

  /** The window's input steps first..first+steps−1, group-major; kept for the window's other groups. */
  private groupMajor(conv: ConvLayer, input: Int32Array, first: number, steps: number): Int32Array {
    const k = this.grouped;
    if (k !== null && k.first === first && k.steps === steps) return k.data;
    const { h: H, w: W, c: C } = conv.ifmap;
    const G = conv.groups;
    const cg = C / G;
    const P = H * W;
    const data = new Int32Array(steps * this.inN);
    for (let s = 0; s < steps; s++) {
      const off = s * this.inN;
      const from = (first + s) * this.inN;
      for (let p = 0; p < P; p++) {
        for (let g = 0; g < G; g++) for (let ci = 0; ci < cg; ci++) data[off + (g * P + p) * cg + ci] = input[from + p * C + g * cg + ci];
      }
    }
    this.grouped = { first, steps, data };
    return data;
  }
}
