// SCALE-Sim v2's ofmap write buffer (scalesim/memory/write_buffer.py, class write_buffer; write_port.py latency 0).
// README.md § Write buffer walks through it; in short:
// - Words are packed into lines of `bandwidth` words (ArrayWidth in CALC mode, the .cfg Bandwidth in USER mode).
// - After each word: if a drain is in flight and the buffer is full, the line waits for the drain's end (a stall);
//   if no drain is in flight and more than `drain` = words − ceil(words/2) are held, the half-filled line is closed
//   and a drain starts at this cycle: the next ceil(drain/bandwidth) lines, one per cycle.
// - A drain counts lines × bandwidth words, less the empty slots of its LAST line only, and frees that many: a
//   half-filled line inside a drain is counted as full (SCALE-Sim's over-count, kept here).
// - At the end every remaining line drains, drain after drain, from the last line's serviced cycle.
// DRAM start/stop = the first and last drained line's cycle (cycles_vec[0], cycles_vec[-1]).
import type { DramFigures, WriteBuffer } from './buffers.ts';

/** write_buffer: the counts and cycles of its drains. */
export class ScaleSimWriteBuffer implements WriteBuffer {
  private readonly active: number;
  private readonly drain: number;
  private readonly linesPerDrain: number;
  private free: number;
  private inLine = 0;
  private lines = 0;
  /** Lines closed before they were full, by index: their word counts. */
  private readonly partial = new Map<number, number>();
  private drained = 0;
  private drainEnd = 0;
  private words = 0;
  private start = Number.NaN;
  private stop = Number.NaN;

  constructor(
    private readonly total: number,
    private readonly bandwidth: number,
  ) {
    this.active = Math.ceil(total * 0.5);
    this.drain = total - this.active;
    this.linesPerDrain = Math.ceil(this.drain / bandwidth);
    this.free = total;
  }

  writeLine(cycle: number, count: number): number {
    let current = cycle;
    for (let i = 0; i < count; i++) {
      this.free--;
      if (++this.inLine === this.bandwidth) {
        this.lines++;
        this.inLine = 0;
      }
      if (current < this.drainEnd) {
        if (this.free <= 0) current = this.drainEnd;
      } else if (this.free < this.active) {
        this.closeLine();
        this.drainEnd = this.drainLines(current);
      }
    }
    return current;
  }

  /** append_to_trace_mat(force=True): a half-filled line becomes a line of its own. */
  private closeLine(): void {
    if (this.inLine === 0) return;
    this.partial.set(this.lines, this.inLine);
    this.lines++;
    this.inLine = 0;
  }

  /** empty_drain_buf: drain the next lines from `from`, one per cycle; returns the last line's cycle. */
  private drainLines(from: number): number {
    const n = Math.min(this.linesPerDrain, this.lines - this.drained);
    const last = this.drained + n - 1;
    const counted = n * this.bandwidth - (this.bandwidth - (this.partial.get(last) ?? this.bandwidth));
    this.words += counted;
    this.free += counted;
    this.drained += n;
    if (Number.isNaN(this.start)) this.start = from;
    this.stop = from + n - 1;
    return this.stop;
  }

  finish(cycle: number): DramFigures {
    this.closeLine();
    let at = cycle;
    while (this.drained < this.lines) {
      this.drainEnd = this.drainLines(at);
      at = this.drainEnd + 1;
    }
    return { words: this.words, start: this.start, stop: this.stop };
  }
}
