// `--out`: the one writer every command uses for what it puts on disk (a folder of files, or one file).
//   - all or nothing: files are rendered into a hidden temporary folder (`.NAME.tmp-XXXXXX`) first;
//   - a missing target is created by renaming the temporary folder onto it; an existing folder (empty, or a
//     previous output of the same command) keeps its inode, owner and mode: the new files are moved into it one by
//     one (renames within one file system) and the previous output's other files are removed;
//   - missing parent folders are created (and removed again on failure); folders and files get the usual
//     permissions (0777 / 0666 minus the umask);
//   - on SIGINT, SIGTERM or SIGHUP during the write phase, and on any error, the temporary folder (and the parents
//     created) is removed; a signal then ends the command with OutInterrupted (exit 128 + signal number);
//   - every OS error is one InputError naming --out, the error code and the fix (exit 2).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.ts';

/** What may live in an existing --out folder that is about to be replaced. */
export interface OutFolderKind {
  /** e.g. 'a Systole report directory', for the refusal message. */
  what: string;
  /** Contract: true when a non-empty folder holding `entries` is a previous output that may be replaced whole. */
  owns(dir: string, entries: string[]): boolean;
}

/** The command was interrupted by a signal during the write phase; nothing was written. `flag`: the option being
 *  written (--out, --html, --trace). */
export class OutInterrupted extends Error {
  readonly exitCode: number;
  constructor(
    readonly signal: NodeJS.Signals,
    readonly flag = '--out',
  ) {
    super(`interrupted by ${signal} while writing ${flag}; nothing was written`);
    this.name = 'OutInterrupted';
    this.exitCode = 128 + (osConstants.signals[signal] ?? 0);
  }
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const where = (target: string, flag = '--out'): string => `${flag} ${target}`;

/** One line for an OS error: `EROFS: read-only file system` (no path: the caller names --out). */
function osReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code !== 'string') return String((e as Error)?.message ?? e);
  const text = String(err.message).split(',')[0];
  return text.startsWith(err.code) ? text : `${err.code}: ${text}`;
}

const osError = (target: string, doing: string, e: unknown, flag = '--out'): InputError =>
  e instanceof InputError ? e : new InputError(where(target, flag), `cannot ${doing} (${osReason(e)})`, `choose a writable location for ${flag}`);

/** The nearest existing ancestor of `p` (p itself if it exists). */
function nearestExisting(p: string): string {
  let dir = path.resolve(p);
  while (!fs.existsSync(dir)) {
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

/** Throws InputError unless new entries can be created in `dir`'s nearest existing ancestor (a writable folder). */
function assertCreatable(target: string, dir: string, flag = '--out'): void {
  const base = nearestExisting(dir);
  if (!fs.statSync(base).isDirectory()) {
    throw new InputError(where(target, flag), `${base} is a file, not a folder`, `choose a path under a folder for ${flag}`);
  }
  try {
    fs.accessSync(base, fs.constants.W_OK);
  } catch (e) {
    throw osError(target, `write into ${base}`, e, flag);
  }
}

/**
 * Contract: throws InputError unless `dir` may receive this kind of output: absent (with a writable existing
 * ancestor), an empty folder, or a folder `kind` owns. Touches nothing. Call it before any long work.
 */
export function assertOutFolder(dir: string, kind: OutFolderKind): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    assertCreatable(dir, path.dirname(path.resolve(dir)));
    return;
  }
  if (!stat.isDirectory()) throw new InputError(where(dir), 'exists and is not a directory', 'choose a new directory name for --out');
  const entries = fs.readdirSync(dir);
  if (entries.length > 0 && !kind.owns(dir, entries)) {
    throw new InputError(
      where(dir),
      `directory is not empty and is not ${kind.what} (it holds ${JSON.stringify(entries[0])})`,
      'choose a new or empty directory for --out',
    );
  }
  assertCreatable(dir, dir);
}

/**
 * Contract: throws InputError unless `file` can be written: absent with a writable ancestor, or a writable file.
 * `flag` names the option in messages (--out, --html).
 */
export function assertOutFile(file: string, flag = '--out'): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new InputError(where(file, flag), 'is a directory', `give a file name for ${flag}`);
  }
  assertCreatable(file, path.dirname(path.resolve(file)), flag);
}

/** Watches the termination signals while the write phase of `flag` runs; `check()` throws once one arrived. */
class SignalWatch {
  signal: NodeJS.Signals | null = null;
  constructor(private readonly flag: string) {}
  private wake: () => void = () => {};
  readonly arrived = new Promise<void>((resolve) => (this.wake = resolve));
  private readonly handlers = SIGNALS.map((s) => {
    const h = () => {
      this.signal = s;
      this.wake();
    };
    process.on(s, h);
    return [s, h] as const;
  });
  check(): void {
    if (this.signal !== null) throw new OutInterrupted(this.signal, this.flag);
  }
  dispose(): void {
    for (const [s, h] of this.handlers) process.off(s, h);
  }
}

