// Inputs SCALE-Sim v2's memory model cannot run: one test per kind, each an InputError naming the arch key.
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../host/errors.ts';
import { arch, gemmTopology, run } from './helpers.ts';

const [gemm] = gemmTopology('G, 128, 1, 128,');

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('bad input', () => {
  test('an SRAM under 100 words (CALC tracks 100 sets of floor(words/100))', () => {
    const e = errorOf(() => run(arch(4, 4, 'os', [0.05, 64, 64]), gemm));
    expect(e.message).toMatch(/sram\.ifmapKiB/);
  });

  test('a fractional bandwidth in USER mode (SCALE-Sim fetches whole words per cycle)', () => {
    const e = errorOf(() => run(arch(4, 4, 'os', [64, 64, 64], { interface: 'user', bandwidthWordsPerCycle: 2.5 }), gemm));
    expect(e.message).toMatch(/dram\.bandwidthWordsPerCycle/);
  });

  test('two CALC prefetch windows closing in one demand line (SCALE-Sim divides by zero)', () => {
    // 100 words → sets of 1 word; on a 128-row OS array line t ≥ 99 demands ≥ 100 new ifmap words (lanes r ≤ t,
    // word (m = r, k = t − r)), so two 50-set windows close within it.
    const e = errorOf(() => run(arch(128, 4, 'os', [100 / 1024, 64, 64]), gemm));
    expect(e.message).toMatch(/sram\.ifmapKiB/);
  });
});
