// SCALE-Sim v2's read buffer in InterfaceBandwidth: USER mode (scalesim/memory/read_buffer.py, class read_buffer),
// with the .cfg Bandwidth B words/cycle. README.md § USER read buffer walks through it; in short:
// - The operand's prefetch sequence (prefetch-order.ts) is cut into sets of ceil(words/100) entries
//   (prepare_hashed_buffer; duplicates inside a set are one member but count toward its size). The readable window
//   is nA = min(sets, ceil(A/eps)) consecutive sets (A = ceil(words/2)); each step moves it nP = min(sets − nA,
//   ceil((words − A)/eps)) sets on, cyclically.
// - First line: the active half is fetched, min(ceil(A/B), fetch lines) lines of B words ending the cycle before
//   (prefetch_active_buffer). A demanded address outside the window moves it on (new_prefetch), as often as
//   needed: each move fetches ceil((words − A)/B) lines of B words, ending that many + 1 cycles after the previous
//   fetch, and the line is served when the last fetch ends if that is later than cycle + 1 (a stall), else at
//   cycle + 1: a prefetch that ended before the line was issued adds no stall (SCALE-Sim v2 22f88b1, after d78b477
//   and issue #100; at 48f6938 the line was served when the fetch ended even if that was earlier, a negative stall).
// - DRAM reads count whole requested lines (padding included); start/stop = first and last fetched line's cycle.
import type { DramFigures, ReadBuffer } from './buffers.ts';

/** read_port.py latency. */
const PORT_LATENCY = 1;

/** read_buffer with a fixed DRAM bandwidth. */
export class UserReadBuffer implements ReadBuffer {
  /** Per address a, the ids of the sets holding it, ascending: setIds[first[a] .. first[a + 1]). */
  private readonly first: Int32Array;
  private readonly setIds: Int32Array;
  private readonly sets: number;
  private readonly windowSets: number;
  private readonly stepSets: number;
  private readonly firstLines: number;
  private readonly stepLines: number;
  private windowStart = 0;
  private started = false;
  private startCycle = 0;
  private lastFetch = 0;
  private words = 0;
  private cycle = 0;
  private fetchedInLine = false;

  constructor(
    words: number,
    private readonly bandwidth: number,
    order: Int32Array,
    addressSpace: number,
  ) {
    const perSet = Math.ceil(words / 100);
    const cut = cutIntoSets(order, perSet, addressSpace);
    this.first = cut.first;
    this.setIds = cut.setIds;
    this.sets = cut.sets;
    const active = Math.ceil(words * 0.5);
    const prefetch = words - active;
    this.windowSets = Math.min(this.sets, Math.ceil(active / perSet));
    this.stepSets = Math.min(this.sets - this.windowSets, Math.ceil(prefetch / perSet));
    this.firstLines = Math.min(Math.ceil(active / bandwidth), Math.ceil(order.length / bandwidth));
    this.stepLines = Math.ceil(prefetch / bandwidth);
  }

  beginLine(cycle: number): void {
    this.cycle = cycle;
    this.fetchedInLine = false;
    if (this.started) return;
    this.started = true;
    this.startCycle = cycle;
    this.words += this.firstLines * this.bandwidth;
    this.lastFetch = cycle - 1;
  }

  read(addr: number): void {
    while (!this.inWindow(addr)) this.step();
  }

  /** active_buffer_hit: is one of the sets holding `addr` among the windowSets sets from windowStart (cyclic)? */
  private inWindow(addr: number): boolean {
    const lo = this.first[addr];
    const hi = this.first[addr + 1];
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (this.setIds[mid] < this.windowStart) a = mid + 1;
      else b = mid;
    }
    const end = this.windowStart + this.windowSets;
    if (a < hi && this.setIds[a] < end) return true;
    return end > this.sets && lo < hi && this.setIds[lo] < end - this.sets;
  }

  /** new_prefetch: move the window on by stepSets and fetch the sets that entered. */
  private step(): void {
    if (this.stepSets === 0) throw new Error('SCALE-Sim USER read buffer: an address is in no prefetched set (it would loop forever)');
    this.windowStart = (this.windowStart + this.stepSets) % this.sets;
    this.words += this.stepLines * this.bandwidth;
    this.lastFetch += this.stepLines + PORT_LATENCY;
    this.fetchedInLine = true;
  }

  endLine(): number {
    const hit = this.cycle + PORT_LATENCY;
    return this.fetchedInLine && this.lastFetch > hit ? this.lastFetch : hit;
  }

  finish(): DramFigures {
    return { words: this.words, start: this.startCycle - this.firstLines, stop: this.lastFetch };
  }
}

/**
 * prepare_hashed_buffer: consecutive sets of `perSet` non-null entries (the last one possibly short or empty),
 * returned as each address's ascending list of the sets that hold it.
 */
function cutIntoSets(order: Int32Array, perSet: number, space: number): { first: Int32Array; setIds: Int32Array; sets: number } {
  const setOf = new Int32Array(order.length).fill(-1);
  const stamp = new Int32Array(space).fill(-1);
  const count = new Int32Array(space + 1);
  let set = 0;
  let inSet = 0;
  for (let i = 0; i < order.length; i++) {
    const a = order[i];
    if (a < 0) continue;
    if (stamp[a] !== set) {
      stamp[a] = set;
      setOf[i] = set;
      count[a + 1]++;
    }
    if (++inSet >= perSet) {
      set++;
      inSet = 0;
    }
  }
  for (let a = 0; a < space; a++) count[a + 1] += count[a];
  const first = count.slice();
  const setIds = new Int32Array(count[space]);
  for (let i = 0; i < order.length; i++) if (setOf[i] >= 0) setIds[count[order[i]]++] = setOf[i];
  return { first, setIds, sets: set + 1 };
}
