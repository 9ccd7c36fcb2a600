// A run with its timeline: simulate() with the core recording, the layers' timelines collected from 'layer:done'.
import { createEmitter } from '../events.ts';
import type { Report } from '../report/types.ts';
import { type SimulateOptions, simulate } from '../simulate/index.ts';
import type { ArchSpec, Workload } from '../spec/types.ts';
import { type LayerTimeline, decodeTimeline } from './timeline.ts';

/**
 * Contract: simulates as simulate() does (same report) and returns each layer's timeline, in layer order;
 * options.timeline may cap the events the core keeps per layer (a number).
 */
export async function simulateWithTimeline(arch: ArchSpec, workload: Workload, options: SimulateOptions = {}): Promise<{ report: Report; timelines: LayerTimeline[] }> {
  const emitter = options.emitter ?? createEmitter();
  const timelines: LayerTimeline[] = [];
  const collect = ({ index, timeline }: { index: number; timeline?: Parameters<typeof decodeTimeline>[0] }) => {
    if (timeline) timelines[index] = decodeTimeline(timeline);
  };
  emitter.on('layer:done', collect);
  try {
    const report = await simulate(arch, workload, { ...options, emitter, timeline: typeof options.timeline === 'number' ? options.timeline : true });
    return { report, timelines };
  } finally {
    emitter.off('layer:done', collect);
  }
}
