// The browser bundle replaces a host module X.ts by its sibling X.browser.ts (web/build.mjs). Each substitute must
// export the same names, or code that works under Node would break in the playground only.
import { describe, expect, it } from 'vitest';

(globalThis as Record<string, unknown>).SYSTOLE_TOOL = { name: 'systole', version: 'test' };

const PAIRS: [string, () => Promise<object>, () => Promise<object>][] = [
  ['host/spec/text/files.ts', () => import('../../host/spec/text/files.ts'), () => import('../../host/spec/text/files.browser.ts')],
  ['host/core/wasm-file.ts', () => import('../../host/core/wasm-file.ts'), () => import('../../host/core/wasm-file.browser.ts')],
  ['host/version.ts', () => import('../../host/version.ts'), () => import('../../host/version.browser.ts')],
];

describe('browser substitutes', () => {
  it.each(PAIRS)('%s and its .browser.ts export the same names', async (_name, node, browser) => {
    const n = Object.keys(await node()).sort();
    const b = Object.keys(await browser()).filter((k) => k !== 'addFile').sort(); // addFile: the playground's paste
    expect(b).toEqual(n);
  });

  it("files.browser.ts reads presets and pasted files through the same loaders' contract", async () => {
    const files = await import('../../host/spec/text/files.browser.ts');
    files.addFile('archs/mine.yaml', 'array: { rows: 2, cols: 2 }\n');
    expect(files.presetNames('archs')).toEqual(['mine']);
    expect(files.presetFile('archs', 'mine')).toBe('archs/mine.yaml');
    expect(files.presetFile('archs', 'other')).toBeNull();
    expect(files.readText('archs/mine.yaml')).toBe('array: { rows: 2, cols: 2 }\n');
    expect(() => files.readText('nope.yaml')).toThrow(/nope\.yaml: file not found/);
    files.addFile('bin.csv', 'a\u0000b');
    expect(() => files.readText('bin.csv')).toThrow(/binary data, not text \(a NUL byte at offset 1\)/);
  });
});

describe("data-text.ts's path names (no node:path, so the browser has them)", () => {
  it("agree with node:path's extname and basename", async () => {
    const { basename, extname } = await import('node:path');
    const { extensionOf, stemOf } = await import('../../host/spec/text/data-text.ts');
    for (const p of ['a/b.yaml', 'a.b/c', '.bashrc', 'x.', 'dir/f.json/', 'a/B.YAML', '/abs/f.tar.gz', 'noext', 'topo.csv', 'a/.hidden.yml']) {
      expect(extensionOf(p), p).toBe(extname(p).toLowerCase());
      expect(stemOf(p), p).toBe(basename(p, extname(p)));
    }
  });
});
