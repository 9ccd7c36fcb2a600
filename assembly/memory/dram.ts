// The DRAM channel: one queue, `bandwidth` words per cycle, a fixed `latency`. Transfers are served in the order
// they are issued; a read's words are usable `latency` cycles after the channel has sent them.
import { EventKind } from '../shared/timeline';
import { event, tracing } from '../trace/recorder';

/** Cycles per bandwidth window (peak bandwidth is the most words moved in one window, per cycle). */
const WINDOW: f64 = 1024;

export class DramChannel {
  bandwidth: f64 = 1;
  latency: f64 = 0;
  free: f64 = 0; // when the channel has sent everything queued so far
  words: f64 = 0;
  peakWindowWords: f64 = 0;
  private window: f64 = -1;
  private windowWords: f64 = 0;

  reset(bandwidth: f64, latency: f64): void {
    this.bandwidth = bandwidth;
    this.latency = latency;
    this.free = 0;
    this.words = 0;
    this.peakWindowWords = 0;
    this.window = -1;
    this.windowWords = 0;
  }

  /** Contract: queues `n` words at cycle `issue`; returns the cycle they are usable (reads) or written (writes). */
  transfer(n: f64, issue: f64): f64 {
    if (n <= 0) return issue;
    const start = issue > this.free ? issue : this.free;
    const end = start + n / this.bandwidth;
    this.free = end;
    this.words += n;
    this.account(start, end);
    return Math.ceil(end + this.latency);
  }

  // Spreads the transfer's words over the bandwidth windows it covers, in O(1) whatever its length: the first and
  // last windows get the part of the transfer inside them, every window in between exactly WINDOW · bandwidth words
  // (so a transfer of 10¹² cycles at a tiny bandwidth costs as little to account as one of 10 cycles).
  private account(start: f64, end: f64): void {
    if (start >= end) return;
    const first = Math.floor(start / WINDOW);
    const last = Math.ceil(end / WINDOW) - 1; // the last window the transfer reaches into
    this.addToWindow(first, (Math.min(end, (first + 1) * WINDOW) - start) * this.bandwidth);
    if (last == first) return;
    if (last > first + 1) {
      // every middle window is full (the timeline gets them as one run; the window last − 1 comes when it closes)
      if (tracing && last > first + 2) event(EventKind.DramWindow, first + 1, last - 2, WINDOW * this.bandwidth, 0, 0, -1);
      this.addToWindow(last - 1, WINDOW * this.bandwidth);
    }
    this.addToWindow(last, (end - last * WINDOW) * this.bandwidth);
  }

  private addToWindow(w: f64, words: f64): void {
    if (w != this.window) {
      this.closeWindow();
      this.window = w;
      this.windowWords = 0;
    }
    this.windowWords += words;
    if (this.windowWords > this.peakWindowWords) this.peakWindowWords = this.windowWords;
  }

  /** Contract: tracing: records the open window's words (call at the end of a layer, and when it closes). */
  closeWindow(): void {
    if (tracing && this.window >= 0) event(EventKind.DramWindow, this.window, this.window, this.windowWords, 0, 0, -1);
  }

  /** Highest words per cycle over any window. */
  peakBandwidth(): f64 {
    return this.peakWindowWords / WINDOW;
  }
}
