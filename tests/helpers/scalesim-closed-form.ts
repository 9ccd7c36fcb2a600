// SCALE-Sim v2's closed forms, written from shared/DESIGN.md's table (itself read off SCALE-Sim v2's
// systolic_compute_{os,ws,is}.py). Used only as a test oracle for `--timing scalesim`.

export type Df = 'os' | 'ws' | 'is';

export interface ClosedForm {
  cycles: number;
  mappingEfficiency: number;
  computeUtilization: number;
  overallUtilization: number;
  ifmapReads: number;
  filterReads: number;
  ofmapWrites: number;
}

/** One GEMM (M_e = M output rows, N filters, K window) on an R×C array. */
export function scalesimClosedForm(df: Df, R: number, C: number, M: number, N: number, K: number): ClosedForm {
  const [Sr, Sc, T] = df === 'os' ? [M, N, K] : df === 'ws' ? [K, N, M] : [K, M, N];
  const Fr = Math.ceil(Sr / R);
  const Fc = Math.ceil(Sc / C);
  const L = df === 'os' ? T + R + C - 2 : 2 * R + C + T - 2;
  const cycles = Fr * Fc * L - 1;
  const mappingEfficiency = (Sr * Sc) / (R * C * Fr * Fc);
  const computeUtilization = df === 'os' ? (mappingEfficiency * T) / L : (mappingEfficiency * T) / (L + C - 1);
  const macs = M * N * K;
  const sram =
    df === 'os'
      ? { ifmapReads: Fc * M * K, filterReads: Fr * N * K, ofmapWrites: M * N + Fr * Fc * (R + C) }
      : df === 'ws'
        ? { ifmapReads: Fc * M * K, filterReads: K * N, ofmapWrites: Fr * M * N }
        : { ifmapReads: K * M, filterReads: Fc * N * K, ofmapWrites: Fr * M * N };
  return { cycles, mappingEfficiency, computeUtilization, overallUtilization: macs / (cycles * R * C), ...sram };
}
