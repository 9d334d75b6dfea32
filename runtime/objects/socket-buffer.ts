// One endpoint's receive buffer: bytes in a ByteRing plus, in datagram mode, the datagram
// boundaries in a reused FIFO of lengths (the role of Zircon's MBufChain).
import { ByteRing } from '../byte-ring.js';
import { Deque } from '../deque.js';

/** 128 mbufs x 2008 payload bytes (spec §1.10); mbuf headers do not count against it. */
export const SOCKET_CAPACITY = 257024;

export class SocketBuffer {
  private readonly ring = new ByteRing(SOCKET_CAPACITY);
  /** Datagram lengths, oldest first; null in stream mode. */
  private readonly datagrams: Deque<number> | null;

  constructor(datagram: boolean) {
    this.datagrams = datagram ? new Deque<number>() : null;
  }

  get size(): number {
    return this.ring.size;
  }

  get free(): number {
    return this.ring.free;
  }

  get isFull(): boolean {
    return this.ring.size >= SOCKET_CAPACITY;
  }

  /** rx_buf_available: stream = all queued bytes; datagram = the first datagram's length. */
  get available(): number {
    return this.datagrams === null ? this.ring.size : (this.datagrams.peek() ?? 0);
  }

  /** Append bytes: a stream chunk, or one whole datagram. The caller has checked the space. */
  append(src: Uint8Array, len: number): void {
    this.ring.write(src, len);
    this.datagrams?.push(len);
  }

  /**
   * Copy up to `len` bytes into `dst` and consume them. In datagram mode at most one datagram
   * is returned, and whatever of it did not fit is discarded (exactly that datagram's rest).
   */
  read(dst: Uint8Array, len: number): number {
    if (this.datagrams === null) {
      const n = Math.min(len, this.ring.size);
      this.ring.read(dst, n);
      return n;
    }
    const whole = this.datagrams.shift() ?? 0;
    const n = Math.min(len, whole);
    this.ring.read(dst, n);
    this.ring.discard(whole - n);
    return n;
  }

  release(): void {
    this.ring.release();
    while (this.datagrams !== null && this.datagrams.length > 0) this.datagrams.shift();
  }
}
