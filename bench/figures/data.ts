// Data-path figures: sockets (stream and datagram) and channels, against plain-JS and Node
// baselines doing the same transfers.
import { Kernel, ZX_SOCKET_DATAGRAM, ZX_SOCKET_STREAM } from '../../index.js';
import type { Syscalls } from '../../index.js';
import { duplexRoundTrip, JsRing, messageChannelRoundTrip, minimalChannelRoundTrip, passThroughRoundTrip } from '../baselines.js';
import { expectOk, interleave, type Body } from '../harness.js';
import { goals, pairResult, type Row } from '../row.js';

const KiB = 1024;

function newSys(): Syscalls {
  return new Kernel({ testMode: false }).createProcess('bench').syscalls;
}

function filled(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
}

/** Write `size` bytes into one end of a new socket and read them from the other. */
export function socketRoundTrip(options: number, size: number): Body {
  const sys = newSys();
  const a = { value: 0 };
  const b = { value: 0 };
  expectOk('zx_socket_create', sys.zx_socket_create(options, a, b));
  const w = a.value;
  const r = b.value;
  const src = filled(size);
  const dst = new Uint8Array(size);
  const actual = { value: 0 };
  const body = () => {
    sys.zx_socket_write(w, 0, src, size, actual);
    sys.zx_socket_read(r, 0, dst, size, actual);
  };
  body();
  if (actual.value !== size || dst[size - 1] !== src[size - 1]) throw new Error('bench setup: socket round trip lost bytes');
  return body;
}

export const socketStreamVsRing: Row = {
  name: 'socket stream: write 64 KiB + read 64 KiB (vs JS ring)',
  async run(s) {
    const size = 64 * KiB;
    const ring = new JsRing(256 * KiB);
    const src = filled(size);
    const dst = new Uint8Array(size);
    const t = await interleave(
      { name: 'socket', body: socketRoundTrip(ZX_SOCKET_STREAM, size) },
      {
        name: 'ring',
        body: () => {
          ring.write(src, size);
          ring.read(dst, size);
        },
      },
      s.micro,
    );
    return pairResult(this.name, 'plain JS ring buffer, same two copies', goals.throughputAtLeast(0.6), t);
  },
};

export const socketStreamVsPassThrough: Row = {
  name: 'socket stream: write 64 KiB + read 64 KiB (vs PassThrough)',
  async run(s) {
    const size = 64 * KiB;
    const t = await interleave(
      { name: 'socket', body: socketRoundTrip(ZX_SOCKET_STREAM, size) },
      { name: 'PassThrough', body: passThroughRoundTrip(filled(size), new Uint8Array(size)) },
      s.micro,
    );
    // Informational (issue 13 §7): the ring above, the memmove floor, is the goal row.
    return pairResult(this.name, 'stream.PassThrough, fresh Buffer per chunk', goals.none(), t);
  },
};

export const socketSmall: Row = {
  name: 'socket stream: write 64 B + read 64 B',
  async run(s) {
    const t = await interleave(
      { name: 'socket', body: socketRoundTrip(ZX_SOCKET_STREAM, 64) },
      { name: 'Duplex', body: duplexRoundTrip(filled(64), new Uint8Array(64)) },
      s.micro,
    );
    return pairResult(this.name, 'Duplex stream pair, 64 B write + read', goals.fasterBy(3, 150), t);
  },
};

export const socketDatagram: Row = {
  name: 'socket datagram: write 1 KiB + read 1 KiB',
  async run(s) {
    const t = await interleave(
      { name: 'datagram', body: socketRoundTrip(ZX_SOCKET_DATAGRAM, KiB) },
      { name: 'stream', body: socketRoundTrip(ZX_SOCKET_STREAM, KiB) },
      s.micro,
    );
    return pairResult(this.name, 'stream socket, same size', goals.ratioAtMost(1.5), t);
  },
};

/** Write a 64-byte message (optionally carrying handles) and read it on the other end. */
export function channelRoundTrip(numHandles: number): Body {
  const sys = newSys();
  const a = { value: 0 };
  const b = { value: 0 };
  expectOk('zx_channel_create', sys.zx_channel_create(0, a, b));
  const w = a.value;
  const r = b.value;
  const src = filled(64);
  const dst = new Uint8Array(64);
  const wh = new Uint32Array(numHandles);
  for (let i = 0; i < numHandles; i++) {
    const ev = { value: 0 };
    expectOk('zx_event_create', sys.zx_event_create(0, ev));
    wh[i] = ev.value;
  }
  const rh = new Uint32Array(Math.max(numHandles, 1));
  const ab = { value: 0 };
  const ah = { value: 0 };
  const hs = numHandles === 0 ? null : wh;
  const body = () => {
    sys.zx_channel_write(w, 0, src, 64, hs, numHandles);
    sys.zx_channel_read(r, 0, dst, rh, 64, numHandles, ab, ah);
  };
  // The reader gets the same handle records back, so their values are stable across rounds.
  expectOk('zx_channel_write', sys.zx_channel_write(w, 0, src, 64, hs, numHandles));
  expectOk('zx_channel_read', sys.zx_channel_read(r, 0, dst, rh, 64, numHandles, ab, ah));
  for (let i = 0; i < numHandles; i++) if (rh[i] !== wh[i]) throw new Error('bench setup: handle values changed in transit');
  if (ab.value !== 64 || ah.value !== numHandles) throw new Error('bench setup: channel round trip lost data');
  return body;
}

export const channelSmall: Row = {
  name: 'channel: write + read 64 B, no handles',
  async run(s) {
    const t = await interleave(
      { name: 'channel', body: channelRoundTrip(0) },
      { name: 'minimal channel', body: minimalChannelRoundTrip(filled(64), new Uint8Array(64)) },
      s.micro,
    );
    return pairResult(this.name, 'hand-written minimal in-memory channel (two copies and a queue)', goals.ratioAtMost(1.5, 200), t);
  },
};

/** The former goal row's peer, kept as information: MessageChannel in one thread. */
export const channelVsMessageChannel: Row = {
  name: 'channel: write + read 64 B, no handles (vs MessageChannel)',
  async run(s) {
    const mc = messageChannelRoundTrip(filled(64), new Uint8Array(64));
    try {
      const t = await interleave(
        { name: 'channel', body: channelRoundTrip(0) },
        { name: 'MessageChannel', body: mc.body },
        s.micro,
      );
      return pairResult(this.name, 'MessageChannel 64 B round trip, same thread', goals.none(), t);
    } finally {
      mc.close();
    }
  },
};

export const channelHandles: Row = {
  name: 'channel: write + read 64 B carrying 4 handles',
  async run(s) {
    const t = await interleave(
      { name: '4 handles', body: channelRoundTrip(4) },
      { name: 'no handles', body: channelRoundTrip(0) },
      s.micro,
    );
    return pairResult(this.name, 'the same without handles', goals.ratioAtMost(2.0), t);
  },
};
