// A benchmark.js suite as one awaited call: each case runs until its time budget is spent, the mean wall time per
// run and its relative margin of error come back. Figures are printed by the callers, nothing is asserted here.
import Benchmark from 'benchmark';

/** One timed case: one run of the thing measured, synchronous (`fn`) or awaited (`fnAsync`). */
export interface BenchCase {
  name: string;
  fn?: () => void;
  fnAsync?: () => Promise<unknown>;
  /** Seconds benchmark.js may spend sampling this case (default 2). */
  maxTime?: number;
  /** Samples taken at least, even past maxTime (default 5). */
  minSamples?: number;
}

/** What benchmark.js measured for one case. */
export interface BenchResult {
  name: string;
  meanSeconds: number;
  /** The fastest sample's seconds per run (a sample is the mean of one benchmark.js cycle). */
  bestSeconds: number;
  rmePercent: number;
  samples: number;
}

/** benchmark.js types an event's target loosely; on a suite's cycle/error events it is the benchmark. */
const benchOf = (event: Benchmark.Event): Benchmark => event.target as unknown as Benchmark;

interface Deferred {
  resolve(): void;
}

function addCase(suite: Benchmark.Suite, c: BenchCase, fail: (e: unknown) => void): void {
  const budget = { maxTime: c.maxTime ?? 2, minSamples: c.minSamples ?? 5 };
  if (c.fnAsync) {
    const run = c.fnAsync;
    const fn = (d: Deferred) => void run().then(() => d.resolve(), fail);
    suite.add(c.name, fn, { ...budget, defer: true });
  } else if (c.fn) {
    suite.add(c.name, c.fn, budget);
  } else {
    throw new Error(`bench case ${c.name}: give fn or fnAsync`);
  }
}

/** Contract: runs the cases one after another and resolves with one result per case that did not fail. */
export function runSuite(title: string, cases: readonly BenchCase[]): Promise<BenchResult[]> {
  return new Promise((resolve, reject) => {
    const suite = new Benchmark.Suite(title);
    for (const c of cases) addCase(suite, c, reject);
    const results: BenchResult[] = [];
    suite.on('cycle', (event: Benchmark.Event) => {
      const b = benchOf(event);
      if (b.error) return;
      results.push({
        name: b.name ?? '?',
        meanSeconds: b.stats.mean,
        bestSeconds: Math.min(...b.stats.sample),
        rmePercent: b.stats.rme,
        samples: b.stats.sample.length,
      });
    });
    suite.on('error', (event: Benchmark.Event) => reject(benchOf(event).error));
    suite.on('complete', () => resolve(results));
    suite.run({ async: false });
  });
}
