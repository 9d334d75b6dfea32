// Error statuses of every syscall in scope (spec §3, §2, §6), organised as describe(syscall) → it(status).
// Out boxes are seeded with sentinels to prove they are written only where Zircon writes them.

import { describe, expect, it } from 'vitest';
import * as zx from '../../index.js';
import type { Kernel } from '../../index.js';
import {
  ZX_OK,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_BAD_STATE,
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_CANCELED,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NO_MEMORY,
  ZX_ERR_NOT_FOUND,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_TIMED_OUT,
  ZX_ERR_WRONG_TYPE,
  ZX_RIGHT_DUPLICATE,
  ZX_RIGHT_TRANSFER,
  ZX_RIGHT_READ,
  ZX_RIGHT_WRITE,
  ZX_RIGHT_WAIT,
  ZX_RIGHT_INSPECT,
  ZX_RIGHT_SIGNAL,
  ZX_RIGHT_SIGNAL_PEER,
  ZX_RIGHT_GET_PROPERTY,
  ZX_RIGHT_SET_PROPERTY,
  ZX_RIGHT_SAME_RIGHTS,
  ZX_RIGHTS_BASIC,
  ZX_SOCKET_WRITABLE,
  ZX_SOCKET_PEER_CLOSED,
  ZX_SOCKET_DATAGRAM,
  ZX_SOCKET_HAS_CONTROL,
  ZX_SOCKET_HAS_ACCEPT,
  ZX_SOCKET_CONTROL,
  ZX_SOCKET_SHUTDOWN_READ,
  ZX_SOCKET_SHUTDOWN_WRITE,
  ZX_CHANNEL_READABLE,
  ZX_CHANNEL_PEER_CLOSED,
  ZX_CHANNEL_READ_MAY_DISCARD,
  ZX_EVENT_SIGNALED,
  ZX_EVENTPAIR_PEER_CLOSED,
  ZX_SIGNAL_HANDLE_CLOSED,
  ZX_USER_SIGNAL_0,
  ZX_PROP_NAME,
  ZX_PROP_SOCKET_RX_THRESHOLD as RX,
  ZX_PROP_SOCKET_TX_THRESHOLD as TX,
  ZX_INFO_HANDLE_VALID,
  ZX_INFO_HANDLE_BASIC,
  ZX_INFO_HANDLE_COUNT,
  ZX_INFO_SOCKET,
  ZX_WAIT_ASYNC_ONCE,
  ZX_TIME_INFINITE,
} from '../../index.js';
import {
  MS,
  SENTINEL,
  SENTINEL_H,
  after,
  bad,
  blankPacket,
  boot,
  box,
  chRead,
  chWrite,
  dup,
  getU64,
  handleBasic,
  handleCount,
  isValid,
  mkChannel,
  mkEvent,
  mkEventpair,
  mkPort,
  mkSocket,
  replace,
  sig,
  sleep,
  sockRead,
  sockWrite,
  track,
  u32s,
  u64,
  userPacket,
  type Sys,
} from './helpers.js';

const CAP = 257024;
const SOCKET_RIGHTS = 0xf0cf;
const CHANNEL_RIGHTS = 0xf00e;
const EVENT_RIGHTS = 0xd003;
const PORT_RIGHTS = 0x800f;
const minus = (rights: number, r: number): number => (rights & ~r) >>> 0;

/** A fresh kernel, plus invalid handle values of every flavour for the calling process. */
function world() {
  const b = boot();
  const other = b.kernel.createProcess('other');
  const foreign = mkEvent(other.syscalls); // valid in `other`, not here
  const closed = mkEvent(b.sys);
  expect(b.sys.zx_handle_close(closed)).toBe(ZX_OK);
  const badHandles: [string, number][] = [
    ['ZX_HANDLE_INVALID', 0],
    ['closed', closed],
    ['other process', foreign],
    ['garbage', 0x2bad0001],
  ];
  return { ...b, other, badHandles };
}

/** Assert `h` was consumed: no longer valid here. */
function consumed(sys: Sys, h: number) {
  expect(isValid(sys, h), `handle ${h} should have been consumed`).toBe(false);
  expect(sys.zx_handle_close(h)).toBe(ZX_ERR_BAD_HANDLE);
}

function notConsumed(sys: Sys, h: number) {
  expect(isValid(sys, h), `handle ${h} should still be valid`).toBe(true);
}

/** A shareable plain socket endpoint whose peer tells whether it was destroyed. */
function victim(sys: Sys): { s: number; peer: number } {
  const [s, peer] = mkSocket(sys);
  return { s, peer };
}
async function victimDestroyed(sys: Sys, v: { s: number; peer: number }) {
  consumed(sys, v.s);
  expect(await sig(sys, v.peer)).toBe(ZX_SOCKET_PEER_CLOSED);
}

// ---------------------------------------------------------------------------------------------
// A shared kernel whose handle arena (262144 slots, spec §1.9) is exhausted.

interface Arena {
  kernel: Kernel;
  sys: Sys;
  ev: number;
  dups: number[];
}
let arenaCache: Arena | undefined;
let arenaBroken = false;

function refill(a: Arena): number {
  let st = ZX_OK;
  for (let i = 0; i < 300_000; i++) {
    const out = box(0);
    st = a.sys.zx_handle_duplicate(a.ev, ZX_RIGHT_SAME_RIGHTS, out);
    if (st !== ZX_OK) break;
    a.dups.push(out.value);
  }
  return st;
}

function fullArena(): Arena {
  if (arenaBroken) throw new Error('the handle arena never reported NO_MEMORY (see the first NO_MEMORY test)');
  if (!arenaCache) {
    const { kernel, sys } = boot('arena');
    const a: Arena = { kernel, sys, ev: mkEvent(sys), dups: [] };
    const st = refill(a);
    if (st !== ZX_ERR_NO_MEMORY) arenaBroken = true;
    expect(st).toBe(ZX_ERR_NO_MEMORY);
    // Every slot is taken: the two startup handles, the event and its duplicates.
    expect(kernel.stats().handles).toBe(262144);
    expect(a.dups.length + 1 + 2).toBe(262144);
    arenaCache = a;
  }
  const a = arenaCache;
  expect(refill(a)).toBe(ZX_ERR_NO_MEMORY);
  return a;
}

/** Free `n` slots of the full arena. */
function freeSlots(a: Arena, n: number) {
  for (let i = 0; i < n; i++) expect(a.sys.zx_handle_close(a.dups.pop()!)).toBe(ZX_OK);
}

const HEAVY = 120_000;

// ---------------------------------------------------------------------------------------------

describe('spec §1 constants', () => {
  it('status codes', () => {
    expect([
      zx.ZX_OK,
      zx.ZX_ERR_INTERNAL,
      zx.ZX_ERR_NOT_SUPPORTED,
      zx.ZX_ERR_NO_RESOURCES,
      zx.ZX_ERR_NO_MEMORY,
      zx.ZX_ERR_INVALID_ARGS,
      zx.ZX_ERR_BAD_HANDLE,
      zx.ZX_ERR_WRONG_TYPE,
      zx.ZX_ERR_OUT_OF_RANGE,
      zx.ZX_ERR_BUFFER_TOO_SMALL,
      zx.ZX_ERR_BAD_STATE,
      zx.ZX_ERR_TIMED_OUT,
      zx.ZX_ERR_SHOULD_WAIT,
      zx.ZX_ERR_CANCELED,
      zx.ZX_ERR_PEER_CLOSED,
      zx.ZX_ERR_NOT_FOUND,
      zx.ZX_ERR_ACCESS_DENIED,
    ]).toEqual([0, -1, -2, -3, -4, -10, -11, -12, -14, -15, -20, -21, -22, -23, -24, -25, -30]);
  });

  it('rights and defaults', () => {
    expect(zx.ZX_RIGHTS_BASIC).toBe(0xc003);
    expect(zx.ZX_RIGHTS_IO).toBe(0xc);
    expect(zx.ZX_RIGHT_SAME_RIGHTS).toBe(0x80000000);
    expect(zx.ZX_DEFAULT_SOCKET_RIGHTS).toBe(0xf0cf);
    expect(zx.ZX_DEFAULT_CHANNEL_RIGHTS).toBe(0xf00e);
    expect(zx.ZX_DEFAULT_EVENT_RIGHTS).toBe(0xd003);
    expect(zx.ZX_DEFAULT_EVENTPAIR_RIGHTS).toBe(0xf003);
    expect(zx.ZX_DEFAULT_PORT_RIGHTS).toBe(0x800f);
  });

  it('signals, options, topics, properties, packets, time', () => {
    expect([
      zx.ZX_SOCKET_PEER_WRITE_DISABLED,
      zx.ZX_SOCKET_WRITE_DISABLED,
      zx.ZX_SOCKET_CONTROL_READABLE,
      zx.ZX_SOCKET_CONTROL_WRITABLE,
      zx.ZX_SOCKET_ACCEPT,
      zx.ZX_SOCKET_SHARE,
      zx.ZX_SOCKET_READ_THRESHOLD,
      zx.ZX_SOCKET_WRITE_THRESHOLD,
    ]).toEqual([0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800]);
    expect(zx.ZX_SIGNAL_HANDLE_CLOSED).toBe(0x800000);
    expect(zx.ZX_USER_SIGNAL_0).toBe(0x01000000);
    expect(zx.ZX_USER_SIGNAL_7).toBe(0x80000000);
    expect(zx.ZX_USER_SIGNAL_ALL).toBe(0xff000000);
    expect(zx.ZX_EVENT_SIGNALED).toBe(0x8);
    expect(zx.ZX_EVENTPAIR_PEER_CLOSED).toBe(0x4);
    expect([zx.ZX_SOCKET_DATAGRAM, zx.ZX_SOCKET_HAS_CONTROL, zx.ZX_SOCKET_HAS_ACCEPT, zx.ZX_SOCKET_CONTROL]).toEqual([
      1, 2, 4, 4,
    ]);
    expect([zx.ZX_SOCKET_SHUTDOWN_WRITE, zx.ZX_SOCKET_SHUTDOWN_READ]).toEqual([1, 2]);
    expect([zx.ZX_INFO_HANDLE_VALID, zx.ZX_INFO_HANDLE_BASIC, zx.ZX_INFO_HANDLE_COUNT, zx.ZX_INFO_SOCKET]).toEqual([
      1, 2, 19, 22,
    ]);
    expect([zx.ZX_PROP_NAME, zx.ZX_PROP_SOCKET_RX_THRESHOLD, zx.ZX_PROP_SOCKET_TX_THRESHOLD]).toEqual([3, 12, 13]);
    expect([zx.ZX_PKT_TYPE_USER, zx.ZX_PKT_TYPE_SIGNAL_ONE, zx.ZX_PKT_TYPE_SIGNAL_REP]).toEqual([0, 1, 2]);
    expect([zx.ZX_WAIT_ASYNC_ONCE, zx.ZX_WAIT_ASYNC_REPEATING, zx.ZX_CHANNEL_READ_MAY_DISCARD]).toEqual([0, 1, 1]);
    expect(zx.ZX_TIME_INFINITE).toBe(9223372036854775807n);
    expect(zx.ZX_CHANNEL_MAX_MSG_BYTES).toBe(65536);
    expect(zx.ZX_CHANNEL_MAX_MSG_HANDLES).toBe(64);
    expect(zx.ZX_WAIT_MANY_MAX_ITEMS).toBe(16);
    expect(zx.ZX_HANDLE_INVALID).toBe(0);
  });
});

// =============================================================================================
// Sockets

