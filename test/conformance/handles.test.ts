// Handle behaviours H1–H10 and the object-info bullets (spec §5.2), plus §1.9 / §2 / §3 wait details.

import { describe, expect, it } from 'vitest';
import {
  ZX_OK,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_CANCELED,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_TIMED_OUT,
  ZX_EVENTPAIR_PEER_CLOSED,
  ZX_EVENT_SIGNALED,
  ZX_SIGNAL_HANDLE_CLOSED,
  ZX_CHANNEL_PEER_CLOSED,
  ZX_CHANNEL_READABLE,
  ZX_CHANNEL_WRITABLE,
  ZX_SOCKET_PEER_CLOSED,
  ZX_SOCKET_WRITABLE,
  ZX_SOCKET_HAS_ACCEPT,
  ZX_USER_SIGNAL_0,
  ZX_USER_SIGNAL_1,
  ZX_USER_SIGNAL_2,
  ZX_RIGHTS_BASIC,
  ZX_RIGHT_SAME_RIGHTS,
  ZX_RIGHT_SIGNAL,
  ZX_RIGHT_WAIT,
  ZX_RIGHT_EXECUTE,
  ZX_RIGHT_INSPECT,
  ZX_RIGHT_TRANSFER,
  ZX_RIGHT_DUPLICATE,
  ZX_INFO_HANDLE_VALID,
  ZX_INFO_HANDLE_BASIC,
  ZX_INFO_HANDLE_COUNT,
  ZX_INFO_SOCKET,
  ZX_OBJ_TYPE_EVENT,
  ZX_OBJ_TYPE_SOCKET,
  ZX_OBJ_TYPE_CHANNEL,
  ZX_OBJ_TYPE_EVENTPAIR,
  ZX_OBJ_TYPE_PORT,
  ZX_TIME_INFINITE,
} from '../../index.js';
import {
  MS,
  SENTINEL,
  after,
  boot,
  box,
  chRead,
  chWrite,
  dup,
  handleBasic,
  handleCount,
  isValid,
  mkChannel,
  mkEvent,
  mkEventpair,
  mkPort,
  mkSocket,
  sig,
  sleep,
  track,
  type Sys,
} from './helpers.js';

async function peerClosed(sys: Sys, h: number): Promise<boolean> {
  const observed = box(SENTINEL);
  const st = await sys.zx_object_wait_one(h, ZX_EVENTPAIR_PEER_CLOSED, 0n, observed);
  return st === ZX_OK && (observed.value & ZX_EVENTPAIR_PEER_CLOSED) !== 0;
}

