#!/usr/bin/env node
// The `systole` command: a list of subcommands (one module each in host/commands/) and the top-level error policy.
//   bad input (InputError) or a usage error → one line `systole: ...` on stderr, exit 2, no stack trace;
//   a signal during the --out write phase (OutInterrupted) → one line, exit 128 + the signal's number;
//   any other error → one line with its message, exit 1.
// Subcommands must be added with `program.command(...)` inside their register(): that is how they inherit the
// output and exit settings configured below.
import { Command, CommanderError } from 'commander';
import { register as registerAttention } from './commands/attention.ts';
import { register as registerGraph } from './commands/graph.ts';
import { register as registerReport } from './commands/report.ts';
import { register as registerRun } from './commands/run.ts';
import { register as registerSchedule } from './commands/schedule.ts';
import { register as registerServe } from './commands/serve.ts';
import { register as registerStudy } from './commands/study.ts';
import { register as registerSweep } from './commands/sweep.ts';
import { register as registerValidate } from './commands/validate.ts';
import { register as registerWorker } from './commands/worker.ts';
import { isInputError } from './errors.ts';
import { OutInterrupted } from './report/out.ts';
import { TOOL } from './version.ts';

/** Exit code for bad input and usage errors. */
const EXIT_BAD_INPUT = 2;

/** A quoted value longer than this is cut (an input file's garbage must not flood the terminal). */
const MAX_QUOTED = 80;

/**
 * The message on one line, every quoted value of more than MAX_QUOTED characters cut to its start and '…' (a quote
 * opens after a non-word character, so the apostrophe of "SCALE-Sim's" does not).
 */
const oneLine = (s: string): string =>
  s
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(new RegExp(`(?<!\\w)(['"])([^'"]{${MAX_QUOTED + 1},})\\1`, 'g'), (_m, q: string, body: string) => `${q}${body.slice(0, MAX_QUOTED)}…${q}`);

/** The configured program with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('systole')
    .description('cycle-level simulator of DNN accelerators')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`systole: ${oneLine(str.replace(/^error: /, ''))}\n`) });
  registerRun(program);
  registerValidate(program);
  registerStudy(program);
  registerSchedule(program);
  registerGraph(program);
  registerAttention(program);
  registerSweep(program);
  registerWorker(program);
  registerReport(program);
  registerServe(program);
  return program;
}

/** Runs the CLI on `argv` and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT; // message already printed
    if (isInputError(e)) {
      process.stderr.write(`systole: ${oneLine(e.message)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof OutInterrupted) {
      process.stderr.write(`systole: ${e.message}\n`);
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`systole: ${oneLine(message)}\n`);
    if (process.env.SYSTOLE_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

// `systole run | head` closes stdout early: stop quietly instead of dying with an EPIPE stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') process.stderr.write(`systole: stdout: ${e.message}\n`);
  process.exit(e.code === 'EPIPE' ? 0 : 1);
});
process.exitCode = await main(process.argv);
