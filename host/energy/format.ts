// Energy for people: pJ scaled to the largest SI prefix that keeps at least 1 of the unit.

const UNITS = ['pJ', 'nJ', 'µJ', 'mJ', 'J'] as const;

/** pJ → three significant digits and a unit: 0 → "0 pJ", 1234 → "1.23 nJ", 3.6e8 → "360 µJ". */
export function formatEnergy(pJ: number): string {
  if (pJ === 0) return '0 pJ';
  let value = pJ;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  let digits = Number(value.toPrecision(3));
  // Rounding may carry into the next unit (999.6 nJ → 1000 nJ): show it as 1.00 µJ instead.
  if (Math.abs(digits) >= 1000 && unit < UNITS.length - 1) {
    digits /= 1000;
    unit++;
  }
  return `${digits.toPrecision(3)} ${UNITS[unit]}`;
}
