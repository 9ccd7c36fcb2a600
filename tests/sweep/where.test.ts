// The where-expression language: precedence, names, and every kind of bad expression (one InputError each).
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../host/errors.ts';
import { evaluate, parseWhere } from '../../host/sweep/where.ts';

const NAMES = ['array.rows', 'array.cols', 'dataflow', 'workload'];
const point = { 'array.rows': 32, 'array.cols': 16, dataflow: 'ws', workload: 'mobilenet_v1' } as Record<string, number | string>;
const run = (text: string) => evaluate(parseWhere(text, 'w', NAMES), (p) => point[p]);

describe('where expressions', () => {
  it('arithmetic and comparisons follow the usual precedence', () => {
    expect(run('array.rows * array.cols <= 512')).toBe(true); // 32·16 = 512
    expect(run('array.rows * array.cols < 512')).toBe(false);
    expect(run('2 + 3 * 4 == 14')).toBe(true);
    expect(run('(2 + 3) * 4 == 20')).toBe(true);
    expect(run('-array.cols + 20 == 4')).toBe(true);
    expect(run('array.rows % 10 == 2')).toBe(true);
  });

  it('strings, and/or/not', () => {
    expect(run("dataflow == 'ws' and workload == \"mobilenet_v1\"")).toBe(true);
    expect(run("dataflow != 'ws' or array.rows > 16")).toBe(true);
    expect(run("not dataflow == 'ws'")).toBe(false);
    expect(run("dataflow == 'os' or dataflow == 'is' and array.rows > 0")).toBe(false); // and binds tighter
  });

  it('a number compared with a string is false, not an error', () => {
    expect(run("array.rows > 'a'")).toBe(false);
  });

  it.each([
    ['unknown name', 'array.depth > 2', 'unknown name array.depth'],
    ['unclosed parenthesis', '(array.rows > 2', 'not closed'],
    ['trailing token', 'array.rows > 2 3', 'unexpected 3'],
    ['unreadable character', 'array.rows > 2 & 3', 'cannot read'],
    ['cut short', 'array.rows >', 'ends too early'],
  ])('%s is one InputError', (_, text, message) => {
    let err: unknown;
    try {
      parseWhere(text, 'sweep.yaml: where', NAMES);
    } catch (e) {
      err = e;
    }
    expect(isInputError(err)).toBe(true);
    expect((err as Error).message).toContain('sweep.yaml: where');
    expect((err as Error).message).toContain(message);
  });
});
