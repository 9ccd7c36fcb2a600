// The trace's JSON written straight into bytes. A trace has up to a few hundred thousand events: an object per event,
// then JSON.stringify, then the encoding cost more than the run being traced (issue 12 asks for well under 2×).
// The builders (systolic.ts, attention.ts) write each event field by field through EventWriter into a reused byte
// buffer handed out in chunks; the document as objects (traceOf) is this text parsed, so the text is the one source.
// No node-only imports (the browser uses this too).
import type { MetadataEvent } from './chrome.ts';

/** Bytes handed to the sink at a time (the last chunk may be shorter). */
const CHUNK_BYTES = 1 << 20;
/** Room for one number without a bounds check per digit. */
const NUMBER_BYTES = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ZERO = 0x30;

/** A JSON text writer into bytes; `flush` receives each full chunk (a view, valid until it returns). */
export class JsonBytes {
  private buf = new Uint8Array(CHUNK_BYTES);
  private pos = 0;
  /** Where room() spills: 0 until the first call, so that every caller's spill path has run before it gets hot
   *  (V8 throws optimized code away when it takes a branch it never saw taken). */
  private limit = 0;
  private readonly encoder = new TextEncoder();
  private readonly fragments = new Map<string, Uint8Array>();
  private readonly keys = new Map<string, Uint8Array>();

  constructor(private readonly flush: (bytes: Uint8Array) => void) {}

  private room(n: number): void {
    if (this.pos + n > this.limit) this.spill(n);
  }

  /** Hands the full chunk over (and grows the buffer for a text longer than it). */
  private spill(n: number): void {
    if (this.pos > 0) this.flush(this.buf.subarray(0, this.pos));
    this.pos = 0;
    if (n > this.buf.length) this.buf = new Uint8Array(n);
    this.limit = this.buf.length;
  }

