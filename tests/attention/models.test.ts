// Attention model presets and the loader's bad-input contract. Expected figures are the FuseMax artifact's model
// table (FPSG-UIUC/micro24-fusemax-artifact, workspace/outputs/pregenerated/results/flat_validation.csv, columns
// H, E, F, D, S, B), as issue 9 also states them; they are typed here, not read from the presets under test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attentionModelNames, loadAttentionModel, parseAttentionModel } from '../../host/attention/models.ts';
import { InputError } from '../../host/errors.ts';

const PUBLISHED = {
  bert: { heads: 12, qkDim: 64, vDim: 64, modelDim: 768, ffnDim: 3072, batch: 64 },
  trxl: { heads: 16, qkDim: 64, vDim: 64, modelDim: 1024, ffnDim: 4096, batch: 64 },
  t5: { heads: 8, qkDim: 64, vDim: 64, modelDim: 512, ffnDim: 2048, batch: 64 },
  xlm: { heads: 16, qkDim: 128, vDim: 128, modelDim: 2048, ffnDim: 8192, batch: 64 },
};

describe('attention model presets', () => {
  it('are exactly bert, t5, trxl, xlm', () => {
    expect(attentionModelNames()).toEqual(['bert', 't5', 'trxl', 'xlm']);
  });

  for (const [name, figures] of Object.entries(PUBLISHED)) {
    it(`${name} has the published figures, each with a source`, () => {
      const m = loadAttentionModel(name);
      expect(m).toMatchObject({ name, ...figures });
      for (const key of Object.keys(figures)) expect(m.sources[key as keyof typeof figures]).toMatch(/flat_validation\.csv/);
      // Every model the study uses splits D evenly over the heads.
      expect(m.heads * m.qkDim).toBe(m.modelDim);
    });
  }
});

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-attn-models-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const good = { heads: 2, qkDim: 4, vDim: 4, modelDim: 8, ffnDim: 32, batch: 1 };

/** The one-line InputError message of loading `text` as a file named `file`. */
function errorOf(file: string, text: string): string {
  const p = path.join(tmp, file);
  fs.writeFileSync(p, text);
  try {
    loadAttentionModel(p);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).exitCode).toBe(2);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error(`no error for ${file}`);
}

describe('attention model files: good and bad input', () => {
  it('a file loads, named after the file unless it says otherwise', () => {
    const p = path.join(tmp, 'tiny.json');
    fs.writeFileSync(p, JSON.stringify(good));
    expect(loadAttentionModel(p)).toEqual({ name: 'tiny', description: '', ...good, sources: {} });
  });

  it('unknown key: names the file and the key', () => {
    const msg = errorOf('bogus.yaml', 'heads: 2\nqkDim: 4\nvDim: 4\nmodelDim: 8\nffnDim: 32\nbatch: 1\nlayers: 3\n');
    expect(msg).toMatch(/bogus\.yaml: layers: unknown key 'layers'; remove it/);
  });

  it('missing figure', () => {
    expect(errorOf('missing.yaml', 'heads: 2\nqkDim: 4\nvDim: 4\nmodelDim: 8\nbatch: 1\n')).toMatch(/missing\.yaml: ffnDim: missing required key/);
  });

  it('zero, negative and fractional figures', () => {
    expect(errorOf('zero.json', JSON.stringify({ ...good, heads: 0 }))).toMatch(/zero\.json: heads: expected a positive integer, got 0/);
    expect(errorOf('neg.json', JSON.stringify({ ...good, vDim: -4 }))).toMatch(/neg\.json: vDim: expected a positive integer, got -4/);
    expect(errorOf('frac.json', JSON.stringify({ ...good, batch: 1.5 }))).toMatch(/frac\.json: batch: expected a positive integer, got 1.5/);
  });

  it('a string where a number belongs', () => {
    expect(errorOf('str.yaml', 'heads: twelve\nqkDim: 4\nvDim: 4\nmodelDim: 8\nffnDim: 32\nbatch: 1\n')).toMatch(/str\.yaml: heads: expected a positive integer, got 'twelve'/);
  });

  it('an unknown figure under sources', () => {
    const msg = errorOf('src.json', JSON.stringify({ ...good, sources: { depth: 'x' } }));
    expect(msg).toMatch(/src\.json: sources\.depth: unknown key 'depth'/);
  });

  it('not a mapping, bad syntax, wrong extension, missing file, unknown preset', () => {
    expect(errorOf('list.yaml', '- 1\n- 2\n')).toMatch(/list\.yaml: expected a mapping/);
    expect(errorOf('syntax.json', '{ heads: ')).toMatch(/syntax\.json: invalid JSON/);
    expect(() => loadAttentionModel('model.txt')).toThrow(/model\.txt: unsupported attention model file type '\.txt'/);
    expect(() => loadAttentionModel(path.join(tmp, 'none.yaml'))).toThrow(/none\.yaml: file not found/);
    expect(() => loadAttentionModel('gpt9')).toThrow(/attention model 'gpt9': no such preset; use one of bert, t5, trxl, xlm/);
  });

  it('API objects are validated the same way', () => {
    expect(() => parseAttentionModel({ ...good, heads: '2' }, 'api')).toThrow(/^api: heads: expected a positive integer, got '2'/);
  });
});
