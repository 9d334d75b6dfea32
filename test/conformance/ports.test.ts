// Port behaviours P1–P13 (spec §5.5), plus async-wait firing rules (§3 object_wait_async).

import { describe, expect, it } from 'vitest';
import {
  ZX_OK,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_FOUND,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_TIMED_OUT,
  ZX_CHANNEL_READABLE as R,
  ZX_CHANNEL_WRITABLE as W,
  ZX_CHANNEL_PEER_CLOSED as PC,
  ZX_CHANNEL_READ_MAY_DISCARD,
  ZX_EVENT_SIGNALED,
  ZX_USER_SIGNAL_0,
  ZX_USER_SIGNAL_2,
  ZX_PKT_TYPE_USER,
  ZX_PKT_TYPE_SIGNAL_ONE,
  ZX_PKT_TYPE_SIGNAL_REP,
  ZX_WAIT_ASYNC_ONCE,
  ZX_WAIT_ASYNC_REPEATING,
  ZX_TIME_INFINITE,
} from '../../index.js';
import {
  MS,
  mkSocket,
  after,
  bad,
  blankPacket,
  boot,
  chWrite,
  drain,
  dup,
  mkChannel,
  mkEvent,
  mkPort,
  pattern,
  signalOf,
  sleep,
  tick,
  track,
  u32s,
  userPacket,
} from './helpers.js';

const MODES = [
  ['ONCE', ZX_WAIT_ASYNC_ONCE],
  ['REPEATING', ZX_WAIT_ASYNC_REPEATING],
] as const;

