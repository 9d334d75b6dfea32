// Socket: round trips, datagrams, the control plane, share/accept, shutdown, iteration.
import { describe, expect, it } from 'vitest';
import {
  Socket,
  ZX_ERR_BAD_STATE,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_INFO_SOCKET,
  ZX_RIGHT_READ,
  ZX_RIGHT_WAIT,
  ZX_SOCKET_DATAGRAM,
  ZX_SOCKET_HAS_ACCEPT,
  ZX_SOCKET_HAS_CONTROL,
  ZX_SOCKET_PEER_CLOSED,
  ZX_SOCKET_READABLE,
  ZxError,
} from '../../index.js';
import { boot, bytes, caught, sleep, str, text } from './helpers.js';

describe('Socket', () => {
  it('creates a connected pair and round-trips bytes both ways', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    expect(a).toBeInstanceOf(Socket);
    expect(a.write(text('hello'))).toBe(5);
    expect(str(b.read())).toBe('hello');
    expect(b.write(text('back'))).toBe(4);
    expect(str(a.read())).toBe('back');
  });

  it('reads at most max bytes of a stream and leaves the rest queued', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    a.write(text('abcdef'));
    expect(str(b.read(2))).toBe('ab');
    expect(str(b.read())).toBe('cdef');
  });

  it('reads a stream larger than one read chunk in one call without max', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    const big = new Uint8Array(200_000).map((_, i) => i & 0xff);
    expect(a.write(big)).toBe(big.length);
    expect(b.read()).toEqual(big);
  });

  it('keeps datagram boundaries, and read() without max takes the whole next datagram', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc, { datagram: true });
    expect(b.info(ZX_INFO_SOCKET).options).toBe(ZX_SOCKET_DATAGRAM);
    a.write(bytes(1, 2, 3));
    a.write(new Uint8Array(70_000).fill(7));
    a.write(bytes(9));
    expect(b.read()).toEqual(bytes(1, 2, 3));
    const second = b.read();
    expect(second.length).toBe(70_000);
    expect(second.every((x) => x === 7)).toBe(true);
    // A short read truncates the datagram; the next one is intact.
    a.write(bytes(4, 5, 6));
    expect(b.read(1)).toEqual(bytes(9));
    expect(b.read(1)).toEqual(bytes(4));
  });

  it('accepts the options word as a number as well as flags', () => {
    const { proc } = boot();
    const [a] = Socket.create(proc, ZX_SOCKET_DATAGRAM | ZX_SOCKET_HAS_CONTROL);
    expect(a.info(ZX_INFO_SOCKET).options).toBe(ZX_SOCKET_DATAGRAM | ZX_SOCKET_HAS_CONTROL);
  });

  it('carries control messages separately from data', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc, { hasControl: true });
    a.write(text('data'));
    expect(a.write(text('ctl'), { control: true })).toBe(3);
    expect(str(b.read(undefined, { control: true }))).toBe('ctl');
    expect(str(b.read())).toBe('data');
    const e = (() => {
      try {
        b.read(undefined, { control: true });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(ZxError);
    expect((e as ZxError).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('rejects control writes on a socket created without HAS_CONTROL', () => {
    const { proc } = boot();
    const [a] = Socket.create(proc);
    expect(() => a.write(text('x'), { control: true })).toThrow(expect.objectContaining({ status: ZX_ERR_BAD_STATE, syscall: 'zx_socket_write' }));
  });

  it('shares a socket through another and accepts it on the other side', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc, { hasAccept: true });
    const [c, d] = Socket.create(proc);
    a.share(c);
    expect(c.isValid).toBe(false);
    expect(() => c.write(text('x'))).toThrow(/handle was transferred/);
    const got = b.accept();
    expect(got).toBeInstanceOf(Socket);
    got.write(text('via accept'));
    expect(str(d.read())).toBe('via accept');
    expect(b.info().related_koid).toBe(a.info().koid);
    expect(got.info().koid).toBe(d.info().related_koid);
  });

  it('consumes the shared socket even when share fails', () => {
    const { proc, sys } = boot();
    const [a] = Socket.create(proc); // no HAS_ACCEPT
    const [c] = Socket.create(proc);
    const raw = c.raw;
    expect(() => a.share(c)).toThrow(ZxError);
    expect(c.isValid).toBe(false);
    expect(sys.zx_handle_close(raw)).toBe(-11);
  });

  it('shuts down writing with flags, and reading ends with BAD_STATE', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    a.write(text('last'));
    a.shutdown({ write: true });
    expect(() => a.write(text('x'))).toThrow(expect.objectContaining({ name: 'ZX_ERR_BAD_STATE' }));
    expect(str(b.read())).toBe('last');
    expect(() => b.read()).toThrow(expect.objectContaining({ status: ZX_ERR_BAD_STATE }));
  });

  it('reports PEER_CLOSED once the peer is gone and the buffer is empty', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    a.write(text('tail'));
    a.close();
    expect(str(b.read())).toBe('tail');
    expect(() => b.read()).toThrow(expect.objectContaining({ status: ZX_ERR_PEER_CLOSED, syscall: 'zx_socket_read' }));
  });

  it('reads with the default size on a handle without INSPECT', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    const reader = b.replace(ZX_RIGHT_READ | ZX_RIGHT_WAIT);
    a.write(text('no inspect'));
    expect(str(reader.read())).toBe('no inspect');
  });

  it('iterates with for await until the peer closes', async () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    const chunks: string[] = [];
    const done = (async () => {
      for await (const chunk of b) chunks.push(str(chunk));
    })();
    a.write(text('one'));
    await sleep(5);
    a.write(text('two'));
    await sleep(5);
    a.write(text('three'));
    a.close();
    await done;
    expect(chunks.join('')).toBe('onetwothree');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
  });

  it('iterates datagrams one at a time and ends on read shutdown', async () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc, { datagram: true });
    a.write(text('x'));
    a.write(text('yy'));
    a.shutdown({ write: true });
    const got: string[] = [];
    for await (const d of b) got.push(str(d));
    expect(got).toEqual(['x', 'yy']);
  });

  it('stops iterating when the loop breaks, leaving the socket usable', async () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc, { datagram: true });
    a.write(text('1'));
    a.write(text('2'));
    for await (const d of b) {
      expect(str(d)).toBe('1');
      break;
    }
    expect(str(b.read())).toBe('2');
  });

  it('wait() resolves when data arrives', async () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    const w = b.wait(ZX_SOCKET_READABLE);
    setTimeout(() => a.write(text('ping')), 5);
    expect((await w) & ZX_SOCKET_READABLE).toBe(ZX_SOCKET_READABLE);
    a.close();
    expect((await b.wait(ZX_SOCKET_PEER_CLOSED)) & ZX_SOCKET_PEER_CLOSED).toBeTruthy();
  });

  it('throws a clear error for a write after close', async () => {
    const { proc } = boot();
    const [a] = Socket.create(proc);
    a.close();
    const e = await caught(() => a.write(text('x')));
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(ZxError);
    expect(String(e)).toMatch(/Socket: handle was closed/);
  });
});
