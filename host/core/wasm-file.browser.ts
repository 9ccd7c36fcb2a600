// The browser's wasm-file.ts (web/build.mjs substitutes it; same exports): a page has no package folder to read the
// core from. It fetches the bytes itself and hands them to loadCore() (wasm.ts) before the first run; reaching these
// functions means that was not done.
const NOT_LOADED = 'systole: the core is not loaded in this page; await loadCore(fetch("systole.wasm")) first';

export function packageRoot(): string {
  throw new Error('systole: a browser page has no package folder');
}

export function readCoreBytes(): BufferSource {
  throw new Error(NOT_LOADED);
}

export function readAttentionCoreBytes(): BufferSource {
  throw new Error('systole: the attention core is not loaded in this page; await loadAttentionCore(fetch("attention.wasm")) first');
}