describe('handles (spec §5.2)', () => {
  it('H1 handle_close_many', async () => {
    const { sys } = boot();
    const pairs = [0, 1, 2, 3].map(() => mkEventpair(sys));
    const first = pairs.map((p) => p[0]);
    const second = pairs.map((p) => p[1]);
    expect(sys.zx_handle_close_many(first, 4)).toBe(ZX_OK);
    for (const h of second) {
      const observed = box(SENTINEL);
      expect(await sys.zx_object_wait_one(h, ZX_EVENTPAIR_PEER_CLOSED, 0n, observed)).toBe(ZX_OK);
      expect(observed.value & ZX_EVENTPAIR_PEER_CLOSED).toBe(ZX_EVENTPAIR_PEER_CLOSED);
    }
    expect(sys.zx_handle_close_many(Uint32Array.from(second), 4)).toBe(ZX_OK);
    for (const h of [...first, ...second]) expect(isValid(sys, h)).toBe(false);
  });

  it('H2 handle_close_many with invalid entries', async () => {
    const { sys } = boot();
    const pairs = [0, 1, 2, 3].map(() => mkEventpair(sys));
    const arr = [...pairs.map((p) => p[0]), 0, 0];
    expect(sys.zx_handle_close_many(arr, 6)).toBe(ZX_OK);
    for (const p of pairs) {
      expect(await peerClosed(sys, p[1])).toBe(true);
      expect(isValid(sys, p[0])).toBe(false);
    }
  });

  it('H3 handle_close_many with duplicates', async () => {
    const { sys } = boot();
    const pairs = [0, 1, 2, 3].map(() => mkEventpair(sys));
    const [e0, e1, e2, e3] = pairs.map((p) => p[0]);
    expect(sys.zx_handle_close_many([e0, e1, e0, e1, e2, e3], 6)).toBe(ZX_ERR_BAD_HANDLE);
    for (const p of pairs) {
      expect(sys.zx_handle_close(p[0])).toBe(ZX_ERR_BAD_HANDLE);
      expect(await peerClosed(sys, p[1])).toBe(true);
    }
  });

  it('H4 handle_replace', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const out = box(0);
    expect(sys.zx_handle_replace(ev, ZX_RIGHTS_BASIC, out)).toBe(ZX_OK);
    const r = out.value;
    expect(r).not.toBe(0);
    expect(handleBasic(sys, r).rights).toBe(ZX_RIGHTS_BASIC);
    expect(sys.zx_handle_close(ev)).toBe(ZX_ERR_BAD_HANDLE);

    const out2 = box(0);
    expect(sys.zx_handle_replace(r, ZX_RIGHT_SIGNAL, out2)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_handle_close(r)).toBe(ZX_ERR_BAD_HANDLE);
    expect(out2.value).toBe(0);
  });

  it('H5 handle_info', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const d = dup(sys, ev, ZX_RIGHT_SAME_RIGHTS);
    expect(sys.zx_object_get_info(ev, ZX_INFO_HANDLE_VALID, null, 0, null, null)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
    expect(sys.zx_object_get_info(ev, ZX_INFO_HANDLE_VALID, null, 0, null, null)).toBe(ZX_ERR_BAD_HANDLE);

    const small = new Uint8Array(4);
    expect(sys.zx_object_get_info(d, ZX_INFO_HANDLE_BASIC, small, 4, null, null)).toBe(ZX_ERR_BUFFER_TOO_SMALL);

    const b = handleBasic(sys, d);
    expect(b.koid > 0n).toBe(true);
    expect(b.type).toBe(ZX_OBJ_TYPE_EVENT);
    expect(b.type).toBe(5);
    expect(b.rights).toBe(0xd003);
    expect(b.props).toBe(1);
    expect(b.related_koid).toBe(0n);
  });

  it('H6 handle_related_koid (sockets)', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    const b0 = handleBasic(sys, s0);
    const b1 = handleBasic(sys, s1);
    expect(b0.related_koid).toBe(b1.koid);
    expect(b1.related_koid).toBe(b0.koid);
    expect(b0.type).toBe(ZX_OBJ_TYPE_SOCKET);
    expect(b1.type).toBe(14);
    // related_koid is fixed at creation and survives the peer.
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    expect(handleBasic(sys, s0).related_koid).toBe(b1.koid);
  });

  it('H7 handle_rights', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const ro = dup(sys, ev, ZX_RIGHT_WAIT);
    const ro2 = dup(sys, ev, ZX_RIGHT_WAIT);
    expect(handleBasic(sys, ro).rights).toBe(0x4000);

    const o1 = box(SENTINEL);
    expect(sys.zx_handle_duplicate(ro, ZX_RIGHT_SAME_RIGHTS, o1)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(o1.value).toBe(SENTINEL);
    const o2 = box(SENTINEL);
    expect(sys.zx_handle_duplicate(ev, ZX_RIGHT_EXECUTE | ZX_RIGHT_WAIT, o2)).toBe(ZX_ERR_INVALID_ARGS);
    expect(o2.value).toBe(SENTINEL);

    const o3 = box(SENTINEL);
    expect(sys.zx_handle_replace(ro, ZX_RIGHT_SIGNAL | ZX_RIGHT_WAIT, o3)).toBe(ZX_ERR_INVALID_ARGS);
    expect(o3.value).toBe(SENTINEL);
    expect(sys.zx_handle_close(ro)).toBe(ZX_ERR_BAD_HANDLE);

    const o4 = box(SENTINEL);
    expect(sys.zx_handle_replace(ro2, ZX_RIGHT_SAME_RIGHTS, o4)).toBe(ZX_OK);
    const h = o4.value;
    expect(handleBasic(sys, h).rights).toBe(ZX_RIGHT_WAIT);

    expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ro2)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_handle_close(h)).toBe(ZX_OK);
  });

  it('H8 handle_transfer', () => {
    const { sys } = boot();
    const [A0, A1] = mkChannel(sys);
    const [B0, B1] = mkChannel(sys);
    expect(chWrite(sys, A0, '1')).toBe(ZX_OK);
    expect(chWrite(sys, B0, new Uint8Array(0), [A1])).toBe(ZX_OK);
    expect(chWrite(sys, A0, '2')).toBe(ZX_OK);

    const m = chRead(sys, B1, 0, 1);
    expect(m.status).toBe(ZX_OK);
    expect(m.actualBytes).toBe(0);
    expect(m.actualHandles).toBe(1);
    const H = m.handles[0];
    expect(isValid(sys, H)).toBe(true);
    expect(handleBasic(sys, H).type).toBe(ZX_OBJ_TYPE_CHANNEL);

    expect(chWrite(sys, A0, '3')).toBe(ZX_OK);
    for (const want of ['1', '2', '3']) {
      const r = chRead(sys, H, 1, 0);
      expect(r.status).toBe(ZX_OK);
      expect(r.actualBytes).toBe(1);
      expect(new TextDecoder().decode(r.bytes)).toBe(want);
    }
  });

  it('H9 handle_transfer_cancel_wait', async () => {
    const { kernel, sys } = boot();
    const [A0] = mkChannel(sys);
    const [B0, B1] = mkChannel(sys);
    const observed = box(SENTINEL);
    // The spec's deadline is 1 s; a longer one keeps the test robust on a loaded machine.
    const w = track(sys.zx_object_wait_one(A0, ZX_CHANNEL_PEER_CLOSED, after(kernel, 5000n * MS), observed));
    await sleep(10);
    expect(w.done()).toBe(false);
    expect(chWrite(sys, B1, new Uint8Array(0), [A0])).toBe(ZX_OK);
    // The wait is not cancelled by the write (spec §3 object_wait_one, §6.14) ...
    await sleep(10);
    expect(w.done()).toBe(false);
    // ... but by the receiver's read.
    const m = chRead(sys, B0, 0, 1);
    expect(m.status).toBe(ZX_OK);
    expect(m.actualHandles).toBe(1);
    const st = await w.promise;
    expect(st).not.toBe(ZX_ERR_TIMED_OUT);
    expect(st).toBe(ZX_ERR_CANCELED);
    expect(observed.value & ZX_SIGNAL_HANDLE_CLOSED).toBe(ZX_SIGNAL_HANDLE_CLOSED);
  });

  it('H10 handle_wait', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const observed = box(SENTINEL);
    const w = track(sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, observed));
    await sleep(5);
    expect(w.done()).toBe(false);
    const d = dup(sys, ev);
    expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
    expect(await w.promise).toBe(ZX_ERR_CANCELED);
    expect(observed.value & ZX_SIGNAL_HANDLE_CLOSED).toBe(ZX_SIGNAL_HANDLE_CLOSED);
    expect(observed.value & ZX_EVENT_SIGNALED).toBe(0);
    // The duplicate keeps the event alive.
    expect(isValid(sys, d)).toBe(true);
    expect(sys.zx_object_signal(d, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await sig(sys, d)).toBe(ZX_EVENT_SIGNALED);
  });
});

