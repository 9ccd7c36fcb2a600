// The memory system of native timing: an ifmap and a filter scratchpad (SliceBuffer each), an ofmap buffer with a
// write-back path, and one DRAM channel, stepped slice by slice alongside the folds.
//
// A fold's streaming operands are cut into slices of `sliceSteps` array steps; a WS/IS fold's stationary block is
// one more slice, needed when its load starts. Each slice's words are fetched (those not on chip) through the DRAM
// channel. With doubleBuffer the next slice is requested when this one starts being consumed (it fills the other
// half); without, when this one is done. When a slice's words are not there by the cycle the array needs them, the
// whole array stalls until they are (cause: ifmap or filter). SRAM banks: every step reads one word per array row
// (or column) from a buffer laid out as [step][lane], rows padded to whole bank stripes; lanes that map to the same
// bank beyond its ports cost extra cycles each step (cause: bank). Outputs: a fold's finished block is written back
// through the channel when the fold ends; the next fold that needs the ofmap buffer's half waits for that write
// (cause: ofmap). A WS/IS output block too large for half the ofmap buffer spills its partial sums between folds of
// K (written back, then read again); a block that fits accumulates on chip.
import { Stat } from '../shared/stats';
import { addStat } from '../counters';
import { SliceBuffer } from './buffer';
import { DramChannel } from './dram';
import { outputWords, setFilterBase, touchA, touchB } from './addresses';
import { EventKind, FoldField } from '../shared/timeline';
import { currentFold, event, tracing } from '../trace/recorder';

const ifBuf = new SliceBuffer();
const filterOwn = new SliceBuffer();
// The filter buffer: its own, or (unified scratchpad) the ifmap's, one LRU over both operands' words.
let flBuf = filterOwn;
let unified = false;
const dram = new DramChannel();

let enabled = false;
let doubleBuffer = true;
let sliceSteps: i32 = 64;
let banks: i32 = 0; // 0: one bank per lane, conflict-free
let ports: i32 = 1;
let interleave: i32 = 1;
let ofmapHalf: f64 = 0;

let prevConsume: f64 = 0; // when the previous slice started (double buffer) or finished (single) being consumed
let writeDone: f64 = 0; // when the ofmap half this fold would reuse has been written back
let lastWriteDone: f64 = 0;
let prevWriteDone: f64 = 0;
let pendingSpillRead: f64 = 0; // partial-sum words to read back before the next fold of K

/**
 * Contract: configures the memory system; `unifiedWords` > 0 makes ifmap and filter words share one scratchpad of
 * that many words (ifmapWords and filterWords are then unused).
 */
export function configureMemory(
  on: bool, ifmapWords: f64, filterWords: f64, ofmapWords: f64, dbuf: bool, steps: i32,
  nBanks: i32, nPorts: i32, il: i32, bandwidth: f64, latency: f64, unifiedWords: f64,
): void {
  enabled = on;
  unified = unifiedWords > 0;
  flBuf = unified ? ifBuf : filterOwn;
  doubleBuffer = dbuf;
  sliceSteps = steps;
  banks = nBanks;
  ports = nPorts;
  interleave = il;
  ifBuf.capacity = unified ? unifiedWords : ifmapWords;
  filterOwn.capacity = filterWords;
  ofmapHalf = dbuf ? ofmapWords / 2 : ofmapWords;
  dram.reset(bandwidth, latency);
}

export function sliceStepsOf(): i32 {
  return sliceSteps;
}

export function memoryEnabled(): bool {
  return enabled;
}

/** Contract: a new layer: empty DRAM queue, clock at 0. */
export function resetMemoryLayer(): void {
  dram.reset(dram.bandwidth, dram.latency);
  prevConsume = 0;
  writeDone = 0;
  lastWriteDone = 0;
  prevWriteDone = 0;
  pendingSpillRead = 0;
}

/** Contract: a new GEMM (group or pack): empty buffers over its address spaces. */
export function resetMemoryGemm(ifmapSpace: i32, filterSpace: i32): void {
  // Unified: one address space, the filters' words after the ifmap's.
  ifBuf.reset(unified ? ifmapSpace + filterSpace : ifmapSpace, ifBuf.capacity);
  setFilterBase(unified ? ifmapSpace : 0);
  if (!unified) filterOwn.reset(filterSpace, filterOwn.capacity);
}

