// The attention machine in `npm run bench`: the whole FuseMax study (4 models × 6 lengths × 3 cascades, batch 64),
// as configured and idealized, against the 30 s target; the fast-forward against full simulation at 16K
// tokens on a 16×16 array (every cascade), which is too long for `npm test`; and lengths whose tile count is prime.
import { cpuUsage } from 'node:process';
import { loadCascade } from '../host/attention/cascade.ts';
import { loadAttentionModel } from '../host/attention/models.ts';
import type { AttentionReport } from '../host/attention/report.ts';
import { runAttention } from '../host/attention/run.ts';
import { parseAttentionArch } from '../host/spec/arch/attention-arch.ts';
import { loadAttentionArch } from '../host/spec/arch/arch.ts';
import { fusemaxStudy } from '../host/study/fusemax.ts';
import { seconds, table } from './print.ts';

const STUDY_TARGET_S = 30;

function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c0 = cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1e3, cpu: (c.user + c.system) / 1e6 };
}

export async function benchAttention(): Promise<void> {
  const rows: string[][] = [];
  for (const idealized of [false, true]) {
    const t = timed(() => fusemaxStudy(idealized));
    const s = t.value.summary.systole;
    rows.push([
      `study fusemax${idealized ? ' --idealized' : ''} (72 runs)`,
      seconds(t.wall),
      seconds(t.cpu),
      `< ${STUDY_TARGET_S} s: ${t.wall < STUDY_TARGET_S ? 'met' : 'MISSED'} (cpu: ${t.cpu < STUDY_TARGET_S ? 'met' : 'MISSED'})`,
      `${s.speedupOverFlat.toFixed(2)}× at ${(100 * s.energyVsFlat).toFixed(1)}%`,
    ]);
  }
  console.log(table(['run', 'wall', 'cpu', 'target', 'FuseMax vs FLAT (mean)'], rows));

  const arch = parseAttentionArch(
    { kind: 'attention', name: 'bench-16x16', clockMHz: 1000, array2d: { rows: 16, cols: 16, registerWords: 16, expCycles: 7 }, array1d: { pes: 16, registerWords: 64, expCycles: 7 }, globalBuffer: { sizeKiB: 64 }, dram: { bandwidthGiBps: 16 } },
    'bench',
  );
  const strip = ({ simulation: _, ...r }: AttentionReport) => JSON.stringify(r);
  const ff: string[][] = [];
  for (const c of ['fusemax', 'flat', 'unfused']) {
    const shape = { model: 'custom', heads: 1, qkDim: 16, vDim: 16, seq: 16384, batch: 1 };
    const fast = timed(() => runAttention(arch, loadCascade(c), shape, { fastForward: true }));
    const full = timed(() => runAttention(arch, loadCascade(c), shape, { fastForward: false }));
    ff.push([c, String(fast.value.cycles.total), `${fast.value.simulation.tilesSimulated} + ${fast.value.simulation.tilesAdvanced}`, seconds(fast.wall), seconds(full.wall), strip(fast.value) === strip(full.value) ? 'yes' : 'NO']);
  }
  console.log(table(['16K tokens, 16×16', 'cycles', 'tiles simulated + advanced', 'fast-forward', 'full', 'identical reports'], ff));

  // Lengths whose tile count is prime (977 and 3,907 key tiles of 256): no whole-row or whole-unit period divides the
  // run, so the fast-forward relies on periods of several rows and of whole heads (assembly/attention/forward.ts).
  const prime: string[][] = [];
  for (const seq of [250_000, 1_000_000]) {
    for (const [c, archName] of [['fusemax', 'fusemax-cloud'], ['flat', 'flat-cloud'], ['unfused', 'flat-cloud']] as const) {
      const m = loadAttentionModel('bert');
      const shape = { model: m.name, heads: m.heads, qkDim: m.qkDim, vDim: m.vDim, seq, batch: 64 };
      const t = timed(() => runAttention(loadAttentionArch(archName), loadCascade(c), shape));
      const s = t.value.simulation;
      prime.push([`bert ${seq.toLocaleString('en-US')}`, c, t.value.cycles.total.toExponential(3), `${s.tilesSimulated} of ${(s.tilesSimulated + s.tilesAdvanced).toExponential(2)}`, seconds(t.wall), seconds(t.cpu)]);
    }
  }
  console.log(table(['prime tile counts, batch 64', 'cascade', 'cycles', 'tiles simulated', 'wall', 'cpu'], prime));
}
