// --tolerance takes a percentage only: `5` or `0.05` could mean either 5% or 500%, so both are refused.
import { describe, expect, test } from 'vitest';
import { parseTolerance } from '../../host/analytic/index.ts';
import { inputError } from '../spec/input-error.ts';

describe('parseTolerance', () => {
  test.each([
    ['5%', 0.05],
    ['0.5%', 0.005],
    ['0%', 0],
    [' 12.5 % ', 0.125],
    ['.5%', 0.005],
    ['150%', 1.5],
  ])('%s → %f', (text, fraction) => {
    expect(parseTolerance(text)).toBeCloseTo(fraction, 15);
  });

  test.each(['0.05', '5', 'abc', '-5%', '%', '5%%', '5 percent', ''])('%j is refused, naming --tolerance', (text) => {
    const line = inputError(() => parseTolerance(text));
    expect(line).toContain('--tolerance');
    expect(line).toContain('not a percentage');
    expect(line).toContain('e.g. --tolerance 5%');
  });
});