describe('socket_create', () => {
  it('INVALID_ARGS: options outside ZX_SOCKET_CREATE_MASK; outs untouched', () => {
    const { sys } = boot();
    for (const opts of [0x8, 0x10, 0xf, 0x80000000]) {
      const a = box(SENTINEL_H);
      const b = box(SENTINEL_H);
      expect(sys.zx_socket_create(opts, a, b)).toBe(ZX_ERR_INVALID_ARGS);
      expect(a.value).toBe(SENTINEL_H);
      expect(b.value).toBe(SENTINEL_H);
    }
  });

  it(
    // Spec §2.4 notes that Zircon installs the first endpoint when only the second cannot get a
    // slot. zxkit's wrapper contract installs acquired handles only on success, so with one free
    // slot nothing is installed and nothing leaks; that slot stays free.
    'NO_MEMORY: handle arena exhausted; with one free slot nothing is installed and nothing leaks',
    () => {
      const a = fullArena();
      const o0 = box(SENTINEL_H);
      const o1 = box(SENTINEL_H);
      expect(a.sys.zx_socket_create(0, o0, o1)).toBe(ZX_ERR_NO_MEMORY);
      expect(o0.value).toBe(SENTINEL_H);
      expect(o1.value).toBe(SENTINEL_H);

      freeSlots(a, 1);
      const before = a.kernel.stats();
      expect(a.sys.zx_socket_create(0, o0, o1)).toBe(ZX_ERR_NO_MEMORY);
      expect([o0.value, o1.value]).toEqual([SENTINEL_H, SENTINEL_H]);
      expect(a.kernel.stats()).toEqual(before);
      const ev = box(SENTINEL_H);
      expect(a.sys.zx_event_create(0, ev)).toBe(ZX_OK); // the free slot is still there
      expect(a.sys.zx_handle_close(ev.value)).toBe(ZX_OK);
    },
    HEAVY,
  );
});

