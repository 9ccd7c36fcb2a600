// `systole report REPORT.json --html FILE`: the HTML report of a report written earlier (run/validate --json or --out).
import type { Command } from 'commander';
import { readReport } from '../view/read.ts';
import { assertHtmlWritable, writeHtmlReport } from '../view/write.ts';

export interface ReportFlags {
  html: string;
}

/** The `report` action: check the output, read the report, write the page. */
export async function reportCommand(file: string, flags: ReportFlags): Promise<void> {
  assertHtmlWritable(flags.html);
  const report = readReport(file);
  await writeHtmlReport(report, flags.html);
}

/** Adds the `report` subcommand to `program`. */
export function register(program: Command): void {
  program
    .command('report')
    .description('turn a report JSON (run/validate/attention --json, or the report.json of --out) into another form')
    .argument('<report>', 'a systole.report/1 or systole.attention-report/1 JSON file, or a folder written by --out')
    .requiredOption('--html <file>', 'write the report as one self-contained HTML page (charts, roofline, sortable table; opens offline)')
    .action((file: string, flags: ReportFlags) => reportCommand(file, flags));
}
