// The browser's version.ts (web/build.mjs substitutes it; same exports): the name and version are read from
// package.json at bundle time (SYSTOLE_TOOL, an esbuild `define`) instead of at run time.
declare const SYSTOLE_TOOL: { name: string; version: string };

export const TOOL: { name: string; version: string } = { name: SYSTOLE_TOOL.name, version: SYSTOLE_TOOL.version };