describe('socket_write', () => {
  it('INVALID_ARGS: null buffer with size > 0 is checked before the handle lookup', () => {
    const { sys, badHandles } = world();
    const [s0] = mkSocket(sys);
    for (const h of [s0, ...badHandles.map(([, v]) => v)]) {
      const actual = box(SENTINEL);
      expect(sys.zx_socket_write(h, 0, null, 4, actual)).toBe(ZX_ERR_INVALID_ARGS);
      expect(actual.value).toBe(SENTINEL);
    }
    // ... and before the options check
    expect(sys.zx_socket_write(s0, 0x99, null, 1, null)).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('INVALID_ARGS: buffer shorter than size (unreadable)', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(s0, 0, new Uint8Array(2), 8, actual)).toBe(ZX_ERR_INVALID_ARGS);
    expect(actual.value).toBe(SENTINEL);
    expect(sockRead(sys, s1, 8).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('BAD_HANDLE', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const actual = box(SENTINEL);
      expect(sys.zx_socket_write(h, 0, new Uint8Array(1), 1, actual), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(actual.value).toBe(SENTINEL);
    }
    // options are checked after the lookup
    expect(sys.zx_socket_write(0, 0x99, new Uint8Array(1), 1, null)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED: handle without WRITE; rights come before type', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const ro = dup(sys, s0, minus(SOCKET_RIGHTS, ZX_RIGHT_WRITE));
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(ro, 0, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(actual.value).toBe(SENTINEL);
    expect(sys.zx_socket_write(mkEvent(sys), 0, new Uint8Array(1), 1, null)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_socket_write(mkEventpair(sys)[0], 0, new Uint8Array(1), 1, null)).toBe(ZX_ERR_ACCESS_DENIED);
  });

  it('WRONG_TYPE: object with WRITE that is not a socket', () => {
    const { sys } = boot();
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(mkPort(sys), 0, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_socket_write(mkChannel(sys)[0], 0, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_WRONG_TYPE);
    expect(actual.value).toBe(SENTINEL);
  });

  it('INVALID_ARGS: options other than 0 or ZX_SOCKET_CONTROL', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    for (const o of [1, 2, 8, ZX_SOCKET_CONTROL | 1, 0x80000000]) {
      const actual = box(SENTINEL);
      expect(sys.zx_socket_write(s0, o, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_INVALID_ARGS);
      expect(actual.value).toBe(SENTINEL);
    }
  });

  it('PEER_CLOSED: data and control; checked before WRITE_DISABLED; size 0 too', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    expect(sys.zx_socket_shutdown(s0, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_OK);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(s0, 0, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_socket_write(s0, 0, null, 0, actual)).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_socket_write(s0, ZX_SOCKET_CONTROL, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_PEER_CLOSED);
    expect(actual.value).toBe(SENTINEL);
  });

  it('BAD_STATE: write-disabled (own shutdown or peer SHUTDOWN_READ), size 0 included; control without HAS_CONTROL', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_socket_shutdown(s0, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_OK);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(s0, 0, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_socket_write(s0, 0, null, 0, actual)).toBe(ZX_ERR_BAD_STATE);
    expect(actual.value).toBe(SENTINEL);

    const [t0, t1] = mkSocket(sys);
    expect(sys.zx_socket_shutdown(t1, ZX_SOCKET_SHUTDOWN_READ)).toBe(ZX_OK);
    expect(sys.zx_socket_write(t0, 0, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_BAD_STATE);

    // BAD_STATE comes before the control size checks
    expect(sys.zx_socket_write(s1, ZX_SOCKET_CONTROL, null, 0, actual)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_socket_write(s1, ZX_SOCKET_CONTROL, new Uint8Array(2000), 2000, actual)).toBe(ZX_ERR_BAD_STATE);
    expect(actual.value).toBe(SENTINEL);
  });

  it('SHOULD_WAIT: stream full, datagram does not fit, control slot occupied', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    expect(sockWrite(sys, s0, new Uint8Array(CAP)).actual).toBe(CAP);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(s0, 0, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(actual.value).toBe(SENTINEL);

    const [d0] = mkSocket(sys, ZX_SOCKET_DATAGRAM);
    expect(sockWrite(sys, d0, new Uint8Array(CAP - 1)).actual).toBe(CAP - 1);
    expect(sys.zx_socket_write(d0, 0, new Uint8Array(2), 2, actual)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(actual.value).toBe(SENTINEL);

    const [c0] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    expect(sockWrite(sys, c0, 'a', ZX_SOCKET_CONTROL).status).toBe(ZX_OK);
    expect(sys.zx_socket_write(c0, ZX_SOCKET_CONTROL, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(actual.value).toBe(SENTINEL);
  });

  it('OUT_OF_RANGE: datagram > 257024; control > 1024 (checked before PEER_CLOSED)', () => {
    const { sys } = boot();
    const [d0] = mkSocket(sys, ZX_SOCKET_DATAGRAM);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(d0, 0, new Uint8Array(CAP + 1), CAP + 1, actual)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(actual.value).toBe(SENTINEL);
    expect(sockWrite(sys, d0, new Uint8Array(CAP)).actual).toBe(CAP);

    const [c0, c1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    expect(sys.zx_socket_write(c0, ZX_SOCKET_CONTROL, new Uint8Array(1025), 1025, actual)).toBe(
      ZX_ERR_OUT_OF_RANGE,
    );
    expect(actual.value).toBe(SENTINEL);
    expect(sockWrite(sys, c0, new Uint8Array(1024), ZX_SOCKET_CONTROL)).toEqual({ status: ZX_OK, actual: 1024 });
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK);
    expect(sys.zx_socket_write(c0, ZX_SOCKET_CONTROL, new Uint8Array(1025), 1025, actual)).toBe(
      ZX_ERR_OUT_OF_RANGE,
    );
  });

  it('INVALID_ARGS: zero-length control write', () => {
    const { sys } = boot();
    const [c0, c1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(c0, ZX_SOCKET_CONTROL, null, 0, actual)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_socket_write(c0, ZX_SOCKET_CONTROL, new Uint8Array(4), 0, actual)).toBe(ZX_ERR_INVALID_ARGS);
    expect(actual.value).toBe(SENTINEL);
    // size 0 is checked before the peer
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK);
    expect(sys.zx_socket_write(c0, ZX_SOCKET_CONTROL, null, 0, actual)).toBe(ZX_ERR_INVALID_ARGS);
  });
});

describe('socket_read', () => {
  it('INVALID_ARGS: null buffer with size > 0 is checked before the handle lookup', () => {
    const { sys, badHandles } = world();
    const [s0, s1] = mkSocket(sys);
    expect(sockWrite(sys, s1, 'data').status).toBe(ZX_OK);
    for (const h of [s0, ...badHandles.map(([, v]) => v)]) {
      const actual = box(SENTINEL);
      expect(sys.zx_socket_read(h, 0, null, 4, actual)).toBe(ZX_ERR_INVALID_ARGS);
      expect(actual.value).toBe(SENTINEL);
    }
    expect(sockRead(sys, s0, 4).text).toBe('data');
  });

  it('BAD_HANDLE', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const actual = box(SENTINEL);
      expect(sys.zx_socket_read(h, 0, new Uint8Array(1), 1, actual), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(actual.value).toBe(SENTINEL);
    }
    expect(sys.zx_socket_read(0, 0x99, new Uint8Array(1), 1, null)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED: handle without READ; an event gives ACCESS_DENIED, not WRONG_TYPE', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const wo = dup(sys, s0, minus(SOCKET_RIGHTS, ZX_RIGHT_READ));
    const actual = box(SENTINEL);
    expect(sys.zx_socket_read(wo, 0, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_socket_read(mkEvent(sys), 0, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(actual.value).toBe(SENTINEL);
  });

  it('WRONG_TYPE: port or channel (they have READ)', () => {
    const { sys } = boot();
    const actual = box(SENTINEL);
    expect(sys.zx_socket_read(mkPort(sys), 0, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_socket_read(mkChannel(sys)[0], 0, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_WRONG_TYPE);
    expect(actual.value).toBe(SENTINEL);
  });

  it('INVALID_ARGS: options other than 0 or ZX_SOCKET_CONTROL', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    expect(sockWrite(sys, s1, 'x').status).toBe(ZX_OK);
    for (const o of [1, 2, 8, ZX_SOCKET_CONTROL | 8]) {
      const actual = box(SENTINEL);
      expect(sys.zx_socket_read(s0, o, new Uint8Array(1), 1, actual)).toBe(ZX_ERR_INVALID_ARGS);
      expect(actual.value).toBe(SENTINEL);
    }
  });

  it('SHOULD_WAIT: empty data buffer; empty control slot, even after the peer closed', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_read(s0, 0, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(sys.zx_socket_read(s0, ZX_SOCKET_CONTROL, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    expect(sys.zx_socket_read(s0, ZX_SOCKET_CONTROL, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(actual.value).toBe(SENTINEL);
  });

  it('PEER_CLOSED: empty buffer and peer gone; beats BAD_STATE', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_socket_shutdown(s0, ZX_SOCKET_SHUTDOWN_READ)).toBe(ZX_OK);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_read(s0, 0, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_socket_read(s0, 0, null, 0, actual)).toBe(ZX_ERR_PEER_CLOSED);
    expect(actual.value).toBe(SENTINEL);
  });

  it('BAD_STATE: read-disabled and empty; control read without HAS_CONTROL', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_socket_shutdown(s1, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_OK);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_read(s0, 0, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_socket_read(s0, 0, null, 0, actual)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_socket_read(s1, ZX_SOCKET_CONTROL, new Uint8Array(4), 4, actual)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_socket_read(s1, ZX_SOCKET_CONTROL, null, 0, actual)).toBe(ZX_ERR_BAD_STATE);
    expect(actual.value).toBe(SENTINEL);
  });
});

describe('socket_share', () => {
  it('BAD_HANDLE (handle): socket_to_share is consumed anyway', async () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const v = victim(sys);
      expect(sys.zx_socket_share(h, v.s), name).toBe(ZX_ERR_BAD_HANDLE);
      await victimDestroyed(sys, v);
    }
  });

  it('ACCESS_DENIED (handle lacks WRITE): socket_to_share is consumed', async () => {
    const { sys } = boot();
    const [a0] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const ro = dup(sys, a0, minus(SOCKET_RIGHTS, ZX_RIGHT_WRITE));
    const v = victim(sys);
    expect(sys.zx_socket_share(ro, v.s)).toBe(ZX_ERR_ACCESS_DENIED);
    await victimDestroyed(sys, v);
    const v2 = victim(sys);
    expect(sys.zx_socket_share(mkEvent(sys), v2.s)).toBe(ZX_ERR_ACCESS_DENIED);
    await victimDestroyed(sys, v2);
  });

  it('WRONG_TYPE (handle is not a socket): socket_to_share is consumed', async () => {
    const { sys } = boot();
    const v = victim(sys);
    expect(sys.zx_socket_share(mkChannel(sys)[0], v.s)).toBe(ZX_ERR_WRONG_TYPE);
    await victimDestroyed(sys, v);
  });

  it('BAD_HANDLE (socket_to_share invalid)', () => {
    const { sys, badHandles } = world();
    const [a0, a1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    for (const [name, h] of badHandles) expect(sys.zx_socket_share(a0, h), name).toBe(ZX_ERR_BAD_HANDLE);
    notConsumed(sys, a0);
    notConsumed(sys, a1);
  });

  it('ACCESS_DENIED (socket_to_share lacks TRANSFER): consumed', async () => {
    const { sys } = boot();
    const [a0] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const v = victim(sys);
    const nt = replace(sys, v.s, minus(SOCKET_RIGHTS, ZX_RIGHT_TRANSFER));
    expect(sys.zx_socket_share(a0, nt)).toBe(ZX_ERR_ACCESS_DENIED);
    await victimDestroyed(sys, { s: nt, peer: v.peer });
    // rights before type: an event without TRANSFER
    const ev = dup(sys, mkEvent(sys), minus(EVENT_RIGHTS, ZX_RIGHT_TRANSFER));
    expect(sys.zx_socket_share(a0, ev)).toBe(ZX_ERR_ACCESS_DENIED);
    consumed(sys, ev);
  });

  it('WRONG_TYPE (socket_to_share is not a socket): consumed', async () => {
    const { sys } = boot();
    const [a0] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const [e0, e1] = mkEventpair(sys);
    expect(sys.zx_socket_share(a0, e0)).toBe(ZX_ERR_WRONG_TYPE);
    consumed(sys, e0);
    expect(await sig(sys, e1)).toBe(ZX_EVENTPAIR_PEER_CLOSED);
    const [c0, c1] = mkChannel(sys);
    expect(sys.zx_socket_share(a0, c0)).toBe(ZX_ERR_WRONG_TYPE);
    consumed(sys, c0);
    expect(await sig(sys, c1)).toBe(ZX_CHANNEL_PEER_CLOSED);
  });

  it('BAD_STATE: sharing a HAS_ACCEPT socket, the endpoint itself, or its peer (consumed)', async () => {
    const { sys } = boot();
    // a HAS_ACCEPT socket over a plain socket: BAD_STATE wins over NOT_SUPPORTED
    const [p0] = mkSocket(sys);
    const [x0, x1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    expect(sys.zx_socket_share(p0, x0)).toBe(ZX_ERR_BAD_STATE);
    consumed(sys, x0);
    expect((await sig(sys, x1)) & ZX_SOCKET_PEER_CLOSED).toBe(ZX_SOCKET_PEER_CLOSED);

    const [a0, a1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const [y0] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    expect(sys.zx_socket_share(a0, y0)).toBe(ZX_ERR_BAD_STATE);
    consumed(sys, y0);
    // self, through a duplicate so that a0 survives
    const self = dup(sys, a0);
    expect(sys.zx_socket_share(a0, self)).toBe(ZX_ERR_BAD_STATE);
    consumed(sys, self);
    const peer = dup(sys, a1);
    expect(sys.zx_socket_share(a0, peer)).toBe(ZX_ERR_BAD_STATE);
    consumed(sys, peer);
    notConsumed(sys, a0);
    notConsumed(sys, a1);
  });

  it('BAD_STATE for the endpoint or its peer comes after socket_to_share\'s rights, before every core status', () => {
    const { sys } = boot();
    const [a0, a1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    // Its own rights first: the peer without TRANSFER is ACCESS_DENIED, not BAD_STATE.
    const noTransfer = dup(sys, a1, minus(SOCKET_RIGHTS, ZX_RIGHT_TRANSFER));
    expect(sys.zx_socket_share(a0, noTransfer)).toBe(ZX_ERR_ACCESS_DENIED);
    consumed(sys, noTransfer);
    // Before NOT_SUPPORTED: a plain socket offering its own peer.
    const [p0, p1] = mkSocket(sys);
    const plainPeer = dup(sys, p1);
    expect(sys.zx_socket_share(p0, plainPeer)).toBe(ZX_ERR_BAD_STATE);
    consumed(sys, plainPeer);
    // Before SHOULD_WAIT: the accept queue is full, and the endpoint offers itself.
    const v = victim(sys);
    expect(sys.zx_socket_share(a0, v.s)).toBe(ZX_OK);
    const self = dup(sys, a0);
    expect(sys.zx_socket_share(a0, self)).toBe(ZX_ERR_BAD_STATE);
    consumed(sys, self);
    // Before PEER_CLOSED: with its peer gone, the endpoint still may not share itself.
    const [c0, c1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK);
    const selfC = dup(sys, c0);
    expect(sys.zx_socket_share(c0, selfC)).toBe(ZX_ERR_BAD_STATE);
    consumed(sys, selfC);
    notConsumed(sys, a0);
    notConsumed(sys, a1);
  });

  it('NOT_SUPPORTED: handle lacks HAS_ACCEPT (consumed)', async () => {
    const { sys } = boot();
    const [p0] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL | ZX_SOCKET_DATAGRAM);
    const v = victim(sys);
    expect(sys.zx_socket_share(p0, v.s)).toBe(ZX_ERR_NOT_SUPPORTED);
    await victimDestroyed(sys, v);
  });

  it('PEER_CLOSED: consumed', async () => {
    const { sys } = boot();
    const [a0, a1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    expect(sys.zx_handle_close(a1)).toBe(ZX_OK);
    const v = victim(sys);
    expect(sys.zx_socket_share(a0, v.s)).toBe(ZX_ERR_PEER_CLOSED);
    await victimDestroyed(sys, v);
  });

  it('SHOULD_WAIT: accept queue occupied; the offered socket is destroyed', async () => {
    const { sys } = boot();
    const [a0] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const first = victim(sys);
    expect(sys.zx_socket_share(a0, first.s)).toBe(ZX_OK);
    expect(await sig(sys, first.peer)).toBe(ZX_SOCKET_WRITABLE); // queued, still alive
    const v = victim(sys);
    expect(sys.zx_socket_share(a0, v.s)).toBe(ZX_ERR_SHOULD_WAIT);
    await victimDestroyed(sys, v);
  });
});

describe('socket_accept', () => {
  it('BAD_HANDLE', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const out = box(SENTINEL_H);
      expect(sys.zx_socket_accept(h, out), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(out.value).toBe(SENTINEL_H);
    }
  });

  it('ACCESS_DENIED: handle without READ (events too: rights before type)', () => {
    const { sys } = boot();
    const [a0] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const out = box(SENTINEL_H);
    expect(sys.zx_socket_accept(dup(sys, a0, minus(SOCKET_RIGHTS, ZX_RIGHT_READ)), out)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_socket_accept(mkEvent(sys), out)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(out.value).toBe(SENTINEL_H);
  });

  it('WRONG_TYPE: channel or port', () => {
    const { sys } = boot();
    const out = box(SENTINEL_H);
    expect(sys.zx_socket_accept(mkChannel(sys)[0], out)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_socket_accept(mkPort(sys), out)).toBe(ZX_ERR_WRONG_TYPE);
    expect(out.value).toBe(SENTINEL_H);
  });

  it('NOT_SUPPORTED: socket without HAS_ACCEPT', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    const out = box(SENTINEL_H);
    expect(sys.zx_socket_accept(s0, out)).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(out.value).toBe(SENTINEL_H);
  });

  it('SHOULD_WAIT: empty accept queue (also after the peer closed)', () => {
    const { sys } = boot();
    const [a0, a1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const out = box(SENTINEL_H);
    expect(sys.zx_socket_accept(a0, out)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(sys.zx_handle_close(a1)).toBe(ZX_OK);
    expect(sys.zx_socket_accept(a0, out)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(out.value).toBe(SENTINEL_H);
  });
});

describe('socket_shutdown', () => {
  it('INVALID_ARGS: options outside ZX_SOCKET_SHUTDOWN_MASK, checked before the lookup', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    for (const o of [4, 7, 0x80000000]) {
      expect(sys.zx_socket_shutdown(s0, o)).toBe(ZX_ERR_INVALID_ARGS);
      expect(sys.zx_socket_shutdown(0, o)).toBe(ZX_ERR_INVALID_ARGS);
    }
  });

  it('BAD_HANDLE', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) expect(sys.zx_socket_shutdown(h, ZX_SOCKET_SHUTDOWN_WRITE), name).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED: WRITE is required even for SHUTDOWN_READ', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const ro = dup(sys, s0, minus(SOCKET_RIGHTS, ZX_RIGHT_WRITE));
    expect(sys.zx_socket_shutdown(ro, ZX_SOCKET_SHUTDOWN_READ)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_socket_shutdown(ro, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_socket_shutdown(mkEvent(sys), ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_ERR_ACCESS_DENIED);
  });

  it('WRONG_TYPE: channel or port', () => {
    const { sys } = boot();
    expect(sys.zx_socket_shutdown(mkChannel(sys)[0], ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_socket_shutdown(mkPort(sys), ZX_SOCKET_SHUTDOWN_READ)).toBe(ZX_ERR_WRONG_TYPE);
  });
});

// =============================================================================================
// Handles

describe('handle_close', () => {
  it('OK: ZX_HANDLE_INVALID is a no-op', () => {
    const { sys } = boot();
    expect(sys.zx_handle_close(0)).toBe(ZX_OK);
  });

  it('BAD_HANDLE: closed, foreign and garbage values; double close', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles.filter(([, v]) => v !== 0)) {
      expect(sys.zx_handle_close(h), name).toBe(ZX_ERR_BAD_HANDLE);
    }
    const ev = mkEvent(sys);
    expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ev)).toBe(ZX_ERR_BAD_HANDLE);
  });
});

describe('handle_close_many', () => {
  it('OK: zero entries are skipped; count 0', () => {
    const { sys } = boot();
    expect(sys.zx_handle_close_many([0, 0, 0], 3)).toBe(ZX_OK);
    expect(sys.zx_handle_close_many([], 0)).toBe(ZX_OK);
    const ev = mkEvent(sys);
    expect(sys.zx_handle_close_many([ev, 0], 2)).toBe(ZX_OK);
    expect(isValid(sys, ev)).toBe(false);
  });

  it('BAD_HANDLE: invalid entry; everything else is still closed', async () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles.filter(([, v]) => v !== 0)) {
      const [e0, e1] = mkEventpair(sys);
      const ev = mkEvent(sys);
      expect(sys.zx_handle_close_many([e0, h, ev], 3), name).toBe(ZX_ERR_BAD_HANDLE);
      consumed(sys, e0);
      consumed(sys, ev);
      expect(await sig(sys, e1)).toBe(ZX_EVENTPAIR_PEER_CLOSED);
    }
  });

  it('BAD_HANDLE: repeated entry', () => {
    const { sys } = boot();
    const a = mkEvent(sys);
    const b = mkEvent(sys);
    expect(sys.zx_handle_close_many(Uint32Array.from([a, a, b]), 3)).toBe(ZX_ERR_BAD_HANDLE);
    consumed(sys, a);
    consumed(sys, b);
  });

  it('only the first count entries are closed', () => {
    const { sys } = boot();
    const a = mkEvent(sys);
    const b = mkEvent(sys);
    expect(sys.zx_handle_close_many([a, b], 1)).toBe(ZX_OK);
    consumed(sys, a);
    notConsumed(sys, b);
  });
});

describe('handle_duplicate', () => {
  it('BAD_HANDLE', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const out = box(SENTINEL_H);
      expect(sys.zx_handle_duplicate(h, ZX_RIGHT_SAME_RIGHTS, out), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(out.value).toBe(SENTINEL_H);
    }
  });

  it('ACCESS_DENIED: source lacks DUPLICATE (channels never have it)', () => {
    const { sys } = boot();
    const out = box(SENTINEL_H);
    expect(sys.zx_handle_duplicate(mkChannel(sys)[0], ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_ERR_ACCESS_DENIED);
    const nd = dup(sys, mkEvent(sys), minus(EVENT_RIGHTS, ZX_RIGHT_DUPLICATE));
    expect(sys.zx_handle_duplicate(nd, 0, out)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(out.value).toBe(SENTINEL_H);
  });

  it('INVALID_ARGS: rights not a subset; SAME_RIGHTS combined with other bits', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const out = box(SENTINEL_H);
    expect(sys.zx_handle_duplicate(ev, ZX_RIGHT_WRITE, out)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_handle_duplicate(ev, (ZX_RIGHT_SAME_RIGHTS | ZX_RIGHT_WAIT) >>> 0, out)).toBe(ZX_ERR_INVALID_ARGS);
    expect(out.value).toBe(SENTINEL_H);
    expect(handleCount(sys, ev)).toBe(1);
    // rights = 0 is allowed
    expect(sys.zx_handle_duplicate(ev, 0, out)).toBe(ZX_OK);
    expect(handleBasic(sys, out.value).rights).toBe(0);
  });

  it(
    'NO_MEMORY: handle arena exhausted',
    () => {
      const a = fullArena();
      const out = box(SENTINEL_H);
      expect(a.sys.zx_handle_duplicate(a.ev, ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_ERR_NO_MEMORY);
      expect(out.value).toBe(SENTINEL_H);
    },
    HEAVY,
  );
});

describe('handle_replace', () => {
  it('BAD_HANDLE: nothing happens', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const out = box(SENTINEL_H);
      expect(sys.zx_handle_replace(h, ZX_RIGHT_SAME_RIGHTS, out), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(out.value).toBe(SENTINEL_H);
    }
  });

  it('INVALID_ARGS: rights not a subset; the source is consumed anyway', async () => {
    const { sys } = boot();
    const [e0, e1] = mkEventpair(sys);
    const out = box(SENTINEL_H);
    expect(sys.zx_handle_replace(e0, ZX_RIGHT_WRITE, out)).toBe(ZX_ERR_INVALID_ARGS);
    expect(out.value).toBe(SENTINEL_H);
    consumed(sys, e0);
    expect(await sig(sys, e1)).toBe(ZX_EVENTPAIR_PEER_CLOSED);
    const ev = mkEvent(sys);
    expect(sys.zx_handle_replace(ev, (ZX_RIGHT_SAME_RIGHTS | 1) >>> 0, out)).toBe(ZX_ERR_INVALID_ARGS);
    consumed(sys, ev);
  });

  it(
    'NO_MEMORY: handle arena exhausted; the source is removed',
    () => {
      const a = fullArena();
      const src = a.dups.pop()!;
      const out = box(SENTINEL_H);
      expect(a.sys.zx_handle_replace(src, ZX_RIGHTS_BASIC, out)).toBe(ZX_ERR_NO_MEMORY);
      expect(out.value).toBe(SENTINEL_H);
      consumed(a.sys, src);
    },
    HEAVY,
  );
});

// =============================================================================================
// Generic object operations

describe('object_wait_one', () => {
  it('BAD_HANDLE: observed untouched', async () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const observed = box(SENTINEL);
      expect(await sys.zx_object_wait_one(h, ZX_EVENT_SIGNALED, 0n, observed), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(observed.value).toBe(SENTINEL);
    }
  });

  it('ACCESS_DENIED: ports (no WAIT right) and handles without WAIT', async () => {
    const { sys } = boot();
    const observed = box(SENTINEL);
    expect(await sys.zx_object_wait_one(mkPort(sys), 1, 0n, observed)).toBe(ZX_ERR_ACCESS_DENIED);
    const nw = dup(sys, mkEvent(sys), minus(EVENT_RIGHTS, ZX_RIGHT_WAIT));
    expect(await sys.zx_object_wait_one(nw, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, observed)).toBe(
      ZX_ERR_ACCESS_DENIED,
    );
    expect(observed.value).toBe(SENTINEL);
  });

  it('TIMED_OUT: poll and real deadline; observed = current state', async () => {
    const { kernel, sys } = boot();
    const ev = mkEvent(sys);
    expect(sys.zx_object_signal(ev, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    const observed = box(SENTINEL);
    expect(await sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, 0n, observed)).toBe(ZX_ERR_TIMED_OUT);
    expect(observed.value).toBe(ZX_USER_SIGNAL_0);
    observed.value = SENTINEL;
    expect(await sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, after(kernel, 20n * MS), observed)).toBe(
      ZX_ERR_TIMED_OUT,
    );
    expect(observed.value).toBe(ZX_USER_SIGNAL_0);
  });

  it('CANCELED: the waited handle is closed (CANCELED wins over OK)', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const observed = box(SENTINEL);
    const w = track(sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, observed));
    await sleep(2);
    expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
    expect(await w.promise).toBe(ZX_ERR_CANCELED);
    expect(observed.value).toBe(ZX_SIGNAL_HANDLE_CLOSED);
  });
});

describe('object_wait_many', () => {
  const item = (handle: number, waitfor: number) => ({ handle, waitfor, pending: SENTINEL });

  it('TIMED_OUT: count 0 sleeps until the deadline and never reads items', async () => {
    const { kernel, sys } = boot();
    expect(await sys.zx_object_wait_many(bad(null), 0, 0n)).toBe(ZX_ERR_TIMED_OUT);
    expect(await sys.zx_object_wait_many([], 0, after(kernel, 20n * MS))).toBe(ZX_ERR_TIMED_OUT);
  });

  it('OUT_OF_RANGE: more than 16 items (checked before the items are read)', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const items = Array.from({ length: 17 }, () => item(ev, ZX_EVENT_SIGNALED));
    expect(await sys.zx_object_wait_many(items, 17, 0n)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(items.every((i) => i.pending === SENTINEL)).toBe(true);
    expect(await sys.zx_object_wait_many([item(ev, 1)], 17, 0n)).toBe(ZX_ERR_OUT_OF_RANGE);
    // 16 is fine
    const sixteen = Array.from({ length: 16 }, () => item(ev, ZX_EVENT_SIGNALED));
    expect(await sys.zx_object_wait_many(sixteen, 16, 0n)).toBe(ZX_ERR_TIMED_OUT);
    expect(sixteen.every((i) => i.pending === 0)).toBe(true);
  });

  it('INVALID_ARGS: unreadable items array', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    expect(await sys.zx_object_wait_many(bad(null), 2, 0n)).toBe(ZX_ERR_INVALID_ARGS);
    const short = [item(ev, ZX_EVENT_SIGNALED)];
    expect(await sys.zx_object_wait_many(short, 3, 0n)).toBe(ZX_ERR_INVALID_ARGS);
    expect(short[0].pending).toBe(SENTINEL);
  });

  it('BAD_HANDLE: any item; items are not written back', async () => {
    const { sys, badHandles } = world();
    const ev = mkEvent(sys);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    for (const [name, h] of badHandles) {
      const items = [item(ev, ZX_EVENT_SIGNALED), item(h, ZX_EVENT_SIGNALED)];
      expect(await sys.zx_object_wait_many(items, 2, ZX_TIME_INFINITE), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(items.map((i) => i.pending)).toEqual([SENTINEL, SENTINEL]);
    }
  });

  it('ACCESS_DENIED: an item without WAIT (a port)', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const items = [item(ev, ZX_EVENT_SIGNALED), item(mkPort(sys), 1)];
    expect(await sys.zx_object_wait_many(items, 2, ZX_TIME_INFINITE)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(items.map((i) => i.pending)).toEqual([SENTINEL, SENTINEL]);
    // the first failing item decides: BAD_HANDLE before a later ACCESS_DENIED
    const items2 = [item(0, 1), item(mkPort(sys), 1)];
    expect(await sys.zx_object_wait_many(items2, 2, 0n)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('TIMED_OUT: every pending is written', async () => {
    const { kernel, sys } = boot();
    const ev = mkEvent(sys);
    const [c0] = mkChannel(sys);
    const items = [item(ev, ZX_EVENT_SIGNALED), item(c0, ZX_CHANNEL_READABLE)];
    expect(await sys.zx_object_wait_many(items, 2, after(kernel, 20n * MS))).toBe(ZX_ERR_TIMED_OUT);
    expect(items.map((i) => i.pending)).toEqual([0, ZX_SOCKET_WRITABLE]);
  });

  it('CANCELED: a listed handle is closed during the wait', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const [e0] = mkEventpair(sys);
    const items = [item(ev, ZX_EVENT_SIGNALED), item(e0, ZX_EVENTPAIR_PEER_CLOSED)];
    const w = track(sys.zx_object_wait_many(items, 2, ZX_TIME_INFINITE));
    await sleep(2);
    expect(sys.zx_handle_close(e0)).toBe(ZX_OK);
    expect(await w.promise).toBe(ZX_ERR_CANCELED);
    expect(items[1].pending & ZX_SIGNAL_HANDLE_CLOSED).toBe(ZX_SIGNAL_HANDLE_CLOSED);
    expect(items[0].pending).toBe(0);
  });
});

describe('object_wait_async', () => {
  it('BAD_HANDLE (port)', () => {
    const { sys, badHandles } = world();
    const ev = mkEvent(sys);
    for (const [name, p] of badHandles) {
      expect(sys.zx_object_wait_async(ev, p, 1n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE), name).toBe(
        ZX_ERR_BAD_HANDLE,
      );
    }
  });

  it('ACCESS_DENIED (port lacks WRITE; an event as port)', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    const ro = dup(sys, mkPort(sys), minus(PORT_RIGHTS, ZX_RIGHT_WRITE));
    expect(sys.zx_object_wait_async(ev, ro, 1n, ZX_EVENT_SIGNALED, 0)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_object_wait_async(ev, mkEvent(sys), 1n, ZX_EVENT_SIGNALED, 0)).toBe(ZX_ERR_ACCESS_DENIED);
  });

  it('WRONG_TYPE (port is a channel or socket); the port is checked before the handle', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    expect(sys.zx_object_wait_async(ev, mkChannel(sys)[0], 1n, ZX_EVENT_SIGNALED, 0)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_object_wait_async(ev, mkSocket(sys)[0], 1n, ZX_EVENT_SIGNALED, 0)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_object_wait_async(0, mkChannel(sys)[0], 1n, ZX_EVENT_SIGNALED, 0)).toBe(ZX_ERR_WRONG_TYPE);
  });

  it('BAD_HANDLE (handle)', () => {
    const { sys, badHandles } = world();
    const port = mkPort(sys);
    for (const [name, h] of badHandles) {
      expect(sys.zx_object_wait_async(h, port, 1n, ZX_EVENT_SIGNALED, 0), name).toBe(ZX_ERR_BAD_HANDLE);
    }
    // options are checked after the handles
    expect(sys.zx_object_wait_async(0, port, 1n, ZX_EVENT_SIGNALED, 2)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED (handle lacks WAIT; a port as handle)', () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const nw = dup(sys, mkEvent(sys), minus(EVENT_RIGHTS, ZX_RIGHT_WAIT));
    expect(sys.zx_object_wait_async(nw, port, 1n, ZX_EVENT_SIGNALED, 0)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_object_wait_async(mkPort(sys), port, 1n, 1, 0)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_object_wait_async(port, port, 1n, 1, 0)).toBe(ZX_ERR_ACCESS_DENIED);
  });

  it('INVALID_ARGS: options not ONCE or REPEATING', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    for (const o of [2, 3, 0x80000000]) {
      expect(sys.zx_object_wait_async(ev, port, 1n, ZX_EVENT_SIGNALED, o)).toBe(ZX_ERR_INVALID_ARGS);
    }
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await sys.zx_port_wait(port, 0n, blankPacket())).toBe(ZX_ERR_TIMED_OUT); // nothing registered
  });
});

describe('object_signal', () => {
  it('BAD_HANDLE', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) expect(sys.zx_object_signal(h, 0, ZX_USER_SIGNAL_0), name).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED: ports have no SIGNAL; handles without SIGNAL', () => {
    const { sys } = boot();
    expect(sys.zx_object_signal(mkPort(sys), 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_ACCESS_DENIED);
    const ns = dup(sys, mkEvent(sys), minus(EVENT_RIGHTS, ZX_RIGHT_SIGNAL));
    expect(sys.zx_object_signal(ns, 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_ACCESS_DENIED);
    const [s0] = mkSocket(sys);
    expect(sys.zx_object_signal(dup(sys, s0, minus(SOCKET_RIGHTS, ZX_RIGHT_SIGNAL)), 0, ZX_USER_SIGNAL_0)).toBe(
      ZX_ERR_ACCESS_DENIED,
    );
  });

  it('INVALID_ARGS: bits outside the allowed mask, in either mask', async () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const [c0] = mkChannel(sys);
    const ev = mkEvent(sys);
    const [e0] = mkEventpair(sys);
    expect(sys.zx_object_signal(s0, 0, ZX_EVENT_SIGNALED)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_signal(s0, ZX_SOCKET_WRITABLE, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_signal(c0, 0, 0x1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_signal(c0, 0x800000, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_signal(ev, 0, 0x4)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_signal(e0, 0, 0x10)).toBe(ZX_ERR_INVALID_ARGS);
    expect(await sig(sys, s0)).toBe(ZX_SOCKET_WRITABLE);
    expect(await sig(sys, ev)).toBe(0);
  });

  it('OK on self after the peer closed', async () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    expect(sys.zx_object_signal(s0, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect(await sig(sys, s0)).toBe((ZX_SOCKET_PEER_CLOSED | ZX_USER_SIGNAL_0) >>> 0);
  });
});

describe('object_signal_peer', () => {
  it('BAD_HANDLE', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) expect(sys.zx_object_signal_peer(h, 0, ZX_USER_SIGNAL_0), name).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED: events and ports lack SIGNAL_PEER; handles without it', () => {
    const { sys } = boot();
    expect(sys.zx_object_signal_peer(mkEvent(sys), 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_object_signal_peer(mkPort(sys), 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_ACCESS_DENIED);
    const [e0] = mkEventpair(sys);
    const np = dup(sys, e0, minus(0xf003, ZX_RIGHT_SIGNAL_PEER));
    expect(sys.zx_object_signal_peer(np, 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_ACCESS_DENIED);
  });

  it('INVALID_ARGS: bad mask bits, checked before the peer', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_object_signal_peer(s0, ZX_SOCKET_WRITABLE, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    expect(sys.zx_object_signal_peer(s0, ZX_SOCKET_WRITABLE, 0)).toBe(ZX_ERR_INVALID_ARGS);
    const [e0, e1] = mkEventpair(sys);
    expect(sys.zx_object_signal_peer(e0, 0, 0x1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_handle_close(e1)).toBe(ZX_OK);
    expect(sys.zx_object_signal_peer(e0, 0, 0x1)).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('PEER_CLOSED: socket, channel, eventpair', () => {
    const { sys } = boot();
    for (const mk of [() => mkSocket(sys), () => mkChannel(sys), () => mkEventpair(sys)]) {
      const [a, b] = mk();
      expect(sys.zx_handle_close(b)).toBe(ZX_OK);
      expect(sys.zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_PEER_CLOSED);
    }
  });
});

describe('object_get_info', () => {
  it('NOT_SUPPORTED: unknown topic, before the handle is looked at', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    for (const topic of [5, 6, 1000, 0x7fffffff]) {
      const actual = box(SENTINEL);
      const avail = box(SENTINEL);
      expect(sys.zx_object_get_info(ev, topic, new Uint8Array(64), 64, actual, avail)).toBe(ZX_ERR_NOT_SUPPORTED);
      expect(sys.zx_object_get_info(0, topic, new Uint8Array(64), 64, actual, avail)).toBe(ZX_ERR_NOT_SUPPORTED);
      expect(actual.value).toBe(SENTINEL);
      expect(avail.value).toBe(SENTINEL);
    }
  });

  it('BAD_HANDLE: every topic', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      for (const topic of [ZX_INFO_HANDLE_VALID, ZX_INFO_HANDLE_BASIC, ZX_INFO_HANDLE_COUNT, ZX_INFO_SOCKET]) {
        const actual = box(SENTINEL);
        const avail = box(SENTINEL);
        expect(sys.zx_object_get_info(h, topic, new Uint8Array(64), 64, actual, avail), `${name}/${topic}`).toBe(
          ZX_ERR_BAD_HANDLE,
        );
        expect(actual.value).toBe(SENTINEL);
        expect(avail.value).toBe(SENTINEL);
      }
    }
  });

  it('ACCESS_DENIED: HANDLE_COUNT / SOCKET without INSPECT (before the type check)', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const ni = dup(sys, s0, minus(SOCKET_RIGHTS, ZX_RIGHT_INSPECT));
    expect(sys.zx_object_get_info(ni, ZX_INFO_SOCKET, new Uint8Array(48), 48, null, null)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_object_get_info(ni, ZX_INFO_HANDLE_COUNT, new Uint8Array(4), 4, null, null)).toBe(
      ZX_ERR_ACCESS_DENIED,
    );
    const evNi = dup(sys, mkEvent(sys), minus(EVENT_RIGHTS, ZX_RIGHT_INSPECT));
    expect(sys.zx_object_get_info(evNi, ZX_INFO_SOCKET, new Uint8Array(48), 48, null, null)).toBe(
      ZX_ERR_ACCESS_DENIED,
    );
    // HANDLE_BASIC and HANDLE_VALID need no rights
    expect(sys.zx_object_get_info(ni, ZX_INFO_HANDLE_BASIC, new Uint8Array(32), 32, null, null)).toBe(ZX_OK);
    expect(sys.zx_object_get_info(ni, ZX_INFO_HANDLE_VALID, null, 0, null, null)).toBe(ZX_OK);
  });

  it('WRONG_TYPE: ZX_INFO_SOCKET on a non-socket', () => {
    const { sys } = boot();
    for (const h of [mkEvent(sys), mkChannel(sys)[0], mkPort(sys), mkEventpair(sys)[0]]) {
      const actual = box(SENTINEL);
      expect(sys.zx_object_get_info(h, ZX_INFO_SOCKET, new Uint8Array(48), 48, actual, null)).toBe(ZX_ERR_WRONG_TYPE);
      expect(actual.value).toBe(SENTINEL);
    }
  });

  it('BUFFER_TOO_SMALL: record larger than the buffer; actual 0, avail 1, buffer untouched', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    for (const [topic, size] of [
      [ZX_INFO_HANDLE_BASIC, 32],
      [ZX_INFO_HANDLE_COUNT, 4],
      [ZX_INFO_SOCKET, 48],
    ]) {
      const buf = new Uint8Array(size).fill(0x5a);
      const actual = box(SENTINEL);
      const avail = box(SENTINEL);
      expect(sys.zx_object_get_info(s0, topic, buf, size - 1, actual, avail)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
      expect(actual.value).toBe(0);
      expect(avail.value).toBe(1);
      expect(buf.every((x) => x === 0x5a)).toBe(true);
      // null outs are fine too
      expect(sys.zx_object_get_info(s0, topic, buf, size - 1, null, null)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    }
  });
});

describe('object_get_property', () => {
  it('INVALID_ARGS: null value, checked before the lookup', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    expect(sys.zx_object_get_property(s0, RX, null, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_property(s0, RX, null, 8)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_property(0, RX, null, 8)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_property(mkEvent(sys), RX, null, 8)).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('BAD_HANDLE', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const v = new Uint8Array(8).fill(0x5a);
      expect(sys.zx_object_get_property(h, RX, v, 8), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(v.every((x) => x === 0x5a)).toBe(true);
    }
  });

  it('ACCESS_DENIED: only sockets carry GET_PROPERTY', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const targets = [
      mkChannel(sys)[0],
      mkEvent(sys),
      mkEventpair(sys)[0],
      mkPort(sys),
      dup(sys, s0, minus(SOCKET_RIGHTS, ZX_RIGHT_GET_PROPERTY)),
    ];
    for (const h of targets) {
      for (const prop of [RX, TX, ZX_PROP_NAME]) {
        expect(sys.zx_object_get_property(h, prop, new Uint8Array(32), 32)).toBe(ZX_ERR_ACCESS_DENIED);
      }
    }
  });

  it('BUFFER_TOO_SMALL: thresholds need 8 bytes, NAME needs 32', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const v = new Uint8Array(32).fill(0x5a);
    expect(sys.zx_object_get_property(s0, RX, v, 7)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(sys.zx_object_get_property(s0, TX, v, 4)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(sys.zx_object_get_property(s0, ZX_PROP_NAME, v, 31)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(v.every((x) => x === 0x5a)).toBe(true);
    // NAME on a socket: 32 zero bytes
    expect(sys.zx_object_get_property(s0, ZX_PROP_NAME, v, 32)).toBe(ZX_OK);
    expect(v.every((x) => x === 0)).toBe(true);
  });

  it('INVALID_ARGS: unknown property (after the lookup)', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    expect(sys.zx_object_get_property(s0, 1000, new Uint8Array(8), 8)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_property(s0, 0, new Uint8Array(8), 8)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_property(0, 1000, new Uint8Array(8), 8)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('OK after the peer closed', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_object_set_property(s0, TX, u64(77), 8)).toBe(ZX_OK);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    const v = new Uint8Array(8);
    expect(sys.zx_object_get_property(s0, TX, v, 8)).toBe(ZX_OK);
    expect(getU64(v, 0)).toBe(77n);
  });
});

describe('object_set_property', () => {
  it('INVALID_ARGS: null value, checked before the lookup', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    expect(sys.zx_object_set_property(s0, RX, null, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_set_property(0, RX, null, 8)).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('BAD_HANDLE', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) expect(sys.zx_object_set_property(h, RX, u64(1), 8), name).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED: no SET_PROPERTY (channel, event, eventpair, port, restricted socket)', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const targets = [
      mkChannel(sys)[0],
      mkEvent(sys),
      mkEventpair(sys)[0],
      mkPort(sys),
      dup(sys, s0, minus(SOCKET_RIGHTS, ZX_RIGHT_SET_PROPERTY)),
    ];
    for (const h of targets) {
      expect(sys.zx_object_set_property(h, RX, u64(1), 8)).toBe(ZX_ERR_ACCESS_DENIED);
      expect(sys.zx_object_set_property(h, ZX_PROP_NAME, new Uint8Array(4), 4)).toBe(ZX_ERR_ACCESS_DENIED);
    }
  });

  it('BUFFER_TOO_SMALL: threshold value shorter than 8 bytes (before PEER_CLOSED)', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_object_set_property(s0, RX, new Uint8Array(4), 4)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(sys.zx_object_set_property(s0, TX, new Uint8Array(7), 7)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    expect(sys.zx_object_set_property(s0, TX, new Uint8Array(4), 4)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
  });

  it('INVALID_ARGS: threshold above 257024; unknown property', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    for (const prop of [RX, TX]) {
      expect(sys.zx_object_set_property(s0, prop, u64(CAP + 1), 8)).toBe(ZX_ERR_INVALID_ARGS);
      expect(sys.zx_object_set_property(s0, prop, u64(0xefffffff), 8)).toBe(ZX_ERR_INVALID_ARGS);
      expect(sys.zx_object_set_property(s0, prop, u64(1n << 40n), 8)).toBe(ZX_ERR_INVALID_ARGS);
      expect(sys.zx_object_set_property(s0, prop, u64(CAP), 8)).toBe(ZX_OK);
    }
    expect(sys.zx_object_set_property(s0, 1000, u64(1), 8)).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('PEER_CLOSED: TX threshold needs a live peer (checked before the value); RX does not', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    expect(sys.zx_object_set_property(s0, TX, u64(1), 8)).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_object_set_property(s0, TX, u64(0xefffffff), 8)).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_object_set_property(s0, RX, u64(1), 8)).toBe(ZX_OK);
  });

  it('NOT_SUPPORTED: ZX_PROP_NAME on a socket', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    expect(sys.zx_object_set_property(s0, ZX_PROP_NAME, new TextEncoder().encode('name'), 4)).toBe(
      ZX_ERR_NOT_SUPPORTED,
    );
  });
});

// =============================================================================================
// Channels

describe('channel_create', () => {
  it('INVALID_ARGS: options ≠ 0; outs untouched', () => {
    const { sys } = boot();
    for (const o of [1, 2, 0x80000000]) {
      const a = box(SENTINEL_H);
      const b = box(SENTINEL_H);
      expect(sys.zx_channel_create(o, a, b)).toBe(ZX_ERR_INVALID_ARGS);
      expect([a.value, b.value]).toEqual([SENTINEL_H, SENTINEL_H]);
    }
  });

  it(
    'NO_MEMORY: handle arena exhausted',
    () => {
      const a = fullArena();
      const o0 = box(SENTINEL_H);
      const o1 = box(SENTINEL_H);
      expect(a.sys.zx_channel_create(0, o0, o1)).toBe(ZX_ERR_NO_MEMORY);
      expect([o0.value, o1.value]).toEqual([SENTINEL_H, SENTINEL_H]);
    },
    HEAVY,
  );
});

describe('channel_write', () => {
  /** A transferable event handle whose consumption is observable through the handle count. */
  function payload(sys: Sys) {
    const ev = mkEvent(sys);
    const h = dup(sys, ev);
    return { ev, h };
  }
  function gone(sys: Sys, p: { ev: number; h: number }) {
    consumed(sys, p.h);
    expect(handleCount(sys, p.ev)).toBe(1);
  }

  it('INVALID_ARGS: options ≠ 0 (checked first); handles consumed', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const p = payload(sys);
    expect(sys.zx_channel_write(c0, 1, new Uint8Array(1), 1, [p.h], 1)).toBe(ZX_ERR_INVALID_ARGS);
    gone(sys, p);
    const p2 = payload(sys);
    expect(sys.zx_channel_write(0, 1, new Uint8Array(1), 1, [p2.h], 1)).toBe(ZX_ERR_INVALID_ARGS);
    gone(sys, p2);
    expect(chRead(sys, c1).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('BAD_HANDLE (channel): handles consumed', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const p = payload(sys);
      expect(sys.zx_channel_write(h, 0, new Uint8Array(1), 1, [p.h], 1), name).toBe(ZX_ERR_BAD_HANDLE);
      gone(sys, p);
    }
  });

  it('ACCESS_DENIED (channel lacks WRITE; an event): handles consumed', () => {
    const { sys } = boot();
    const [c0] = mkChannel(sys);
    const ro = replace(sys, c0, minus(CHANNEL_RIGHTS, ZX_RIGHT_WRITE));
    const p = payload(sys);
    expect(sys.zx_channel_write(ro, 0, new Uint8Array(1), 1, [p.h], 1)).toBe(ZX_ERR_ACCESS_DENIED);
    gone(sys, p);
    const p2 = payload(sys);
    expect(sys.zx_channel_write(mkEvent(sys), 0, new Uint8Array(1), 1, [p2.h], 1)).toBe(ZX_ERR_ACCESS_DENIED);
    gone(sys, p2);
  });

  it('WRONG_TYPE (a socket or port): handles consumed', () => {
    const { sys } = boot();
    for (const h of [mkSocket(sys)[0], mkPort(sys)]) {
      const p = payload(sys);
      expect(sys.zx_channel_write(h, 0, new Uint8Array(1), 1, [p.h], 1)).toBe(ZX_ERR_WRONG_TYPE);
      gone(sys, p);
    }
  });

  it('OUT_OF_RANGE: > 65536 bytes or > 64 handles; handles consumed', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const p = payload(sys);
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(65537), 65537, [p.h], 1)).toBe(ZX_ERR_OUT_OF_RANGE);
    gone(sys, p);
    const ev = mkEvent(sys);
    const hs = Array.from({ length: 65 }, () => dup(sys, ev));
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, hs, 65)).toBe(ZX_ERR_OUT_OF_RANGE);
    for (const h of hs) consumed(sys, h);
    expect(handleCount(sys, ev)).toBe(1);
    expect(chRead(sys, c1).status).toBe(ZX_ERR_SHOULD_WAIT);
    // the limits themselves are fine
    const hs64 = Array.from({ length: 64 }, () => dup(sys, ev));
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(65536), 65536, hs64, 64)).toBe(ZX_OK);
    const m = chRead(sys, c1);
    expect(m.status).toBe(ZX_OK);
    expect(m.actualBytes).toBe(65536);
    expect(m.actualHandles).toBe(64);
  });

  it('INVALID_ARGS: unreadable bytes; handles consumed', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const p = payload(sys);
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(2), 8, [p.h], 1)).toBe(ZX_ERR_INVALID_ARGS);
    gone(sys, p);
    const p2 = payload(sys);
    expect(sys.zx_channel_write(c0, 0, null, 8, [p2.h], 1)).toBe(ZX_ERR_INVALID_ARGS);
    gone(sys, p2);
    expect(chRead(sys, c1).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('INVALID_ARGS: unreadable handles array (shorter than num_handles); nothing consumed', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const p = payload(sys);
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, [p.h], 2)).toBe(ZX_ERR_INVALID_ARGS);
    notConsumed(sys, p.h);
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, null, 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(chRead(sys, c1).status).toBe(ZX_ERR_SHOULD_WAIT);
    notConsumed(sys, c0);
  });

  it('BAD_HANDLE (an entry invalid or repeated): the rest are still consumed', () => {
    const { sys, badHandles } = world();
    const [c0, c1] = mkChannel(sys);
    for (const [name, h] of badHandles) {
      const p = payload(sys);
      const q = payload(sys);
      expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, [p.h, h, q.h], 3), name).toBe(ZX_ERR_BAD_HANDLE);
      gone(sys, p);
      gone(sys, q);
    }
    const p = payload(sys);
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, [p.h, p.h], 2)).toBe(ZX_ERR_BAD_HANDLE);
    gone(sys, p);
    expect(chRead(sys, c1).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('NOT_SUPPORTED: writing the endpoint into itself (consumed)', async () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const p = payload(sys);
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, [p.h, c0], 2)).toBe(ZX_ERR_NOT_SUPPORTED);
    gone(sys, p);
    consumed(sys, c0);
    expect(await sig(sys, c1)).toBe(ZX_CHANNEL_PEER_CLOSED);
  });

  it('ACCESS_DENIED: an entry without TRANSFER; the first problem sets the result', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const ev = mkEvent(sys);
    const nt = () => dup(sys, ev, minus(EVENT_RIGHTS, ZX_RIGHT_TRANSFER));
    const a = nt();
    const p = payload(sys);
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, [p.h, a], 2)).toBe(ZX_ERR_ACCESS_DENIED);
    consumed(sys, a);
    consumed(sys, p.h);
    // BAD_HANDLE first, ACCESS_DENIED later → BAD_HANDLE
    const b = nt();
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, [0x2bad0001, b], 2)).toBe(ZX_ERR_BAD_HANDLE);
    consumed(sys, b);
    // ACCESS_DENIED first, BAD_HANDLE later → ACCESS_DENIED
    const c = nt();
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, [c, 0x2bad0001], 2)).toBe(ZX_ERR_ACCESS_DENIED);
    consumed(sys, c);
    expect(handleCount(sys, ev)).toBe(1);
    expect(chRead(sys, c1).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('ACCESS_DENIED overrides NOT_SUPPORTED for the endpoint itself without TRANSFER', () => {
    const { sys } = boot();
    const [c0] = mkChannel(sys);
    const self = replace(sys, c0, minus(CHANNEL_RIGHTS, ZX_RIGHT_TRANSFER));
    expect(sys.zx_channel_write(self, 0, new Uint8Array(1), 1, [self], 1)).toBe(ZX_ERR_ACCESS_DENIED);
    consumed(sys, self);
  });

  it('PEER_CLOSED: the message and its handles are destroyed', async () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK);
    const p = payload(sys);
    const [x0, x1] = mkChannel(sys);
    expect(sys.zx_channel_write(c0, 0, new Uint8Array(1), 1, [p.h, x0], 2)).toBe(ZX_ERR_PEER_CLOSED);
    gone(sys, p);
    consumed(sys, x0);
    expect(await sig(sys, x1)).toBe(ZX_CHANNEL_PEER_CLOSED);
    expect(sys.zx_channel_write(c0, 0, null, 0, null, 0)).toBe(ZX_ERR_PEER_CLOSED);
  });
});

