// The reference model of FIFOs (spec part 2 §5), written from the spec: each endpoint holds the
// elements written by its peer, oldest first, up to elem_count of them. Every function mirrors
// one syscall: it predicts the status, compares, and applies the effects to the model.
import { type Acquired, type MObj, type Model, S, SIG, expectBytes, expectEq, expectStatus } from './model.js';

export const FIFO_RIGHTS = 0xf00f;
const FIFO_MAX_BYTES = 4096;

/** One endpoint's queue: the elements its peer wrote, oldest first. */
export interface MFifo {
  readonly elemCount: number;
  readonly elemSize: number;
  readonly queue: Uint8Array[];
}

export function fifoCreate(m: Model, p: number, count: number, size: number, st: number, outs: () => Acquired[]): void {
  const bad = count === 0 || size === 0 || count > FIFO_MAX_BYTES || size > FIFO_MAX_BYTES || (count & (count - 1)) !== 0 || count * size > FIFO_MAX_BYTES;
  expectStatus(`fifo_create(${count}, ${size})`, st, bad ? S.OUT_OF_RANGE : S.OK);
  if (st !== S.OK) return;
  const [a, b] = m.pair(p, 'fifo', SIG.WRITABLE, outs());
  a.fifo = { elemCount: count, elemSize: size, queue: [] };
  b.fifo = { elemCount: count, elemSize: size, queue: [] };
}

export function fifoWrite(m: Model, p: number, value: number, elemSize: number, data: Uint8Array | null, count: number, st: number, actual: number): void {
  const what = `fifo_write(${elemSize} x ${count}${data === null ? ', null' : ''})`;
  if (data === null && count * elemSize > 0) return expectStatus(what, st, S.INVALID_ARGS);
  const h = m.resolve(p, value, 0x8, 'fifo');
  if (typeof h === 'number') return expectStatus(what, st, h);
  const e = h.obj;
  const peer = e.peer;
  if (peer === null) return expectStatus(what, st, S.PEER_CLOSED);
  const f = peer.fifo!;
  if (elemSize !== f.elemSize || count === 0) return expectStatus(what, st, S.OUT_OF_RANGE);
  const room = f.elemCount - f.queue.length;
  if (room === 0) return expectStatus(what, st, S.SHOULD_WAIT);
  expectStatus(what, st, S.OK);
  const n = Math.min(room, count);
  expectEq(`${what} actual_count`, actual, n);
  const wasEmpty = f.queue.length === 0;
  for (let i = 0; i < n; i++) f.queue.push(data!.slice(i * elemSize, (i + 1) * elemSize));
  if (wasEmpty) m.update(peer, 0, SIG.READABLE);
  if (f.queue.length === f.elemCount) m.update(e, SIG.WRITABLE, 0);
}

export function fifoRead(m: Model, p: number, value: number, elemSize: number, count: number, st: number, got: Uint8Array, actual: number): void {
  const what = `fifo_read(${elemSize} x ${count})`;
  const h = m.resolve(p, value, 0x4, 'fifo');
  if (typeof h === 'number') return expectStatus(what, st, h);
  const e = h.obj;
  const f = e.fifo!;
  if (elemSize !== f.elemSize || count === 0) return expectStatus(what, st, S.OUT_OF_RANGE);
  if (f.queue.length === 0) return expectStatus(what, st, e.peer === null ? S.PEER_CLOSED : S.SHOULD_WAIT);
  expectStatus(what, st, S.OK);
  const n = Math.min(count, f.queue.length);
  expectEq(`${what} actual_count`, actual, n);
  const wasFull = f.queue.length === f.elemCount;
  const taken = f.queue.splice(0, n);
  taken.forEach((el, i) => expectBytes(`${what} element ${i}`, got.subarray(i * elemSize, (i + 1) * elemSize), el));
  if (wasFull && e.peer !== null) m.update(e.peer, 0, SIG.WRITABLE);
  if (f.queue.length === 0) m.update(e, SIG.READABLE, 0);
}

/** READABLE iff elements are queued; WRITABLE iff the peer is alive and its queue has room. */
export function checkFifoSignals(o: MObj, real: number, say: (rule: string) => void): void {
  const f = o.fifo!;
  const has = (bit: number) => (real & bit) !== 0;
  if (has(SIG.READABLE) !== f.queue.length > 0) say('READABLE iff elements queued');
  if (has(SIG.PEER_CLOSED) !== (o.peer === null)) say('PEER_CLOSED iff the peer is gone');
  const room = o.peer !== null && o.peer.fifo!.queue.length < o.peer.fifo!.elemCount;
  if (has(SIG.WRITABLE) !== room) say("WRITABLE iff the peer is alive and its queue has room");
}
