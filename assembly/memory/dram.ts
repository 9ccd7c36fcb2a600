// The DRAM channel: one queue, `bandwidth` words per cycle, a fixed `latency`. Transfers are served in the order
// they are issued; a read's words are usable `latency` cycles after the channel has sent them.

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

  // Spreads the transfer's words over the bandwidth windows it covers.
  private account(start: f64, end: f64): void {
    let t = start;
    while (t < end) {
      const w = Math.floor(t / WINDOW);
      const stop = Math.min(end, (w + 1) * WINDOW);
      if (w != this.window) {
        this.window = w;
        this.windowWords = 0;
      }
      this.windowWords += (stop - t) * this.bandwidth;
      if (this.windowWords > this.peakWindowWords) this.peakWindowWords = this.windowWords;
      t = stop;
    }
  }

  /** Highest words per cycle over any window. */
  peakBandwidth(): f64 {
    return this.peakWindowWords / WINDOW;
  }
}
