// A scratchpad's contents, word by word: which operand words are on chip, and which had to come from DRAM.
//
// Operand words reach the buffer in slices (the words one slice of array time needs). The buffer keeps the most
// recently used slices whose words fit its capacity: a word a new slice needs that is still on chip is reused
// (it moves to the new slice), any other word is fetched from DRAM. When the words on chip exceed the capacity,
// the least recently used slices leave whole. Since the slices do not depend on the capacity, a larger buffer
// always holds a superset of a smaller one's words (the LRU inclusion property): DRAM traffic never grows with size.
//
// Which slice last used a word is kept in an open-addressing hash table (address → slice), not in a table over the
// whole address space, so the buffer's memory follows what is on chip, not the size of the layer: entries of slices
// that have left are dropped whenever the table fills (they would read as "not on chip" anyway).

const EMPTY: i32 = -1;

export class SliceBuffer {
  capacity: f64 = 0; // words
  private keys: usize = 0; // i32 per slot: an address, EMPTY when free
  private vals: usize = 0; // i32 per slot: the slice that last used the address
  private slots: i32 = 0; // a power of two
  private used: i32 = 0;
  private occ: usize = 0; // i32 per slice: words on chip held by it
  private occCap: i32 = 0;
  private seq: i32 = -1; // current slice
  private oldest: i32 = 0; // oldest slice still on chip
  private onChip: f64 = 0;
  fetched: i64 = 0; // words fetched for the current slice
  touched: i64 = 0; // words the current slice uses

  /** Contract: an empty buffer (its address space is only a bound: the table grows with the words on chip). */
  reset(words: i32, capacity: f64): void {
    this.capacity = capacity;
    if (this.keys == 0) this.allocate(1 << 12);
    else memory.fill(this.keys, 0xff, <usize>this.slots << 2);
    this.used = 0;
    if (this.occ == 0) {
      this.occCap = 1024;
      this.occ = heap.alloc(<usize>this.occCap << 2);
    }
    this.seq = -1;
    this.oldest = 0;
    this.onChip = 0;
  }

  private allocate(slots: i32): void {
    this.slots = slots;
    this.keys = heap.alloc(<usize>slots << 2);
    this.vals = heap.alloc(<usize>slots << 2);
    memory.fill(this.keys, 0xff, <usize>slots << 2);
  }

  // Keeps the entries of slices still on chip (and the current one), in a table twice their number or more.
  private rebuild(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const oldSlots = this.slots;
    let live = 0;
    for (let i = 0; i < oldSlots; i++) {
      const p = <usize>i << 2;
      if (load<i32>(oldKeys + p) != EMPTY && load<i32>(oldVals + p) >= this.oldest) live++;
    }
    let slots = oldSlots;
    while (live * 4 > slots) slots <<= 1;
    this.allocate(slots);
    this.used = 0;
    for (let i = 0; i < oldSlots; i++) {
      const p = <usize>i << 2;
      const key = load<i32>(oldKeys + p);
      const val = load<i32>(oldVals + p);
      if (key == EMPTY || val < this.oldest) continue;
      const q = <usize>this.find(key) << 2;
      store<i32>(this.keys + q, key);
      store<i32>(this.vals + q, val);
      this.used++;
    }
    heap.free(oldKeys);
    heap.free(oldVals);
  }

  // The slot holding `addr`, or the empty slot where it would go.
  // @ts-ignore: decorator
  @inline
  private find(addr: i32): i32 {
    const mask = this.slots - 1;
    let i = <i32>((<u32>addr * 0x9e3779b1) >> 7) & mask;
    while (true) {
      const k = load<i32>(this.keys + (<usize>i << 2));
      if (k == addr || k == EMPTY) return i;
      i = (i + 1) & mask;
    }
    return 0;
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
    let i = this.find(addr);
    let p = this.keys + (<usize>i << 2);
    if (load<i32>(p) == EMPTY) {
      if ((this.used + 1) * 2 > this.slots) {
        this.rebuild();
        i = this.find(addr);
        p = this.keys + (<usize>i << 2);
      }
      store<i32>(p, addr);
      store<i32>(this.vals + (<usize>i << 2), this.seq);
      this.used++;
      return 2;
    }
    const v = this.vals + (<usize>i << 2);
    const last = load<i32>(v);
    if (last == this.seq) return 0;
    store<i32>(v, this.seq);
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
