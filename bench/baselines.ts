// Plain-JS and Node baselines the kernel's data paths are compared with.
import { Duplex, PassThrough } from 'node:stream';
import { MessageChannel } from 'node:worker_threads';

/** A plain JS byte ring: power-of-two storage, reused, two TypedArray.set copies per round trip. */
export class JsRing {
  private readonly buf: Uint8Array;
  private readonly mask: number;
  private head = 0;
  private used = 0;

  constructor(capacity: number) {
    let size = 1;
    while (size < capacity) size *= 2;
    this.buf = new Uint8Array(size);
    this.mask = size - 1;
  }

  write(src: Uint8Array, len: number): number {
    const n = Math.min(len, this.buf.length - this.used);
    const tail = (this.head + this.used) & this.mask;
    const first = Math.min(n, this.buf.length - tail);
    this.buf.set(first === src.length ? src : src.subarray(0, first), tail);
    if (first < n) this.buf.set(src.subarray(first, n), 0);
    this.used += n;
    return n;
  }

  read(dst: Uint8Array, len: number): number {
    const n = Math.min(len, this.used);
    const first = Math.min(n, this.buf.length - this.head);
    dst.set(this.buf.subarray(this.head, this.head + first), 0);
    if (first < n) dst.set(this.buf.subarray(0, n - first), first);
    this.head = (this.head + n) & this.mask;
    this.used -= n;
    return n;
  }
}

/** stream.PassThrough, each chunk copied into a fresh Buffer on write and out into `dst` on read. */
export function passThroughRoundTrip(src: Uint8Array, dst: Uint8Array): () => void {
  const pt = new PassThrough({ highWaterMark: 1 << 20 });
  return () => {
    pt.write(Buffer.from(src));
    const chunk = pt.read() as Buffer | null;
    if (chunk === null) throw new Error('PassThrough returned no data');
    dst.set(chunk);
  };
}

/** One end of a pair of Duplex streams: what one end writes, the other end reads. */
class PairEnd extends Duplex {
  peer: PairEnd | null = null;

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.peer!.push(chunk);
    cb();
  }

  override _read(): void {}
}

/** A Duplex pair: write `src` on one end, read it from the other into `dst`. */
export function duplexRoundTrip(src: Uint8Array, dst: Uint8Array): () => void {
  const a = new PairEnd();
  const b = new PairEnd();
  a.peer = b;
  b.peer = a;
  return () => {
    a.write(src);
    const chunk = b.read() as Buffer | null;
    if (chunk === null) throw new Error('Duplex pair returned no data');
    dst.set(chunk);
  };
}

/** MessageChannel in this thread: post `src` on one port, await its arrival on the other. */
export function messageChannelRoundTrip(src: Uint8Array, dst: Uint8Array): { body: () => Promise<void>; close: () => void } {
  const { port1, port2 } = new MessageChannel();
  let resolve: (() => void) | null = null;
  port2.on('message', (data: Uint8Array) => {
    dst.set(data);
    const r = resolve;
    resolve = null;
    r?.();
  });
  return {
    body: () =>
      new Promise<void>((r) => {
        resolve = r;
        port1.postMessage(src);
      }),
    close: () => {
      port1.close();
      port2.close();
    },
  };
}

/**
 * The least an in-memory channel can do for a 64 B message (issue 13 §7): copy the bytes in on
 * write, queue them, copy them out on read. No handles, no checks, no signals.
 */
export function minimalChannelRoundTrip(src: Uint8Array, dst: Uint8Array): () => void {
  const queue: Uint8Array[] = [];
  let head = 0;
  return () => {
    queue.push(src.slice());
    const m = queue[head++]!;
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    }
    dst.set(m);
  };
}
