// Waiting: wait() with deadlines and AbortSignal (no observer or handle left behind), closing
// during a wait, ports (queue, wait, abort, waitAsync/cancel) and waitMany.
import { describe, expect, it } from 'vitest';
import {
  Channel,
  Event,
  EventPair,
  Handle,
  Port,
  Socket,
  ZX_CHANNEL_PEER_CLOSED,
  ZX_CHANNEL_READABLE,
  ZX_ERR_CANCELED,
  ZX_ERR_NOT_FOUND,
  ZX_ERR_TIMED_OUT,
  ZX_EVENT_SIGNALED,
  ZX_PKT_TYPE_SIGNAL_ONE,
  ZX_PKT_TYPE_SIGNAL_REP,
  ZX_PKT_TYPE_USER,
  ZX_SOCKET_READABLE,
  ZX_SOCKET_WRITABLE,
  ZX_USER_SIGNAL_1,
  ZxError,
} from '../../index.js';
import { boot, observers, sleep, text, tick } from './helpers.js';

const MS = 1_000_000n;

describe('wait()', () => {
  it('resolves with the observed signals, at once when already asserted', async () => {
    const { proc } = boot();
    const ev = Event.create(proc);
    const pending = ev.wait(ZX_EVENT_SIGNALED);
    await sleep(2);
    ev.signal(0, ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_1);
    expect(await pending).toBe(ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_1);
    expect(await ev.wait(ZX_USER_SIGNAL_1)).toBe(ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_1);
    const [s] = Socket.create(proc);
    expect((await s.wait(ZX_SOCKET_WRITABLE)) & ZX_SOCKET_WRITABLE).toBeTruthy();
  });

  it('works on channels, which cannot be duplicated', async () => {
    const { proc } = boot();
    const [a, b] = Channel.create(proc);
    const pending = b.wait(ZX_CHANNEL_READABLE);
    a.write(text('x'));
    expect((await pending) & ZX_CHANNEL_READABLE).toBe(ZX_CHANNEL_READABLE);
  });

  it('rejects with an AbortError on abort and leaves no observer, handle or packet behind', async () => {
    const { kernel, proc } = boot();
    const [a, b] = Channel.create(proc);
    const before = kernel.stats();
    const ac = new AbortController();
    const pending = b.wait(ZX_CHANNEL_READABLE, { signal: ac.signal });
    await tick();
    expect(observers(proc, b.raw)).toBe(1);
    expect(kernel.stats().handles).toBe(before.handles + 1); // the private port
    ac.abort();
    const e = await pending.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DOMException);
    expect((e as DOMException).name).toBe('AbortError');
    expect(observers(proc, b.raw)).toBe(0);
    expect(kernel.stats()).toEqual(before);
    // The channel still works, and a later message does not wake anything stale.
    a.write(text('after'));
    expect(b.read().bytes).toEqual(text('after'));
    expect(kernel.stats()).toEqual(before);
  });

  it('rejects at once for an already aborted signal, creating nothing', async () => {
    const { kernel, proc } = boot();
    const ev = Event.create(proc);
    const before = kernel.stats();
    await expect(ev.wait(ZX_EVENT_SIGNALED, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(kernel.stats()).toEqual(before);
  });

  it('passes a TimeoutError reason through (AbortSignal.timeout)', async () => {
    const { kernel, proc } = boot();
    const ev = Event.create(proc);
    const before = kernel.stats();
    await expect(ev.wait(ZX_EVENT_SIGNALED, { signal: AbortSignal.timeout(5) })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(observers(proc, ev.raw)).toBe(0);
    expect(kernel.stats()).toEqual(before);
  });

  it('throws TIMED_OUT at its deadline and cancels the registration', async () => {
    const { kernel, proc } = boot();
    const ev = Event.create(proc);
    const before = kernel.stats();
    const e = await ev.wait(ZX_EVENT_SIGNALED, { deadline: kernel.now() + 5n * MS }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ZxError);
    expect((e as ZxError).status).toBe(ZX_ERR_TIMED_OUT);
    expect(observers(proc, ev.raw)).toBe(0);
    expect(kernel.stats()).toEqual(before);
  });

  it('ends with CANCELED when the handle is closed or transferred meanwhile', async () => {
    const { kernel, proc } = boot();
    const before = kernel.stats();
    const ev = Event.create(proc);
    const pending = ev.wait(ZX_EVENT_SIGNALED);
    await tick();
    ev.close();
    await expect(pending).rejects.toMatchObject({ status: ZX_ERR_CANCELED });
    expect(kernel.stats()).toEqual(before);

    const [a, b] = Channel.create(proc);
    const [p0, p1] = EventPair.create(proc);
    const moving = p0.wait(ZX_EVENT_SIGNALED);
    await tick();
    a.write(text('x'), [p0]);
    await expect(moving).rejects.toMatchObject({ status: ZX_ERR_CANCELED });
    const [got] = b.read().handles;
    expect(observers(proc, got.raw)).toBe(0);
    p1.close();
  });

  it('runs many waits at once, each settling on its own', async () => {
    const { kernel, proc } = boot();
    const ev = Event.create(proc);
    const before = kernel.stats();
    const acs = [new AbortController(), new AbortController(), new AbortController()];
    const waits = acs.map((ac) => ev.wait(ZX_EVENT_SIGNALED, { signal: ac.signal }));
    await tick();
    expect(observers(proc, ev.raw)).toBe(3);
    acs[1].abort();
    await expect(waits[1]).rejects.toMatchObject({ name: 'AbortError' });
    ev.signal(0, ZX_EVENT_SIGNALED);
    expect(await waits[0]).toBe(ZX_EVENT_SIGNALED);
    expect(await waits[2]).toBe(ZX_EVENT_SIGNALED);
    expect(observers(proc, ev.raw)).toBe(0);
    expect(kernel.stats()).toEqual(before);
  });
});

describe('Port', () => {
  it('queues user packets and waits for them in order', async () => {
    const { proc } = boot();
    const port = Port.create(proc);
    port.queue({ key: 1n, payload: Uint8Array.of(1, 2, 3) });
    port.queue({ key: 2n, status: -1 });
    const p1 = await port.wait();
    expect(p1.key).toBe(1n);
    expect(p1.type).toBe(ZX_PKT_TYPE_USER);
    expect(Array.from(p1.user!.c8.subarray(0, 4))).toEqual([1, 2, 3, 0]);
    expect(p1.signal).toBeUndefined();
    expect(await port.wait()).toMatchObject({ key: 2n, status: -1 });
    expect(() => port.queue({ key: 3n, payload: new Uint8Array(33) })).toThrow(RangeError);
  });

  it('delivers signal packets from waitAsync with the decoded signal payload', async () => {
    const { proc } = boot();
    const port = Port.create(proc);
    const ev = Event.create(proc);
    ev.waitAsync(port, 7n, ZX_EVENT_SIGNALED);
    ev.signal(0, ZX_EVENT_SIGNALED);
    const p = await port.wait();
    expect(p.type).toBe(ZX_PKT_TYPE_SIGNAL_ONE);
    expect(p.key).toBe(7n);
    expect(p.signal).toEqual({ trigger: ZX_EVENT_SIGNALED, observed: ZX_EVENT_SIGNALED, count: 1n, reserved0: 0n, reserved1: 0n });
    ev.waitAsync(port, 8n, ZX_EVENT_SIGNALED, { repeating: true });
    expect((await port.wait()).type).toBe(ZX_PKT_TYPE_SIGNAL_REP);
    port.cancel(ev, 8n);
    expect(() => port.cancel(ev, 8n)).toThrow(expect.objectContaining({ status: ZX_ERR_NOT_FOUND, syscall: 'zx_port_cancel' }));
  });

  it('wait() times out at its deadline', async () => {
    const { kernel, proc } = boot();
    const port = Port.create(proc);
    await expect(port.wait({ deadline: kernel.now() + 2n * MS })).rejects.toMatchObject({ status: ZX_ERR_TIMED_OUT, syscall: 'zx_port_wait' });
  });

  it('aborting wait() rejects at once and loses no packet', async () => {
    const { kernel, proc } = boot();
    const port = Port.create(proc);
    const before = kernel.stats();
    const ac = new AbortController();
    const first = port.wait({ signal: ac.signal });
    await tick();
    ac.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await tick();
    expect(kernel.stats()).toEqual(before); // the private wake packet was taken out
    port.queue({ key: 42n });
    expect((await port.wait()).key).toBe(42n);
    expect(kernel.stats()).toEqual(before);
  });

  it('a packet that races an abort is kept for the next wait()', async () => {
    const { proc } = boot();
    const port = Port.create(proc);
    const ac = new AbortController();
    const first = port.wait({ signal: ac.signal });
    await tick();
    port.queue({ key: 1n }); // handed to the blocked kernel wait
    ac.abort(); // before the waiter ran
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await tick();
    expect((await port.wait()).key).toBe(1n);
    port.queue({ key: 2n });
    expect((await port.wait()).key).toBe(2n); // the stale wake packet was dropped, not returned
  });

  it('closing the port rejects pending waits with CANCELED', async () => {
    const { kernel, proc } = boot();
    const before = kernel.stats();
    const port = Port.create(proc);
    const pending = port.wait();
    await tick();
    port.close();
    await expect(pending).rejects.toMatchObject({ status: ZX_ERR_CANCELED });
    expect(kernel.stats()).toEqual(before);
  });

  it('cannot be waited on for signals (no WAIT right, no signal wait)', () => {
    const { proc } = boot();
    const port = Port.create(proc);
    expect((port as unknown as { wait: unknown }).wait).toBe(Port.prototype.wait);
    expect('wait' in Handle.prototype).toBe(false);
  });
});

describe('waitMany()', () => {
  it('resolves to each item\'s pending signals', async () => {
    const { proc } = boot();
    const ev = Event.create(proc);
    const [a, b] = Channel.create(proc);
    const [s0, s1] = Socket.create(proc);
    const pending = Handle.waitMany([
      { handle: ev, signals: ZX_EVENT_SIGNALED },
      { handle: b, signals: ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED },
      { handle: s1, signals: ZX_SOCKET_READABLE },
    ]);
    await sleep(2);
    s0.write(text('x'));
    const got = await pending;
    expect(got).toHaveLength(3);
    expect(got[2] & ZX_SOCKET_READABLE).toBe(ZX_SOCKET_READABLE);
    expect(got[0] & ZX_EVENT_SIGNALED).toBe(0);
    a.close();
  });

  it('throws TIMED_OUT at the deadline', async () => {
    const { kernel, proc } = boot();
    const ev = Event.create(proc);
    await expect(Handle.waitMany([{ handle: ev, signals: ZX_EVENT_SIGNALED }], { deadline: kernel.now() + MS })).rejects.toMatchObject({ status: ZX_ERR_TIMED_OUT });
  });
});
