// Domain assertions for schedule tests.
import { expect } from 'vitest';
import { checkSchedule } from '../../host/schedule/check.ts';
import { minScratchpad } from '../../host/schedule/search/fit.ts';
import { prepare } from '../../host/schedule/graph/prepared.ts';
import { randomGraph, RANDOM_STYLES, rng } from '../../host/schedule/reference/random.ts';
import type { Graph, Schedule } from '../../host/schedule/types.ts';

/** The checker accepts the schedule (the message names the first violation otherwise). */
export function expectValid(graph: Graph, schedule: Schedule): void {
  const r = checkSchedule(graph, schedule);
  expect(r, `${schedule.method} on ${graph.name}`).toEqual({ ok: true });
}

export interface RandomCase {
  graph: Graph;
  scratchpad: { bytes: number; alignment: number };
}

/** Deterministic random cases: styles in turn, sizes in multiples of 64, 48 or 1..64 B, alignment 1/16/64, and a
 *  scratchpad between the smallest that fits every op and `slack` times that. */
export function randomCase(seed: number, ops: number, slack: number): RandomCase {
  const r = rng(seed * 7919 + 1);
  const alignment = [1, 16, 64][seed % 3];
  const unit = [64, 48, 1][Math.floor(seed / 3) % 3];
  const graph = randomGraph({ ops, seed, style: RANDOM_STYLES[seed % RANDOM_STYLES.length], unit, shuffle: seed % 4 === 0 });
  const min = minScratchpad(prepare(graph), alignment);
  return { graph, scratchpad: { bytes: Math.ceil(min * (1 + (slack - 1) * r())), alignment } };
}
