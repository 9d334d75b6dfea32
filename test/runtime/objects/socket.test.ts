// SocketObject directly: datagram boundaries and truncation, stream short writes, signals.
import { describe, expect, it } from 'vitest';
import {
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_SOCKET_DATAGRAM,
  ZX_SOCKET_PEER_CLOSED,
  ZX_SOCKET_READABLE,
  ZX_SOCKET_WRITABLE,
} from '../../../generated/constants.js';
import { Kernel } from '../../../runtime/kernel.js';
import { SOCKET_CAPACITY } from '../../../runtime/objects/socket-buffer.js';
import { SocketObject } from '../../../runtime/objects/socket.js';

const fill = (n: number, v: number): Uint8Array => new Uint8Array(n).fill(v);

describe('datagram sockets', () => {
  it('truncate a read to the buffer and discard exactly the rest of that datagram', () => {
    const [a, b] = SocketObject.create(new Kernel(), ZX_SOCKET_DATAGRAM);
    expect(a.write(fill(5000, 1), 5000)).toBe(5000);
    expect(a.write(fill(3, 2), 3)).toBe(3);
    expect(a.write(fill(7000, 3), 7000)).toBe(7000);
    const out = new Uint8Array(8000);
    expect(b.read(out, 10)).toBe(10);
    expect(out.subarray(0, 10)).toEqual(fill(10, 1));
    expect(b.read(out, 8000)).toBe(3);
    expect(out.subarray(0, 3)).toEqual(fill(3, 2));
    expect(b.read(out, 6999)).toBe(6999);
    expect(out.subarray(0, 6999)).toEqual(fill(6999, 3));
    expect(b.read(out, 8000)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(b.signals & ZX_SOCKET_READABLE).toBe(0);
  });

  it('keep boundaries when datagrams wrap around the ring', () => {
    const [a, b] = SocketObject.create(new Kernel(), ZX_SOCKET_DATAGRAM);
    const out = new Uint8Array(3000);
    for (let i = 0; i < 200; i++) {
      const n = 1 + ((i * 977) % 2500);
      expect(a.write(fill(n, i & 0xff), n)).toBe(n);
      const half = Math.max(1, n >> 1);
      expect(b.read(out, half)).toBe(half);
      expect(out.subarray(0, half)).toEqual(fill(half, i & 0xff));
    }
  });

  it('are all-or-nothing: too big is OUT_OF_RANGE, no room is SHOULD_WAIT', () => {
    const [a, b] = SocketObject.create(new Kernel(), ZX_SOCKET_DATAGRAM);
    expect(a.write(fill(SOCKET_CAPACITY + 1, 0), SOCKET_CAPACITY + 1)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(a.write(fill(SOCKET_CAPACITY - 10, 0), SOCKET_CAPACITY - 10)).toBe(SOCKET_CAPACITY - 10);
    expect(a.signals & ZX_SOCKET_WRITABLE).toBe(ZX_SOCKET_WRITABLE); // not exactly full
    expect(a.write(fill(11, 0), 11)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(a.write(fill(10, 0), 10)).toBe(10);
    expect(a.signals & ZX_SOCKET_WRITABLE).toBe(0);
    // Full beats OUT_OF_RANGE.
    expect(a.write(fill(SOCKET_CAPACITY + 1, 0), SOCKET_CAPACITY + 1)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(b.read(new Uint8Array(1), 1)).toBe(1);
    expect(a.signals & ZX_SOCKET_WRITABLE).toBe(ZX_SOCKET_WRITABLE);
  });

  it('zero-size reads consume nothing', () => {
    const [a, b] = SocketObject.create(new Kernel(), ZX_SOCKET_DATAGRAM);
    expect(a.write(fill(4, 9), 4)).toBe(4);
    expect(b.read(null, 0)).toBe(0);
    expect(b.read(new Uint8Array(4), 4)).toBe(4);
  });
});

describe('stream sockets', () => {
  it('write short when nearly full and report PEER_CLOSED after the peer dies with an empty buffer', () => {
    const [a, b] = SocketObject.create(new Kernel(), 0);
    expect(a.write(fill(SOCKET_CAPACITY - 5, 1), SOCKET_CAPACITY - 5)).toBe(SOCKET_CAPACITY - 5);
    expect(a.write(fill(100, 2), 100)).toBe(5);
    expect(a.write(fill(1, 3), 1)).toBe(ZX_ERR_SHOULD_WAIT);
    const out = new Uint8Array(SOCKET_CAPACITY);
    expect(b.read(out, SOCKET_CAPACITY)).toBe(SOCKET_CAPACITY);
    expect(out.subarray(SOCKET_CAPACITY - 5)).toEqual(fill(5, 2));
    a.onZeroHandles();
    expect(b.signals & (ZX_SOCKET_PEER_CLOSED | ZX_SOCKET_WRITABLE)).toBe(ZX_SOCKET_PEER_CLOSED);
    expect(b.read(out, 1)).toBe(ZX_ERR_PEER_CLOSED);
  });
});
