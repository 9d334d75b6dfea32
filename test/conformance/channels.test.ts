// Channel behaviours C1–C17 (spec §5.3; C12 is not applicable), with "threads" as async tasks.

import { describe, expect, it } from 'vitest';
import {
  ZX_OK,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_CANCELED,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_TIMED_OUT,
  ZX_CHANNEL_READABLE as R,
  ZX_CHANNEL_WRITABLE as W,
  ZX_CHANNEL_PEER_CLOSED as PC,
  ZX_CHANNEL_READ_MAY_DISCARD,
  ZX_USER_SIGNAL_0,
  ZX_RIGHT_TRANSFER,
  ZX_RIGHT_SIGNAL,
  ZX_RIGHT_READ,
  ZX_RIGHT_WRITE,
  ZX_DEFAULT_EVENT_RIGHTS,
  ZX_OBJ_TYPE_CHANNEL,
  ZX_OBJ_TYPE_EVENT,
  ZX_OBJ_TYPE_SOCKET,
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
  getU32,
  handleBasic,
  handleCount,
  isValid,
  mkChannel,
  mkEvent,
  mkSocket,
  pattern,
  prng,
  sameBytes,
  replace,
  sig,
  sleep,
  tick,
  track,
  u32s,
  type Sys,
} from './helpers.js';
import { since } from '../kernel-stats.js';

interface CallArgs {
  wr_bytes: Uint8Array;
  wr_handles: number[];
  rd_bytes: Uint8Array;
  rd_handles: Uint32Array;
  wr_num_bytes: number;
  wr_num_handles: number;
  rd_num_bytes: number;
  rd_num_handles: number;
}

function callArgs(
  req: Uint8Array,
  o: { wrNum?: number; handles?: number[]; rdBytes?: number; rdHandles?: number } = {},
): CallArgs {
  const handles = o.handles ?? [];
  const rdBytes = o.rdBytes ?? 64;
  const rdHandles = o.rdHandles ?? 4;
  return {
    wr_bytes: req,
    wr_handles: handles,
    rd_bytes: new Uint8Array(rdBytes),
    rd_handles: new Uint32Array(rdHandles),
    wr_num_bytes: o.wrNum ?? req.length,
    wr_num_handles: handles.length,
    rd_num_bytes: rdBytes,
    rd_num_handles: rdHandles,
  };
}

async function recv(sys: Sys, h: number) {
  const observed = box(0);
  expect(await sys.zx_object_wait_one(h, R | PC, ZX_TIME_INFINITE, observed)).toBe(ZX_OK);
  return chRead(sys, h);
}

