// A plain-text grid: a title row, a rule, rows; numbers right-aligned. Shared by the study tables.

/** Contract: columns padded to their widest cell, two spaces apart; `right[i]` right-aligns column i. */
export function renderGrid(titles: string[], rows: string[][], right: boolean[]): string {
  const all = [titles, ...rows];
  const widths = titles.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((s, i) => (right[i] ? (s ?? '').padStart(widths[i]) : (s ?? '').padEnd(widths[i]))).join('  ').trimEnd();
  return [line(titles), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