describe('ports (spec §5.5)', () => {
  it('P1 basic', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    expect(sys.zx_port_queue(port, bad(null))).toBe(ZX_ERR_INVALID_ARGS);

    const sent = userPacket(12n, 5, -3, new Uint8Array(32));
    expect(sys.zx_port_queue(port, sent)).toBe(ZX_OK);
    const got = blankPacket();
    expect(await sys.zx_port_wait(port, ZX_TIME_INFINITE, got)).toBe(ZX_OK);
    expect(got.key).toBe(12n);
    expect(got.type).toBe(ZX_PKT_TYPE_USER);
    expect(got.status).toBe(-3);
    expect(got.payload).toEqual(new Uint8Array(32));
    // the caller's packet is not modified by queueing
    expect(sent.type).toBe(5);

    // payload bytes and large keys are preserved
    const sent2 = userPacket(0xfedcba9876543210n, 0, 7, pattern(32, 3));
    expect(sys.zx_port_queue(port, sent2)).toBe(ZX_OK);
    const got2 = blankPacket();
    expect(await sys.zx_port_wait(port, 0n, got2)).toBe(ZX_OK);
    expect(got2.key).toBe(0xfedcba9876543210n);
    expect(got2.status).toBe(7);
    expect(got2.payload).toEqual(pattern(32, 3));
  });

  it('P2 queue_and_close', async () => {
    const { kernel, sys } = boot();
    const port = mkPort(sys);
    const p = blankPacket();
    expect(await sys.zx_port_wait(port, after(kernel, 1000n), p)).toBe(ZX_ERR_TIMED_OUT);
    expect(p).toEqual(blankPacket()); // untouched on failure
    expect(sys.zx_port_queue(port, userPacket(1n))).toBe(ZX_OK);
    expect(sys.zx_handle_close(port)).toBe(ZX_OK);
  });

  it('P3 queue_too_many', () => {
    const { sys } = boot();
    const port = mkPort(sys);
    let ok = 0;
    let st = ZX_OK;
    while (ok < 10000) {
      st = sys.zx_port_queue(port, userPacket(BigInt(ok)));
      if (st !== ZX_OK) break;
      ok++;
    }
    expect(ok).toBe(2049);
    expect(st).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('P4 async_wait_channel', async () => {
    const { kernel, sys } = boot();
    const port = mkPort(sys);
    const [ch0, ch1] = mkChannel(sys);
    for (let round = 0; round < 5; round++) {
      const key = BigInt(round + 100);
      expect(sys.zx_object_wait_async(ch1, port, key, R, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
      expect(await sys.zx_port_wait(port, after(kernel, 200_000n), blankPacket())).toBe(ZX_ERR_TIMED_OUT);
      expect(chWrite(sys, ch0, u32s(round))).toBe(ZX_OK);
      const p = blankPacket();
      expect(await sys.zx_port_wait(port, ZX_TIME_INFINITE, p)).toBe(ZX_OK);
      expect(p.key).toBe(key);
      expect(p.type).toBe(ZX_PKT_TYPE_SIGNAL_ONE);
      expect(p.status).toBe(ZX_OK);
      expect(signalOf(p)).toEqual({ trigger: R, observed: W | R, count: 1n });
      expect(sys.zx_channel_read(ch1, ZX_CHANNEL_READ_MAY_DISCARD, null, null, 0, 0, null, null)).toBe(
        ZX_ERR_BUFFER_TOO_SMALL,
      );
    }
    expect(await sys.zx_port_wait(port, after(kernel, 200_000n), blankPacket())).toBe(ZX_ERR_TIMED_OUT);
    expect(sys.zx_object_wait_async(ch1, port, 1n, R, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ch1)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ch0)).toBe(ZX_OK);
    expect(sys.zx_handle_close(port)).toBe(ZX_OK);
  });

  it('P5 event_single', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    for (let k = 0; k < 7; k++) {
      expect(sys.zx_object_wait_async(ev, port, BigInt(k), ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    }
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    const keys: bigint[] = [];
    for (let i = 0; i < 5; i++) {
      const p = blankPacket();
      expect(await sys.zx_port_wait(port, ZX_TIME_INFINITE, p)).toBe(ZX_OK);
      expect(p.type).toBe(ZX_PKT_TYPE_SIGNAL_ONE);
      expect(signalOf(p)).toEqual({ trigger: ZX_EVENT_SIGNALED, observed: ZX_EVENT_SIGNALED, count: 1n });
      keys.push(p.key);
    }
    expect(keys.reduce((a, b) => a + b, 0n)).toBe(20n);
    expect(keys).toEqual([6n, 5n, 4n, 3n, 2n]); // newest registration fires first (§6.13)
    expect(sys.zx_handle_close(port)).toBe(ZX_OK);
  });

  it('P6 event_repeat', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    expect(
      sys.zx_object_wait_async(ev, port, 1n, ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_2, ZX_WAIT_ASYNC_REPEATING),
    ).toBe(ZX_OK);
    let signaled = 0;
    let user2 = 0;
    let other = 0;
    for (let i = 0; i < 24; i++) {
      const bits = ZX_EVENT_SIGNALED | (i % 2 === 0 ? ZX_USER_SIGNAL_2 : 0);
      expect(sys.zx_object_signal(ev, 0, bits)).toBe(ZX_OK);
      expect(sys.zx_object_signal(ev, bits, 0)).toBe(ZX_OK);
      const p = blankPacket();
      expect(await sys.zx_port_wait(port, 0n, p)).toBe(ZX_OK);
      expect(p.type).toBe(ZX_PKT_TYPE_SIGNAL_REP);
      expect(p.key).toBe(1n);
      const s = signalOf(p);
      expect(s.count).toBe(1n);
      expect(s.trigger).toBe(ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_2);
      if (s.observed & ZX_EVENT_SIGNALED) signaled++;
      if (s.observed & ZX_USER_SIGNAL_2) user2++;
      if (s.observed & ~(ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_2)) other++;
    }
    expect(signaled).toBe(24);
    expect(user2).toBe(12);
    expect(other).toBe(0);
    expect(sys.zx_handle_close(port)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
  });

  it('P7 invalid option', () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    expect(sys.zx_object_wait_async(ev, port, 0n, ZX_EVENT_SIGNALED, 2)).toBe(ZX_ERR_INVALID_ARGS);
  });

  const orders = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];
  for (const [mname, mode] of MODES) {
    it(`P8 close orders (${mname})`, () => {
      const { sys } = boot();
      for (const order of orders) {
        const port = mkPort(sys);
        const [ch0, ch1] = mkChannel(sys);
        expect(sys.zx_object_wait_async(ch1, port, 1n, R | PC, mode)).toBe(ZX_OK);
        const hs = [ch1, ch0, port];
        for (const i of order) expect(sys.zx_handle_close(hs[i])).toBe(ZX_OK);
      }
    });
  }

  for (const [mname, mode] of MODES) {
    it(`P9 channel_pre_writes (${mname})`, async () => {
      const { sys } = boot();
      const port = mkPort(sys);
      const [ch0, ch1] = mkChannel(sys);
      for (let i = 0; i < 5; i++) expect(chWrite(sys, ch0, u32s(i))).toBe(ZX_OK);
      expect(sys.zx_handle_close(ch0)).toBe(ZX_OK);
      expect(sys.zx_object_wait_async(ch1, port, 5n, R | PC, mode)).toBe(ZX_OK);
      const pkts = await drain(sys, port);
      expect(pkts.length).toBe(1);
      expect(pkts[0].key).toBe(5n);
      expect(pkts[0].type).toBe(mode === ZX_WAIT_ASYNC_ONCE ? ZX_PKT_TYPE_SIGNAL_ONE : ZX_PKT_TYPE_SIGNAL_REP);
      expect(signalOf(pkts[0])).toEqual({ trigger: R | PC, observed: R | PC, count: 5n });
    });
  }

  for (const [mname, mode] of MODES) {
    it(`P10 cancel_event (${mname})`, async () => {
      const { sys } = boot();
      const port = mkPort(sys);
      const ev = mkEvent(sys);
      for (const k of [128n, 13n, 7n, 13n]) {
        expect(sys.zx_object_wait_async(ev, port, k, ZX_EVENT_SIGNALED, mode)).toBe(ZX_OK);
      }
      expect(sys.zx_port_cancel(port, ev, 13n)).toBe(ZX_OK);
      for (let i = 0; i < 2; i++) {
        expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
        expect(sys.zx_object_signal(ev, ZX_EVENT_SIGNALED, 0)).toBe(ZX_OK);
      }
      const pkts = await drain(sys, port);
      expect(pkts.map((p) => p.key)).toEqual([7n, 128n]);
      for (const p of pkts) {
        const s = signalOf(p);
        expect(s.trigger).toBe(ZX_EVENT_SIGNALED);
        expect(s.observed).toBe(ZX_EVENT_SIGNALED);
        expect(s.count).toBe(1n);
      }
      if (mode === ZX_WAIT_ASYNC_ONCE) {
        expect(sys.zx_port_cancel(port, ev, 128n)).toBe(ZX_ERR_NOT_FOUND);
      }
    });
  }

  for (const [mname, mode] of MODES) {
    it(`P11 cancel_event_after (${mname})`, async () => {
      const { sys } = boot();
      const port = mkPort(sys);
      const evs = [mkEvent(sys), mkEvent(sys), mkEvent(sys)];
      const keys = [128n, 3n, 3n];
      evs.forEach((ev, i) =>
        expect(sys.zx_object_wait_async(ev, port, keys[i], ZX_EVENT_SIGNALED, mode)).toBe(ZX_OK),
      );
      expect(sys.zx_object_signal(evs[0], 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
      expect(sys.zx_object_signal(evs[1], 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
      expect(sys.zx_port_cancel(port, evs[1], 3n)).toBe(ZX_OK);
      expect(sys.zx_port_cancel(port, evs[2], 3n)).toBe(ZX_OK);
      expect(sys.zx_object_signal(evs[2], 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
      const pkts = await drain(sys, port);
      expect(pkts.length).toBe(1);
      expect(pkts[0].key).toBe(128n);
    });
  }

  for (const [mname, mode] of MODES) {
    it(`P12 threads_event (${mname})`, async () => {
      const { sys } = boot();
      const port = mkPort(sys);
      const ev = mkEvent(sys);
      for (const k of [500n, 501n, 502n]) {
        expect(sys.zx_object_wait_async(ev, port, k, ZX_EVENT_SIGNALED, mode)).toBe(ZX_OK);
      }
      const pkts = [blankPacket(), blankPacket(), blankPacket()];
      const waiters = pkts.map((p) => track(sys.zx_port_wait(port, ZX_TIME_INFINITE, p)));
      await sleep(5);
      expect(waiters.some((w) => w.done())).toBe(false);
      expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
      const sts = await Promise.all(waiters.map((w) => w.promise));
      expect(sts).toEqual([ZX_OK, ZX_OK, ZX_OK]);
      expect(pkts.map((p) => p.key).sort()).toEqual([500n, 501n, 502n]);
      for (const p of pkts) {
        expect(p.type).toBe(mode === ZX_WAIT_ASYNC_ONCE ? ZX_PKT_TYPE_SIGNAL_ONE : ZX_PKT_TYPE_SIGNAL_REP);
        expect(signalOf(p).count).toBe(1n);
      }
      expect((await drain(sys, port)).length).toBe(0);
    });
  }

  it('P13 cancel_stress', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    let toggles = 0;
    const toggler = (async () => {
      for (;;) {
        let st = sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED);
        if (st !== ZX_OK) return st;
        await tick();
        st = sys.zx_object_signal(ev, ZX_EVENT_SIGNALED, 0);
        if (st !== ZX_OK) return st;
        toggles++;
        await tick();
      }
    })();
    const bad: number[] = [];
    for (let i = 0; i < 300; i++) {
      expect(sys.zx_object_wait_async(ev, port, 7n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
      expect(await sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, null)).toBe(ZX_OK);
      const st = sys.zx_port_cancel(port, ev, 7n);
      if (st !== ZX_OK) bad.push(i);
      if (i % 10 === 0) await tick();
    }
    expect(bad).toEqual([]);
    expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
    expect(await toggler).toBe(ZX_ERR_BAD_HANDLE);
    expect(toggles).toBeGreaterThan(0);
  });
});

describe('async waits (spec §3 object_wait_async)', () => {
  it('a condition that already holds queues a packet at registration', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    expect(sys.zx_object_signal(ev, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect(sys.zx_object_wait_async(ev, port, 9n, ZX_USER_SIGNAL_0, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    const pkts = await drain(sys, port);
    expect(pkts.length).toBe(1);
    expect(pkts[0].status).toBe(ZX_OK);
    expect(signalOf(pkts[0])).toEqual({ trigger: ZX_USER_SIGNAL_0, observed: ZX_USER_SIGNAL_0, count: 1n });
  });

  it('signals 0 never fires', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    expect(sys.zx_object_wait_async(ev, port, 1n, 0, ZX_WAIT_ASYNC_REPEATING)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect((await drain(sys, port)).length).toBe(0);
  });

  it('REPEATING: one packet in the queue at a time, later matches OR into observed', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    expect(
      sys.zx_object_wait_async(ev, port, 2n, ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_0, ZX_WAIT_ASYNC_REPEATING),
    ).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, ZX_EVENT_SIGNALED, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    let pkts = await drain(sys, port);
    expect(pkts.length).toBe(1);
    expect(signalOf(pkts[0])).toEqual({
      trigger: ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_0,
      observed: ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_0,
      count: 1n,
    });
    // After dequeue, the next matching update queues it again.
    expect(sys.zx_object_signal(ev, ZX_USER_SIGNAL_0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    pkts = await drain(sys, port);
    expect(pkts.length).toBe(1);
    expect(signalOf(pkts[0]).observed).toBe(ZX_EVENT_SIGNALED);
    // No state change → no packet (§2.3).
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect((await drain(sys, port)).length).toBe(0);
  });

  it('§2.3 more data into an already READABLE socket does not re-arm a REPEATING wait', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_object_wait_async(s1, port, 6n, R, ZX_WAIT_ASYNC_REPEATING)).toBe(ZX_OK);
    expect(sys.zx_socket_write(s0, 0, new Uint8Array(3), 3, null)).toBe(ZX_OK);
    expect((await drain(sys, port)).length).toBe(1);
    expect(sys.zx_socket_write(s0, 0, new Uint8Array(3), 3, null)).toBe(ZX_OK);
    expect((await drain(sys, port)).length).toBe(0);
  });

  it('closing the port discards its packets; later firings are dropped silently', async () => {
    const { kernel, sys } = boot();
    const idle = kernel.stats(); // the process, its startup handles, the root job
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    for (let i = 0; i < 10; i++) expect(sys.zx_port_queue(port, userPacket(BigInt(i)))).toBe(ZX_OK);
    expect(sys.zx_object_wait_async(ev, port, 1n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_REPEATING)).toBe(ZX_OK);
    expect(kernel.stats().userPackets).toBe(10);
    expect(sys.zx_handle_close(port)).toBe(ZX_OK);
    expect(kernel.stats().userPackets).toBe(0);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, ZX_EVENT_SIGNALED, 0)).toBe(ZX_OK);
    expect(sys.zx_handle_close(ev)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(idle);
  });

  it('ONCE: the registration ends after its packet', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    expect(sys.zx_object_wait_async(ev, port, 3n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, ZX_EVENT_SIGNALED, 0)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect((await drain(sys, port)).length).toBe(1);
    expect(sys.zx_port_cancel(port, ev, 3n)).toBe(ZX_ERR_NOT_FOUND);
  });

  it('closing the waited handle drops the registration silently; queued packets stay', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    const d = dup(sys, ev);
    expect(sys.zx_object_wait_async(d, port, 4n, ZX_USER_SIGNAL_0, ZX_WAIT_ASYNC_REPEATING)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect(sys.zx_handle_close(d)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, ZX_USER_SIGNAL_0, 0)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    const pkts = await drain(sys, port);
    expect(pkts.length).toBe(1);
    expect(pkts[0].key).toBe(4n);
  });

  it('port_cancel matches only registrations made through that handle; user packets never match', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    const d = dup(sys, ev);
    expect(sys.zx_object_wait_async(d, port, 5n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    expect(sys.zx_port_queue(port, userPacket(5n))).toBe(ZX_OK);
    expect(sys.zx_port_cancel(port, ev, 5n)).toBe(ZX_ERR_NOT_FOUND);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    const pkts = await drain(sys, port);
    expect(pkts.map((p) => p.type)).toEqual([ZX_PKT_TYPE_USER, ZX_PKT_TYPE_SIGNAL_ONE]);
  });

  it('a full port drops the registration silently, even REPEATING', async () => {
    const { sys } = boot();
    const port = mkPort(sys);
    const ev = mkEvent(sys);
    let n = 0;
    while (sys.zx_port_queue(port, userPacket(BigInt(n))) === ZX_OK) n++;
    expect(sys.zx_object_wait_async(ev, port, 77n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_REPEATING)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    const pkts = await drain(sys, port);
    expect(pkts.length).toBe(n);
    expect(pkts.every((p) => p.type === ZX_PKT_TYPE_USER)).toBe(true);
    // the registration is gone: a new state change queues nothing
    expect(sys.zx_object_signal(ev, ZX_EVENT_SIGNALED, 0)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect((await drain(sys, port)).length).toBe(0);
    expect(sys.zx_port_cancel(port, ev, 77n)).toBe(ZX_ERR_NOT_FOUND);
  });

  it('port_create(ZX_PORT_BIND_TO_INTERRUPT) is accepted; packets are FIFO', async () => {
    const { sys } = boot();
    const port = mkPort(sys, 1);
    for (let i = 0; i < 5; i++) expect(sys.zx_port_queue(port, userPacket(BigInt(i)))).toBe(ZX_OK);
    expect((await drain(sys, port)).map((p) => p.key)).toEqual([0n, 1n, 2n, 3n, 4n]);
  });

  it('port_wait with a real deadline wakes up on a later queue', async () => {
    const { kernel, sys } = boot();
    const port = mkPort(sys);
    const p = blankPacket();
    const w = track(sys.zx_port_wait(port, after(kernel, 5000n * MS), p));
    await sleep(5);
    expect(w.done()).toBe(false);
    expect(sys.zx_port_queue(port, userPacket(42n))).toBe(ZX_OK);
    expect(await w.promise).toBe(ZX_OK);
    expect(p.key).toBe(42n);
  });
});
