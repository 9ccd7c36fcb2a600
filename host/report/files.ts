// The files of a report directory (`--out DIR`) and how each is rendered from the report, in writing order. Pure (no
// file system): write.ts writes them, the browser playground offers them as downloads.
import { bandwidthReportCsv, computeReportCsv, detailedAccessReportCsv } from './scalesim-csv.ts';
import type { Report } from './types.ts';

export const REPORT_FILES: Record<string, (report: Report) => string> = {
  'report.json': (report) => `${JSON.stringify(report, null, 2)}\n`,
  'COMPUTE_REPORT.csv': computeReportCsv,
  'DETAILED_ACCESS_REPORT.csv': detailedAccessReportCsv,
  'BANDWIDTH_REPORT.csv': bandwidthReportCsv,
};
