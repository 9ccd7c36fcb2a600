// The playground's static server: the files of build/web/ (made by `npm run build:web`), on 127.0.0.1 only. Only the
// files listed when it starts are served, by exact name (no paths, so nothing outside build/web/ can be reached).
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { packageRoot } from '../core/wasm.ts';
import { InputError } from '../errors.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** The playground's files by URL path ('/' is index.html), read once. */
function playgroundFiles(): Map<string, { type: string; body: Buffer }> {
  const dir = join(packageRoot(), 'build', 'web');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => Object.hasOwn(TYPES, extname(n)));
  } catch {
    names = [];
  }
  if (!names.includes('index.html')) throw new Error(`systole: ${dir}/index.html is missing; run \`npm run build\` (npm ci does it)`);
  const files = new Map(names.map((n) => [`/${n}`, { type: TYPES[extname(n)], body: readFileSync(join(dir, n)) }]));
  files.set('/', files.get('/index.html')!);
  return files;
}

/** Contract: serves the playground on 127.0.0.1:`port` (0: a free port) and resolves with the server once listening. */
export function servePlayground(port: number): Promise<Server> {
  const files = playgroundFiles();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files.get(path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || file === undefined) {
      res.writeHead(file === undefined ? 404 : 405, { 'content-type': 'text/plain; charset=utf-8' }).end(file === undefined ? 'not found\n' : 'method not allowed\n');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new InputError(`--port ${port}`, `cannot listen on 127.0.0.1 (${e.code ?? e.message})`, 'choose another port, or --port 0 for any free one')),
    );
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
