// `systole serve`'s HTTP side without a browser: the playground's files with their types, 127.0.0.1 only, nothing
// outside build/web/ reachable, GET/HEAD only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { servePlayground } from '../../host/web/serve.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = await servePlayground(0);
  const a = server.address() as AddressInfo;
  expect(a.address).toBe('127.0.0.1');
  base = `http://127.0.0.1:${a.port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the playground server', () => {
  it('serves the page, its scripts and the core with their content types', async () => {
    for (const [path, type] of [['/', 'text/html'], ['/index.html', 'text/html'], ['/main.js', 'text/javascript'], ['/worker.js', 'text/javascript'], ['/systole.wasm', 'application/wasm']]) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
    }
    const wasm = new Uint8Array(await (await fetch(`${base}/systole.wasm`)).arrayBuffer());
    expect([...wasm.slice(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]); // "\0asm"
  });

  it('serves nothing else: other paths 404, traversal included; other methods 405', async () => {
    for (const path of ['/package.json', '/../package.json', '/%2e%2e/package.json', '/build/systole.wasm', '/index.html/x']) {
      expect((await fetch(base + path)).status, path).toBe(404);
    }
    expect((await fetch(`${base}/index.html`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