describe('channel_read', () => {
  it('BAD_HANDLE; outs untouched', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const m = chRead(sys, h);
      expect(m.status, name).toBe(ZX_ERR_BAD_HANDLE);
      expect([m.actualBytes, m.actualHandles]).toEqual([SENTINEL, SENTINEL]);
    }
    // options are checked after the lookup
    expect(chRead(sys, 0, 8, 0, 2).status).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED: channel without READ; an event', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    expect(chWrite(sys, c1, 'x')).toBe(ZX_OK);
    const wo = replace(sys, c0, minus(CHANNEL_RIGHTS, ZX_RIGHT_READ));
    let m = chRead(sys, wo);
    expect(m.status).toBe(ZX_ERR_ACCESS_DENIED);
    expect([m.actualBytes, m.actualHandles]).toEqual([SENTINEL, SENTINEL]);
    m = chRead(sys, mkEvent(sys));
    expect(m.status).toBe(ZX_ERR_ACCESS_DENIED);
  });

  it('WRONG_TYPE: socket or port', () => {
    const { sys } = boot();
    expect(chRead(sys, mkSocket(sys)[0]).status).toBe(ZX_ERR_WRONG_TYPE);
    expect(chRead(sys, mkPort(sys)).status).toBe(ZX_ERR_WRONG_TYPE);
  });

  it('NOT_SUPPORTED: options other than MAY_DISCARD (not INVALID_ARGS)', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    expect(chWrite(sys, c1, 'x')).toBe(ZX_OK);
    for (const o of [2, 3, 0x80000000]) {
      const m = chRead(sys, c0, 8, 0, o);
      expect(m.status).toBe(ZX_ERR_NOT_SUPPORTED);
      expect([m.actualBytes, m.actualHandles]).toEqual([SENTINEL, SENTINEL]);
    }
    expect(chRead(sys, c0).status).toBe(ZX_OK);
  });

  it('SHOULD_WAIT: empty queue, peer alive', () => {
    const { sys } = boot();
    const [c0] = mkChannel(sys);
    const m = chRead(sys, c0);
    expect(m.status).toBe(ZX_ERR_SHOULD_WAIT);
    expect([m.actualBytes, m.actualHandles]).toEqual([SENTINEL, SENTINEL]);
  });

  it('PEER_CLOSED: empty queue, peer gone', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK);
    const m = chRead(sys, c0);
    expect(m.status).toBe(ZX_ERR_PEER_CLOSED);
    expect([m.actualBytes, m.actualHandles]).toEqual([SENTINEL, SENTINEL]);
  });

  it('BUFFER_TOO_SMALL: too many bytes or handles; actuals reported; message kept', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const ev = mkEvent(sys);
    expect(chWrite(sys, c1, 'hello', [dup(sys, ev), dup(sys, ev)])).toBe(ZX_OK);
    let m = chRead(sys, c0, 4, 2);
    expect(m.status).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect([m.actualBytes, m.actualHandles]).toEqual([5, 2]);
    m = chRead(sys, c0, 5, 1);
    expect(m.status).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect([m.actualBytes, m.actualHandles]).toEqual([5, 2]);
    expect(m.raw.every((x) => x === 0)).toBe(true);
    expect(handleCount(sys, ev)).toBe(3);
    m = chRead(sys, c0, 5, 2);
    expect(m.status).toBe(ZX_OK);
    expect(m.handles.length).toBe(2);
  });
});

