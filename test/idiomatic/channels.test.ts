// Channel: messages with typed handles, call/reply, iteration, transfer bookkeeping.
import { describe, expect, it } from 'vitest';
import {
  Channel,
  Event,
  EventPair,
  Handle,
  Port,
  Socket,
  ZX_CHANNEL_MAX_MSG_BYTES,
  ZX_CHANNEL_READABLE,
  ZX_DEFAULT_EVENT_RIGHTS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_TIMED_OUT,
  ZX_EVENT_SIGNALED,
  ZX_OBJ_TYPE_EVENT,
  ZX_RIGHT_SIGNAL,
  ZX_RIGHT_TRANSFER,
  ZX_RIGHT_WAIT,
  ZxError,
} from '../../index.js';
import { boot, bytes, isLive, sleep, str, text } from './helpers.js';

describe('Channel', () => {
  it('writes and reads bytes', () => {
    const { proc } = boot();
    const [a, b] = Channel.create(proc);
    a.write(text('hi'));
    const msg = b.read();
    expect(str(msg.bytes)).toBe('hi');
    expect(msg.handles).toEqual([]);
  });

  it('moves handles and keeps each one\'s class, object and rights', () => {
    const { proc } = boot();
    const [a, b] = Channel.create(proc);
    const ev = Event.create(proc);
    const [s0, s1] = Socket.create(proc);
    const [c0, c1] = Channel.create(proc);
    const [p0, p1] = EventPair.create(proc);
    const port = Port.create(proc);
    const sent = [ev, s0, c0, p0, port];
    const koids = sent.map((h) => h.info().koid);
    a.write(bytes(1, 2, 3), sent);
    for (const h of sent) {
      expect(h.isValid).toBe(false);
      expect(() => h.raw).toThrow(/handle was transferred/);
    }
    const { bytes: got, handles } = b.read();
    expect(got).toEqual(bytes(1, 2, 3));
    expect(handles.map((h) => h.constructor)).toEqual([Event, Socket, Channel, EventPair, Port]);
    expect(handles.map((h) => h.info().koid)).toEqual(koids);
    expect(handles[0].info().rights).toBe(ZX_DEFAULT_EVENT_RIGHTS);
    // The received objects work: the socket talks to s1, the channel to c1, the pair to p1.
    (handles[1] as Socket).write(text('s'));
    expect(str(s1.read())).toBe('s');
    (handles[2] as Channel).write(text('c'));
    expect(str(c1.read().bytes)).toBe('c');
    p1.signalPeer(0, ZX_EVENT_SIGNALED);
    expect(handles[3].info().type).toBe(p1.info().type);
  });

  it('reads untyped handles as plain Handle objects', () => {
    const { proc } = boot();
    const [a, b] = Channel.create(proc);
    const ev = Event.create(proc);
    a.write(text('x'), [ev]);
    const msg = b.readUntyped();
    expect(msg.handles).toHaveLength(1);
    expect(msg.handles[0].constructor).toBe(Handle);
    expect(msg.handles[0].info().type).toBe(ZX_OBJ_TYPE_EVENT);
    // Handle.fromRaw turns it into the right class after the fact.
    const typed = Handle.fromRaw(proc, msg.handles[0].intoRaw());
    expect(typed).toBeInstanceOf(Event);
  });

  it('reads the largest message in one call', () => {
    const { proc } = boot();
    const [a, b] = Channel.create(proc);
    const big = new Uint8Array(ZX_CHANNEL_MAX_MSG_BYTES).map((_, i) => i);
    a.write(big);
    expect(b.read().bytes).toEqual(big);
  });

  it('marks the sent handles transferred even when the write fails', () => {
    const { proc, sys } = boot();
    const [a, b] = Channel.create(proc);
    b.close();
    const ev = Event.create(proc);
    const raw = ev.raw;
    expect(() => a.write(text('x'), [ev])).toThrow(expect.objectContaining({ status: ZX_ERR_PEER_CLOSED, syscall: 'zx_channel_write' }));
    expect(ev.isValid).toBe(false);
    expect(isLive(sys, raw)).toBe(false);
  });

  it('refuses to send a stale handle object and consumes nothing', () => {
    const { proc } = boot();
    const [a] = Channel.create(proc);
    const ev = Event.create(proc);
    const other = Event.create(proc);
    ev.close();
    expect(() => a.write(text('x'), [other, ev])).toThrow(/Event: handle was closed/);
    expect(other.isValid).toBe(true);
  });

  it('reports sending a channel through itself as NOT_SUPPORTED', () => {
    const { proc } = boot();
    const [a] = Channel.create(proc);
    const e = (() => {
      try {
        a.write(text('x'), [a]);
      } catch (x) {
        return x as ZxError;
      }
    })();
    expect(e?.status).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(a.isValid).toBe(false);
  });

  it('read() on an empty channel throws SHOULD_WAIT', () => {
    const { proc } = boot();
    const [, b] = Channel.create(proc);
    expect(() => b.read()).toThrow(expect.objectContaining({ status: ZX_ERR_SHOULD_WAIT, name: 'ZX_ERR_SHOULD_WAIT' }));
  });

  it('call() sends a request and resolves to the matching reply, handles typed', async () => {
    const { proc } = boot();
    const [client, server] = Channel.create(proc);
    const ev = Event.create(proc);
    const server_ = (async () => {
      await server.wait(ZX_CHANNEL_READABLE);
      const req = server.read();
      expect(str(req.bytes.subarray(4))).toBe('question');
      expect(req.handles[0]).toBeInstanceOf(Event);
      const reply = new Uint8Array(4 + 6);
      reply.set(req.bytes.subarray(0, 4)); // the transaction id
      reply.set(text('answer'), 4);
      const [s0, s1] = Socket.create(proc);
      s1.write(text('from the server'));
      s1.close();
      server.write(reply, [req.handles[0], s0]);
    })();
    const request = new Uint8Array(4 + 8);
    request.set(text('question'), 4);
    const reply = await client.call(request, [ev]);
    await server_;
    expect(ev.isValid).toBe(false);
    expect(str(reply.bytes.subarray(4))).toBe('answer');
    expect(reply.handles.map((h) => h.constructor)).toEqual([Event, Socket]);
    expect(str((reply.handles[1] as Socket).read())).toBe('from the server');
  });

  it('call() times out at its deadline with ZxError TIMED_OUT', async () => {
    const { kernel, proc } = boot();
    const [client, server] = Channel.create(proc);
    const e = await client.call(new Uint8Array(8), [], { deadline: kernel.now() + 5_000_000n }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ZxError);
    expect((e as ZxError).status).toBe(ZX_ERR_TIMED_OUT);
    expect((e as ZxError).syscall).toBe('zx_channel_call');
    server.close();
  });

  it('call() rejects with PEER_CLOSED when the server goes away', async () => {
    const { proc } = boot();
    const [client, server] = Channel.create(proc);
    const pending = client.call(new Uint8Array(4));
    await sleep(2);
    server.close();
    await expect(pending).rejects.toMatchObject({ status: ZX_ERR_PEER_CLOSED });
  });

  it('iterates messages with for await until the peer closes', async () => {
    const { proc } = boot();
    const [a, b] = Channel.create(proc);
    const got: string[] = [];
    const reader = (async () => {
      for await (const msg of b) {
        got.push(str(msg.bytes));
        for (const h of msg.handles) h.close();
      }
    })();
    a.write(text('m1'));
    await sleep(2);
    a.write(text('m2'), [Event.create(proc)]);
    a.write(text('m3'));
    await sleep(2);
    a.close();
    await reader;
    expect(got).toEqual(['m1', 'm2', 'm3']);
  });

  it('sends handles with reduced rights and reads them back with those rights', () => {
    const { proc } = boot();
    const [a, b] = Channel.create(proc);
    const ev = Event.create(proc);
    const weak = ev.duplicate(ZX_RIGHT_TRANSFER | ZX_RIGHT_WAIT);
    a.write(text('r'), [weak]);
    const [got] = b.read().handles;
    expect(got.info().rights).toBe(ZX_RIGHT_TRANSFER | ZX_RIGHT_WAIT);
    expect(() => got.signal(0, ZX_EVENT_SIGNALED)).toThrow(expect.objectContaining({ name: 'ZX_ERR_ACCESS_DENIED' }));
    expect(ev.info().rights & ZX_RIGHT_SIGNAL).toBe(ZX_RIGHT_SIGNAL);
  });
});