/** Extra cycles per step when `lanes` words are read from one [step][lane] row of a banked buffer. */
function bankPenalty(lanes: i32): i32 {
  if (banks <= 0) return 0;
  // Lane j sits in bank (j / interleave) mod banks; the busiest bank serves ceil(requests / ports) per step.
  const stripe = banks * interleave;
  const full = lanes / stripe;
  const rest = lanes % stripe;
  const busiest = full * interleave + (rest > 0 ? min(rest, interleave) : 0);
  return (busiest + ports - 1) / ports - 1;
}

// Stall accumulation of the fold in progress.
let cursor: f64 = 0;
let stallIfmap: f64 = 0;
let stallFilter: f64 = 0;
let stallBank: f64 = 0;

/** Requests a slice of `words` fetched words; waits for it at the cursor; charges the wait to `cause`. */
function arrive(words: f64, cause: i32, psumWords: f64 = 0): void {
  const issue = prevConsume;
  const ready = words > 0 ? dram.transfer(words, issue) : 0;
  if (tracing && words > 0) {
    const own = words - psumWords;
    event(EventKind.DramRead, dram.lastStart(), dram.free, cause == 0 ? own : 0, cause == 0 ? 0 : own, psumWords, currentFold());
  }
  if (ready > cursor) {
    if (tracing && recordStalls) event(cause == 0 ? EventKind.StallIfmap : EventKind.StallFilter, cursor, ready, 0, 0, 0, currentFold());
    if (cause == 0) stallIfmap += ready - cursor;
    else stallFilter += ready - cursor;
    cursor = ready;
  }
}

// Off while a WS/IS fold's stationary block loads: what of those stalls the stream sees is placed afterwards.
let recordStalls = true;

/** Samples the scratchpads' words on chip at the cursor (tracing). */
function sampleOccupancy(): void {
  if (tracing) event(EventKind.Occupancy, cursor, cursor, ifBuf.wordsOnChip(), unified ? 0 : filterOwn.wordsOnChip(), 0, currentFold());
}

/** Consumes `steps` steps from the cursor, each `penalty` extra cycles long. */
function consume(steps: i32, penalty: i32): void {
  const start = cursor;
  cursor += <f64>steps * <f64>(1 + penalty);
  stallBank += <f64>steps * <f64>penalty;
  if (tracing && recordStalls && penalty > 0) event(EventKind.StallBank, start + <f64>steps, cursor, 0, 0, 0, currentFold());
  prevConsume = doubleBuffer ? start : cursor;
}

let stallOfmap: f64 = 0;

function beginFold(start: f64, outputsNow: bool): void {
  cursor = start;
  stallIfmap = stallFilter = stallBank = stallOfmap = 0;
  if (outputsNow) waitForOfmap();
}

// The fold's outputs need a free half of the ofmap buffer.
function waitForOfmap(): void {
  if (writeDone > cursor) {
    if (tracing) event(EventKind.StallOfmap, cursor, writeDone, 0, 0, 0, currentFold());
    stallOfmap += writeDone - cursor;
    cursor = writeDone;
  }
}

/** Contract: tracing: stores the last fold's stall cycles by cause into its fold record at `p`. */
export function storeFoldStalls(p: usize): void {
  store<f64>(p + (<usize>FoldField.StallIfmap << 3), stallIfmap);
  store<f64>(p + (<usize>FoldField.StallFilter << 3), stallFilter);
  store<f64>(p + (<usize>FoldField.StallOfmap << 3), stallOfmap);
  store<f64>(p + (<usize>FoldField.StallBank << 3), stallBank);
}

function endFold(): f64 {
  addStat(Stat.StallIfmap, stallIfmap);
  addStat(Stat.StallFilter, stallFilter);
  addStat(Stat.StallBank, stallBank);
  addStat(Stat.StallOfmap, stallOfmap);
  return stallIfmap + stallFilter + stallBank + stallOfmap;
}