describe('channel_read_etc', () => {
  const infos = (n: number) => Array.from({ length: n }, () => ({ handle: 0, type: 0, rights: 0, unused: 0 }));

  it('BAD_HANDLE / ACCESS_DENIED / WRONG_TYPE', () => {
    const { sys, badHandles } = world();
    const ab = box(SENTINEL);
    const ah = box(SENTINEL);
    for (const [name, h] of badHandles) {
      expect(sys.zx_channel_read_etc(h, 0, new Uint8Array(8), infos(1), 8, 1, ab, ah), name).toBe(ZX_ERR_BAD_HANDLE);
    }
    const [c0] = mkChannel(sys);
    const wo = replace(sys, c0, minus(CHANNEL_RIGHTS, ZX_RIGHT_READ));
    expect(sys.zx_channel_read_etc(wo, 0, new Uint8Array(8), infos(1), 8, 1, ab, ah)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_channel_read_etc(mkSocket(sys)[0], 0, new Uint8Array(8), infos(1), 8, 1, ab, ah)).toBe(
      ZX_ERR_WRONG_TYPE,
    );
    expect([ab.value, ah.value]).toEqual([SENTINEL, SENTINEL]);
  });

  it('NOT_SUPPORTED / SHOULD_WAIT / PEER_CLOSED / BUFFER_TOO_SMALL', () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const ab = box(SENTINEL);
    const ah = box(SENTINEL);
    expect(sys.zx_channel_read_etc(c0, 2, new Uint8Array(8), infos(1), 8, 1, ab, ah)).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(sys.zx_channel_read_etc(c0, 0, new Uint8Array(8), infos(1), 8, 1, ab, ah)).toBe(ZX_ERR_SHOULD_WAIT);
    expect([ab.value, ah.value]).toEqual([SENTINEL, SENTINEL]);
    expect(chWrite(sys, c1, 'abc', [mkEvent(sys)])).toBe(ZX_OK);
    const inf = infos(1);
    expect(sys.zx_channel_read_etc(c0, 0, new Uint8Array(8), inf, 8, 0, ab, ah)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect([ab.value, ah.value]).toEqual([3, 1]);
    expect(sys.zx_channel_read_etc(c0, ZX_CHANNEL_READ_MAY_DISCARD, new Uint8Array(2), inf, 2, 1, ab, ah)).toBe(
      ZX_ERR_BUFFER_TOO_SMALL,
    );
    expect(inf[0]).toEqual({ handle: 0, type: 0, rights: 0, unused: 0 });
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK);
    ab.value = SENTINEL;
    expect(sys.zx_channel_read_etc(c0, 0, new Uint8Array(8), infos(1), 8, 1, ab, ah)).toBe(ZX_ERR_PEER_CLOSED);
    expect(ab.value).toBe(SENTINEL);
  });
});

