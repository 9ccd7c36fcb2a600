// The shared --out writer (host/report/out.ts): permissions from the umask, an existing folder kept (same inode),
// parents created, every OS error one InputError, nothing left behind on failure. Signals: tests/cli/out.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../host/errors.ts';
import { type OutFolderKind, writeOutFile, writeOutFolder } from '../../host/report/out.ts';

const KIND: OutFolderKind = { what: 'a test output', owns: (_dir, entries) => entries.includes('a.txt') };
const FILES = { 'a.txt': () => 'A\n', 'b.txt': () => 'B\n' };

let root: string;
let umask: number;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-out-'));
  umask = process.umask(); // vitest's workers may read the umask, not set it
  expect(umask & 0o055, 'the test needs a umask that leaves group/other read access').toBe(0);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(root, { recursive: true, force: true });
});

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** An errno error as node:fs throws it. */
const osError = (code: string, text: string) => Object.assign(new Error(`${code}: ${text}, rename 'x' -> 'y'`), { code });

describe('writeOutFolder', () => {
  it('creates the folder and its missing parents with 0777 and files with 0666, minus the umask', async () => {
    const dir = path.join(root, 'p', 'out');
    await writeOutFolder(dir, FILES, KIND);
    expect(mode(path.join(root, 'p'))).toBe(0o777 & ~umask);
    expect(mode(dir)).toBe(0o777 & ~umask); // not mkdtemp's 0700
    expect(mode(path.join(dir, 'a.txt'))).toBe(0o666 & ~umask);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt']);
    expect(fs.readdirSync(root)).toEqual(['p']); // no temporary folder left
  });

  it('keeps an existing folder (inode and mode), replaces its files and removes the previous output\'s others', async () => {
    const dir = path.join(root, 'out');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o711);
    const ino = fs.statSync(dir).ino;
    await writeOutFolder(dir, { ...FILES, 'old.txt': () => 'old' }, KIND);
    await writeOutFolder(dir, FILES, KIND);
    expect(fs.statSync(dir).ino).toBe(ino);
    expect(mode(dir)).toBe(0o711);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('an OS error while writing is one InputError naming --out and the error code; nothing is left', async () => {
    const dir = path.join(root, 'new', 'out');
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw osError('EBUSY', 'resource busy or locked');
    });
    const err = await writeOutFolder(dir, FILES, KIND).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(String((err as Error).message)).toBe(`--out ${dir}: cannot write it (EBUSY: resource busy or locked); choose a writable location for --out`);
    expect(fs.readdirSync(root)).toEqual([]); // the temporary folder and the created parent are gone
  });

  it('a parent that cannot be created is one InputError', async () => {
    vi.spyOn(fs, 'mkdirSync').mockImplementation(() => {
      throw osError('EROFS', 'read-only file system');
    });
    await expect(writeOutFolder(path.join(root, 'x', 'out'), FILES, KIND)).rejects.toThrow(/^--out .*: cannot create its parent directory .*\(EROFS: read-only file system\)/);
  });

  it('a path below a file is refused before anything is written', async () => {
    fs.writeFileSync(path.join(root, 'f'), 'x');
    await expect(writeOutFolder(path.join(root, 'f', 'out'), FILES, KIND)).rejects.toThrow(/is a file, not a folder/);
    expect(fs.readdirSync(root)).toEqual(['f']);
  });
});

describe('writeOutFile', () => {
  it('creates missing parents and writes the file with 0666 minus the umask; replaces an existing file', async () => {
    const file = path.join(root, 'a', 'b', 'g.json');
    await writeOutFile(file, '{}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('{}\n');
    expect(mode(file)).toBe(0o666 & ~umask);
    await writeOutFile(file, '[]\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('[]\n');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['g.json']);
  });

  it('refuses a directory, and turns an OS error into one InputError leaving nothing behind', async () => {
    await expect(writeOutFile(root, 'x')).rejects.toThrow(/is a directory/);
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw osError('ENOSPC', 'no space left on device');
    });
    await expect(writeOutFile(path.join(root, 'n', 'g.json'), 'x')).rejects.toThrow(/cannot write it \(ENOSPC: no space left on device\)/);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