describe('channels (spec §5.3)', () => {
  it('C1 channel_test (wait_many)', async () => {
    const { sys } = boot();
    const [a0, a1] = mkChannel(sys);
    const [b0, b1] = mkChannel(sys);

    const k0 = handleBasic(sys, a0);
    const k1 = handleBasic(sys, a1);
    expect(k0.koid).toBe(k1.related_koid);
    expect(k1.koid).toBe(k0.related_koid);
    expect(k0.type).toBe(ZX_OBJ_TYPE_CHANNEL);
    expect(await sig(sys, a0)).toBe(W);
    expect(await sig(sys, a1)).toBe(W);

    expect(chWrite(sys, a0, u32s(1))).toBe(ZX_OK);
    expect(await sig(sys, a0)).toBe(W);
    expect(await sig(sys, a1)).toBe(R | W);

    const counts = [0, 0];
    const reader = async () => {
      const ends = [a1, b1];
      const done = [false, false];
      while (!done[0] || !done[1]) {
        const idx = [0, 1].filter((i) => !done[i]);
        const items = idx.map((i) => ({ handle: ends[i], waitfor: R | PC, pending: 0 }));
        expect(await sys.zx_object_wait_many(items, items.length, ZX_TIME_INFINITE)).toBe(ZX_OK);
        items.forEach((item, k) => {
          const i = idx[k];
          if (item.pending & R) {
            const m = chRead(sys, ends[i], 64, 0);
            expect(m.status).toBe(ZX_OK);
            expect(m.actualBytes).toBe(4);
            counts[i]++;
          } else if (item.pending & PC) {
            done[i] = true;
          }
        });
      }
    };
    const task = reader();

    await sleep(1);
    expect(chWrite(sys, b0, u32s(2))).toBe(ZX_OK);
    await sleep(1);
    expect(chWrite(sys, a0, u32s(3))).toBe(ZX_OK);
    expect(chWrite(sys, b0, u32s(4))).toBe(ZX_OK);
    await sleep(1);
    expect(chWrite(sys, a0, u32s(5))).toBe(ZX_OK);
    expect(sys.zx_handle_close(b0)).toBe(ZX_OK);
    expect((await sig(sys, b1)) & PC).toBe(PC);
    await sleep(1);
    expect(sys.zx_handle_close(a0)).toBe(ZX_OK);
    await task;

    expect(counts).toEqual([3, 2]);
    expect(await sig(sys, a1)).toBe(PC);
    expect(await sig(sys, b1)).toBe(PC);
  });

  it('C2 read_error', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    const ab = box(SENTINEL);
    const ah = box(SENTINEL);
    expect(sys.zx_channel_read(ch0, 0, null, null, 0, 0, ab, ah)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(ab.value).toBe(SENTINEL);
    expect(ah.value).toBe(SENTINEL);
    expect(chWrite(sys, ch1, 'x')).toBe(ZX_OK);
    expect(sys.zx_handle_close(ch1)).toBe(ZX_OK);
    const m = chRead(sys, ch0, 1, 0);
    expect(m.status).toBe(ZX_OK);
    expect(m.actualBytes).toBe(1);
    expect(new TextDecoder().decode(m.bytes)).toBe('x');
    expect(chRead(sys, ch0, 1, 0).status).toBe(ZX_ERR_PEER_CLOSED);
  });

  it('C3 close_test', async () => {
    const { sys } = boot();
    const [x0, x1] = mkChannel(sys);
    expect(sys.zx_handle_close(x1)).toBe(ZX_OK);
    expect(await sig(sys, x0)).toBe(PC);

    const ch = mkChannel(sys);
    const c1 = mkChannel(sys);
    const c2 = mkChannel(sys);
    expect(chWrite(sys, ch[0], new Uint8Array(0), [c1[0]])).toBe(ZX_OK);
    expect(chWrite(sys, ch[1], new Uint8Array(0), [c2[0]])).toBe(ZX_OK);

    expect(sys.zx_handle_close(ch[1])).toBe(ZX_OK);
    expect(await sys.zx_object_wait_one(c1[1], PC, ZX_TIME_INFINITE, null)).toBe(ZX_OK);
    expect(await sig(sys, c2[1])).toBe(W);

    expect(sys.zx_handle_close(ch[0])).toBe(ZX_OK);
    expect(await sig(sys, c1[1])).toBe(PC);
    expect(await sys.zx_object_wait_one(c2[1], PC, ZX_TIME_INFINITE, null)).toBe(ZX_OK);
    expect(await sig(sys, c2[1])).toBe(PC);
  });

  it('C4 peer_closed', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    expect(sys.zx_handle_close(ch1)).toBe(ZX_OK);
    expect(sys.zx_object_signal_peer(ch0, 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_PEER_CLOSED);
  });

  it('C5 non_transferable', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    const ev = mkEvent(sys);
    const nt = dup(sys, ev, ZX_DEFAULT_EVENT_RIGHTS & ~ZX_RIGHT_TRANSFER);
    expect(chWrite(sys, ch0, 'x', [nt])).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_handle_close(nt)).toBe(ZX_ERR_BAD_HANDLE);
    expect(chRead(sys, ch1).status).toBe(ZX_ERR_SHOULD_WAIT);
    expect(handleCount(sys, ev)).toBe(1);
  });

  it('C6 duplicate_handles', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    const ev = mkEvent(sys);
    expect(chWrite(sys, ch0, 'x', [ev, ev])).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_handle_close(ev)).toBe(ZX_ERR_BAD_HANDLE);
    expect(chRead(sys, ch1).status).toBe(ZX_ERR_SHOULD_WAIT);
    expect(sys.zx_handle_close(ch0)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ch1)).toBe(ZX_OK);
  });

  it('C7 multithread_read', async () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    for (let i = 0; i < 5000; i++) expect(chWrite(sys, ch0, u32s(i))).toBe(ZX_OK);
    const seen = new Uint8Array(5000);
    let failures = 0;
    const reader = async () => {
      for (let i = 0; i < 2500; i++) {
        const m = chRead(sys, ch1, 4, 0);
        if (m.status !== ZX_OK || m.actualBytes !== 4) failures++;
        else seen[getU32(m.bytes, 0)]++;
        if (i % 50 === 0) await tick();
        else await Promise.resolve();
      }
    };
    await Promise.all([reader(), reader()]);
    expect(failures).toBe(0);
    expect(seen.every((x) => x === 1)).toBe(true);
    expect(chRead(sys, ch1).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('C8 may_discard', async () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    const ev = mkEvent(sys);
    const send = (n: number, nh: number) => {
      const hs = Array.from({ length: nh }, () => dup(sys, ev, ZX_RIGHT_TRANSFER));
      expect(chWrite(sys, ch0, pattern(n), hs)).toBe(ZX_OK);
    };
    const readable = async () => sys.zx_object_wait_one(ch1, R, 0n, null);

    expect(await readable()).toBe(ZX_ERR_TIMED_OUT);

    send(10, 0);
    const ab = box(SENTINEL);
    const ah = box(SENTINEL);
    expect(sys.zx_channel_read(ch1, ZX_CHANNEL_READ_MAY_DISCARD, null, null, 0, 0, ab, ah)).toBe(
      ZX_ERR_BUFFER_TOO_SMALL,
    );
    expect(ab.value).toBe(10);
    expect(ah.value).toBe(0);
    expect(await readable()).toBe(ZX_ERR_TIMED_OUT);

    send(100, 0);
    let m = chRead(sys, ch1, 10, 0, ZX_CHANNEL_READ_MAY_DISCARD);
    expect(m.status).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(m.actualBytes).toBe(100);
    expect(await readable()).toBe(ZX_ERR_TIMED_OUT);

    send(0, 5);
    expect(handleCount(sys, ev)).toBe(6);
    m = chRead(sys, ch1, 10, 1, ZX_CHANNEL_READ_MAY_DISCARD);
    expect(m.status).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(m.actualBytes).toBe(0);
    expect(m.actualHandles).toBe(5);
    expect(await readable()).toBe(ZX_ERR_TIMED_OUT);
    expect(handleCount(sys, ev)).toBe(1); // the discarded handles were closed

    send(100, 5);
    m = chRead(sys, ch1, 10, 1, ZX_CHANNEL_READ_MAY_DISCARD);
    expect(m.status).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(m.actualBytes).toBe(100);
    expect(m.actualHandles).toBe(5);
    expect(m.raw.every((x) => x === 0)).toBe(true);
    expect(await readable()).toBe(ZX_ERR_TIMED_OUT);
    expect(handleCount(sys, ev)).toBe(1);
  });

  it('C8b too-small read without MAY_DISCARD leaves the message queued', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    expect(chWrite(sys, ch0, pattern(100))).toBe(ZX_OK);
    const m = chRead(sys, ch1, 10, 0);
    expect(m.status).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(m.actualBytes).toBe(100);
    expect(m.actualHandles).toBe(0);
    const m2 = chRead(sys, ch1, 100, 0);
    expect(m2.status).toBe(ZX_OK);
    expect(m2.bytes).toEqual(pattern(100));
  });

  it('C9 channel_call', async () => {
    const { kernel, sys } = boot();
    const [client, server] = mkChannel(sys);
    const ECHO = 1,
      RUNT = 2,
      TOOBIG = 3,
      NOTXID = 4,
      IGNORE = 5,
      HANDLE = 6,
      DELAY = 7,
      SHUTDOWN = 8,
      POSTSHUTDOWN = 9;
    const request = (op: number, seed = 0) => u32s(0, op, ...Array.from({ length: 8 }, (_, i) => seed * 100 + i));
    const data = (b: Uint8Array) => b.subarray(4, 40);

    // ECHO
    {
      const req = request(ECHO, 1);
      const args = callArgs(req);
      const ab = box(SENTINEL);
      const ah = box(SENTINEL);
      const p = sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args, ab, ah);
      const m = await recv(sys, server);
      expect(m.status).toBe(ZX_OK);
      expect(m.actualBytes).toBe(40);
      expect(getU32(m.bytes, 0)).toBe(0x80000001); // first kernel txid on this endpoint
      expect(data(m.bytes)).toEqual(data(req));
      expect(chWrite(sys, server, m.bytes)).toBe(ZX_OK);
      expect(await p).toBe(ZX_OK);
      expect(ab.value).toBe(40);
      expect(ah.value).toBe(0);
      expect(getU32(args.rd_bytes, 0)).toBe(0x80000001);
      expect(data(args.rd_bytes)).toEqual(data(req));
      // the reply went straight to the caller: the client end is not READABLE
      expect(await sig(sys, client)).toBe(W);
    }

    // RUNT
    {
      const args = callArgs(request(RUNT), { wrNum: 4 });
      const ab = box(SENTINEL);
      const ah = box(SENTINEL);
      const p = sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args, ab, ah);
      const m = await recv(sys, server);
      expect(m.actualBytes).toBe(4);
      const reply = new Uint8Array(40).fill(0xee);
      reply.set(m.bytes.subarray(0, 4), 0);
      expect(chWrite(sys, server, reply)).toBe(ZX_OK);
      expect(await p).toBe(ZX_OK);
      expect(ab.value).toBe(40);
      expect(args.rd_bytes.subarray(4, 40).every((x) => x === 0xee)).toBe(true);
    }

    // TOOBIG
    {
      const args = callArgs(request(TOOBIG), { rdBytes: 4 });
      const ab = box(SENTINEL);
      const ah = box(SENTINEL);
      const p = sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args, ab, ah);
      const m = await recv(sys, server);
      expect(chWrite(sys, server, m.bytes)).toBe(ZX_OK);
      expect(await p).toBe(ZX_ERR_BUFFER_TOO_SMALL);
      expect(ab.value).toBe(SENTINEL);
      expect(ah.value).toBe(SENTINEL);
      expect(await sig(sys, client)).toBe(W); // the reply was discarded
    }

    // NOTXID
    {
      const args = callArgs(request(NOTXID), { wrNum: 1 });
      const ab = box(SENTINEL);
      const ah = box(SENTINEL);
      expect(await sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args, ab, ah)).toBe(ZX_ERR_INVALID_ARGS);
      expect(ab.value).toBe(SENTINEL);
      expect(await sig(sys, server)).toBe(W);
    }

    // IGNORE (deadline in the past; the server never replies in time)
    {
      const args = callArgs(request(IGNORE));
      const ab = box(SENTINEL);
      const ah = box(SENTINEL);
      expect(await sys.zx_channel_call(client, 0, 0n, args, ab, ah)).toBe(ZX_ERR_TIMED_OUT);
      expect(ab.value).toBe(SENTINEL);
      const m = await recv(sys, server);
      expect(m.status).toBe(ZX_OK);
      expect(getU32(m.bytes, 4)).toBe(IGNORE);
      // A late reply lands in the normal queue.
      expect(chWrite(sys, server, m.bytes)).toBe(ZX_OK);
      expect(await sig(sys, client)).toBe(R | W);
      const late = chRead(sys, client);
      expect(late.status).toBe(ZX_OK);
      expect(late.bytes).toEqual(m.bytes);
    }

    // HANDLE
    {
      const ev = mkEvent(sys);
      const koid = handleBasic(sys, ev).koid;
      const args = callArgs(request(HANDLE), { handles: [ev] });
      const ab = box(SENTINEL);
      const ah = box(SENTINEL);
      const p = sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args, ab, ah);
      expect(await sys.zx_object_wait_one(server, R, ZX_TIME_INFINITE, null)).toBe(ZX_OK);
      expect(isValid(sys, ev)).toBe(false); // in transit
      const m = await recv(sys, server);
      expect(m.actualHandles).toBe(1);
      expect(sys.zx_channel_write(server, 0, m.bytes, m.bytes.length, m.handles, 1)).toBe(ZX_OK);
      expect(await p).toBe(ZX_OK);
      expect(ab.value).toBe(40);
      expect(ah.value).toBe(1);
      const got = args.rd_handles[0];
      expect(handleBasic(sys, got).koid).toBe(koid);
      expect(handleBasic(sys, got).type).toBe(ZX_OBJ_TYPE_EVENT);
      expect(handleCount(sys, got)).toBe(1);
    }

    // DELAY x4: four concurrent callers, replies in reverse order
    {
      const calls = [0, 1, 2, 3].map((i) => {
        const req = request(DELAY, 10 + i);
        const args = callArgs(req);
        const ab = box(SENTINEL);
        const ah = box(SENTINEL);
        return { req, args, ab, ah, p: sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args, ab, ah) };
      });
      const msgs: Uint8Array[] = [];
      while (msgs.length < 4) {
        const m = await recv(sys, server);
        expect(m.status).toBe(ZX_OK);
        msgs.push(m.bytes.slice());
      }
      const txids = msgs.map((b) => getU32(b, 0));
      expect(new Set(txids).size).toBe(4);
      for (const t of txids) expect(t >= 0x80000000).toBe(true);
      for (const b of [...msgs].reverse()) expect(chWrite(sys, server, b)).toBe(ZX_OK);
      for (const c of calls) {
        expect(await c.p).toBe(ZX_OK);
        expect(c.ab.value).toBe(40);
        expect(data(c.args.rd_bytes)).toEqual(data(c.req));
      }
      expect(await sig(sys, client)).toBe(W);
    }

    // SHUTDOWN
    {
      const args = callArgs(request(SHUTDOWN));
      const ab = box(SENTINEL);
      const ah = box(SENTINEL);
      const p = sys.zx_channel_call(client, 0, after(kernel, 5000n * MS), args, ab, ah);
      const m = await recv(sys, server);
      expect(getU32(m.bytes, 4)).toBe(SHUTDOWN);
      expect(sys.zx_handle_close(server)).toBe(ZX_OK);
      expect(await p).toBe(ZX_ERR_PEER_CLOSED);
      expect(ab.value).toBe(SENTINEL);
    }

    // POSTSHUTDOWN
    {
      const args = callArgs(request(POSTSHUTDOWN));
      const ab = box(SENTINEL);
      const ah = box(SENTINEL);
      expect(await sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args, ab, ah)).toBe(ZX_ERR_PEER_CLOSED);
    }
  });

  it('C10 call_consumes_handles', async () => {
    const { sys } = boot();
    const [client, server] = mkChannel(sys);
    expect(sys.zx_handle_close(server)).toBe(ZX_OK);
    const ev = mkEvent(sys);
    const args = callArgs(new Uint8Array(64), { handles: [ev] });
    const ab = box(SENTINEL);
    const ah = box(SENTINEL);
    expect(await sys.zx_channel_call(client, 42, ZX_TIME_INFINITE, args, ab, ah)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_handle_close(ev)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('C11 call2', async () => {
    const { kernel, sys } = boot();
    const [client, server] = mkChannel(sys);
    setTimeout(() => sys.zx_handle_close(server), 50);
    const args = callArgs(u32s(0, 1, 2, 3));
    const ab = box(SENTINEL);
    const ah = box(SENTINEL);
    expect(await sys.zx_channel_call(client, 0, after(kernel, 5000n * MS), args, ab, ah)).toBe(ZX_ERR_PEER_CLOSED);
  });

  it('C13 nest', async () => {
    const { kernel, sys } = boot();
    const base = kernel.stats(); // the process, its startup handles, the root job
    const [ch0, ch1] = mkChannel(sys);
    const [end, e] = mkChannel(sys);
    let carry = e;
    for (let i = 0; i < 200; i++) {
      const [p, q] = mkChannel(sys);
      expect(chWrite(sys, p, new Uint8Array(0), [carry])).toBe(ZX_OK);
      expect(sys.zx_handle_close(p)).toBe(ZX_OK);
      carry = q;
    }
    expect(chWrite(sys, ch0, new Uint8Array(0), [carry])).toBe(ZX_OK);
    expect(await sig(sys, end)).toBe(W);
    expect(sys.zx_handle_close(ch1)).toBe(ZX_OK);
    expect(await sig(sys, ch0)).toBe(PC);
    expect(await sys.zx_object_wait_one(end, PC, after(kernel, 5000n * MS), null)).toBe(ZX_OK);
    expect(await sig(sys, end)).toBe(PC);
    // everything in the chain was destroyed
    expect(sys.zx_handle_close(end)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ch0)).toBe(ZX_OK);
    expect(since(kernel, base)).toMatchObject({ objects: 0, handles: 0 });
  });

  it('C14 disallow_write_to_self', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    expect(chWrite(sys, ch0, 'x', [ch0])).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(sys.zx_handle_close(ch0)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_handle_close(ch1)).toBe(ZX_OK);
  });

  it('C15 read_etc', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    const [f0, f1] = mkSocket(sys); // stand-ins for fifos
    const ev = replace(sys, mkEvent(sys), ZX_RIGHT_SIGNAL | ZX_RIGHT_TRANSFER);
    expect(chWrite(sys, ch0, new Uint8Array(0), [f0, ev, f1])).toBe(ZX_OK);
    const infos = Array.from({ length: 4 }, () => ({ handle: 0, type: 0, rights: 0, unused: 0 }));
    const ab = box(SENTINEL);
    const ah = box(SENTINEL);
    expect(sys.zx_channel_read_etc(ch1, 0, null, infos, 0, 4, ab, ah)).toBe(ZX_OK);
    expect(ab.value).toBe(0);
    expect(ah.value).toBe(3);
    expect(infos.slice(0, 3).map(({ type, rights, unused }) => ({ type, rights, unused }))).toEqual([
      { type: ZX_OBJ_TYPE_SOCKET, rights: 0xf0cf, unused: 0 },
      { type: ZX_OBJ_TYPE_EVENT, rights: 0x1002, unused: 0 },
      { type: ZX_OBJ_TYPE_SOCKET, rights: 0xf0cf, unused: 0 },
    ]);
    for (const info of infos.slice(0, 3)) {
      expect(isValid(sys, info.handle)).toBe(true);
      expect(handleBasic(sys, info.handle).type).toBe(info.type);
      expect(handleBasic(sys, info.handle).rights).toBe(info.rights);
    }
    expect(handleBasic(sys, infos[0].handle).related_koid).toBe(handleBasic(sys, infos[2].handle).koid);
    expect(infos[3]).toEqual({ handle: 0, type: 0, rights: 0, unused: 0 });
  });

  it('C16 write_different_sizes', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    const rnd = prng(0xc16);
    const rbuf = new Uint8Array(65536);
    for (let round = 0; round < 1000; round++) {
      const nb = Math.floor(rnd() * 65536);
      const nh = Math.floor(rnd() * 64);
      const bytes = new Uint8Array(nb);
      for (let i = 0; i < nb; i += 97) bytes[i] = (i ^ round) & 0xff;
      const keep: number[] = [];
      const send: number[] = [];
      const koids: bigint[] = [];
      for (let i = 0; i < nh; i++) {
        const [a, b] = mkChannel(sys);
        keep.push(a);
        send.push(b);
        koids.push(handleBasic(sys, b).koid);
      }
      expect(sys.zx_channel_write(ch0, 0, bytes, nb, send, nh)).toBe(ZX_OK);
      const hs = new Uint32Array(64);
      const ab = box(SENTINEL);
      const ah = box(SENTINEL);
      expect(sys.zx_channel_read(ch1, 0, rbuf, hs, 65536, 64, ab, ah)).toBe(ZX_OK);
      expect(ab.value).toBe(nb);
      expect(ah.value).toBe(nh);
      if (!sameBytes(rbuf.subarray(0, nb), bytes)) expect.fail(`round ${round}: bytes differ`);
      for (let i = nh; i < 64; i++) if (hs[i] !== 0) expect.fail(`round ${round}: slot ${i} written`);
      for (let i = 0; i < nh; i++) {
        if (handleBasic(sys, hs[i]).koid !== koids[i]) expect.fail(`round ${round}: handle ${i} koid`);
      }
      expect(sys.zx_handle_close_many(hs, nh)).toBe(ZX_OK);
      expect(sys.zx_handle_close_many(keep, nh)).toBe(ZX_OK);
    }
  }, 60_000);

  it('C17 write_takes_all_handles', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    const evs = Array.from({ length: 2000 }, () => mkEvent(sys));
    expect(chWrite(sys, ch0, 'x', evs)).toBe(ZX_ERR_OUT_OF_RANGE);
    let bad = 0;
    for (const e of evs) if (sys.zx_handle_close(e) === ZX_ERR_BAD_HANDLE) bad++;
    expect(bad).toBe(2000);
    expect(chRead(sys, ch1).status).toBe(ZX_ERR_SHOULD_WAIT);
  });
});