describe('channel_call', () => {
  const args = (bytes: Uint8Array, handles: number[] = [], o: Partial<Record<string, unknown>> = {}) => ({
    wr_bytes: bytes,
    wr_handles: handles,
    rd_bytes: new Uint8Array(64),
    rd_handles: new Uint32Array(4),
    wr_num_bytes: bytes.length,
    wr_num_handles: handles.length,
    rd_num_bytes: 64,
    rd_num_handles: 4,
    ...o,
  });
  function payload(sys: Sys) {
    const ev = mkEvent(sys);
    return { ev, h: dup(sys, ev) };
  }
  function gone(sys: Sys, p: { ev: number; h: number }) {
    consumed(sys, p.h);
    expect(handleCount(sys, p.ev)).toBe(1);
  }
  async function call(sys: Sys, h: number, a: unknown, options = 0, deadline: bigint = ZX_TIME_INFINITE) {
    const ab = box(SENTINEL);
    const ah = box(SENTINEL);
    const st = await sys.zx_channel_call(h, options, deadline, bad(a), ab, ah);
    expect([ab.value, ah.value], 'actuals untouched on failure').toEqual(
      st === ZX_OK ? [ab.value, ah.value] : [SENTINEL, SENTINEL],
    );
    return st;
  }

  it('INVALID_ARGS: unreadable args; handles not consumed', async () => {
    const { sys } = boot();
    const [c0] = mkChannel(sys);
    expect(await call(sys, c0, null)).toBe(ZX_ERR_INVALID_ARGS);
    const p = payload(sys);
    expect(await call(sys, c0, args(u32s(0, 1), [p.h], { wr_num_handles: 2 }))).toBe(ZX_ERR_INVALID_ARGS);
    notConsumed(sys, p.h);
  });

  it('INVALID_ARGS: options ≠ 0 or wr_num_bytes < 4 (before the lookup); handles consumed', async () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    let p = payload(sys);
    expect(await call(sys, c0, args(new Uint8Array(64), [p.h]), 42)).toBe(ZX_ERR_INVALID_ARGS);
    gone(sys, p);
    p = payload(sys);
    expect(await call(sys, 0, args(new Uint8Array(64), [p.h]), 1)).toBe(ZX_ERR_INVALID_ARGS);
    gone(sys, p);
    p = payload(sys);
    expect(await call(sys, c0, args(new Uint8Array(3), [p.h]))).toBe(ZX_ERR_INVALID_ARGS);
    gone(sys, p);
    p = payload(sys);
    expect(await call(sys, 0, args(new Uint8Array(0), [p.h]))).toBe(ZX_ERR_INVALID_ARGS);
    gone(sys, p);
    expect(chRead(sys, c1).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('BAD_HANDLE (channel): handles consumed', async () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const p = payload(sys);
      expect(await call(sys, h, args(new Uint8Array(8), [p.h])), name).toBe(ZX_ERR_BAD_HANDLE);
      gone(sys, p);
    }
  });

  it('ACCESS_DENIED: READ and WRITE are both required; handles consumed', async () => {
    const { sys } = boot();
    for (const missing of [ZX_RIGHT_READ, ZX_RIGHT_WRITE]) {
      const [c0] = mkChannel(sys);
      const lim = replace(sys, c0, minus(CHANNEL_RIGHTS, missing));
      const p = payload(sys);
      expect(await call(sys, lim, args(new Uint8Array(8), [p.h]))).toBe(ZX_ERR_ACCESS_DENIED);
      gone(sys, p);
    }
    const p = payload(sys);
    expect(await call(sys, mkEvent(sys), args(new Uint8Array(8), [p.h]))).toBe(ZX_ERR_ACCESS_DENIED);
    gone(sys, p);
  });

  it('WRONG_TYPE: a socket; handles consumed', async () => {
    const { sys } = boot();
    const p = payload(sys);
    expect(await call(sys, mkSocket(sys)[0], args(new Uint8Array(8), [p.h]))).toBe(ZX_ERR_WRONG_TYPE);
    gone(sys, p);
  });

  it('OUT_OF_RANGE: > 65536 bytes or > 64 handles; handles consumed', async () => {
    const { sys } = boot();
    const [c0] = mkChannel(sys);
    const p = payload(sys);
    expect(await call(sys, c0, args(new Uint8Array(65537), [p.h]))).toBe(ZX_ERR_OUT_OF_RANGE);
    gone(sys, p);
    const ev = mkEvent(sys);
    const hs = Array.from({ length: 65 }, () => dup(sys, ev));
    expect(await call(sys, c0, args(new Uint8Array(8), hs))).toBe(ZX_ERR_OUT_OF_RANGE);
    for (const h of hs) consumed(sys, h);
  });

  it('BAD_HANDLE / NOT_SUPPORTED / ACCESS_DENIED for transferred handles; all consumed', async () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    let p = payload(sys);
    expect(await call(sys, c0, args(new Uint8Array(8), [p.h, p.h]))).toBe(ZX_ERR_BAD_HANDLE);
    gone(sys, p);
    const nt = dup(sys, mkEvent(sys), minus(EVENT_RIGHTS, ZX_RIGHT_TRANSFER));
    p = payload(sys);
    expect(await call(sys, c0, args(new Uint8Array(8), [p.h, nt]))).toBe(ZX_ERR_ACCESS_DENIED);
    gone(sys, p);
    consumed(sys, nt);
    const [d0, d1] = mkChannel(sys);
    expect(await call(sys, d0, args(new Uint8Array(8), [d0]))).toBe(ZX_ERR_NOT_SUPPORTED);
    consumed(sys, d0);
    expect(await sig(sys, d1)).toBe(ZX_CHANNEL_PEER_CLOSED);
    expect(chRead(sys, c1).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('PEER_CLOSED: peer gone before the call; handles consumed', async () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK);
    const p = payload(sys);
    expect(await call(sys, c0, args(new Uint8Array(8), [p.h]))).toBe(ZX_ERR_PEER_CLOSED);
    gone(sys, p);
  });

  it('TIMED_OUT: no reply before the deadline', async () => {
    const { kernel, sys } = boot();
    const [c0, c1] = mkChannel(sys);
    expect(await call(sys, c0, args(new Uint8Array(8)), 0, after(kernel, 20n * MS))).toBe(ZX_ERR_TIMED_OUT);
    expect(chRead(sys, c1).status).toBe(ZX_OK); // the request itself was delivered
  });

  it('BUFFER_TOO_SMALL: reply has more handles than rd_num_handles; its handles are closed', async () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const ev = mkEvent(sys);
    const a = args(new Uint8Array(8), [], { rd_handles: new Uint32Array(1), rd_num_handles: 0 });
    const p = call(sys, c0, a);
    const observed = box(0);
    expect(await sys.zx_object_wait_one(c1, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, observed)).toBe(ZX_OK);
    const m = chRead(sys, c1);
    expect(chWrite(sys, c1, m.bytes, [dup(sys, ev)])).toBe(ZX_OK);
    expect(await p).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(handleCount(sys, ev)).toBe(1);
    expect(a.rd_handles[0]).toBe(0);
  });

  it('CANCELED: the calling endpoint loses its last handle', async () => {
    const { sys } = boot();
    const [c0, c1] = mkChannel(sys);
    const p = track(call(sys, c0, args(new Uint8Array(8))));
    expect(await sys.zx_object_wait_one(c1, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, null)).toBe(ZX_OK);
    expect(sys.zx_handle_close(c0)).toBe(ZX_OK);
    expect(await p.promise).toBe(ZX_ERR_CANCELED);
  });
});

