const MIN_RING = 4096;
const EMPTY = new Uint8Array(0);
/** Below this a byte loop beats creating a subarray view for TypedArray.set. */
const SMALL_COPY = 64;

/** Copy without allocating for small runs or whole-array sources; larger runs use one view. */
function copyBytes(dst: Uint8Array, dstOff: number, src: Uint8Array, srcOff: number, len: number): void {
  if (len <= SMALL_COPY) {
    for (let i = 0; i < len; i++) dst[dstOff + i] = src[srcOff + i]!;
  } else if (srcOff === 0 && len === src.length) {
    dst.set(src, dstOff);
  } else {
    dst.set(src.subarray(srcOff, srcOff + len), dstOff);
  }
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
    copyBytes(this.buf, tail, src, 0, first);
    if (first < len) copyBytes(this.buf, 0, src, first, len - first);
    this.used += len;
  }

  /** Copy the oldest `len` bytes into `dst` (at offset 0) and consume them. `len <= size`. */
  read(dst: Uint8Array, len: number): void {
    if (len === 0) return;
    const first = Math.min(len, this.buf.length - this.head);
    copyBytes(dst, 0, this.buf, this.head, first);
    if (first < len) copyBytes(dst, first, this.buf, 0, len - first);
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
