// The machines of the FuseMax study as analytic parameters, every figure from the artifact
// (FPSG-UIUC/micro24-fusemax-artifact at f543beb9): workspace/inputs/yamls/proposal/arch-2d.yaml, arch-1d.yaml
// (256 × 256 2D array, 256-PE 1D array, global_cycle_seconds 1.0638297873e-9 = 940 MHz, 16-bit words),
// workspace/src/accel/proposal.py (16 MiB global buffer), flat.py (cloud: 32 MiB, 400 · 2^30 B/s; edge: 32 × 32,
// 512 KiB, 50 · 2^30 B/s), cascade.py collect_latency (400 · 2^30 B/s, 940 MHz), unfused.py (32 MiB),
// flat_pe_proposal.py ("+Cascade": Proposal's 16 MiB buffer, FLAT's arrays and energy tables).
import { FLAT_ENERGY_TABLE, FUSEMAX_ENERGY_TABLE } from '../../energy/attention.ts';
import type { AnalyticParams } from './types.ts';

const GiB = 2 ** 30;
const base = { rows2d: 256, cols2d: 256, pes1d: 256, clockGHz: 0.94, dramGBps: (400 * GiB) / 1e9, bytesPerWord: 2 };

export const ANALYTIC_MACHINES = {
  'fusemax-cloud': { name: 'fusemax-cloud', ...base, bufferBytes: 16 * 2 ** 20, energy: FUSEMAX_ENERGY_TABLE },
  'flat-cloud': { name: 'flat-cloud', ...base, bufferBytes: 32 * 2 ** 20, energy: FLAT_ENERGY_TABLE },
  /** "+Cascade": FuseMax's cascade on FLAT's arrays (flat_pe_proposal.py: FLAT's energy tables, 16 MiB buffer). */
  'cascade-cloud': { name: 'cascade-cloud', ...base, bufferBytes: 16 * 2 ** 20, energy: FLAT_ENERGY_TABLE },
  /** The unfused baseline: FLAT's machine (32 MiB buffer, FLAT's registers and exp unit). */
  'unfused-cloud': { name: 'unfused-cloud', ...base, bufferBytes: 32 * 2 ** 20, energy: FLAT_ENERGY_TABLE },
  'fusemax-edge': { name: 'fusemax-edge', ...base, rows2d: 32, cols2d: 32, pes1d: 32, dramGBps: (50 * GiB) / 1e9, bufferBytes: 512 * 2 ** 10, energy: FUSEMAX_ENERGY_TABLE },
  'flat-edge': { name: 'flat-edge', ...base, rows2d: 32, cols2d: 32, pes1d: 32, dramGBps: (50 * GiB) / 1e9, bufferBytes: 512 * 2 ** 10, energy: FLAT_ENERGY_TABLE },
} as const satisfies Record<string, AnalyticParams>;