// =============================================================================================
// Events and eventpairs

describe('event_create', () => {
  it('INVALID_ARGS: options ≠ 0; out untouched', () => {
    const { sys } = boot();
    for (const o of [1, 0x80000000]) {
      const out = box(SENTINEL_H);
      expect(sys.zx_event_create(o, out)).toBe(ZX_ERR_INVALID_ARGS);
      expect(out.value).toBe(SENTINEL_H);
    }
  });

  it(
    'NO_MEMORY: handle arena exhausted',
    () => {
      const a = fullArena();
      const out = box(SENTINEL_H);
      expect(a.sys.zx_event_create(0, out)).toBe(ZX_ERR_NO_MEMORY);
      expect(out.value).toBe(SENTINEL_H);
    },
    HEAVY,
  );
});

describe('eventpair_create', () => {
  it('NOT_SUPPORTED: options ≠ 0 (not INVALID_ARGS); outs untouched', () => {
    const { sys } = boot();
    for (const o of [1, 2, 0x80000000]) {
      const a = box(SENTINEL_H);
      const b = box(SENTINEL_H);
      expect(sys.zx_eventpair_create(o, a, b)).toBe(ZX_ERR_NOT_SUPPORTED);
      expect([a.value, b.value]).toEqual([SENTINEL_H, SENTINEL_H]);
    }
  });

  it(
    // See socket_create: acquired handles are installed only on success (spec §2.4 differs).
    'NO_MEMORY: handle arena exhausted; with one free slot nothing is installed and nothing leaks',
    () => {
      const a = fullArena();
      const o0 = box(SENTINEL_H);
      const o1 = box(SENTINEL_H);
      expect(a.sys.zx_eventpair_create(0, o0, o1)).toBe(ZX_ERR_NO_MEMORY);
      expect([o0.value, o1.value]).toEqual([SENTINEL_H, SENTINEL_H]);
      freeSlots(a, 1);
      const before = a.kernel.stats();
      expect(a.sys.zx_eventpair_create(0, o0, o1)).toBe(ZX_ERR_NO_MEMORY);
      expect([o0.value, o1.value]).toEqual([SENTINEL_H, SENTINEL_H]);
      expect(a.kernel.stats()).toEqual(before);
    },
    HEAVY,
  );
});

