// FIFO behaviours F1-F5 (spec part 2 §5, §13.2), plus every documented status of fifo_create,
// fifo_read and fifo_write.
import { describe, expect, it } from 'vitest';
import {
  Kernel,
  ZX_DEFAULT_FIFO_RIGHTS,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_WRONG_TYPE,
  ZX_FIFO_PEER_CLOSED as PC,
  ZX_FIFO_READABLE as R,
  ZX_FIFO_WRITABLE as W,
  ZX_OBJ_TYPE_FIFO,
  ZX_OK,
  ZX_RIGHT_READ,
  ZX_RIGHT_WRITE,
  ZX_USER_SIGNAL_0,
} from '../../index.js';
import { SENTINEL, SENTINEL_H, boot, box, dup, handleBasic, mkEvent, sig, type Sys } from './helpers.js';
import { since } from '../kernel-stats.js';

function mkFifo(sys: Sys, count = 8, size = 8): [number, number] {
  const a = box(0);
  const b = box(0);
  expect(sys.zx_fifo_create(count, size, 0, a, b)).toBe(ZX_OK);
  return [a.value, b.value];
}

/** Elements of 8 bytes holding the u64 values given. */
function elems(...vs: number[]): Uint8Array {
  const b = new Uint8Array(vs.length * 8);
  const dv = new DataView(b.buffer);
  vs.forEach((v, i) => dv.setBigUint64(i * 8, BigInt(v), true));
  return b;
}
function values(b: Uint8Array, n: number): number[] {
  const dv = new DataView(b.buffer, b.byteOffset);
  return Array.from({ length: n }, (_, i) => Number(dv.getBigUint64(i * 8, true)));
}

function write(sys: Sys, h: number, ...vs: number[]): { status: number; actual: number } {
  const actual = box(SENTINEL);
  const status = sys.zx_fifo_write(h, 8, elems(...vs), vs.length, actual);
  return { status, actual: actual.value };
}
function read(sys: Sys, h: number, n: number): { status: number; got: number[] } {
  const buf = new Uint8Array(n * 8);
  const actual = box(SENTINEL);
  const status = sys.zx_fifo_read(h, 8, buf, n, actual);
  return { status, got: status === ZX_OK ? values(buf, actual.value) : [] };
}

describe('fifo_create (spec §5)', () => {
  it('F1 OUT_OF_RANGE: zero, non-power-of-two, too many elements, too large; outs untouched', () => {
    const { sys, kernel } = boot();
    const base = kernel.stats();
    for (const [count, size, opts] of [[0, 0, 0], [35, 32, 0], [128, 33, 0], [0, 0, 1], [23, 8, 8], [8, 0, 0], [8192, 1, 0], [1, 4097, 0], [64, 65, 0]] as const) {
      const a = box(SENTINEL_H);
      const b = box(SENTINEL_H);
      expect(sys.zx_fifo_create(count, size, opts, a, b), `${count}x${size}`).toBe(ZX_ERR_OUT_OF_RANGE);
      expect([a.value, b.value]).toEqual([SENTINEL_H, SENTINEL_H]);
    }
    expect(since(kernel, base).objects).toBe(0);
  });

  it('the largest geometries are accepted, and options are ignored', () => {
    const { sys } = boot();
    for (const [count, size] of [[4096, 1], [1, 4096], [64, 64], [1, 1]]) mkFifo(sys, count, size);
    const a = box(0), b = box(0);
    expect(sys.zx_fifo_create(4, 4, 0xffffffff, a, b)).toBe(ZX_OK);
  });

  it('F2 both ends are writable, peered by koid, with the default FIFO rights; k and k+1', async () => {
    const { sys } = boot();
    const [a, b] = mkFifo(sys);
    expect(await sig(sys, a)).toBe(W);
    expect(await sig(sys, b)).toBe(W);
    const ia = handleBasic(sys, a);
    const ib = handleBasic(sys, b);
    expect(ia.type).toBe(ZX_OBJ_TYPE_FIFO);
    expect(ia.rights).toBe(ZX_DEFAULT_FIFO_RIGHTS);
    expect(ZX_DEFAULT_FIFO_RIGHTS).toBe(0xf00f);
    expect(ib.koid).toBe(ia.koid + 1n);
    expect(ia.related_koid).toBe(ib.koid);
    expect(ib.related_koid).toBe(ia.koid);
  });

  it('ACCESS_DENIED: the job policy, checked before the sizes', () => {
    const kernel = new Kernel();
    const sys = kernel.createProcess('denied', { denyNew: [ZX_OBJ_TYPE_FIFO] }).syscalls;
    const base = kernel.stats();
    const a = box(SENTINEL_H), b = box(SENTINEL_H);
    expect(sys.zx_fifo_create(8, 8, 0, a, b)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_fifo_create(0, 0, 0, a, b)).toBe(ZX_ERR_ACCESS_DENIED);
    expect([a.value, b.value]).toEqual([SENTINEL_H, SENTINEL_H]);
    expect(since(kernel, base).objects).toBe(0);
  });

  it('INVALID_ARGS: an unusable out box or a non-integer size', () => {
    const { sys } = boot();
    expect(sys.zx_fifo_create(8, 8, 0, null as never, box(0))).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_fifo_create(1.5, 8, 0, box(0), box(0))).toBe(ZX_ERR_INVALID_ARGS);
  });
});

