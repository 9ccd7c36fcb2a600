// The DRAM channel: one queue, `bandwidth` words per cycle, a fixed `latency`. Transfers are served in the order
// they are issued; a read's words are usable `latency` cycles after the channel has sent them.
//
// Time is exact integer arithmetic. The bandwidth is the rational num/den words per cycle (the simplest fraction
// whose double is the bandwidth given: 10 → 10/1, 2.5 → 5/2, 12.8 → 64/5), so one word holds the channel for den
// slots of 1/num cycle; the channel keeps when it is free as whole cycles plus slots (0 ≤ slots < num). Every time
// the channel hands out (a transfer's ready cycle) is a whole cycle, and equal states relative to a cycle behave
// alike whatever the cycle (what a period jump needs: memory/system.ts).
import { EventKind } from '../shared/timeline';
import { event, tracing } from '../trace/recorder';

/** Cycles per bandwidth window (peak bandwidth is the most words moved in one window, per cycle). */
const WINDOW: i64 = 1024;
/** Largest numerator and denominator of the bandwidth's fraction (WINDOW × num stays inside i64). */
const MAX_TERM: f64 = 9007199254740992; // 2^53
/** Most slots one transfer may take (words × den). */
const MAX_SLOTS: f64 = 4611686018427387904; // 2^62

/** Contract: the simplest fraction num/den (both ≤ 2^53) whose double quotient is `x` > 0, as [num, den]: the
 *  first continued-fraction convergent of x that rounds to x (2.5 → 5/2, 2^-40 → 1/2^40); when none within the
 *  bounds does, the last convergent within them (a relative error far below a double's for any x a spec gives). */
export function rationalOf(x: f64): StaticArray<i64> {
  let h0: f64 = 0;
  let h1: f64 = 1;
  let k0: f64 = 1;
  let k1: f64 = 0;
  let y = x;
  for (let i = 0; i < 64; i++) {
    const a = Math.floor(y);
    const h2 = a * h1 + h0;
    const k2 = a * k1 + k0;
    if (k2 > MAX_TERM || h2 > MAX_TERM) break;
    h0 = h1;
    h1 = h2;
    k0 = k1;
    k1 = k2;
    if (h1 / k1 == x) break;
    const frac = y - a;
    if (frac <= 0) break;
    y = 1 / frac;
  }
  const out = new StaticArray<i64>(2);
  out[0] = <i64>h1;
  out[1] = <i64>k1;
  return out;
}