  private bytes(b: Uint8Array): void {
    this.room(b.length);
    if (b.length <= 16) for (let i = 0; i < b.length; i++) this.buf[this.pos + i] = b[i];
    else this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Contract: one byte (ASCII). */
  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  /** Contract: a fragment of JSON syntax that recurs (keys, punctuation), as it is; its bytes are cached. */
  raw(s: string): void {
    let b = this.fragments.get(s);
    if (b === undefined) {
      b = this.encoder.encode(s);
      this.fragments.set(s, b);
    }
    this.bytes(b);
  }

  /** Contract: `"k":`, an object key Systole chose (plain ASCII); its bytes are cached. */
  key(k: string): void {
    let b = this.keys.get(k);
    if (b === undefined) {
      b = this.encoder.encode(`${JSON.stringify(k)}:`);
      this.keys.set(k, b);
    }
    this.bytes(b);
  }

  /** Contract: any text as it is (UTF-8), not cached. */
  text(s: string): void {
    this.bytes(this.encoder.encode(s));
  }

  /** Contract: `s` as a JSON string, quoted and escaped as JSON.stringify writes it. */
  str(s: string): void {
    this.room(s.length + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = QUOTE;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      // escapes or non-ASCII: JSON.stringify's text, UTF-8 encoded
      if (c < 0x20 || c >= 0x7f || c === QUOTE || c === BACKSLASH) return this.text(JSON.stringify(s));
      buf[p++] = c;
    }
    buf[p++] = QUOTE;
    this.pos = p;
  }

  /** Contract: a number as JSON.stringify writes it (null when not finite). */
  num(n: number): void {
    if ((n | 0) === n) this.int32(n);
    else if (Number.isSafeInteger(n)) this.text(`${n}`);
    else this.text(Number.isFinite(n) ? `${n}` : 'null');
  }

  /**
   * Contract: whole nanoseconds as microseconds, the text JS gives ns / 1000: the exact decimal, trailing zeros
   * dropped (below 2^53 ns the shortest text that reads back as the same double).
   */
  us(ns: number): void {
    if ((ns | 0) !== ns || ns < 0) return this.num(ns / 1000);
    const n = ns | 0;
    const whole = (n / 1000) | 0;
    let frac = n - whole * 1000;
    this.int32(whole);
    if (frac === 0) return;
    let digits = 3;
    while (frac % 10 === 0) {
      frac = (frac / 10) | 0;
      digits--;
    }
    this.room(4);
    const buf = this.buf;
    buf[this.pos] = 0x2e; // '.'
    for (let p = this.pos + digits; p > this.pos; p--) {
      const q = (frac / 10) | 0;
      buf[p] = ZERO + frac - q * 10;
      frac = q;
    }
    this.pos += digits + 1;
  }

  /** A 32-bit integer's digits. */
  private int32(value: number): void {
    this.room(NUMBER_BYTES);
    const buf = this.buf;
    let n = value | 0; // int32 arithmetic from here on (a value read from a Float64Array is a double to V8)
    if (n < 0) {
      if (n === -2147483648) return this.text(`${n}`);
      buf[this.pos++] = 0x2d; // '-'
      n = -n | 0;
    }
    let len = 1;
    for (let x = n; x >= 10; x = (x / 10) | 0) len++;
    let p = this.pos + len;
    this.pos = p;
    do {
      const q = (n / 10) | 0;
      buf[--p] = ZERO + n - q * 10;
      n = q;
    } while (n > 0);
  }

  /** Contract: hands over what is left. */
  end(): void {
    if (this.pos > 0) this.flush(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}

/**
 * Writes trace events one field at a time: open one (slice, counter), add its args (arg*), close it (end). Events
 * are separated and args numbered for you; timestamps are whole ns (TraceClock.ns), written as µs.
 */
export class EventWriter {
  private events = 0;
  private args = 0;
  /** Events written so far. */
  get count(): number {
    return this.events;
  }

  constructor(
    private readonly out: JsonBytes,
    readonly pid: number,
  ) {}

  private open(): void {
    if (this.events++ > 0) this.out.byte(0x2c); // ','
    this.args = 0;
  }

  /** Contract: opens a complete slice [startNs, endNs) on track `tid`; args and end() follow. */
  slice(tid: number, name: string, cat: string, startNs: number, endNs: number): this {
    const o = this.out;
    this.open();
    o.raw('{"ph":"X","name":');
    o.str(name);
    o.raw(',"cat":');
    o.str(cat);
    o.raw(',"pid":');
    o.num(this.pid);
    o.raw(',"tid":');
    o.num(tid);
    o.raw(',"ts":');
    o.us(startNs);
    o.raw(',"dur":');
    o.us(endNs - startNs);
    o.raw(',"args":{');
    return this;
  }

  /** Contract: opens a counter sample at `atNs` (each arg a series); args (numbers) and end() follow. */
  counter(name: string, atNs: number): this {
    const o = this.out;
    this.open();
    o.raw('{"ph":"C","name":');
    o.str(name);
    o.raw(',"pid":');
    o.num(this.pid);
    o.raw(',"ts":');
    o.us(atNs);
    o.raw(',"args":{');
    return this;
  }

  private key(k: string): void {
    if (this.args++ > 0) this.out.byte(0x2c); // ','
    this.out.key(k);
  }

  /** Contract: a numeric arg (keys: plain ASCII names). */
  num(k: string, v: number): this {
    this.key(k);
    this.out.num(v);
    return this;
  }

  /** Contract: a string arg. */
  str(k: string, v: string): this {
    this.key(k);
    this.out.str(v);
    return this;
  }

  /** Contract: a boolean arg. */
  bool(k: string, v: boolean): this {
    this.key(k);
    this.out.raw(v ? 'true' : 'false');
    return this;
  }

  /** Contract: closes the event opened last. */
  end(): void {
    this.out.raw('}}');
  }

  /** Contract: a metadata event as it is (a handful per trace). */
  meta(e: MetadataEvent): void {
    this.open();
    this.out.text(JSON.stringify(e));
  }
}
