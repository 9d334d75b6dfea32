// Handle: ZxError, disposal, use after transfer, duplicate/replace, info records, signals.
import { describe, expect, it } from 'vitest';
import {
  Channel,
  Event,
  EventPair,
  Handle,
  Port,
  Socket,
  SYSCALL_METHODS,
  ZX_DEFAULT_SOCKET_RIGHTS,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_PEER_CLOSED,
  ZX_EVENT_SIGNALED,
  ZX_EVENTPAIR_PEER_CLOSED,
  ZX_INFO_HANDLE_BASIC,
  ZX_INFO_HANDLE_COUNT,
  ZX_INFO_HANDLE_VALID,
  ZX_INFO_SOCKET,
  ZX_OBJ_PROP_WAITABLE,
  ZX_OBJ_TYPE_CHANNEL,
  ZX_OBJ_TYPE_PORT,
  ZX_OBJ_TYPE_SOCKET,
  ZX_RIGHT_DUPLICATE,
  ZX_RIGHT_READ,
  ZX_RIGHT_WAIT,
  ZX_RIGHT_WRITE,
  ZX_USER_SIGNAL_0,
  ZxError,
  decode_zx_info_handle_basic_t,
  decode_zx_info_socket_t,
  encode_zx_info_handle_basic_t,
  encode_zx_info_socket_t,
  type Syscalls,
} from '../../index.js';
import { boot, isLive, text } from './helpers.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('ZxError', () => {
  it('carries status, name, syscall, and quotes the page text', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    b.close();
    const e = thrown(() => a.write(text('x')));
    expect(e).toBeInstanceOf(ZxError);
    expect(e).toBeInstanceOf(Error);
    const z = e as ZxError;
    expect(z.status).toBe(ZX_ERR_PEER_CLOSED);
    expect(z.name).toBe('ZX_ERR_PEER_CLOSED');
    expect(z.syscall).toBe('zx_socket_write');
    expect(z.message).toBe('zx_socket_write returned ZX_ERR_PEER_CLOSED: The other endpoint has been closed.');
  });

  it('quotes multi-line page text on one line', () => {
    const { proc } = boot();
    const ev = Event.create(proc);
    const z = thrown(() => ev.duplicate(ZX_RIGHT_WRITE)) as ZxError;
    expect(z.status).toBe(ZX_ERR_INVALID_ARGS);
    expect(z.message).toBe(
      'zx_handle_duplicate returned ZX_ERR_INVALID_ARGS: *rights* asks for a right that *handle* does not have ' +
      '(and is not exactly **ZX_RIGHT_SAME_RIGHTS**), or *out* is not usable.',
    );
    expect(ZxError.pageText('zx_handle_duplicate', ZX_ERR_INVALID_ARGS)).toBe(z.message.split(': ').slice(1).join(': '));
  });

  it('names a status the syscall does not document, without page text', () => {
    const z = new ZxError(-999, 'zx_socket_write');
    expect(z.name).toBe('status -999');
    expect(z.message).toBe('zx_socket_write returned status -999');
  });

  it('reports rights failures as ACCESS_DENIED from the syscall that checked them', () => {
    const { proc } = boot();
    const [a] = Socket.create(proc);
    const ro = a.duplicate(ZX_RIGHT_READ | ZX_RIGHT_WAIT);
    const z = thrown(() => ro.write(text('x'))) as ZxError;
    expect(z).toMatchObject({ status: ZX_ERR_ACCESS_DENIED, syscall: 'zx_socket_write' });
    expect(z.message).toContain('*handle* does not have **ZX_RIGHT_WRITE**.');
  });
});