describe('channel semantics (spec §3 channel_*)', () => {
  it('writing the peer endpoint into the channel is allowed', async () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    expect(chWrite(sys, ch0, 'x', [ch1])).toBe(ZX_OK);
    expect(isValid(sys, ch1)).toBe(false);
    // The handle in transit keeps ch1 alive: no PEER_CLOSED on ch0.
    expect(await sig(sys, ch0)).toBe(W);
  });

  it('messages queue FIFO and stay readable after the peer closes; READABLE drops when empty', async () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    for (const s of ['a', 'bb', 'ccc']) expect(chWrite(sys, ch0, s)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ch0)).toBe(ZX_OK);
    expect(await sig(sys, ch1)).toBe(R | PC);
    for (const s of ['a', 'bb', 'ccc']) {
      const m = chRead(sys, ch1);
      expect(m.status).toBe(ZX_OK);
      expect(new TextDecoder().decode(m.bytes)).toBe(s);
    }
    expect(await sig(sys, ch1)).toBe(PC);
    expect(chRead(sys, ch1).status).toBe(ZX_ERR_PEER_CLOSED);
  });

  it('received handles keep their rights and the caller gets them in order', () => {
    const { sys } = boot();
    const [ch0, ch1] = mkChannel(sys);
    const ev = mkEvent(sys);
    const a = dup(sys, ev, ZX_RIGHT_TRANSFER);
    const b = dup(sys, ev, ZX_RIGHT_TRANSFER | ZX_RIGHT_SIGNAL);
    expect(chWrite(sys, ch0, '', [a, b])).toBe(ZX_OK);
    const m = chRead(sys, ch1);
    expect(m.status).toBe(ZX_OK);
    expect(m.handles.length).toBe(2);
    expect(handleBasic(sys, m.handles[0]).rights).toBe(ZX_RIGHT_TRANSFER);
    expect(handleBasic(sys, m.handles[1]).rights).toBe(ZX_RIGHT_TRANSFER | ZX_RIGHT_SIGNAL);
  });

  it('channel_call: closing the caller endpoint while blocked → CANCELED', async () => {
    const { sys } = boot();
    const [client, server] = mkChannel(sys);
    const args = callArgs(u32s(0, 1));
    const ab = box(SENTINEL);
    const ah = box(SENTINEL);
    const w = track(sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args, ab, ah));
    expect((await recv(sys, server)).status).toBe(ZX_OK);
    await sleep(2);
    expect(w.done()).toBe(false);
    expect(sys.zx_handle_close(client)).toBe(ZX_OK);
    // §2.2: calls blocked on the dying endpoint itself end with CANCELED.
    expect(await w.promise).toBe(ZX_ERR_CANCELED);
    expect(ab.value).toBe(SENTINEL);
  });
});

