// The spiking-network study's cost (issue 10): `systole study snn` on MobileNetV1 and VGG-16/CIFAR-10 at
// T ∈ {1, 2, 4, 8, 16}, wall and CPU time per network, against the 30 s target for both. Every step of every layer is
// simulated on the core, so the time grows with the number of input rates; the bench runs BENCH_RATES.
import { cpuUsage } from 'node:process';
import { loadArch, loadWorkload } from '../host/index.ts';
import { STUDY_TIMESTEPS, snnStudy } from '../host/snn/study.ts';
import { seconds, table } from './print.ts';

/** The input rates the bench sweeps: a low and a high one (the study's default has six). */
const BENCH_RATES = [0.02, 0.5];
const TARGET_S = 30;

export async function benchSnn(): Promise<void> {
  const arch = loadArch('array-64');
  const rows: string[][] = [];
  let wall = 0;
  let cpu = 0;
  for (const name of ['mobilenet_v1', 'vgg16_cifar10']) {
    const workload = loadWorkload(name);
    const t0 = performance.now();
    const c0 = cpuUsage();
    const s = await snnStudy(arch, workload, { timesteps: STUDY_TIMESTEPS, rates: BENCH_RATES });
    const c = cpuUsage(c0);
    const w = (performance.now() - t0) / 1e3;
    const u = (c.user + c.system) / 1e6;
    wall += w;
    cpu += u;
    const steps = STUDY_TIMESTEPS.reduce((a, b) => a + b, 0) * BENCH_RATES.length;
    rows.push([name, STUDY_TIMESTEPS.join(','), BENCH_RATES.join(','), String(steps), String(s.rows.length), seconds(w), seconds(u)]);
  }
  console.log(table(['workload', 'T', 'input rates', 'steps simulated', 'rows', 'wall', 'cpu'], rows));
  console.log(`both networks: ${seconds(wall)} wall, ${seconds(cpu)} CPU (target < ${TARGET_S} s); array-64, one time batch per inference`);
}
