// `systole worker --queue URL [--jobs N]`: run the points of sweeps enqueued on a queue (`systole sweep … --queue URL`)
// until stopped (SIGINT, SIGTERM: the points in progress finish first). One line per point on stdout.
import type { Command } from 'commander';
import { sweepWorker } from '../sweep/index.ts';
import { parseJobs } from './sweep.ts';

interface WorkerFlags {
  queue: string;
  jobs?: string;
}

export async function workerCommand(flags: WorkerFlags): Promise<void> {
  const out = process.stdout;
  const worker = await sweepWorker({
    queue: flags.queue,
    jobs: parseJobs(flags.jobs),
    onPoint: (e) => out.write(e.phase === 'start' ? `start ${e.key}\n` : `done ${e.key} ${e.wallMs} ms\n`),
  });
  process.stderr.write(`systole worker: ${worker.threads} thread(s) on ${flags.queue}; stop with Ctrl-C (the points in progress finish first)\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  process.stderr.write(`systole worker: ${signal}: finishing the points in progress\n`);
  await worker.close();
}

export function register(program: Command): void {
  program
    .command('worker')
    .description('run the points of sweeps enqueued with `systole sweep --queue URL` (on any number of machines)')
    .requiredOption('--queue <url>', 'redis://HOST:PORT of the queue')
    .option('--jobs <n>', 'points run at once, one thread each (default: the number of cores)')
    .action((flags: WorkerFlags) => workerCommand(flags));
}
