// A scratchpad's contents, word by word: which operand words are on chip, and which had to come from DRAM.
//
// Operand words reach the buffer in slices (the words one slice of array time needs). The buffer keeps the most
// recently used slices whose words fit its capacity: a word a new slice needs that is still on chip is reused
// (it moves to the new slice), any other word is fetched from DRAM. When the words on chip exceed the capacity,
// the least recently used slices leave whole. Since the slices do not depend on the capacity, a larger buffer
// always holds a superset of a smaller one's words (the LRU inclusion property): DRAM traffic never grows with size.

export class SliceBuffer {
  capacity: f64 = 0; // words
  private lastSeq: usize = 0; // i32 per address: the slice that last used the word, −1 never
  private words: i32 = 0;
  private occ: usize = 0; // i32 per slice: words on chip held by it
  private occCap: i32 = 0;
  private seq: i32 = -1; // current slice
  private oldest: i32 = 0; // oldest slice still on chip
  private onChip: f64 = 0;
  fetched: i64 = 0; // words fetched for the current slice
  touched: i64 = 0; // words the current slice uses

  /** Contract: an empty buffer over an address space of `words` words. */
  reset(words: i32, capacity: f64): void {
    if (this.lastSeq) heap.free(this.lastSeq);
    this.words = words;
    const n: i32 = words > 0 ? words : 1;
    const bytes: usize = (<usize>n) << 2;
    this.lastSeq = heap.alloc(bytes);
    memory.fill(this.lastSeq, 0xff, bytes);
    this.capacity = capacity;
    if (this.occ == 0) {
      this.occCap = 1024;
      this.occ = heap.alloc(<usize>this.occCap << 2);
    }
    this.seq = -1;
    this.oldest = 0;
    this.onChip = 0;
  }

  /** Words on chip now (after the last slice's evictions). */
  wordsOnChip(): f64 {
    return this.onChip;
  }

  /** Starts a slice. */
  begin(): void {
    this.seq++;
    if (this.seq >= this.occCap) {
      this.occCap <<= 1;
      this.occ = heap.realloc(this.occ, <usize>this.occCap << 2);
    }
    store<i32>(this.occ + (<usize>this.seq << 2), 0);
    this.fetched = 0;
    this.touched = 0;
  }

  /** The current slice uses the word at `addr` (ignored when negative: padding, never stored). */
  // @ts-ignore: decorator
  @inline
  touch(addr: i32): void {
    const r = touchWord(this.lastSeq, this.occ, this.seq, this.oldest, addr);
    if (r != 0) this.count(1, r == 2 ? 1 : 0);
  }

  /** Where the word table is, for loops that touch many words with touchWord and report with count(). */
  table(): usize {
    return this.lastSeq;
  }
  slices(): usize {
    return this.occ;
  }
  current(): i32 {
    return this.seq;
  }
  oldestOnChip(): i32 {
    return this.oldest;
  }

  /** Adds `touched` words new to this slice, `fetched` of them from DRAM. */
  count(touched: i64, fetched: i64): void {
    this.touched += touched;
    this.fetched += fetched;
    this.onChip += <f64>fetched;
  }

  /** Ends the slice: the least recently used slices leave until the words on chip fit the capacity. */
  end(): void {
    // Every word the slice touched is now the slice's own.
    store<i32>(this.occ + (<usize>this.seq << 2), <i32>this.touched);
    while (this.onChip > this.capacity && this.oldest < this.seq) {
      this.onChip -= <f64>load<i32>(this.occ + (<usize>this.oldest << 2));
      this.oldest++;
    }
  }
}

/**
 * One word used by slice `seq` (table: the buffer's word table; occ: its per-slice counts): 0 when the slice
 * already has it (or `addr` < 0: padding), 1 when it was on chip (it moves to this slice), 2 when it must be
 * fetched. The caller adds up the results and reports them with SliceBuffer.count().
 */
// @ts-ignore: decorator
@inline
export function touchWord(table: usize, occ: usize, seq: i32, oldest: i32, addr: i32): i32 {
  if (addr < 0) return 0;
  const p = table + (<usize>addr << 2);
  const last = load<i32>(p);
  if (last == seq) return 0;
  store<i32>(p, seq);
  if (last >= oldest) {
    const o = occ + (<usize>last << 2);
    store<i32>(o, load<i32>(o) - 1);
    return 1;
  }
  return 2;
}
