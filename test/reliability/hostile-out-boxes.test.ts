// Issue 12, non-handle out-boxes: a count or size box that refuses its write (frozen, a throwing
// setter, a Proxy) never leaves a call half done and never throws. Where Zircon copies the box
// out after the work (socket_read and socket_write copy `actual` after the transfer), the work
// stands and the status is INVALID_ARGS, as there; where zxkit writes the box before any side
// effect (channel_read's sizes, get_info's actual and avail), nothing happens but the status.
import { describe, expect, it } from 'vitest';
import {
  ZX_ERR_INVALID_ARGS,
  ZX_INFO_HANDLE_BASIC,
  ZX_OK,
  ZX_SOCKET_DATAGRAM,
  ZX_SOCKET_STREAM,
} from '../../generated/constants.js';
import { Kernel } from '../../runtime/kernel.js';
import { since } from '../kernel-stats.js';

const boom = (): never => {
  throw new Error('hostile write');
};

const refusingBoxes: [string, () => { value: number }][] = [
  ['frozen box', () => Object.freeze({ value: 0 })],
  ['box with a throwing value setter', () => ({ get value() { return 0; }, set value(_v: number) { boom(); } })],
  ['Proxy box whose set trap throws', () => new Proxy({ value: 0 }, { set: boom })],
  ['box with a non-writable value', () => Object.defineProperty({}, 'value', { value: 0, writable: false, enumerable: true }) as { value: number }],
];

function boot() {
  const kernel = new Kernel({ testMode: true });
  const sys = kernel.createProcess('out-boxes').syscalls;
  const base = kernel.stats(); // the process and its two startup handles
  const pair = (make: (a: { value: number }, b: { value: number }) => number): [number, number] => {
    const a = { value: 0 };
    const b = { value: 0 };
    expect(make(a, b)).toBe(ZX_OK);
    return [a.value, b.value];
  };
  const closeAll = (...hs: number[]) => {
    expect(sys.zx_handle_close_many(hs, hs.length)).toBe(ZX_OK);
    expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
  };
  return { kernel, sys, pair, closeAll };
}

describe('socket_read with a refusing actual box: INVALID_ARGS, the bytes are consumed as in Zircon, no exception', () => {
  it.each(refusingBoxes)('stream socket, %s', (_name, make) => {
    const { sys, pair, closeAll } = boot();
    const [a, b] = pair((x, y) => sys.zx_socket_create(ZX_SOCKET_STREAM, x, y));
    expect(sys.zx_socket_write(a, 0, new Uint8Array([1, 2, 3, 4, 5, 6]), 6, null)).toBe(ZX_OK);
    const got = new Uint8Array(4);
    expect(sys.zx_socket_read(b, 0, got, 4, make())).toBe(ZX_ERR_INVALID_ARGS);
    expect([...got]).toEqual([1, 2, 3, 4]);
    const actual = { value: 0 };
    const rest = new Uint8Array(4);
    expect(sys.zx_socket_read(b, 0, rest, 4, actual)).toBe(ZX_OK);
    expect([...rest.subarray(0, actual.value)]).toEqual([5, 6]);
    closeAll(a, b);
  });

  it.each(refusingBoxes)('datagram socket, %s: the datagram is gone', (_name, make) => {
    const { sys, pair, closeAll } = boot();
    const [a, b] = pair((x, y) => sys.zx_socket_create(ZX_SOCKET_DATAGRAM, x, y));
    expect(sys.zx_socket_write(a, 0, new Uint8Array([1, 2]), 2, null)).toBe(ZX_OK);
    expect(sys.zx_socket_write(a, 0, new Uint8Array([3]), 1, null)).toBe(ZX_OK);
    expect(sys.zx_socket_read(b, 0, new Uint8Array(4), 4, make())).toBe(ZX_ERR_INVALID_ARGS);
    const got = new Uint8Array(4);
    const actual = { value: 0 };
    expect(sys.zx_socket_read(b, 0, got, 4, actual)).toBe(ZX_OK);
    expect([...got.subarray(0, actual.value)]).toEqual([3]);
    closeAll(a, b);
  });
});

