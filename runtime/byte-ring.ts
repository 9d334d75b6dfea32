const MIN_RING = 4096;
const EMPTY = new Uint8Array(0);
/**
 * Runs up to this long are copied byte by byte; longer ones use TypedArray.set (a memmove).
 * A byte loop costs about 0.8 ns a byte, `set` about 14 ns a call, and a fresh subarray view
 * (needed when the source is not a whole array) about 25 ns, so the loop only wins on tiny runs.
 */
const SMALL_COPY = 16;

function copyLoop(dst: Uint8Array, dstOff: number, src: Uint8Array, srcOff: number, len: number): void {
  for (let i = 0; i < len; i++) dst[dstOff + i] = src[srcOff + i]!;
}

/**
 * A byte FIFO over a power-of-two ring that grows on demand (up to the next power of two above
 * `capacity`) and is then reused, so reads and writes copy bytes but never allocate.
 * Callers enforce `capacity`; the ring only guarantees room for it.
 */
export class ByteRing {
  private buf: Uint8Array = EMPTY;
  private head = 0;
  private used = 0;
  /**
   * The last view of `buf` that a read copied from, reused while reads keep asking for the same
   * range. Because an emptied ring restarts at 0, a steady "write n, read n" pattern asks for
   * [0, n) every time, so reads copy with one memmove and allocate nothing.
   */
  private view: Uint8Array = EMPTY;
  private viewStart = -1;

  constructor(readonly capacity: number) {}

  /** Bytes queued. */
  get size(): number {
    return this.used;
  }

  get free(): number {
    return this.capacity - this.used;
  }

  /** Append `len` bytes of `src` (from offset 0). The caller has checked `len <= free`. */
  write(src: Uint8Array, len: number): void {
    if (len === 0) return;
    if (this.used + len > this.buf.length) this.grow(this.used + len);
    const mask = this.buf.length - 1;
    const tail = (this.head + this.used) & mask;
    const first = Math.min(len, this.buf.length - tail);
    copyFrom(this.buf, tail, src, 0, first);
    if (first < len) copyFrom(this.buf, 0, src, first, len - first);
    this.used += len;
  }

  /** Copy the oldest `len` bytes into `dst` (at offset 0) and consume them. `len <= size`. */
  read(dst: Uint8Array, len: number): void {
    if (len === 0) return;
    const first = Math.min(len, this.buf.length - this.head);
    this.copyOut(dst, 0, this.head, first);
    if (first < len) this.copyOut(dst, first, 0, len - first);
    this.discard(len);
  }

  /** Consume the oldest `len` bytes without copying. `len <= size`. */
  discard(len: number): void {
    this.used -= len;
    // An empty ring restarts at 0 so later writes are contiguous (fewer split copies).
    this.head = this.used === 0 ? 0 : (this.head + len) & (this.buf.length - 1);
  }

  /** Drop the storage (the owning endpoint is gone). */
  release(): void {
    this.buf = EMPTY;
    this.head = 0;
    this.used = 0;
    this.forgetView();
  }

  /** Drop the storage if nothing is queued and it is bigger than `keep` bytes. */
  shrinkIfEmpty(keep: number): void {
    if (this.used === 0 && this.buf.length > keep) this.release();
  }

  /** Copy buf[start, start + len) to dst at dstOff. */
  private copyOut(dst: Uint8Array, dstOff: number, start: number, len: number): void {
    if (len <= SMALL_COPY) {
      copyLoop(dst, dstOff, this.buf, start, len);
      return;
    }
    let v = this.view;
    if (this.viewStart !== start || v.length !== len) {
      v = this.view = this.buf.subarray(start, start + len);
      this.viewStart = start;
    }
    dst.set(v, dstOff);
  }

  private forgetView(): void {
    this.view = EMPTY;
    this.viewStart = -1;
  }

  private grow(need: number): void {
    let size = Math.max(MIN_RING, this.buf.length);
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    if (this.used > 0) {
      const first = Math.min(this.used, this.buf.length - this.head);
      next.set(this.buf.subarray(this.head, this.head + first), 0);
      if (first < this.used) next.set(this.buf.subarray(0, this.used - first), first);
    }
    this.buf = next;
    this.head = 0;
    this.forgetView();
  }
}

/**
 * Copy src[srcOff, srcOff + len) to dst at dstOff. A whole source array (the usual write) needs
 * no view; `src` is the caller's, so its views are not cached.
 */
function copyFrom(dst: Uint8Array, dstOff: number, src: Uint8Array, srcOff: number, len: number): void {
  if (len <= SMALL_COPY) copyLoop(dst, dstOff, src, srcOff, len);
  else dst.set(srcOff === 0 && len === src.length ? src : src.subarray(srcOff, srcOff + len), dstOff);
}