describe('object-info (spec §5.2)', () => {
  it('HANDLE_VALID: live → OK, closed → BAD_HANDLE, invalid value → BAD_HANDLE', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const buf = new Uint8Array(8).fill(0x33);
    const actual = box(SENTINEL);
    const avail = box(SENTINEL);
    expect(sys.zx_object_get_info(ev, ZX_INFO_HANDLE_VALID, buf, 8, actual, avail)).toBe(ZX_OK);
    // Never writes buffer, actual or avail.
    expect(buf.every((x) => x === 0x33)).toBe(true);
    expect(actual.value).toBe(SENTINEL);
    expect(avail.value).toBe(SENTINEL);
    expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
    expect(sys.zx_object_get_info(ev, ZX_INFO_HANDLE_VALID, null, 0, null, null)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_object_get_info(0x12345679, ZX_INFO_HANDLE_VALID, null, 0, null, null)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_object_get_info(0, ZX_INFO_HANDLE_VALID, null, 0, null, null)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('HANDLE_COUNT: 1, then 2/3/4 with duplicates, back to 1', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    expect(handleCount(sys, ev)).toBe(1);
    const dups: number[] = [];
    for (let i = 2; i <= 4; i++) {
      dups.push(dup(sys, ev, ZX_RIGHT_SIGNAL));
      expect(handleCount(sys, ev)).toBe(i);
    }
    for (let i = 3; i >= 1; i--) {
      expect(sys.zx_handle_close(dups.pop()!)).toBe(ZX_OK);
      expect(handleCount(sys, ev)).toBe(i);
    }
  });

  it('HANDLE_COUNT includes handles in transit', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const d = dup(sys, ev);
    const [c0, c1] = mkChannel(sys);
    expect(chWrite(sys, c0, 'x', [d])).toBe(ZX_OK);
    expect(handleCount(sys, ev)).toBe(2);
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK); // destroys the queued message
    expect(handleCount(sys, ev)).toBe(1);
  });

  it('HANDLE_COUNT includes a handle waiting in a socket accept queue', () => {
    const { sys } = boot();
    const [a0, a1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const [x0] = mkSocket(sys);
    const d = dup(sys, x0);
    expect(handleCount(sys, d)).toBe(2);
    expect(sys.zx_socket_share(a0, x0)).toBe(ZX_OK);
    expect(handleCount(sys, d)).toBe(2);
    const acc = box(0);
    expect(sys.zx_socket_accept(a1, acc)).toBe(ZX_OK);
    expect(handleCount(sys, d)).toBe(2);
    expect(sys.zx_handle_close(acc.value)).toBe(ZX_OK);
    expect(handleCount(sys, d)).toBe(1);
  });

  it('single-record topic with buffer_size 0 → BUFFER_TOO_SMALL, actual 0, avail 1', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    for (const topic of [ZX_INFO_HANDLE_BASIC, ZX_INFO_HANDLE_COUNT, ZX_INFO_SOCKET]) {
      const actual = box(SENTINEL);
      const avail = box(SENTINEL);
      expect(sys.zx_object_get_info(s0, topic, null, 0, actual, avail)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
      expect(actual.value).toBe(0);
      expect(avail.value).toBeGreaterThan(0);
      expect(avail.value).toBe(1);
    }
  });

  it('handle without INSPECT on an INSPECT topic → ACCESS_DENIED', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const noInspect = dup(sys, ev, ZX_RIGHT_WAIT | ZX_RIGHT_SIGNAL);
    const buf = new Uint8Array(4);
    const actual = box(SENTINEL);
    const avail = box(SENTINEL);
    expect(sys.zx_object_get_info(noInspect, ZX_INFO_HANDLE_COUNT, buf, 4, actual, avail)).toBe(
      ZX_ERR_ACCESS_DENIED,
    );
    expect(actual.value).toBe(SENTINEL);
    expect(avail.value).toBe(SENTINEL);
    const [s0] = mkSocket(sys);
    const sNoInspect = dup(sys, s0, 0xf0cf & ~ZX_RIGHT_INSPECT);
    expect(sys.zx_object_get_info(sNoInspect, ZX_INFO_SOCKET, new Uint8Array(48), 48, null, null)).toBe(
      ZX_ERR_ACCESS_DENIED,
    );
    // HANDLE_BASIC needs no rights at all.
    const none = dup(sys, ev, 0);
    const b = handleBasic(sys, none);
    expect(b.rights).toBe(0);
    expect(b.type).toBe(ZX_OBJ_TYPE_EVENT);
  });

  it('HANDLE_BASIC: default rights, types and props per object type', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const [c0] = mkChannel(sys);
    const [e0, e1] = mkEventpair(sys);
    const ev = mkEvent(sys);
    const port = mkPort(sys);
    const cases: [number, number, number, number][] = [
      [s0, ZX_OBJ_TYPE_SOCKET, 0xf0cf, 1],
      [c0, ZX_OBJ_TYPE_CHANNEL, 0xf00e, 1],
      [e0, ZX_OBJ_TYPE_EVENTPAIR, 0xf003, 1],
      [ev, ZX_OBJ_TYPE_EVENT, 0xd003, 1],
      [port, ZX_OBJ_TYPE_PORT, 0x800f, 0],
    ];
    for (const [h, type, rights, props] of cases) {
      const b = handleBasic(sys, h);
      expect(b.type).toBe(type);
      expect(b.rights).toBe(rights);
      expect(b.props).toBe(props);
      expect(b.koid >= 1024n).toBe(true);
    }
    expect(handleBasic(sys, port).related_koid).toBe(0n);
    expect(handleBasic(sys, e0).related_koid).toBe(handleBasic(sys, e1).koid);
  });
});

