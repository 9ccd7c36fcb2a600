// SCALE-Sim v2's read buffer in InterfaceBandwidth: CALC mode (scalesim/memory/read_buffer_estimate_bw.py,
// class ReadBufferEstimateBw). It never stalls (service_reads returns cycle + 1); it only records which addresses
// DRAM must deliver. README.md § CALC read buffer walks through it; in short:
// - The buffer is 100 sets of floor(words/100) addresses; the first 50 (active_buf_frac 0.5) are the readable
//   window. A demanded address that is in a completed set of the window or in the set being filled is a hit
//   (check_hit + the current_set test in manage_prefetches); otherwise it is added to the set being filled: a miss,
//   one word of DRAM traffic.
// - When a set completes and it is the window's last, the window jumps 50 sets ahead (so it is empty again) and the
//   sets just left are "prefetched": every completed set is prefetched exactly once, and the rest at the end
//   (complete_all_prefetches). DRAM reads = misses.
// - Trace cycles: the first prefetch ends the cycle before the first request arrives (minus the port latency 1) and
//   takes ceil(50·items/10) cycles at the default 10 words/cycle; each later one spans the previous trigger window.
//   Start = first trace cycle, stop = last (get_external_access_start_stop_cycles).
import { InputError } from '../../errors.ts';
import type { DramFigures, ReadBuffer } from './buffers.ts';

/** read_port.py latency. */
const PORT_LATENCY = 1;
/** single_layer_sim.py: ifmap_backing_bw = filter_backing_bw = 10 in CALC mode ("arbitrary"). */
const DEFAULT_BANDWIDTH = 10;
/** int(active_buf_frac · 100) with active_buf_frac = 0.5 (single_layer_sim.py). */
const ACTIVE_SETS = 50;
const PREFETCH_SETS = 100 - ACTIVE_SETS;

/** ReadBufferEstimateBw, reduced to what its counts and trace cycles depend on. */
export class CalcReadBuffer implements ReadBuffer {
  /** Per address: the id of the latest set it was added to, −1 if never. */
  private readonly lastSet: Int32Array;
  private readonly items: number;
  private currentSet = 0;
  private inCurrentSet = 0;
  private windowStart = 0;
  private windowEnd = ACTIVE_SETS - 1;
  private misses = 0;
  private cycle = 0;
  private firstRequestCycle = -1;
  private triggers = 0;
  /** last_prefetch_end_cycle before the latest trigger, and the latest trigger's cycle. */
  private previousEnd = 0;
  private lastTrigger = 0;

  /** `where` names the SRAM in errors (e.g. `arch sram.ifmapKiB`). */
  constructor(
    words: number,
    addressSpace: number,
    private readonly where: string,
  ) {
    this.items = Math.floor(words / 100);
    this.lastSet = new Int32Array(addressSpace).fill(-1);
  }

  beginLine(cycle: number): void {
    this.cycle = cycle;
  }

  read(addr: number): void {
    if (this.firstRequestCycle < 0) this.firstRequestCycle = this.cycle;
    if (this.lastSet[addr] >= this.windowStart) return; // in the window, or already in the set being filled
    this.lastSet[addr] = this.currentSet;
    this.misses++;
    if (++this.inCurrentSet < this.items) return;
    this.inCurrentSet = 0;
    this.currentSet++;
    if (this.currentSet === this.windowEnd + 1) this.trigger();
  }

  private trigger(): void {
    if (this.triggers === 0) {
      this.previousEnd = this.firstRequestCycle - 1 - PORT_LATENCY;
    } else {
      if (this.lastTrigger === this.previousEnd) throw this.sameCycleTriggers();
      this.previousEnd = this.lastTrigger;
    }
    this.triggers++;
    this.lastTrigger = this.cycle;
    this.windowStart += PREFETCH_SETS;
    this.windowEnd += PREFETCH_SETS;
  }

  endLine(): number {
    return this.cycle + 1;
  }

  finish(): DramFigures {
    if (this.triggers === 0) {
      // complete_all_prefetches, first branch: every set (the last one if non-empty) in one prefetch ending at −2.
      const sets = this.inCurrentSet > 0 ? this.currentSet + 1 : this.currentSet;
      const cycles = Math.ceil((sets * this.items) / DEFAULT_BANDWIDTH);
      return { words: this.misses, start: -cycles, stop: -1 };
    }
    if (this.lastTrigger === this.previousEnd) throw this.sameCycleTriggers();
    const first = Math.ceil((PREFETCH_SETS * this.items) / DEFAULT_BANDWIDTH);
    return { words: this.misses, start: this.firstRequestCycle - first, stop: this.lastTrigger + PORT_LATENCY };
  }

  /** SCALE-Sim divides by the cycles between two prefetch windows; when they end in the same cycle it crashes. */
  private sameCycleTriggers(): InputError {
    return new InputError(
      this.where,
      `two of SCALE-Sim's CALC prefetch windows (${PREFETCH_SETS} sets of ${this.items} words) end in the same demand line, where SCALE-Sim divides by zero`,
      `use a larger SRAM, so that ${PREFETCH_SETS * this.items} new words never fit in one demand line`,
    );
  }
}
