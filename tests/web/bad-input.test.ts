// Bad input to `report`, `--html` and `serve`: one line, exit 2, nothing written (tests/helpers/bad-input.ts).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadCli } from '../helpers/bad-input.ts';
import { runCli } from '../cli/run-cli.ts';

let dir: string;
let goodReport: Record<string, unknown>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-html-bad-'));
  const tiny = fileURLToFixture('tiny-arch.yaml');
  const res = await runCli(['run', '--arch', tiny, '--workload', fileURLToFixture('tiny.csv'), '--json'], dir);
  expect(res.code, res.stderr).toBe(0);
  goodReport = JSON.parse(res.stdout) as Record<string, unknown>;
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fileURLToFixture(name: string): string {
  return new URL(`../cli/fixtures/${name}`, import.meta.url).pathname;
}

const write = (name: string, text: string): string => {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
};

describe('systole report REPORT --html FILE: bad input', () => {
  it('a missing report file', async () => {
    expect(await expectBadCli(['report', 'nope.json', '--html', 'o.html'], { cwd: dir, out: path.join(dir, 'o.html') })).toMatch(/nope\.json: file not found/);
  });
  it('a file that is not JSON', async () => {
    const f = write('notjson.json', '{ layers: [');
    expect(await expectBadCli(['report', f, '--html', 'o.html'], { cwd: dir, out: path.join(dir, 'o.html') })).toMatch(/notjson\.json: not JSON .*; give the report\.json/);
  });
  it('JSON of another kind (another schema, no schema, an attention report without its fields)', async () => {
    const f = write('other.json', JSON.stringify({ schema: 'systole.graph/1' }));
    expect(await expectBadCli(['report', f, '--html', 'o.html'], { cwd: dir, out: path.join(dir, 'o.html') })).toMatch(/other\.json: schema: a systole\.graph\/1 document; the HTML report reads systole\.report\/1 .* and systole\.attention-report\/1/);
    const a = write('attn.json', JSON.stringify({ schema: 'systole.attention-report/1' }));
    expect(await expectBadCli(['report', a, '--html', 'o.html'], { cwd: dir, out: path.join(dir, 'o.html') })).toMatch(/attn\.json: .*tool/);
    const g = write('plain.json', '[1, 2]');
    expect(await expectBadCli(['report', g, '--html', 'o.html'], { cwd: dir })).toMatch(/plain\.json: schema: not a Systole report/);
  });
  it('a report with a field the page needs missing or of the wrong type', async () => {
    const layers = (goodReport.layers as Record<string, unknown>[]).map((l, i) => (i === 1 ? { ...l, cycles: { total: -5 } } : l));
    const f = write('broken.json', JSON.stringify({ ...goodReport, layers }));
    expect(await expectBadCli(['report', f, '--html', 'o.html'], { cwd: dir, out: path.join(dir, 'o.html') })).toMatch(/broken\.json: layers\[1\] \(conv2\)\.cycles\.total: .*got -5/);
  });
  it('--html that is a directory, and no --html at all', async () => {
    const f = write('good.json', JSON.stringify(goodReport));
    fs.mkdirSync(path.join(dir, 'adir'), { recursive: true });
    expect(await expectBadCli(['report', f, '--html', 'adir'], { cwd: dir })).toMatch(/^systole: --html adir: is a directory; give a file name for --html$/);
    expect(await expectBadCli(['report', f], { cwd: dir })).toMatch(/--html/);
  });
  it('run --html into a directory is refused before the run', async () => {
    expect(await expectBadCli(['run', '--html', 'adir'], { cwd: dir })).toMatch(/--html adir: is a directory/);
  });
});

describe('systole serve: bad input', () => {
  it('a port that is not a number 0..65535', async () => {
    expect(await expectBadCli(['serve', '--port', 'http'])).toMatch(/--port: "http" is not a port number; give an integer 0\.\.65535/);
    expect(await expectBadCli(['serve', '--port', '70000'])).toMatch(/--port: "70000" is not a port number/);
  });
  it('a port already in use', async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const { port } = busy.address() as net.AddressInfo;
    try {
      expect(await expectBadCli(['serve', '--port', String(port)])).toMatch(new RegExp(`--port ${port}: cannot listen on 127\\.0\\.0\\.1 \\(EADDRINUSE\\); choose another port`));
    } finally {
      busy.close();
    }
  });
});