describe('handle values and lifetime (spec §1.9, §2.2)', () => {
  it('handle values are odd, non-zero, below 2^31; closed values are not reused at once', () => {
    const { sys } = boot();
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const ev = mkEvent(sys);
      expect(ev % 2).toBe(1);
      expect(ev).toBeGreaterThan(0);
      expect(ev).toBeLessThan(2 ** 31);
      expect(seen.has(ev)).toBe(false);
      seen.add(ev);
      expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
    }
  });

  it('socket endpoint koids are consecutive (endpoint 0 first)', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(handleBasic(sys, s1).koid).toBe(handleBasic(sys, s0).koid + 1n);
  });

  it('a handle value from another process is BAD_HANDLE; transferHandle moves it', () => {
    const { kernel, proc, sys } = boot();
    const other = kernel.createProcess('other');
    const osys = other.syscalls;
    const ev = mkEvent(sys);
    const koid = handleBasic(sys, ev).koid;
    expect(osys.zx_object_get_info(ev, ZX_INFO_HANDLE_VALID, null, 0, null, null)).toBe(ZX_ERR_BAD_HANDLE);
    expect(osys.zx_object_signal(ev, 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_BAD_HANDLE);
    const moved = proc.transferHandle(ev, other);
    expect(isValid(sys, ev)).toBe(false);
    expect(isValid(osys, moved)).toBe(true);
    expect(handleBasic(osys, moved).koid).toBe(koid);
    expect(sys.zx_handle_close(moved)).toBe(ZX_ERR_BAD_HANDLE); // proc holds no handles any more
  });

  it('handles move between processes over channels with their rights', () => {
    const { kernel, proc, sys } = boot();
    const other = kernel.createProcess('other');
    const osys = other.syscalls;
    const [c0, c1] = mkChannel(sys);
    const c1o = proc.transferHandle(c1, other);
    const ev = mkEvent(sys);
    const lim = dup(sys, ev, ZX_RIGHT_TRANSFER | ZX_RIGHT_WAIT | ZX_RIGHT_SIGNAL | ZX_RIGHT_INSPECT);
    expect(chWrite(sys, c0, 'hi', [lim])).toBe(ZX_OK);
    const m = chRead(osys, c1o);
    expect(m.status).toBe(ZX_OK);
    const h = m.handles[0];
    expect(handleBasic(osys, h).rights).toBe(ZX_RIGHT_TRANSFER | ZX_RIGHT_WAIT | ZX_RIGHT_SIGNAL | ZX_RIGHT_INSPECT);
    expect(osys.zx_object_signal(h, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, ZX_EVENT_SIGNALED, 0)).toBe(ZX_OK);
    expect(handleCount(sys, ev)).toBe(2);
  });

  it('replace never produces PEER_CLOSED and cancels waits bound to the old handle', async () => {
    const { sys } = boot();
    const [e0, e1] = mkEventpair(sys);
    const observed = box(SENTINEL);
    const w = track(sys.zx_object_wait_one(e0, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, observed));
    await sleep(2);
    const r = dup(sys, e0, ZX_RIGHT_SAME_RIGHTS); // keep a reference of the pair alive too
    const out = box(0);
    expect(sys.zx_handle_replace(e0, ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_OK);
    expect(await w.promise).toBe(ZX_ERR_CANCELED);
    expect(await sig(sys, e1)).toBe(0);
    expect(sys.zx_handle_close(r)).toBe(ZX_OK);
    expect(await sig(sys, e1)).toBe(0);
    expect(sys.zx_handle_close(out.value)).toBe(ZX_OK);
    expect(await sig(sys, e1)).toBe(ZX_EVENTPAIR_PEER_CLOSED);
  });

  it('replace needs no DUPLICATE right (channels)', () => {
    const { sys } = boot();
    const [c0] = mkChannel(sys);
    expect(handleBasic(sys, c0).rights & ZX_RIGHT_DUPLICATE).toBe(0);
    const out = box(0);
    expect(sys.zx_handle_replace(c0, ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_OK);
    expect(handleBasic(sys, out.value).rights).toBe(0xf00e);
  });

  it('§6.14 socket_share/accept never cancels waits bound to the moved handle', async () => {
    const { kernel, sys } = boot();
    const [a0, a1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const [x0, x1] = mkSocket(sys);
    const observed = box(SENTINEL);
    const w = track(sys.zx_object_wait_one(x0, ZX_SOCKET_PEER_CLOSED, after(kernel, 2000n * MS), observed));
    await sleep(2);
    expect(sys.zx_socket_share(a0, x0)).toBe(ZX_OK);
    const acc = box(0);
    expect(sys.zx_socket_accept(a1, acc)).toBe(ZX_OK);
    await sleep(5);
    expect(w.done()).toBe(false);
    expect(sys.zx_handle_close(x1)).toBe(ZX_OK);
    expect(await w.promise).toBe(ZX_OK);
    expect(observed.value & ZX_SIGNAL_HANDLE_CLOSED).toBe(0);
    expect(observed.value & ZX_SOCKET_PEER_CLOSED).toBe(ZX_SOCKET_PEER_CLOSED);
    expect(observed.value & ZX_SOCKET_WRITABLE).toBe(ZX_SOCKET_WRITABLE); // state at registration
  });
});

describe('waits (spec §3 object_wait_one / object_wait_many)', () => {
  it('wait_one: an already-satisfied condition wins over a past deadline', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_1)).toBe(ZX_OK);
    const observed = box(SENTINEL);
    expect(await sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, 0n, observed)).toBe(ZX_OK);
    expect(observed.value).toBe(ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_1);
    expect(await sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, -5n, null)).toBe(ZX_OK);
  });

  it('wait_one: observed ORs every state passed through during the wait', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const observed = box(SENTINEL);
    const w = track(sys.zx_object_wait_one(ev, ZX_USER_SIGNAL_2, ZX_TIME_INFINITE, observed));
    await sleep(2);
    expect(sys.zx_object_signal(ev, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, ZX_USER_SIGNAL_0, ZX_USER_SIGNAL_1)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, ZX_USER_SIGNAL_1, ZX_USER_SIGNAL_2)).toBe(ZX_OK);
    expect(await w.promise).toBe(ZX_OK);
    expect(observed.value).toBe(ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1 | ZX_USER_SIGNAL_2);
  });

  it('wait_one: a real deadline times out and reports the current state', async () => {
    const { kernel, sys } = boot();
    const [c0] = mkChannel(sys);
    const observed = box(SENTINEL);
    expect(await sys.zx_object_wait_one(c0, ZX_CHANNEL_READABLE, after(kernel, 20n * MS), observed)).toBe(
      ZX_ERR_TIMED_OUT,
    );
    expect(observed.value).toBe(ZX_CHANNEL_WRITABLE);
  });

  it('wait_many: pending is set on every item; the same handle may appear twice', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const [e0, e1] = mkEventpair(sys);
    const items = [
      { handle: ev, waitfor: ZX_EVENT_SIGNALED, pending: SENTINEL },
      { handle: e0, waitfor: ZX_USER_SIGNAL_0, pending: SENTINEL },
      { handle: e0, waitfor: ZX_EVENTPAIR_PEER_CLOSED, pending: SENTINEL },
    ];
    const w = track(sys.zx_object_wait_many(items, 3, ZX_TIME_INFINITE));
    await sleep(2);
    expect(w.done()).toBe(false);
    expect(sys.zx_object_signal_peer(e1, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect(await w.promise).toBe(ZX_OK);
    expect(items[0].pending).toBe(0);
    expect(items[1].pending).toBe(ZX_USER_SIGNAL_0);
    expect(items[2].pending).toBe(ZX_USER_SIGNAL_0);
    expect(items.map((i) => i.handle)).toEqual([ev, e0, e0]);
    expect(items.map((i) => i.waitfor)).toEqual([ZX_EVENT_SIGNALED, ZX_USER_SIGNAL_0, ZX_EVENTPAIR_PEER_CLOSED]);
  });

  it('wait_many: closing one listed handle → CANCELED, HANDLE_CLOSED in its pending', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const ev2 = mkEvent(sys);
    const items = [
      { handle: ev, waitfor: ZX_EVENT_SIGNALED, pending: SENTINEL },
      { handle: ev2, waitfor: ZX_EVENT_SIGNALED, pending: SENTINEL },
    ];
    const w = track(sys.zx_object_wait_many(items, 2, ZX_TIME_INFINITE));
    await sleep(2);
    expect(sys.zx_handle_close(ev2)).toBe(ZX_OK);
    expect(await w.promise).toBe(ZX_ERR_CANCELED);
    expect(items[0].pending).toBe(0);
    expect(items[1].pending & ZX_SIGNAL_HANDLE_CLOSED).toBe(ZX_SIGNAL_HANDLE_CLOSED);
  });

  it('wait_many: timeout writes back the current state of every item', async () => {
    const { kernel, sys } = boot();
    const ev = mkEvent(sys);
    expect(sys.zx_object_signal(ev, 0, ZX_USER_SIGNAL_1)).toBe(ZX_OK);
    const items = [{ handle: ev, waitfor: ZX_EVENT_SIGNALED, pending: SENTINEL }];
    expect(await sys.zx_object_wait_many(items, 1, after(kernel, 20n * MS))).toBe(ZX_ERR_TIMED_OUT);
    expect(items[0].pending).toBe(ZX_USER_SIGNAL_1);
  });
});
