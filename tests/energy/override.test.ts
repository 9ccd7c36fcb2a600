// Override files: the entries a file names change and nothing else does; every kind of bad file is one InputError
// whose one-line message names the file and the key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENERGY_TABLE } from '../../host/energy/defaults.ts';
import { loadEnergyTable } from '../../host/energy/load.ts';
import type { EnergyTable } from '../../host/energy/types.ts';
import { inputError } from '../spec/input-error.ts';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-energy-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes `text` to a fresh file named `name` and returns its path. */
function file(name: string, text: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
}

/** Every entry of a table as `key → value` (an SRAM curve is one entry, as it is overridden whole). */
function entries(t: EnergyTable): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const [p, v] of Object.entries(t.macPJ)) m.set(`macPJ.${p}`, v);
  m.set('registerPJPerBit', t.registerPJPerBit);
  m.set('sramPJPer64Bit.read', JSON.stringify(t.sramPJPer64Bit.read));
  m.set('sramPJPer64Bit.write', JSON.stringify(t.sramPJPer64Bit.write));
  m.set('dramPJPer64Bit.read', t.dramPJPer64Bit.read);
  m.set('dramPJPer64Bit.write', t.dramPJPer64Bit.write);
  return m;
}

/** Keys whose values differ between two tables. */
function changed(a: EnergyTable, b: EnergyTable): string[] {
  const [ea, eb] = [entries(a), entries(b)];
  return [...ea.keys()].filter((k) => ea.get(k) !== eb.get(k)).sort();
}

describe('energy override files', () => {
  it('YAML: changes exactly the entries it names, to the values it gives', () => {
    const t = loadEnergyTable(file('some.yaml', [
      'macPJ: { int8: 0.25, fp32: 5 }',
      'sramPJPer64Bit:',
      '  write: { 1024: 120, 16: 12 }   # a curve, given in any order',
      'dramPJPer64Bit: { read: 2600 }',
    ].join('\n')));
    expect(changed(DEFAULT_ENERGY_TABLE, t)).toEqual(
      ['dramPJPer64Bit.read', 'macPJ.fp32', 'macPJ.int8', 'sramPJPer64Bit.write'],
    );
    expect(t.macPJ.int8).toBe(0.25);
    expect(t.macPJ.fp32).toBe(5);
    expect(t.dramPJPer64Bit.read).toBe(2600);
    expect(t.sramPJPer64Bit.write).toEqual([{ sizeKiB: 16, pJ: 12 }, { sizeKiB: 1024, pJ: 120 }]);
  });

  it('JSON works the same; zero is a valid price', () => {
    const t = loadEnergyTable(file('zero.json', '{ "registerPJPerBit": 0, "dramPJPer64Bit": { "write": 0 } }'));
    expect(changed(DEFAULT_ENERGY_TABLE, t)).toEqual(['dramPJPer64Bit.write', 'registerPJPerBit']);
    expect(t.registerPJPerBit).toBe(0);
  });

  it('an empty file (or only comments) changes nothing', () => {
    expect(loadEnergyTable(file('empty.yaml', '# nothing to change\n'))).toEqual(DEFAULT_ENERGY_TABLE);
  });

  it('leaves the default table itself untouched', () => {
    const before = JSON.stringify(DEFAULT_ENERGY_TABLE);
    loadEnergyTable(file('mutate.yaml', 'macPJ: { int8: 9 }\nsramPJPer64Bit: { read: { 8: 1 } }\n'));
    expect(JSON.stringify(DEFAULT_ENERGY_TABLE)).toBe(before);
  });
});

describe('bad energy override files: one InputError line naming the file and key', () => {
  /** The message for a file with `text`; checks it is one line and names the file and `key`. */
  function bad(name: string, text: string, key: string): string {
    const p = file(name, text);
    const message = inputError(() => loadEnergyTable(p));
    expect(message).not.toContain('\n');
    expect(message.startsWith(`${p}: ${key}`), message).toBe(true);
    return message;
  }

  it('unknown top-level key', () => {
    expect(bad('top.yaml', 'macs: { int8: 1 }\n', 'macs')).toContain("unknown key 'macs'");
  });

  it('unknown precision', () => {
    expect(bad('prec.yaml', 'macPJ: { int3: 1 }\n', 'macPJ.int3')).toContain('known keys are int4, int8, int16');
  });

  it('negative value', () => {
    expect(bad('neg.yaml', 'dramPJPer64Bit: { read: -1 }\n', 'dramPJPer64Bit.read')).toContain('got -1');
  });

  it('a price beyond 1 µJ per action (a unit slip, and the way to an infinite energy) is refused', () => {
    expect(bad('huge.yaml', 'registerPJPerBit: 1e308\n', 'registerPJPerBit')).toContain('got 1e+308');
    bad('mac.yaml', 'macPJ: { int8: 1000001 }\n', 'macPJ.int8');
    bad('dram.json', '{ "dramPJPer64Bit": { "write": 2e6 } }', 'dramPJPer64Bit.write');
    bad('curve.yaml', 'sramPJPer64Bit: { read: { 8: 1.5e6 } }\n', 'sramPJPer64Bit.read.8');
    // The bound itself is a valid price.
    expect(loadEnergyTable(file('edge.yaml', 'dramPJPer64Bit: { read: 1000000 }\n')).dramPJPer64Bit.read).toBe(1e6);
  });

  it('non-number value', () => {
    expect(bad('str.yaml', "registerPJPerBit: '0.01'\n", 'registerPJPerBit')).toContain("got '0.01'");
  });

  it('SRAM curve with a size that is not a positive number', () => {
    expect(bad('size.yaml', 'sramPJPer64Bit: { read: { big: 10 } }\n', 'sramPJPer64Bit.read')).toContain("got 'big'");
  });

  it('SRAM curve with no points, or a zero price (the curve is interpolated on a log scale)', () => {
    bad('nopoints.yaml', 'sramPJPer64Bit: { read: {} }\n', 'sramPJPer64Bit.read');
    expect(bad('zero.yaml', 'sramPJPer64Bit: { write: { 8: 0 } }\n', 'sramPJPer64Bit.write.8')).toContain('> 0');
  });

  it('not a mapping', () => {
    expect(bad('list.yaml', '- 1\n- 2\n', '')).toContain('expected a mapping of energy keys');
  });

  it('invalid YAML', () => {
    expect(bad('syntax.yaml', 'macPJ: { int8: 1\n', '')).toContain('invalid YAML');
  });

  it('missing file', () => {
    const p = path.join(tmp, 'no-such-file.yaml');
    const message = inputError(() => loadEnergyTable(p));
    expect(message).toBe(`${p}: file not found; check the path`);
  });

  it('unsupported file type', () => {
    expect(bad('table.csv', 'int8,0.3\n', '')).toContain("unsupported energy file type '.csv'");
  });
});
