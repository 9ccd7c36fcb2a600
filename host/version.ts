// The tool's name and version, as echoed in every report (read from package.json once).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './core/wasm.ts';

const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };

export const TOOL: { name: string; version: string } = { name: pkg.name, version: pkg.version };