/**
 * Test hook: with SYSTOLE_TEST_OUT_PAUSE_MS set, the write phase says so on stderr once the temporary folder holds
 * its first file and waits that long (or until a signal), so a test can interrupt it at a known point.
 */
async function testPause(tmp: string, watch: SignalWatch): Promise<void> {
  const ms = Number(process.env.SYSTOLE_TEST_OUT_PAUSE_MS ?? 0);
  if (!(ms > 0)) return;
  process.stderr.write(`systole: test: writing paused in ${tmp}\n`);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void watch.arrived.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Creates a fresh hidden folder `.BASE.tmp-XXXXXX` in `parent` with the usual permissions (mkdir applies the umask). */
function makeTemp(parent: string, base: string): string {
  for (;;) {
    const tmp = path.join(parent, `.${base}.tmp-${randomBytes(4).toString('hex')}`);
    try {
      fs.mkdirSync(tmp, { mode: 0o777 });
      return tmp;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/**
 * Creates the missing ancestors of `target` one level at a time (mkdir's `recursive` loops forever where mkdir
 * fails with ENOENT, e.g. under /proc); returns the first folder created, if any.
 */
function makeParents(target: string, flag = '--out'): string | undefined {
  const missing: string[] = [];
  for (let dir = path.dirname(target); !fs.existsSync(dir); dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      fs.mkdirSync(dir, { mode: 0o777 });
    } catch (e) {
      if (dir !== missing[0]) fs.rmSync(missing[0], { recursive: true, force: true });
      throw osError(target, `create its parent directory ${dir}`, e, flag);
    }
  }
  return missing[0];
}

/** Runs `body` as the write phase: parents created, signals watched, everything removed again on failure. */
async function writePhase(target: string, body: (watch: SignalWatch, cleanup: string[]) => Promise<void>, flag = '--out'): Promise<void> {
  const watch = new SignalWatch(flag);
  const cleanup: string[] = []; // removed on failure, last first
  try {
    const created = makeParents(target, flag);
    if (created !== undefined) cleanup.push(created);
    await body(watch, cleanup);
  } catch (e) {
    for (const p of cleanup.reverse()) fs.rmSync(p, { recursive: true, force: true });
    if (e instanceof OutInterrupted || e instanceof InputError) throw e;
    if (typeof (e as NodeJS.ErrnoException)?.code === 'string') throw osError(target, 'write it', e, flag);
    throw e;
  } finally {
    watch.dispose();
  }
}

/**
 * Contract: writes `files` (name → contents, rendered lazily in order) into the folder `dir`, all or nothing (see
 * the file header). `dir` must pass assertOutFolder for `kind`.
 */
export async function writeOutFolder(dir: string, files: Record<string, () => string>, kind: OutFolderKind): Promise<void> {
  assertOutFolder(dir, kind);
  const target = path.resolve(dir);
  await writePhase(target, async (watch, cleanup) => {
    const exists = fs.existsSync(target);
    // An existing folder (maybe a mount point) receives its files from a temporary folder inside it.
    const tmp = makeTemp(exists ? target : path.dirname(target), path.basename(target));
    cleanup.push(tmp);
    let first = true;
    for (const [name, render] of Object.entries(files)) {
      await fs.promises.writeFile(path.join(tmp, name), render());
      watch.check();
      if (first) await testPause(tmp, watch);
      first = false;
      watch.check();
    }
    if (!exists) {
      fs.renameSync(tmp, target);
      return;
    }
    const previous = fs.readdirSync(target).filter((e) => e !== path.basename(tmp));
    for (const name of Object.keys(files)) fs.renameSync(path.join(tmp, name), path.join(target, name));
    fs.rmSync(tmp, { recursive: true, force: true });
    for (const old of previous) if (!Object.hasOwn(files, old)) fs.rmSync(path.join(target, old), { recursive: true, force: true });
  });
}

/** A file's contents: the text, or a function that hands it over in chunks of bytes (written as they come). */
export type FileText = string | ((write: (chunk: Uint8Array) => void) => void);

/**
 * Contract: writes `text` to `file` all or nothing (a temporary file renamed onto it), creating missing parents;
 * `flag` names the option in messages (--out, --html).
 */
export async function writeOutFile(file: string, text: FileText, flag = '--out'): Promise<void> {
  assertOutFile(file, flag);
  const target = path.resolve(file);
  await writePhase(target, async (watch, cleanup) => {
    const tmp = makeTemp(path.dirname(target), path.basename(target));
    cleanup.push(tmp);
    const staged = path.join(tmp, path.basename(target));
    if (typeof text === 'string') await fs.promises.writeFile(staged, text);
    else {
      const fd = fs.openSync(staged, 'w', 0o666);
      try {
        text((chunk) => {
          for (let at = 0; at < chunk.length; ) at += fs.writeSync(fd, chunk, at);
        });
      } finally {
        fs.closeSync(fd);
      }
    }
    watch.check();
    await testPause(tmp, watch);
    watch.check();
    fs.renameSync(staged, target);
    fs.rmSync(tmp, { recursive: true, force: true });
  }, flag);
}