function gcd64(a: i64, b: i64): i64 {
  while (b != 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export class DramChannel {
  bandwidth: f64 = 1;
  latency: f64 = 0;
  num: i64 = 1; // bandwidth = num / den words per cycle
  den: i64 = 1;
  freeCycle: i64 = 0; // the channel has sent everything queued so far at freeCycle + freeSlots / num
  freeSlots: i64 = 0;
  words: f64 = 0;
  private startCycle: i64 = 0; // the last transfer's start
  private startSlots: i64 = 0;
  private peakUnits: i64 = 0; // the most slots of transfer in one window (words = slots / den)
  private window: i64 = -1;
  private windowUnits: i64 = 0;

  reset(bandwidth: f64, latency: f64): void {
    this.bandwidth = bandwidth;
    this.latency = latency;
    const r = rationalOf(bandwidth);
    this.num = r[0];
    this.den = r[1];
    this.freeCycle = 0;
    this.freeSlots = 0;
    this.words = 0;
    this.peakUnits = 0;
    this.window = -1;
    this.windowUnits = 0;
  }

  /** When the channel has sent everything queued so far (cycles). */
  get free(): f64 {
    return <f64>this.freeCycle + <f64>this.freeSlots / <f64>this.num;
  }

  /** Contract: sets when the channel is free; `v` must be a whole cycle (a shift of the whole machine, forward.ts). */
  set free(v: f64) {
    this.freeCycle = <i64>Math.floor(v);
    this.freeSlots = 0;
  }

  /** Contract: the channel is free again only at the next whole cycle (a transfer holds it for whole cycles). */
  alignFree(): void {
    if (this.freeSlots > 0) {
      this.freeCycle++;
      this.freeSlots = 0;
    }
  }

  /** When the last transfer started (cycles; tracing). */
  lastStart(): f64 {
    return <f64>this.startCycle + <f64>this.startSlots / <f64>this.num;
  }

  /** Contract: queues `n` words at cycle `issue` (a whole cycle); returns the cycle they are usable (reads) or
   *  written (writes). */
  transfer(n: f64, issue: f64): f64 {
    if (n <= 0) return issue;
    const at = <i64>issue;
    let sc = this.freeCycle;
    let ss = this.freeSlots;
    if (at > sc) {
      sc = at;
      ss = 0;
    }
    assert(n * <f64>this.den < MAX_SLOTS, 'DRAM transfer too long for the channel clock');
    const total = ss + <i64>n * this.den;
    const ec = sc + total / this.num;
    const es = total % this.num;
    this.startCycle = sc;
    this.startSlots = ss;
    this.freeCycle = ec;
    this.freeSlots = es;
    this.words += n;
    if (this.logging) this.log(sc, ss, ec, es);
    this.account(sc, ss, ec, es);
    const whole = <f64>(ec + (es > 0 ? 1 : 0));
    return this.latency == Math.floor(this.latency) ? whole + this.latency : Math.ceil(this.free + this.latency);
  }

  // Period fast-forward (array/period.ts): the transfers since logging started, four i64 each (start cycle and
  // slots, end cycle and slots), so that whole periods of them can be accounted again, shifted.
  private logging: bool = false;
  private logBuf: StaticArray<i64> = new StaticArray<i64>(0);
  logLength: i32 = 0; // transfers logged

  /** Contract: logs every transfer from now on (on) or stops logging (off); either way the log is emptied. */
  setLogging(on: bool): void {
    this.logging = on;
    this.logLength = 0;
  }

  private log(sc: i64, ss: i64, ec: i64, es: i64): void {
    const at = this.logLength << 2;
    if (at + 4 > this.logBuf.length) {
      const grown = new StaticArray<i64>(max(1024, this.logBuf.length << 1));
      for (let i = 0; i < at; i++) grown[i] = this.logBuf[i];
      this.logBuf = grown;
    }
    this.logBuf[at] = sc;
    this.logBuf[at + 1] = ss;
    this.logBuf[at + 2] = ec;
    this.logBuf[at + 3] = es;
    this.logLength++;
  }

  /**
   * Contract: the logged transfers [from, to) form one period of the channel's traffic, `d` cycles long, and the
   * same period follows `k` more times (each d later than the one before): the channel is moved to the end of the
   * last one (its free time by k·d; `periodWords` words each time) and its bandwidth windows see every one of those
   * transfers. Exact and O(period · min(k, L + 1024/d + 2)): the windows' contents repeat every L = 1024 / gcd(1024, d)
   * periods (a window that starts L·d = lcm cycles later sees the same transfers at the same offsets, once it is
   * past the traffic before the first period), so only enough periods to show every window phase, and to leave the
   * window open at the end as it would be, are accounted; the rest, a multiple of L periods, moves the windows by
   * whole windows.
   */
  advancePeriods(from: i32, to: i32, d: i64, k: i64, periodWords: f64): void {
    const g = gcd64(WINDOW, d % WINDOW == 0 ? WINDOW : d % WINDOW);
    const L = WINDOW / g;
    const least = L + (WINDOW + d - 1) / d + 2;
    const n = k <= least + L ? k : least + (k - least) % L;
    for (let m: i64 = 1; m <= n; m++) {
      const shift = m * d;
      for (let t = from; t < to; t++) {
        const b = t << 2;
        this.account(this.logBuf[b] + shift, this.logBuf[b + 1], this.logBuf[b + 2] + shift, this.logBuf[b + 3]);
      }
    }
    const rest = k - n; // a multiple of L periods: whole windows
    if (rest > 0) this.window += (rest * d) / WINDOW;
    this.freeCycle += k * d;
    this.words += <f64>k * periodWords;
    this.logLength = 0;
  }

  // Spreads the transfer's slots over the bandwidth windows it covers, in O(1) whatever its length: the first and
  // last windows get the part of the transfer inside them, every window in between exactly WINDOW · num slots
  // (so a transfer of 10¹² cycles at a tiny bandwidth costs as little to account as one of 10 cycles).
  private account(sc: i64, ss: i64, ec: i64, es: i64): void {
    const first = sc / WINDOW;
    const last = es == 0 && ec % WINDOW == 0 ? ec / WINDOW - 1 : ec / WINDOW; // the last window the transfer reaches into
    if (last == first) {
      this.addToWindow(first, (ec - sc) * this.num + es - ss);
      return;
    }
    this.addToWindow(first, ((first + 1) * WINDOW - sc) * this.num - ss);
    const full = WINDOW * this.num;
    if (last > first + 1) {
      // every middle window is full (the timeline gets them as one run; the window last − 1 comes when it closes)
      if (tracing && last > first + 2) event(EventKind.DramWindow, <f64>(first + 1), <f64>(last - 2), this.wordsOf(full), 0, 0, -1);
      this.addToWindow(last - 1, full);
    }
    this.addToWindow(last, (ec - last * WINDOW) * this.num + es);
  }

  private wordsOf(units: i64): f64 {
    return <f64>units / <f64>this.den;
  }

  private addToWindow(w: i64, units: i64): void {
    if (w != this.window) {
      this.closeWindow();
      this.window = w;
      this.windowUnits = 0;
    }
    this.windowUnits += units;
    if (this.windowUnits > this.peakUnits) this.peakUnits = this.windowUnits;
  }

  /** Contract: tracing: records the open window's words (call at the end of a layer, and when it closes). */
  closeWindow(): void {
    if (tracing && this.window >= 0) event(EventKind.DramWindow, <f64>this.window, <f64>this.window, this.wordsOf(this.windowUnits), 0, 0, -1);
  }

  /** Highest words per cycle over any window. */
  peakBandwidth(): f64 {
    return <f64>this.peakUnits / (<f64>this.den * <f64>WINDOW);
  }
}