// =============================================================================================
// Ports

describe('port_create', () => {
  it('INVALID_ARGS: options other than 0 or ZX_PORT_BIND_TO_INTERRUPT; out untouched', () => {
    const { sys } = boot();
    for (const o of [2, 3, 0x80000000]) {
      const out = box(SENTINEL_H);
      expect(sys.zx_port_create(o, out)).toBe(ZX_ERR_INVALID_ARGS);
      expect(out.value).toBe(SENTINEL_H);
    }
  });

  it(
    'NO_MEMORY: handle arena exhausted',
    () => {
      const a = fullArena();
      const out = box(SENTINEL_H);
      expect(a.sys.zx_port_create(0, out)).toBe(ZX_ERR_NO_MEMORY);
      expect(out.value).toBe(SENTINEL_H);
    },
    HEAVY,
  );
});

describe('port_queue', () => {
  it('BAD_HANDLE (checked before the packet)', () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      expect(sys.zx_port_queue(h, userPacket(1n)), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(sys.zx_port_queue(h, bad(null)), name).toBe(ZX_ERR_BAD_HANDLE);
    }
  });

  it('ACCESS_DENIED: port without WRITE; an event', () => {
    const { sys } = boot();
    const ro = dup(sys, mkPort(sys), minus(PORT_RIGHTS, ZX_RIGHT_WRITE));
    expect(sys.zx_port_queue(ro, userPacket(1n))).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_port_queue(mkEvent(sys), userPacket(1n))).toBe(ZX_ERR_ACCESS_DENIED);
  });

  it('WRONG_TYPE: channel or socket', () => {
    const { sys } = boot();
    expect(sys.zx_port_queue(mkChannel(sys)[0], userPacket(1n))).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_port_queue(mkSocket(sys)[0], userPacket(1n))).toBe(ZX_ERR_WRONG_TYPE);
  });

  it('INVALID_ARGS: null packet', () => {
    const { sys } = boot();
    expect(sys.zx_port_queue(mkPort(sys), bad(null))).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('SHOULD_WAIT: more than 2048 packets queued', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    for (let i = 0; i < 2049; i++) expect(sys.zx_port_queue(port, userPacket(BigInt(i)))).toBe(ZX_OK);
    expect(sys.zx_port_queue(port, userPacket(9999n))).toBe(ZX_ERR_SHOULD_WAIT);
    expect(await sys.zx_port_wait(port, 0n, blankPacket())).toBe(ZX_OK);
    expect(sys.zx_port_queue(port, userPacket(9999n))).toBe(ZX_OK);
  });

  it(
    'NO_MEMORY: the kernel-wide pool of 16384 user packets runs dry',
    async () => {
      const { sys } = boot();
      const ports = Array.from({ length: 9 }, () => mkPort(sys));
      let total = 0;
      const ends: number[] = [];
      for (const port of ports) {
        let st = ZX_OK;
        while ((st = sys.zx_port_queue(port, userPacket(BigInt(total)))) === ZX_OK) total++;
        ends.push(st);
        if (st === ZX_ERR_NO_MEMORY) break;
      }
      expect(total).toBe(16384);
      expect(ends.slice(0, 7)).toEqual(Array(7).fill(ZX_ERR_SHOULD_WAIT));
      expect(ends[ends.length - 1]).toBe(ZX_ERR_NO_MEMORY);
      // every port refuses now, even an empty one
      const fresh = mkPort(sys);
      expect(sys.zx_port_queue(fresh, userPacket(1n))).toBe(ZX_ERR_NO_MEMORY);
      // dequeuing returns a packet to the pool
      expect(await sys.zx_port_wait(ports[0], 0n, blankPacket())).toBe(ZX_OK);
      expect(sys.zx_port_queue(fresh, userPacket(1n))).toBe(ZX_OK);
      expect(sys.zx_port_queue(fresh, userPacket(2n))).toBe(ZX_ERR_NO_MEMORY);
      // closing a port frees its packets
      expect(sys.zx_handle_close(ports[1])).toBe(ZX_OK);
      expect(sys.zx_port_queue(fresh, userPacket(3n))).toBe(ZX_OK);
    },
    HEAVY,
  );
});

describe('port_wait', () => {
  it('BAD_HANDLE; packet untouched', async () => {
    const { sys, badHandles } = world();
    for (const [name, h] of badHandles) {
      const p = blankPacket();
      expect(await sys.zx_port_wait(h, 0n, p), name).toBe(ZX_ERR_BAD_HANDLE);
      expect(p).toEqual(blankPacket());
    }
  });

  it('ACCESS_DENIED: port without READ; an event', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    expect(sys.zx_port_queue(port, userPacket(1n))).toBe(ZX_OK);
    const wo = dup(sys, port, minus(PORT_RIGHTS, ZX_RIGHT_READ));
    const p = blankPacket();
    expect(await sys.zx_port_wait(wo, ZX_TIME_INFINITE, p)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(await sys.zx_port_wait(mkEvent(sys), ZX_TIME_INFINITE, p)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(p).toEqual(blankPacket());
  });

  it('WRONG_TYPE: channel or socket', async () => {
    const { sys } = boot();
    expect(await sys.zx_port_wait(mkChannel(sys)[0], 0n, blankPacket())).toBe(ZX_ERR_WRONG_TYPE);
    expect(await sys.zx_port_wait(mkSocket(sys)[0], 0n, blankPacket())).toBe(ZX_ERR_WRONG_TYPE);
  });

  it('TIMED_OUT: poll and real deadline; packet untouched', async () => {
    const { kernel, sys } = boot();
    const port = mkPort(sys);
    const p = blankPacket();
    expect(await sys.zx_port_wait(port, 0n, p)).toBe(ZX_ERR_TIMED_OUT);
    expect(await sys.zx_port_wait(port, after(kernel, 20n * MS), p)).toBe(ZX_ERR_TIMED_OUT);
    expect(p).toEqual(blankPacket());
  });
});

describe('port_cancel', () => {
  it('BAD_HANDLE (port)', () => {
    const { sys, badHandles } = world();
    const ev = mkEvent(sys);
    for (const [name, h] of badHandles) expect(sys.zx_port_cancel(h, ev, 1n), name).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED (port lacks WRITE; an event as port)', () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    expect(sys.zx_object_wait_async(ev, port, 1n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    const ro = dup(sys, port, minus(PORT_RIGHTS, ZX_RIGHT_WRITE));
    expect(sys.zx_port_cancel(ro, ev, 1n)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_port_cancel(mkEvent(sys), ev, 1n)).toBe(ZX_ERR_ACCESS_DENIED);
  });

  it('WRONG_TYPE (port is a channel)', () => {
    const { sys } = boot();
    expect(sys.zx_port_cancel(mkChannel(sys)[0], mkEvent(sys), 1n)).toBe(ZX_ERR_WRONG_TYPE);
  });

  it('BAD_HANDLE (source)', () => {
    const { sys, badHandles } = world();
    const port = mkPort(sys);
    for (const [name, h] of badHandles) expect(sys.zx_port_cancel(port, h, 1n), name).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('ACCESS_DENIED (source lacks WAIT, not WRITE; a port as source)', () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    const nw = dup(sys, ev, minus(EVENT_RIGHTS, ZX_RIGHT_WAIT));
    expect(sys.zx_port_cancel(port, nw, 1n)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_port_cancel(port, port, 1n)).toBe(ZX_ERR_ACCESS_DENIED);
    // events have no WRITE, yet WAIT is enough
    expect(sys.zx_object_wait_async(ev, port, 1n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    expect(sys.zx_port_cancel(port, ev, 1n)).toBe(ZX_OK);
  });

  it('NOT_FOUND: nothing matches (key, port, or source handle)', () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const other = mkPort(sys);
    const ev = mkEvent(sys);
    expect(sys.zx_port_cancel(port, ev, 1n)).toBe(ZX_ERR_NOT_FOUND);
    expect(sys.zx_object_wait_async(ev, port, 1n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    expect(sys.zx_port_cancel(port, ev, 2n)).toBe(ZX_ERR_NOT_FOUND);
    expect(sys.zx_port_cancel(other, ev, 1n)).toBe(ZX_ERR_NOT_FOUND);
    expect(sys.zx_port_cancel(port, ev, 1n)).toBe(ZX_OK);
    expect(sys.zx_port_cancel(port, ev, 1n)).toBe(ZX_ERR_NOT_FOUND);
  });
});
