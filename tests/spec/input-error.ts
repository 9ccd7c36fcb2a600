import { expect } from 'vitest';
import { InputError } from '../../host/errors.ts';

/** The one-line message of the InputError `fn` throws (fails the test if it throws anything else or nothing). */
export function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error('expected an InputError');
}