describe('channel_write handle errors follow list order (spec §3 channel_write step 4)', () => {
  it('the first problem in the list decides: self before a bad value, a bad value before self', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const [e0] = [mkEvent(sys)];
    expect(sys.zx_channel_write(c0, 0, null, 0, [c0, 0x7ffffff1], 2)).toBe(ZX_ERR_NOT_SUPPORTED);
    const [d0, d1] = mkChannel(sys);
    expect(sys.zx_channel_write(d0, 0, null, 0, [0x7ffffff1, d0], 2)).toBe(ZX_ERR_BAD_HANDLE);
    // Every listed handle was consumed either way, including the endpoints themselves.
    for (const h of [c0, d0, e0]) expect(sys.zx_handle_close(h)).toBe(e0 === h ? ZX_OK : ZX_ERR_BAD_HANDLE);
    for (const h of [c1, d1]) expect(sys.zx_handle_close(h)).toBe(ZX_OK);
  });

  it('for one entry, ACCESS_DENIED (no TRANSFER) wins over NOT_SUPPORTED (the endpoint itself)', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const r = { value: 0 };
    expect(sys.zx_handle_replace(c0, ZX_RIGHT_WRITE | ZX_RIGHT_READ, r)).toBe(ZX_OK);
    expect(sys.zx_channel_write(r.value, 0, null, 0, [r.value], 1)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_handle_close(r.value)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK);
  });
});
