// `npm run build:web`: bundles the browser side into build/web/ with esbuild, from node_modules only (nothing is
// fetched). Run after build:wasm (it copies build/systole.wasm).
//   report-app.js  host/view/app.ts + Apache ECharts: the script every HTML report inlines (host/view/write.ts)
//   main.js        the playground page (web/main.ts), worker.js its Web Worker (web/worker.ts: the simulation)
//   index.html     the playground's page; systole.wasm and attention.wasm the cores the worker fetches
// Browser substitutes: a host module X.ts that has a sibling X.browser.ts (same exports) is replaced by it in these
// bundles: files.ts (no file system: an in-memory table holding the presets), core/wasm-file.ts (the page fetches the
// core) and version.ts (read at bundle time). Any other node: import fails the build (platform: browser).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'web');
const wasms = ['systole.wasm', 'attention.wasm'].map((name) => join(root, 'build', name));
for (const wasm of wasms) {
  if (!existsSync(wasm)) {
    console.error(`build:web: ${wasm} is missing; run \`npm run build:wasm\` first (npm run build does both)`);
    process.exit(1);
  }
}

/** Every preset file of the preset folders (files.ts PresetFolder: top level of each), by package-relative path. */
function presetFiles() {
  const files = {};
  for (const folder of ['archs', 'workloads', 'workloads/attention', 'mappings/cascades']) {
    for (const name of readdirSync(join(root, folder)).sort()) {
      if (!['.yaml', '.yml', '.json'].includes(extname(name))) continue;
      files[`${folder}/${name}`] = readFileSync(join(root, folder, name), 'utf8');
    }
  }
  return files;
}

const substitutes = {
  name: 'browser-substitutes',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => {
      const file = resolve(args.resolveDir, args.path);
      const alternative = file.replace(/\.ts$/, '.browser.ts');
      if (!file.endsWith('.browser.ts') && existsSync(alternative)) return { path: alternative };
      return undefined;
    });
  },
};

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const common = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [substitutes],
  define: {
    SYSTOLE_TOOL: JSON.stringify({ name: pkg.name, version: pkg.version }),
    SYSTOLE_PRESET_FILES: JSON.stringify(presetFiles()),
  },
};

mkdirSync(out, { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'host/view/app.ts')], outfile: join(out, 'report-app.js') }),
  build({ ...common, entryPoints: [join(root, 'web/main.ts')], outfile: join(out, 'main.js') }),
  build({ ...common, entryPoints: [join(root, 'web/worker.ts')], outfile: join(out, 'worker.js') }),
]);
copyFileSync(join(root, 'web/index.html'), join(out, 'index.html'));
for (const wasm of wasms) copyFileSync(wasm, join(out, basename(wasm)));
