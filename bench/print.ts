// Plain-text output of the bench: aligned tables and number formats. No assertions: figures are printed as measured.

/** Rows of cells as an aligned table (first column left-aligned, the others right-aligned). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A rate in giga-units per second, e.g. "2.97 G/s". */
export function giga(perSecond: number): string {
  return `${(perSecond / 1e9).toFixed(2)} G/s`;
}

/** Seconds with a unit suited to the size, e.g. "412 ms" or "3.21 s". */
export function seconds(s: number): string {
  return s < 1 ? `${(s * 1e3).toFixed(s < 0.01 ? 2 : 0)} ms` : `${s.toFixed(2)} s`;
}

/** A ratio, e.g. "1.31×". */
export function ratio(x: number): string {
  return `${x.toFixed(2)}×`;
}

/** A section heading. */
export function heading(title: string): string {
  return `\n== ${title} ==`;
}
