const MIN_RING = 4096;
const EMPTY = new Uint8Array(0);

/**
 * A byte FIFO over a power-of-two ring that grows on demand (up to the next power of two above
 * `capacity`) and is then reused, so reads and writes copy bytes but never allocate.
 * Callers enforce `capacity`; the ring only guarantees room for it.
 */
export class ByteRing {
  private buf: Uint8Array = EMPTY;
  private head = 0;
  private used = 0;

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
    this.buf.set(src.subarray(0, first), tail);
    if (first < len) this.buf.set(src.subarray(first, len), 0);
    this.used += len;
  }

  /** Copy the oldest `len` bytes into `dst` (at offset 0) and consume them. `len <= size`. */
  read(dst: Uint8Array, len: number): void {
    if (len === 0) return;
    const first = Math.min(len, this.buf.length - this.head);
    dst.set(this.buf.subarray(this.head, this.head + first), 0);
    if (first < len) dst.set(this.buf.subarray(0, len - first), first);
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
  }
}
