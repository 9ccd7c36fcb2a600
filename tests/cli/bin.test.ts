// The README's quick start runs `npx systole run`: npm runs package.json's bin (build/host/cli.js) directly, so the
// built file must be executable and start with a node shebang (a plain tsc build leaves it 0644: "Permission denied").
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertBuilt } from './run-cli.ts';

describe('the systole bin', () => {
  it('is the built CLI, executable, with a node shebang, and runs by itself', () => {
    assertBuilt();
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { bin: { systole: string } };
    const file = path.resolve(pkg.bin.systole);
    expect(fs.statSync(file).mode & 0o111).toBe(0o111);
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(execFileSync(file, ['--version'], { encoding: 'utf8' }).trim()).toMatch(/\d+\.\d+\.\d+/);
  });
});