function fetchedInto(buf: SliceBuffer, isIfmap: bool): f64 {
  buf.end();
  addStat(isIfmap ? Stat.DramIfmapReads : Stat.DramFilterReads, <f64>buf.fetched);
  addStat(isIfmap ? Stat.IfmapWrites : Stat.FilterWrites, <f64>buf.fetched);
  return <f64>buf.fetched;
}

/** A slice that fetches all `words` it touches (everyUseFetches): counted as fetchedInto counts a replayed one. */
function allFetched(words: f64, isIfmap: bool): f64 {
  addStat(isIfmap ? Stat.DramIfmapReads : Stat.DramFilterReads, words);
  addStat(isIfmap ? Stat.IfmapWrites : Stat.FilterWrites, words);
  return words;
}

/**
 * Whether an operand's words, `words` at most, all stay on chip once loaded (its own buffer, nothing else in it):
 * then a fold that visits them again finds every word there and moves none, so its slices need not be replayed
 * (they would be all hits, and with nothing ever evicted their order cannot matter).
 */
export function staysOnChip(words: f64, ifmapSide: bool): bool {
  return !unified && words <= (ifmapSide ? ifBuf.capacity : filterOwn.capacity);
}

/**
 * Whether every use of an operand's words is a fetch, so its slices fetch all they touch and its buffer need not be
 * replayed word by word. `reused`: some word is used by more than one slice; `between`: the fewest words of the
 * same operand that other slices ask for between two uses of one word. Exact: a slice leaves the LRU buffer once
 * the slices newer than it hold more than the capacity, whatever older ones hold; so when more than the capacity is
 * fetched between two uses, the first use's slice has left by the second (and, by induction over uses, every use
 * before was a fetch too). Never for a unified scratchpad (two operands share its LRU order); the caller leaves out
 * operands whose words overlap in ways the count does not see (a convolution's A, packed GEMMs).
 */
export function everyUseFetches(reused: bool, between: f64, ifmapSide: bool): bool {
  if (unified) return false;
  return !reused || between > (ifmapSide ? ifBuf.capacity : filterOwn.capacity);
}

/**
 * Contract: an OS fold of rows [m0, m0+r) × columns [n0, n0+c), K steps, planned to start at `start`; returns the
 * cycles it stalls (its start counts: a fold waiting for its first slice stalls too). againA/againB: that
 * operand's words were loaded by an earlier fold and all stayed on chip (staysOnChip). missA/missB: every use of
 * that operand's words is a fetch (everyUseFetches): its slices fetch every word they touch, without a replay.
 */
export function memOsFold(start: f64, m0: i32, r: i32, n0: i32, c: i32, k: i32, againA: bool, againB: bool, missA: bool, missB: bool): f64 {
  beginFold(start, true);
  const pen = max(bankPenalty(r), bankPenalty(c));
  for (let ks = 0; ks < k; ks += sliceSteps) {
    const ke = min(k, ks + sliceSteps);
    let wi: f64 = 0;
    let wf: f64 = 0;
    if (againA) {
      // on chip already
    } else if (missA) wi = allFetched(<f64>r * <f64>(ke - ks), true);
    else {
      ifBuf.begin();
      touchA(ifBuf, m0, m0 + r, ks, ke);
      wi = fetchedInto(ifBuf, true);
    }
    if (againB) {
      // on chip already
    } else if (missB) wf = allFetched(<f64>(ke - ks) * <f64>c, false);
    else {
      flBuf.begin();
      touchB(flBuf, ks, ke, n0, n0 + c);
      wf = fetchedInto(flBuf, false);
    }
    arrive(wi, 0);
    arrive(wf, 1);
    sampleOccupancy();
    consume(ke - ks, pen);
  }
  return endFold();
}

/**
 * Contract: a WS/IS fold: stationary rows [k0, k0+r) × columns [s0, s0+c) load from `loadStart` (r steps), then
 * `t` streaming steps from `streamStart` (≥ loadStart + r). inputStationary: the stationary block is Aᵀ (IS), else
 * B (WS). `firstK`/`lastK`: first or last fold of K for these outputs. againStream: the streamed operand's words
 * were loaded by an earlier fold and all stayed on chip (staysOnChip). missStationary/missStream: every use of
 * that operand's words is a fetch (everyUseFetches). Returns the cycles it stalls.
 */
