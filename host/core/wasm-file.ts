// Where the core's WASM comes from under Node: build/systole.wasm of this package, read from disk. The browser bundle
// replaces this module by wasm-file.browser.ts (same exports), where the page hands the bytes to loadCore() instead.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest folder above this module holding package.json (works from host/ and build/host/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'asconfig.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('systole: cannot find the package root (package.json next to asconfig.json)');
    dir = up;
  }
  return dir;
}

/** Contract: the bytes of build/systole.wasm; an Error naming the fix when it was not built. */
export function readCoreBytes(): BufferSource {
  const file = join(packageRoot(), 'build', 'systole.wasm');
  if (!existsSync(file)) throw new Error(`systole: ${file} is missing; run \`npm run build\` (npm ci does it)`);
  return readFileSync(file) as Uint8Array<ArrayBuffer>;
}

/** Contract: the bytes of build/attention.wasm (the attention core); an Error naming the fix when it was not built. */
export function readAttentionCoreBytes(): BufferSource {
  const file = join(packageRoot(), 'build', 'attention.wasm');
  if (!existsSync(file)) throw new Error(`systole: ${file} is missing; run \`npm run build\` (npm ci does it)`);
  return readFileSync(file) as Uint8Array<ArrayBuffer>;
}
