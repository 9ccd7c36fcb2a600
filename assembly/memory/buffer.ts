// A scratchpad's contents, word by word: which operand words are on chip, and which had to come from DRAM.
//
// Operand words reach the buffer in slices (the words one slice of array time needs). The buffer keeps the most
// recently used slices whose words fit its capacity: a word a new slice needs that is still on chip is reused
// (it moves to the new slice), any other word is fetched from DRAM. When the words on chip exceed the capacity,
// the least recently used slices leave whole. Since the slices do not depend on the capacity, a larger buffer
// always holds a superset of a smaller one's words (the LRU inclusion property): DRAM traffic never grows with size.
//
// Which slice last used a word is kept in pages of PAGE words, allocated when a slice first touches one of their
// words and recycled once no word of theirs is on chip (every word of theirs would read as "not on chip" anyway):
// the buffer's memory follows what is on chip, not the size of the layer, and consecutive words stay consecutive.

const PAGE_BITS: i32 = 10;
const PAGE: i32 = 1 << PAGE_BITS;
const PAGE_BYTES: usize = (<usize>PAGE + 1) << 2; // a header (the last slice that touched the page), then the words

export class SliceBuffer {
  capacity: f64 = 0; // words
  private dir: usize = 0; // usize per page number: its page, 0 when not allocated
  private dirPages: i32 = 0;
  private live: usize = 0; // i32 per allocated page: its page number
  private liveCount: i32 = 0;
  private liveCap: i32 = 0;
  private sweepAt: i32 = 64; // allocated pages that start a sweep
  private spare: usize = 0; // usize per recycled page
  private spareCount: i32 = 0;
  private occ: usize = 0; // i32 per slice: words on chip held by it
  private occCap: i32 = 0;
  private seq: i32 = -1; // current slice
  private oldest: i32 = 0; // oldest slice still on chip
  private onChip: f64 = 0;
  fetched: i64 = 0; // words fetched for the current slice
  touched: i64 = 0; // words the current slice uses

  /** Contract: an empty buffer over an address space of `words` words. */
  reset(words: i32, capacity: f64): void {
    this.capacity = capacity;
    for (let i = 0; i < this.liveCount; i++) this.recycle(load<i32>(this.live + (<usize>i << 2)));
    this.liveCount = 0;
    const pages = (words >> PAGE_BITS) + 1;
    if (pages > this.dirPages) {
      if (this.dir) heap.free(this.dir);
      this.dir = heap.alloc(<usize>pages << 2);
      this.dirPages = pages;
    }
    memory.fill(this.dir, 0, <usize>this.dirPages << 2);
    if (this.occ == 0) {
      this.occCap = 1024;
      this.occ = heap.alloc(<usize>this.occCap << 2);
    }
    this.seq = -1;
    this.oldest = 0;
    this.onChip = 0;
  }

  private recycle(page: i32): void {
    const d = this.dir + (<usize>page << 2);
    if (this.spareCount % 64 == 0) {
      const bytes = <usize>(this.spareCount + 64) << 2;
      this.spare = this.spare == 0 ? heap.alloc(bytes) : heap.realloc(this.spare, bytes);
    }
    store<usize>(this.spare + (<usize>this.spareCount << 2), load<usize>(d));
    this.spareCount++;
    store<usize>(d, 0);
  }

  // Page `page`, all its words never used; pages none of whose words are on chip are recycled first when many are out.
  private newPage(page: i32): usize {
    if (this.liveCount >= this.sweepAt) {
      let kept = 0;
      for (let i = 0; i < this.liveCount; i++) {
        const pg = load<i32>(this.live + (<usize>i << 2));
        if (load<i32>(load<usize>(this.dir + (<usize>pg << 2))) < this.oldest) this.recycle(pg);
        else {
          store<i32>(this.live + (<usize>kept << 2), pg);
          kept++;
        }
      }
      this.liveCount = kept;
      this.sweepAt = max(this.sweepAt, 2 * kept);
    }
    if (this.liveCount == this.liveCap) {
      this.liveCap = this.liveCap == 0 ? 256 : this.liveCap << 1;
      this.live = this.live == 0 ? heap.alloc(<usize>this.liveCap << 2) : heap.realloc(this.live, <usize>this.liveCap << 2);
    }
    store<i32>(this.live + (<usize>this.liveCount << 2), page);
    this.liveCount++;
    let p: usize = 0;
    if (this.spareCount > 0) {
      this.spareCount--;
      p = load<usize>(this.spare + (<usize>this.spareCount << 2));
    } else p = heap.alloc(PAGE_BYTES);
    memory.fill(p, 0xff, PAGE_BYTES);
    store<usize>(this.dir + (<usize>page << 2), p);
    return p;
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

  /**
   * One word used by the current slice: 0 when the slice already has it (or `addr` < 0: padding), 1 when it was on
   * chip (it moves to this slice), 2 when it must be fetched. The caller adds up the results and reports them with
   * count().
   */
  // @ts-ignore: decorator
  @inline
  touchWord(addr: i32): i32 {
    if (addr < 0) return 0;
    let page = load<usize>(this.dir + (<usize>(addr >>> PAGE_BITS) << 2));
    if (page == 0) page = this.newPage(addr >>> PAGE_BITS);
    store<i32>(page, this.seq); // the page's last slice
    const p = page + ((<usize>(addr & (PAGE - 1)) + 1) << 2);
    const last = load<i32>(p);
    if (last == this.seq) return 0;
    store<i32>(p, this.seq);
    if (last >= this.oldest) {
      const o = this.occ + (<usize>last << 2);
      store<i32>(o, load<i32>(o) - 1);
      return 1;
    }
    return 2;
  }

  /** The current slice uses the word at `addr` (ignored when negative: padding, never stored). */
  // @ts-ignore: decorator
  @inline
  touch(addr: i32): void {
    const r = this.touchWord(addr);
    if (r != 0) this.count(1, r == 2 ? 1 : 0);
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