export function memStationaryFold(
  loadStart: f64, streamStart: f64, inputStationary: bool, k0: i32, r: i32, s0: i32, c: i32, t: i32,
  firstK: bool, lastK: bool, againStream: bool, missStationary: bool, missStream: bool,
): f64 {
  beginFold(loadStart, false);
  // The stationary block: one slice, c words per loaded row. Its waits delay the stream only beyond the slack
  // the plan left between the end of the load and the stream's start.
  const sBuf = inputStationary ? ifBuf : flBuf;
  let stationaryWords: f64 = 0;
  if (missStationary) stationaryWords = allFetched(<f64>r * <f64>c, inputStationary);
  else {
    sBuf.begin();
    if (inputStationary) touchA(sBuf, s0, s0 + c, k0, k0 + r);
    else touchB(sBuf, k0, k0 + r, s0, s0 + c);
    stationaryWords = fetchedInto(sBuf, inputStationary);
  }
  recordStalls = false;
  arrive(stationaryWords, inputStationary ? 0 : 1);
  sampleOccupancy();
  consume(r, bankPenalty(c));
  recordStalls = true;
  const slack = streamStart - (loadStart + <f64>r);
  const extra = cursor - (loadStart + <f64>r);
  if (extra > 0 && slack > 0) {
    let hidden = min(slack, extra);
    const fromBank = min(hidden, stallBank);
    stallBank -= fromBank;
    hidden -= fromBank;
    if (inputStationary) stallIfmap -= hidden;
    else stallFilter -= hidden;
  }
  cursor = streamStart + (extra > slack ? extra - slack : 0);
  if (tracing && extra > slack) {
    // The load's stalls the plan's slack did not hide delay the stream: placed at its start, operand then bank.
    const operand = inputStationary ? stallIfmap : stallFilter;
    const f = currentFold();
    if (operand > 0) event(inputStationary ? EventKind.StallIfmap : EventKind.StallFilter, streamStart, streamStart + operand, 0, 0, 0, f);
    if (stallBank > 0) event(EventKind.StallBank, streamStart + operand, streamStart + operand + stallBank, 0, 0, 0, f);
  }
  waitForOfmap();
  // Streaming slices: r words per step (one per array row).
  const xBuf = inputStationary ? flBuf : ifBuf;
  const spill = <f64>t * <f64>c > ofmapHalf;
  const pen = bankPenalty(r);
  for (let ts = 0; ts < t; ts += sliceSteps) {
    const te = min(t, ts + sliceSteps);
    let words: f64 = 0;
    if (againStream) {
      // on chip already
    } else if (missStream) words = allFetched(<f64>(te - ts) * <f64>r, !inputStationary);
    else {
      xBuf.begin();
      if (inputStationary) touchB(xBuf, k0, k0 + r, ts, te);
      else touchA(xBuf, ts, te, k0, k0 + r);
      words = fetchedInto(xBuf, !inputStationary);
    }
    if (ts == 0 && spill && !firstK) {
      // Partial sums of the previous fold of K come back from DRAM with the first slice.
      addStat(Stat.DramOfmapReads, pendingSpillRead);
      words += pendingSpillRead;
    }
    arrive(words, inputStationary ? 1 : 0, ts == 0 && spill && !firstK ? pendingSpillRead : 0);
    sampleOccupancy();
    consume(te - ts, pen);
  }
  pendingSpillRead = spill && !lastK ? <f64>t * <f64>c : 0;
  return endFold();
}

/**
 * Contract: the fold that just ended at `end` leaves `words` output words (partial sums when not `final` and
 * spilling); they are written back through the channel. The half they occupy is free again once written.
 */
export function memFoldDone(end: f64, words: f64, writeBack: bool): void {
  let done = end;
  if (writeBack && words > 0) {
    done = dram.transfer(words, end);
    addStat(Stat.DramOfmapWrites, words);
    if (tracing) event(EventKind.DramWrite, dram.lastStart(), dram.free, words, end, done, currentFold() - 1);
  }
  // Double buffering: the next fold writes the other half; the one after waits for this write.
  writeDone = doubleBuffer ? prevWriteDone : done;
  prevWriteDone = done;
  if (done > lastWriteDone) lastWriteDone = done;
}

