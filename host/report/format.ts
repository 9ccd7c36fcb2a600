// Number formatting shared by the table and the CSV writers. Locale-independent on purpose: output is byte-stable.

/** An integer with `,` thousands separators: 1234567 → "1,234,567". */
export function groupThousands(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = Math.round(Math.abs(n)).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A fraction in [0, 1] as a percentage with one decimal: 0.9375 → "93.8". */
export function percent(fraction: number): string {
  return (fraction * 100).toFixed(1);
}

/**
 * A number written the way Python's `str(float)` writes it (what SCALE-Sim's CSVs contain):
 * 100 → "100.0", 0.5 → "0.5", 1e-5 → "1e-05", 1e16 → "1e+16".
 */
export function pythonFloat(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const abs = Math.abs(x);
  if (x !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mantissa, exponent] = x.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}