describe('disposal and ownership', () => {
  it('`using` closes the handle at the end of the block', () => {
    const { proc, sys } = boot();
    let raw0 = 0;
    let raw1 = 0;
    {
      const pair = Socket.create(proc);
      using a = pair[0];
      using b = pair[1];
      raw0 = a.raw;
      raw1 = b.raw;
      expect(isLive(sys, raw0)).toBe(true);
    }
    expect(sys.zx_object_get_info(raw0, ZX_INFO_HANDLE_VALID, null, 0, null, null)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_handle_close(raw1)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('`using` leaves a transferred or closed handle alone', () => {
    const { proc, sys } = boot();
    const [a, b] = Channel.create(proc);
    {
      using ev = Event.create(proc);
      a.write(text('x'), [ev]);
    }
    {
      using p = Port.create(proc);
      p.close();
    }
    const [got] = b.read().handles;
    expect(isLive(sys, got.raw)).toBe(true);
  });

  it('close() twice, or any use after close, throws a clear Error', () => {
    const { proc } = boot();
    const ev = Event.create(proc);
    ev.close();
    expect(ev.isValid).toBe(false);
    expect(() => ev.close()).toThrow('Event: handle was closed; this object can no longer be used');
    expect(() => ev.signal(0, ZX_EVENT_SIGNALED)).toThrow(/handle was closed/);
    expect(() => ev.raw).toThrow(/handle was closed/);
    expect(String(ev)).toBe('Event(closed)');
  });

  it('replace() consumes the old object and returns one of the same class', () => {
    const { proc, sys } = boot();
    const [a] = Socket.create(proc);
    const old = a.raw;
    const r = a.replace(ZX_RIGHT_READ | ZX_RIGHT_WAIT);
    expect(r).toBeInstanceOf(Socket);
    expect(r.info().rights).toBe(ZX_RIGHT_READ | ZX_RIGHT_WAIT);
    expect(() => a.info()).toThrow(/Socket: handle was replaced/);
    expect(isLive(sys, old)).toBe(false);
  });

  it('replace() asking for more rights fails and still consumes the handle', () => {
    const { proc, sys } = boot();
    const ev = Event.create(proc);
    const weak = ev.duplicate(ZX_RIGHT_WAIT);
    const raw = weak.raw;
    expect(() => weak.replace(ZX_RIGHT_WAIT | ZX_RIGHT_DUPLICATE)).toThrow(expect.objectContaining({ status: ZX_ERR_INVALID_ARGS }));
    expect(weak.isValid).toBe(false);
    expect(isLive(sys, raw)).toBe(false);
  });

  it('duplicate() keeps the class and the object', () => {
    const { proc } = boot();
    const [p0] = EventPair.create(proc);
    const d = p0.duplicate();
    expect(d).toBeInstanceOf(EventPair);
    expect(d.info().koid).toBe(p0.info().koid);
    expect(d.raw).not.toBe(p0.raw);
  });

  it('intoRaw() hands the value over without closing it', () => {
    const { proc, sys } = boot();
    const ev = Event.create(proc);
    const raw = ev.intoRaw();
    expect(ev.isValid).toBe(false);
    expect(isLive(sys, raw)).toBe(true);
    const back = Handle.fromRaw(proc, raw);
    expect(back).toBeInstanceOf(Event);
    expect(back.raw).toBe(raw);
  });

  it('closeMany() closes every object once', () => {
    const { proc, sys } = boot();
    const hs = [Event.create(proc), ...Socket.create(proc), Port.create(proc)];
    const raws = hs.map((h) => h.raw);
    Handle.closeMany([...hs, hs[0]]);
    expect(hs.every((h) => !h.isValid)).toBe(true);
    expect(raws.some((r) => isLive(sys, r))).toBe(false);
  });

  it('closing the last handle of one end tells the other end', async () => {
    const { proc } = boot();
    const [p0, p1] = EventPair.create(proc);
    p0.close();
    expect((await p1.wait(ZX_EVENTPAIR_PEER_CLOSED)) & ZX_EVENTPAIR_PEER_CLOSED).toBeTruthy();
    expect(() => p1.signalPeer(0, ZX_USER_SIGNAL_0)).toThrow(expect.objectContaining({ name: 'ZX_ERR_PEER_CLOSED' }));
  });

  it('accepts a Process, a Syscalls object or another handle as the process', () => {
    const { proc } = boot();
    const sys: Syscalls = proc.syscalls;
    const a = Event.create(proc);
    const b = Event.create(sys);
    const c = Event.create(a);
    expect([a, b, c].every((h) => h.syscalls === sys)).toBe(true);
  });
});

describe('info()', () => {
  it('decodes ZX_INFO_HANDLE_BASIC by default', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc);
    const ia = a.info();
    const ib = b.info(ZX_INFO_HANDLE_BASIC);
    expect(typeof ia.koid).toBe('bigint');
    expect(ia.koid).toBeGreaterThanOrEqual(1024n);
    expect(ia.type).toBe(ZX_OBJ_TYPE_SOCKET);
    expect(ia.rights).toBe(ZX_DEFAULT_SOCKET_RIGHTS);
    expect(ia.related_koid).toBe(ib.koid);
    expect(ib.related_koid).toBe(ia.koid);
    expect(ia.props).toBe(ZX_OBJ_PROP_WAITABLE);
    const port = Port.create(proc);
    expect(port.info()).toMatchObject({ type: ZX_OBJ_TYPE_PORT, related_koid: 0n, props: 0 });
    expect(Channel.create(proc)[0].info().type).toBe(ZX_OBJ_TYPE_CHANNEL);
  });

  it('decodes ZX_INFO_SOCKET and ZX_INFO_HANDLE_COUNT', () => {
    const { proc } = boot();
    const [a, b] = Socket.create(proc, { datagram: true });
    a.write(text('12345'));
    a.write(text('12'));
    expect(b.info(ZX_INFO_SOCKET)).toEqual({
      options: 1,
      rx_buf_max: 257024,
      rx_buf_size: 7,
      rx_buf_available: 5,
      tx_buf_max: 257024,
      tx_buf_size: 0,
    });
    const d = a.duplicate();
    expect(a.info(ZX_INFO_HANDLE_COUNT)).toEqual({ handle_count: 2 });
    d.close();
    expect(a.info(ZX_INFO_HANDLE_COUNT).handle_count).toBe(1);
  });

  it('throws WRONG_TYPE for a socket topic on an event', () => {
    const { proc } = boot();
    const ev = Event.create(proc);
    expect(() => ev.info(ZX_INFO_SOCKET)).toThrow(expect.objectContaining({ name: 'ZX_ERR_WRONG_TYPE', syscall: 'zx_object_get_info' }));
  });

  it('struct codecs follow the offsets of types.yaml, little-endian', () => {
    const basic = { koid: 0x1122334455667788n, rights: 0xf0cf, type: 14, related_koid: 1025n, props: 1 };
    const b = encode_zx_info_handle_basic_t(basic);
    expect(b.length).toBe(32);
    expect(Array.from(b.subarray(0, 8))).toEqual([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);
    expect(Array.from(b.subarray(8, 12))).toEqual([0xcf, 0xf0, 0, 0]);
    expect(b[12]).toBe(14);
    expect(b[24]).toBe(1);
    expect(decode_zx_info_handle_basic_t(b)).toEqual(basic);
    const sock = { options: 3, rx_buf_max: 257024, rx_buf_size: 9, rx_buf_available: 4, tx_buf_max: 257024, tx_buf_size: 1 };
    const at = new Uint8Array(64);
    encode_zx_info_socket_t(sock, at, 8);
    expect(at[8]).toBe(3);
    expect(decode_zx_info_socket_t(at, 8)).toEqual(sock);
    expect(() => decode_zx_info_socket_t(new Uint8Array(47))).toThrow(RangeError);
  });
});

describe('signals and properties', () => {
  it('signal() and waitOne()', async () => {
    const { proc } = boot();
    const ev = Event.create(proc);
    ev.signal(0, ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_0);
    expect(await ev.waitOne(ZX_EVENT_SIGNALED)).toBe(ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_0);
    ev.signal(ZX_EVENT_SIGNALED, 0);
    await expect(ev.waitOne(ZX_EVENT_SIGNALED, { deadline: 0n })).rejects.toMatchObject({ name: 'ZX_ERR_TIMED_OUT', syscall: 'zx_object_wait_one' });
  });

  it('getProperty() and setProperty() move raw bytes', () => {
    const { proc } = boot();
    const [a] = Socket.create(proc);
    const rx = 12; // ZX_PROP_SOCKET_RX_THRESHOLD
    const v = new Uint8Array(8);
    new DataView(v.buffer).setBigUint64(0, 100n, true);
    a.setProperty(rx, v);
    expect(a.getProperty(rx, 8)).toEqual(v);
  });
});

describe('generated surface', () => {
  it('maps every syscall the kernel core implements to a method', () => {
    const implemented = ['channel_call', 'channel_create', 'channel_read', 'channel_read_etc', 'channel_write', 'event_create',
      'eventpair_create', 'handle_close', 'handle_close_many', 'handle_duplicate', 'handle_replace', 'object_get_info',
      'object_get_property', 'object_set_property', 'object_signal', 'object_signal_peer', 'object_wait_async',
      'object_wait_many', 'object_wait_one', 'port_cancel', 'port_create', 'port_queue', 'port_wait', 'socket_accept',
      'socket_create', 'socket_read', 'socket_share', 'socket_shutdown', 'socket_write'];
    const classes: Record<string, unknown> = { Handle, Socket, Channel, Event, EventPair, Port };
    for (const name of implemented) {
      const where = SYSCALL_METHODS[`zx_${name}` as keyof Syscalls];
      expect(where, name).toBeDefined();
      const [cls, ...path] = where!.split('.');
      let target: unknown = classes[cls];
      for (const p of path) target = (target as Record<string, unknown>)[p];
      expect(typeof target, where).toBe('function');
    }
    expect(SYSCALL_METHODS).toMatchObject({
      zx_socket_write: 'Socket.prototype.write',
      zx_socket_create: 'Socket.create',
      zx_channel_read_etc: 'Channel.prototype.read',
      zx_object_get_info: 'Handle.prototype.info',
      zx_port_wait: 'Port.prototype.wait',
      zx_handle_close_many: 'Handle.closeMany',
    });
  });

  it('gives each class the object type of its objects', () => {
    expect([Handle, Socket, Channel, Port].map((c) => c.objectType)).toEqual([0, ZX_OBJ_TYPE_SOCKET, ZX_OBJ_TYPE_CHANNEL, ZX_OBJ_TYPE_PORT]);
  });
});