/** Output words of rows [m0, m0+r) × columns [n0, n0+c) of C that are data (a fold's output block). */
export function blockOutputs(m0: i32, r: i32, n0: i32, c: i32): f64 {
  return <f64>outputWords(m0, m0 + r, n0, n0 + c);
}

/** Whether a WS/IS output block of t × c words stays on chip across folds of K. */
export function blockFits(t: i32, c: i32): bool {
  return <f64>t * <f64>c <= ofmapHalf;
}

// The vector unit (vector/unit.ts) shares the scratchpads and the channel: its inputs come through the ifmap
// buffer, layer-norm weights through the filter buffer, its outputs leave through the ofmap write-back, one slice at
// a time, the whole layer one fold.

/** The buffers the vector unit touches its words in: inputs (ifmap side) or weights (filter side). */
export function vectorBuffer(inputs: bool): SliceBuffer {
  return inputs ? ifBuf : flBuf;
}

/** Contract: a vector layer starts at cycle 0 with empty buffers over its input and weight address spaces. */
export function memVectorBegin(inputSpace: i32, weightSpace: i32): void {
  resetMemoryGemm(inputSpace, weightSpace);
  beginFold(0, false);
}

/** Contract: a slice of a vector layer begins: touch its words in vectorBuffer(true/false), then memVectorSlice. */
export function memVectorSliceBegin(): void {
  ifBuf.begin();
  if (!unified) flBuf.begin();
}

/**
 * Contract: one slice of a vector layer, after memVectorSliceBegin and its words' touches: the fetched words arrive through the channel, the slice's `outWords` outputs wait for a free ofmap half,
 * then `cycles` of work; the outputs are written back when it ends. Returns the cycle it ends.
 */
export function memVectorSlice(cycles: f64, outWords: f64): f64 {
  const wi = fetchedInto(ifBuf, true);
  const wf = unified ? 0 : fetchedInto(flBuf, false);
  arrive(wi, 0);
  arrive(wf, 1);
  waitForOfmap();
  const start = cursor;
  cursor += cycles;
  prevConsume = doubleBuffer ? start : cursor;
  memFoldDone(cursor, outWords, true);
  return cursor;
}

/** Contract: ends a vector layer's slices: adds its stalls by cause to the stats and returns their sum. */
export function memVectorEnd(): f64 {
  return endFold();
}

// Period fast-forward (array/period.ts): the state the next fold starts from, relative to a cycle, and a shift of
// every absolute time. Every time here is a whole cycle (the channel hands out whole cycles).

/** Contract: pushes the memory system's state relative to cycle `ref` into `out` from `at`; returns the next index. */
export function memoryState(out: StaticArray<i64>, at: i32, ref: i64): i32 {
  out[at++] = <i64>prevConsume - ref;
  out[at++] = <i64>writeDone - ref;
  out[at++] = <i64>prevWriteDone - ref;
  out[at++] = <i64>lastWriteDone - ref;
  out[at++] = <i64>pendingSpillRead;
  out[at++] = dram.freeCycle - ref;
  out[at++] = dram.freeSlots;
  return at;
}

/** Contract: the channel logs its transfers (on) or not (off); the log is emptied either way. */
export function logTransfers(on: bool): void {
  dram.setLogging(on);
}

export function transfersLogged(): i32 {
  return dram.logLength;
}

export function dramWordsMoved(): f64 {
  return dram.words;
}

/**
 * Contract: the logged transfers [from, to) and every state change of the folds between two equal states `d` cycles
 * apart repeat `k` more times: every absolute time moves by k·d, the channel accounts the repeats (dram.ts).
 */
export function advanceMemory(from: i32, to: i32, d: i64, k: i64, periodWords: f64): void {
  const s = <f64>(k * d);
  prevConsume += s;
  writeDone += s;
  prevWriteDone += s;
  lastWriteDone += s;
  dram.advancePeriods(from, to, d, k, periodWords);
}

/** Cycle the last write-back finishes. */
export function writesDoneAt(): f64 {
  return lastWriteDone;
}

/** Contract: tracing: records the DRAM channel's last open bandwidth window (at the end of a layer). */
export function closeDramWindow(): void {
  dram.closeWindow();
}

export function dramPeakBandwidth(): f64 {
  return dram.peakBandwidth();
}
