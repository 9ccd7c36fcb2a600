// `systole serve [--port P]`: the browser playground (web/) on http://127.0.0.1:P/ until interrupted.
import type { Command } from 'commander';
import type { AddressInfo } from 'node:net';
import { InputError } from '../errors.ts';
import { servePlayground } from '../web/serve.ts';

export interface ServeFlags {
  port: string;
}

/** The TCP port of --port: an integer 0..65535 (0: any free port). */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n > 65535) {
    throw new InputError('--port', `${JSON.stringify(value)} is not a port number`, 'give an integer 0..65535 (0: any free port), e.g. --port 8080');
  }
  return n;
}

/** The `serve` action: listen, print the address, keep serving until SIGINT/SIGTERM. */
export async function serveCommand(flags: ServeFlags): Promise<void> {
  const server = await servePlayground(parsePort(flags.port));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`systole: the playground is at http://127.0.0.1:${port}/ (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Adds the `serve` subcommand to `program`. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the browser playground (the simulator in a Web Worker) on 127.0.0.1')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0: any free port)', '8080')
    .action((flags: ServeFlags) => serveCommand(flags));
}