describe('fifo_write / fifo_read (spec §5)', () => {
  it('F2 on an empty 8x8 FIFO: SHOULD_WAIT, and OUT_OF_RANGE for count 0 or a wrong element size', () => {
    const { sys } = boot();
    const [a] = mkFifo(sys);
    expect(read(sys, a, 1).status).toBe(ZX_ERR_SHOULD_WAIT);
    const buf = new Uint8Array(72);
    expect(sys.zx_fifo_read(a, 8, buf, 0, null)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_fifo_write(a, 8, buf, 0, null)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_fifo_read(a, 9, buf, 1, null)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_fifo_write(a, 9, buf, 1, null)).toBe(ZX_ERR_OUT_OF_RANGE);
  });

  it('F3 element-granular partial transfers and the READABLE/WRITABLE edges', async () => {
    const { sys } = boot();
    const [a, b] = mkFifo(sys);
    expect(write(sys, a, 1, 2, 3, 4, 5, 6, 7, 8)).toEqual({ status: ZX_OK, actual: 8 });
    expect(await sig(sys, b)).toBe(R | W);
    expect(await sig(sys, a)).toBe(0);
    expect(write(sys, a, 9)).toEqual({ status: ZX_ERR_SHOULD_WAIT, actual: SENTINEL });
    expect(read(sys, b, 4)).toEqual({ status: ZX_OK, got: [1, 2, 3, 4] });
    expect(await sig(sys, a)).toBe(W);
    expect(write(sys, a, 9, 10).actual).toBe(2);
    expect(read(sys, b, 8)).toEqual({ status: ZX_OK, got: [5, 6, 7, 8, 9, 10] });
    expect(await sig(sys, b)).toBe(W);
    expect(write(sys, a, 11, 12, 13, 14, 15).actual).toBe(5);
    expect(write(sys, a, 16, 17, 18, 19, 20).actual).toBe(3); // short: three slots were left
    const got: number[] = [];
    for (let i = 0; i < 8; i++) got.push(...read(sys, b, 1).got);
    expect(got).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
    expect(await sig(sys, b)).toBe(W);
  });

  it('the ring wraps: many rounds keep order and sizes', () => {
    const { sys } = boot();
    const [a, b] = mkFifo(sys, 4, 8);
    let next = 0, expectNext = 0;
    for (let round = 0; round < 50; round++) {
      const n = (round % 4) + 1;
      const vs = Array.from({ length: n }, () => next++);
      expect(write(sys, a, ...vs).actual).toBe(n);
      const r = read(sys, b, 4);
      expect(r.got).toEqual(Array.from({ length: n }, () => expectNext++));
    }
  });

  it('F4 PEER_CLOSED: queued elements stay readable, then reads and writes report it', async () => {
    const { sys, kernel } = boot();
    const base = kernel.stats();
    const [a, b] = mkFifo(sys);
    expect(write(sys, b, 1).actual).toBe(1);
    expect(sys.zx_handle_close(b)).toBe(ZX_OK);
    expect(await sig(sys, a)).toBe(R | PC);
    expect(read(sys, a, 4)).toEqual({ status: ZX_OK, got: [1] });
    expect(await sig(sys, a)).toBe(PC);
    expect(read(sys, a, 1).status).toBe(ZX_ERR_PEER_CLOSED);
    // Read checks the element size and count first; write checks the peer first.
    expect(sys.zx_fifo_read(a, 4, new Uint8Array(4), 1, null)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_fifo_write(a, 4, new Uint8Array(4), 1, null)).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_fifo_write(a, 8, new Uint8Array(0), 0, null)).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_handle_close(a)).toBe(ZX_OK);
    expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
  });

  it('F5 signal_peer after the peer closed: PEER_CLOSED; user signals work before', async () => {
    const { sys } = boot();
    const [a, b] = mkFifo(sys);
    expect(sys.zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect(await sig(sys, b)).toBe(W | ZX_USER_SIGNAL_0);
    expect(sys.zx_handle_close(b)).toBe(ZX_OK);
    expect(sys.zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_PEER_CLOSED);
  });

  it('BAD_HANDLE, WRONG_TYPE and ACCESS_DENIED (rights before type)', () => {
    const { sys } = boot();
    const [a, b] = mkFifo(sys);
    const buf = new Uint8Array(8);
    expect(sys.zx_fifo_write(0, 8, buf, 1, null)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_fifo_read(a ^ 1, 8, buf, 1, null)).toBe(ZX_ERR_BAD_HANDLE);
    const ev = mkEvent(sys);
    expect(sys.zx_fifo_write(ev, 8, buf, 1, null)).toBe(ZX_ERR_ACCESS_DENIED); // events lack WRITE
    const s0 = box(0), s1 = box(0);
    expect(sys.zx_socket_create(0, s0, s1)).toBe(ZX_OK);
    expect(sys.zx_fifo_write(s0.value, 8, buf, 1, null)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_fifo_read(s0.value, 8, buf, 1, null)).toBe(ZX_ERR_WRONG_TYPE);
    const readOnly = dup(sys, a, ZX_RIGHT_READ);
    const writeOnly = dup(sys, b, ZX_RIGHT_WRITE);
    expect(sys.zx_fifo_write(readOnly, 8, buf, 1, null)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_fifo_read(writeOnly, 8, buf, 1, null)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_fifo_write(writeOnly, 8, buf, 1, null)).toBe(ZX_OK);
    expect(sys.zx_fifo_read(readOnly, 8, buf, 1, null)).toBe(ZX_OK);
  });

  it('INVALID_ARGS: data shorter than count*elem_size or null, checked before the handle; nothing moves', () => {
    const { sys } = boot();
    const [a, b] = mkFifo(sys);
    for (const h of [a, 0]) {
      const actual = box(SENTINEL);
      expect(sys.zx_fifo_write(h, 8, new Uint8Array(15), 2, actual)).toBe(ZX_ERR_INVALID_ARGS);
      expect(sys.zx_fifo_write(h, 8, null, 1, actual)).toBe(ZX_ERR_INVALID_ARGS);
      expect(sys.zx_fifo_read(h, 8, new Uint8Array(7), 1, actual)).toBe(ZX_ERR_INVALID_ARGS);
      expect(actual.value).toBe(SENTINEL);
    }
    expect(sys.zx_fifo_write(a, 8, elems(1), 1, 'x' as never)).toBe(ZX_ERR_INVALID_ARGS);
    expect(read(sys, b, 1).status).toBe(ZX_ERR_SHOULD_WAIT);
  });
});