describe('socket_write with a refusing actual box: INVALID_ARGS, the bytes are written as in Zircon, no exception', () => {
  it.each(refusingBoxes)('%s', (_name, make) => {
    const { sys, pair, closeAll } = boot();
    const [a, b] = pair((x, y) => sys.zx_socket_create(ZX_SOCKET_STREAM, x, y));
    expect(sys.zx_socket_write(a, 0, new Uint8Array([7, 8, 9]), 3, make())).toBe(ZX_ERR_INVALID_ARGS);
    const got = new Uint8Array(8);
    const actual = { value: 0 };
    expect(sys.zx_socket_read(b, 0, got, 8, actual)).toBe(ZX_OK);
    expect([...got.subarray(0, actual.value)]).toEqual([7, 8, 9]);
    closeAll(a, b);
  });
});

describe('channel_read with a refusing actual_bytes box: INVALID_ARGS, the message stays queued', () => {
  it.each(refusingBoxes)('%s', (_name, make) => {
    const { sys, pair, closeAll } = boot();
    const [a, b] = pair((x, y) => sys.zx_channel_create(0, x, y));
    expect(sys.zx_channel_write(a, 0, new Uint8Array([5]), 1, null, 0)).toBe(ZX_OK);
    expect(sys.zx_channel_read(b, 0, new Uint8Array(4), null, 4, 0, make(), null)).toBe(ZX_ERR_INVALID_ARGS);
    const got = new Uint8Array(4);
    const actual = { value: 0 };
    expect(sys.zx_channel_read(b, 0, got, null, 4, 0, actual, null)).toBe(ZX_OK);
    expect(actual.value).toBe(1);
    expect(got[0]).toBe(5);
    closeAll(a, b);
  });

  it('an actual_bytes setter that reads the message itself: the inner read gets it, the outer one INVALID_ARGS, the channel stays sound', () => {
    const { sys, pair, closeAll } = boot();
    const [a, b] = pair((x, y) => sys.zx_channel_create(0, x, y));
    expect(sys.zx_channel_write(a, 0, new Uint8Array([5]), 1, null, 0)).toBe(ZX_OK);
    const inner = new Uint8Array(4);
    let innerStatus = 0;
    const reentrant = {
      set value(_v: number) {
        innerStatus = sys.zx_channel_read(b, 0, inner, null, 4, 0, null, null);
      },
    } as { value: number };
    expect(sys.zx_channel_read(b, 0, new Uint8Array(4), null, 4, 0, reentrant, null)).toBe(ZX_ERR_INVALID_ARGS);
    expect(innerStatus).toBe(ZX_OK);
    expect(inner[0]).toBe(5);
    // The queue is empty and still works.
    expect(sys.zx_channel_write(a, 0, new Uint8Array([6]), 1, null, 0)).toBe(ZX_OK);
    expect(sys.zx_channel_read(b, 0, inner, null, 4, 0, null, null)).toBe(ZX_OK);
    expect(inner[0]).toBe(6);
    closeAll(a, b);
  });
});

describe('get_info with a refusing actual or avail box: INVALID_ARGS, no exception', () => {
  it.each(refusingBoxes)('%s', (_name, make) => {
    const { sys, pair, closeAll } = boot();
    const [a, b] = pair((x, y) => sys.zx_channel_create(0, x, y));
    const buf = new Uint8Array(48);
    expect(sys.zx_object_get_info(a, ZX_INFO_HANDLE_BASIC, buf, 48, make(), null)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_info(a, ZX_INFO_HANDLE_BASIC, buf, 48, null, make())).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_info(a, ZX_INFO_HANDLE_BASIC, buf, 48, null, null)).toBe(ZX_OK);
    closeAll(a, b);
  });
});
