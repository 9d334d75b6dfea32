// FIFO endpoints (Zircon's FifoDispatcher, spec part 2 §5): two peered endpoints, each with a
// ring of fixed-size elements. Writing on one endpoint fills the peer's ring; reading drains
// the endpoint's own. Methods that move elements return a count (>= 0) or a negative status.
import {
  ZX_DEFAULT_FIFO_RIGHTS,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_FIFO_MAX_SIZE_BYTES,
  ZX_FIFO_PEER_CLOSED,
  ZX_FIFO_READABLE,
  ZX_FIFO_WRITABLE,
  ZX_OBJ_TYPE_FIFO,
  ZX_OK,
  ZX_USER_SIGNAL_ALL,
} from '../../generated/constants.js';
import type { Kernel } from '../kernel.js';
import { PeeredObject } from '../kernel-object.js';

/** fifo_create's size rule: both non-zero, a power-of-two count, at most 4096 bytes in all. */
export function fifoGeometryStatus(elemCount: number, elemSize: number): number {
  if (elemCount === 0 || elemSize === 0) return ZX_ERR_OUT_OF_RANGE;
  if (elemCount > ZX_FIFO_MAX_SIZE_BYTES || elemSize > ZX_FIFO_MAX_SIZE_BYTES) return ZX_ERR_OUT_OF_RANGE;
  if ((elemCount & (elemCount - 1)) !== 0) return ZX_ERR_OUT_OF_RANGE;
  return elemCount * elemSize > ZX_FIFO_MAX_SIZE_BYTES ? ZX_ERR_OUT_OF_RANGE : ZX_OK;
}

/** One FIFO endpoint (zx_fifo_create). */
export class FifoObject extends PeeredObject<FifoObject> {
  static readonly type = ZX_OBJ_TYPE_FIFO;
  static readonly defaultRights = ZX_DEFAULT_FIFO_RIGHTS;

  /** This endpoint's ring: elemCount slots of elemSize bytes, allocated on the first write. */
  private ring: Uint8Array | null = null;
  /** Free-running slot counters; used slots = head - tail. */
  private head = 0;
  private tail = 0;

  private constructor(
    kernel: Kernel,
    readonly elemCount: number,
    readonly elemSize: number,
  ) {
    super(kernel, ZX_OBJ_TYPE_FIFO, ZX_FIFO_WRITABLE);
  }

  /** Both endpoints (geometry already validated); endpoint 0 gets the lower koid. */
  static create(kernel: Kernel, elemCount: number, elemSize: number): [FifoObject, FifoObject] {
    return PeeredObject.link(new FifoObject(kernel, elemCount, elemSize), new FifoObject(kernel, elemCount, elemSize));
  }

  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }

  /** Elements queued on this endpoint, waiting to be read. */
  get queued(): number {
    return (this.head - this.tail) >>> 0;
  }

  /** fifo_write: append up to `count` elements of `src` to the peer's ring. */
  write(elemSize: number, src: Uint8Array, count: number): number {
    const p = this.peer;
    if (p === null) return ZX_ERR_PEER_CLOSED; // before the argument checks
    if (elemSize !== this.elemSize || count === 0) return ZX_ERR_OUT_OF_RANGE;
    return p.writeSelf(src, count);
  }

  private writeSelf(src: Uint8Array, count: number): number {
    const free = this.elemCount - this.queued;
    if (free === 0) return ZX_ERR_SHOULD_WAIT;
    const n = Math.min(count, free);
    const ring = (this.ring ??= new Uint8Array(this.elemCount * this.elemSize));
    const wasEmpty = this.queued === 0;
    for (let i = 0; i < n; i++) {
      const slot = (this.head + i) & (this.elemCount - 1);
      ring.set(src.subarray(i * this.elemSize, (i + 1) * this.elemSize), slot * this.elemSize);
    }
    this.head = (this.head + n) >>> 0;
    if (wasEmpty) this.updateSignals(0, ZX_FIFO_READABLE);
    if (this.queued === this.elemCount) this.peer?.updateSignals(ZX_FIFO_WRITABLE, 0);
    return n;
  }

  /** fifo_read: move up to `count` elements from this endpoint's ring into `dst`. */
  read(elemSize: number, dst: Uint8Array, count: number): number {
    if (elemSize !== this.elemSize || count === 0) return ZX_ERR_OUT_OF_RANGE; // before the queue
    const used = this.queued;
    if (used === 0) return this.peer === null ? ZX_ERR_PEER_CLOSED : ZX_ERR_SHOULD_WAIT;
    const n = Math.min(count, used);
    const ring = this.ring!;
    for (let i = 0; i < n; i++) {
      const slot = (this.tail + i) & (this.elemCount - 1);
      dst.set(ring.subarray(slot * this.elemSize, (slot + 1) * this.elemSize), i * this.elemSize);
    }
    const wasFull = used === this.elemCount;
    this.tail = (this.tail + n) >>> 0;
    if (wasFull) this.peer?.updateSignals(0, ZX_FIFO_WRITABLE);
    if (this.queued === 0) this.updateSignals(ZX_FIFO_READABLE, 0);
    return n;
  }

  /** The survivor can no longer write; what it has queued stays readable. */
  protected onPeerClosed(): void {
    this.updateSignals(ZX_FIFO_WRITABLE, ZX_FIFO_PEER_CLOSED);
  }

  protected destroy(): void {
    this.ring = null;
    this.kernel.objectDestroyed();
  }
}
