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
    const bytes = <usize>(words > 0 ? words : 1) << 2;
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
    if (addr < 0) return;
    const p = this.lastSeq + (<usize>addr << 2);
    const last = load<i32>(p);
    if (last == this.seq) return; // already used by this slice
    this.touched++;
    if (last >= this.oldest) {
      const o = this.occ + (<usize>last << 2);
      store<i32>(o, load<i32>(o) - 1);
    } else {
      this.fetched++;
      this.onChip++;
    }
    store<i32>(p, this.seq);
    const o = this.occ + (<usize>this.seq << 2);
    store<i32>(o, load<i32>(o) + 1);
  }

  /** Ends the slice: the least recently used slices leave until the words on chip fit the capacity. */
  end(): void {
    while (this.onChip > this.capacity && this.oldest < this.seq) {
      this.onChip -= <f64>load<i32>(this.occ + (<usize>this.oldest << 2));
      this.oldest++;
    }
  }
}
