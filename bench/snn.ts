// The spiking-network study's cost (issue 10): `systole study snn` on MobileNetV1 and VGG-16/CIFAR-10 at
// T ∈ {1, 2, 4, 8, 16}, wall and CPU time per network, against the 30 s target for both. Per input rate the study
// runs T = 16 on the core with values (16 steps) and the windows of T = 1, 2, 4, 8 again for their counters
// (15 steps, no values), so its time is linear in the number of input rates. The target counts BENCH_RATES: the two
// ends of the sweep (a sparse and a dense input), not the study's default STUDY_RATES (six rates, about three times
// as long; not measured here).
import { cpuUsage } from 'node:process';
import { loadArch, loadWorkload } from '../host/index.ts';
import { STUDY_RATES, STUDY_TIMESTEPS, snnStudy } from '../host/snn/study.ts';
import { seconds, table } from './print.ts';

/** The input rates the target counts: the low and the high end of the study's default sweep (it has six). */
const BENCH_RATES = [STUDY_RATES[0], STUDY_RATES[STUDY_RATES.length - 1]];
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
  console.log(`steps simulated: with values ${Math.max(...STUDY_TIMESTEPS)} per rate, the other T's windows counters only`);
  console.log(`both networks: ${seconds(wall)} wall, ${seconds(cpu)} CPU (target < ${TARGET_S} s); array-64, one time batch per inference`);
}
