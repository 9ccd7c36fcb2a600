// YAML and JSON spec files are read alike (host/spec/text/files.ts, json-text.ts): a byte-order mark is ignored, a key
// given twice is refused, an integer a number cannot hold exactly (beyond 2^53 − 1) is refused with its own digits,
// and a binary file's error quotes none of its bytes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataText, readText } from '../../host/spec/text/files.ts';
import { loadWorkload } from '../../host/spec/workload/workload.ts';
import { inputError } from './input-error.ts';

const BOM = '\uFEFF';
const GEMM_JSON = '{"name": "n", "layers": [{"name": "a", "kind": "gemm", "m": 2, "n": 3, "k": 4}]}';
const GEMM_YAML = 'name: n\nlayers:\n  - {name: a, kind: gemm, m: 2, n: 3, k: 4}\n';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-data-text-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

describe('a byte-order mark', () => {
  it('is ignored in JSON as in YAML (files and text)', () => {
    const plain = loadWorkload(file('plain.json', GEMM_JSON));
    expect(loadWorkload(file('bom.json', BOM + GEMM_JSON))).toEqual(plain);
    expect(loadWorkload(file('bom.yaml', BOM + GEMM_YAML))).toEqual(plain);
    expect(parseDataText(BOM + '{"a": 1}', 'x.json')).toEqual({ a: 1 });
  });
});

describe('duplicate keys', () => {
  it('are refused in JSON, naming the line and the key, as YAML refuses them', () => {
    const json = '{\n  "layers": [\n    {"name": "a", "kind": "gemm",\n     "m": 2, "m": 5}\n  ]\n}';
    expect(inputError(() => parseDataText(json, 'w.json'))).toBe('w.json line 4: duplicate key "m" in one object; keep one of them (keys must be unique, as in YAML)');
    expect(inputError(() => parseDataText('a: 1\nb: 2\na: 3\n', 'w.yaml'))).toMatch(/^w\.yaml: invalid YAML \(.*unique/i);
    // Keys are compared after unescaping.
    expect(inputError(() => parseDataText('{"ab": 1, "a\\u0062": 2}', 'w.json'))).toContain('duplicate key "ab"');
  });

  it('the same key in different objects, and strings that look like keys, are fine', () => {
    const json = '{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}], "d": "\\"a\\": 1, \\"a\\": 2", "e": ["a", "a"]}';
    expect(parseDataText(json, 'ok.json')).toEqual(JSON.parse(json));
  });
});

describe('integers beyond 2^53 − 1', () => {
  const MAX = '9007199254740991'; // Number.MAX_SAFE_INTEGER = 2^53 − 1
  it('are refused with their own digits (not the rounded double) in JSON and YAML', () => {
    expect(inputError(() => parseDataText('{"m":\n 9007199254740993}', 'w.json'))).toBe(
      `w.json line 2: integer 9007199254740993 is beyond 2^53 − 1 = ${MAX}, so a number cannot hold it exactly; use an integer of at most ${MAX}`,
    );
    expect(inputError(() => parseDataText('m: 9007199254740993\n', 'w.yaml'))).toContain('w.yaml: key "m": integer 9007199254740993 is beyond');
    expect(inputError(() => parseDataText('{"m": -9007199254740992}', 'w.json'))).toContain('integer -9007199254740992');
    expect(inputError(() => parseDataText('l: [1, 9007199254740992]', 'w.yaml'))).toContain('integer 9007199254740992');
  });

  it('2^53 − 1 itself, floats, and numbers inside strings are kept', () => {
    expect(parseDataText(`{"m": ${MAX}, "f": 1e300, "g": 2.5, "s": "9007199254740993"}`, 'ok.json')).toEqual({ m: Number(MAX), f: 1e300, g: 2.5, s: '9007199254740993' });
    expect(parseDataText(`m: ${MAX}\nf: 1.5\nn: -3\n`, 'ok.yaml')).toEqual({ m: Number(MAX), f: 1.5, n: -3 });
  });

  it('reach the workload loader as one line', () => {
    const p = file('big.yaml', 'layers:\n  - {name: a, kind: gemm, m: 9007199254740993, n: 1, k: 1}\n');
    expect(inputError(() => loadWorkload(p))).toContain('integer 9007199254740993 is beyond');
  });
});

describe('binary files', () => {
  it('are refused without quoting their bytes, whatever the extension', () => {
    const bytes = Buffer.alloc(4000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    for (const ext of ['.yaml', '.json', '.csv', '.cfg']) {
      const p = file(`bin${ext}`, bytes);
      const msg = inputError(() => readText(p));
      expect(msg).toBe(`${p}: binary data, not text (a NUL byte at offset 0); give a text file (YAML, JSON, or a SCALE-Sim .cfg/.csv)`);
    }
    const latin1 = file('latin1.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(inputError(() => readText(latin1))).toContain('not UTF-8 text');
  });
});
