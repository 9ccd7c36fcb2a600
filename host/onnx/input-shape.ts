// --input-shape: static shapes for graph inputs whose ONNX shape is dynamic. `NAME=1x3x224x224` (or `1,3,224,224`)
// sets input NAME; a bare `1x3x224x224` sets the model's only input. The flag may be repeated.
import { InputError } from '../errors.ts';

const FIX = 'write --input-shape NAME=1x3x224x224 (positive integers separated by x or commas), once per input';

export function parseInputShapes(values: string[]): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    const name = eq < 0 ? '' : value.slice(0, eq);
    const text = eq < 0 ? value : value.slice(eq + 1);
    const parts = text.split(/[x×,]/);
    if (text === '' || !parts.every((p) => /^[1-9][0-9]{0,8}$/.test(p.trim()))) {
      throw new InputError(`--input-shape ${JSON.stringify(value).slice(0, 80)}`, 'is not a shape of positive integers', FIX);
    }
    if (eq === 0) throw new InputError(`--input-shape ${value.slice(0, 80)}`, 'the input name before = is empty', FIX);
    if (shapes.has(name)) throw new InputError(`--input-shape ${value.slice(0, 80)}`, `input ${name === '' ? '(the only one)' : `'${name}'`} is given twice`, 'give each input once');
    shapes.set(name, parts.map((p) => Number(p.trim())));
  }
  return shapes;
}
