// Time (spec part 2 §3, tests T1–T3): the clocks, ticks, deadline_after and nanosleep, and the
// virtual clock that every deadline of the kernel follows. No test here sleeps for real.
import { describe, expect, it } from 'vitest';
import {
  Kernel,
  ZX_CLOCK_MONOTONIC,
  ZX_CLOCK_THREAD,
  ZX_CLOCK_UTC,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_TIMED_OUT,
  ZX_EVENT_SIGNALED,
  ZX_OK,
  ZX_TIME_INFINITE,
  ZX_TIME_INFINITE_PAST,
  type zx_port_packet_t,
} from '../../index.js';
import { VirtualClock } from '../../runtime/clock.js';
import { bad, box, mkChannel, mkEvent, mkPort, MS, track, type Sys } from './helpers.js';

const HOUR = 3_600_000_000_000n;

function virtual(start?: bigint): { kernel: Kernel; sys: Sys } {
  const kernel = new Kernel({ clock: start === undefined ? 'virtual' : new VirtualClock(start) });
  return { kernel, sys: kernel.createProcess('time').syscalls };
}

/** Let settled promises run their continuations. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('clock_get and clock_get_monotonic', () => {
  it('T1: 100 monotonic readings are positive and never decrease, with sleeps between (host clock)', async () => {
    const kernel = new Kernel();
    const sys = kernel.createProcess().syscalls;
    let last = 0n;
    for (let i = 0; i < 100; i++) {
      const t = sys.zx_clock_get_monotonic();
      expect(t).toBeGreaterThan(0n);
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      // A deadline already reached returns at once: no real sleeping.
      expect(await sys.zx_nanosleep(t)).toBe(ZX_OK);
    }
    expect(sys.zx_clock_get(ZX_CLOCK_MONOTONIC)).toBeGreaterThanOrEqual(last);
  });

  it('MONOTONIC and the monotonic call read kernel.now(); UTC adds the offset; THREAD and unknown clocks read 0', () => {
    const kernel = new Kernel({ clock: 'virtual', utcOffset: 5_000n });
    const sys = kernel.createProcess().syscalls;
    expect(sys.zx_clock_get_monotonic()).toBe(1_000_000n);
    kernel.advanceTime(123n);
    expect(sys.zx_clock_get_monotonic()).toBe(1_000_123n);
    expect(sys.zx_clock_get(ZX_CLOCK_MONOTONIC)).toBe(kernel.now());
    expect(sys.zx_clock_get(ZX_CLOCK_UTC)).toBe(kernel.now() + 5_000n);
    expect(sys.zx_clock_get(ZX_CLOCK_THREAD)).toBe(0n);
    expect(sys.zx_clock_get(3)).toBe(0n);
    expect(sys.zx_clock_get(0xffffffff)).toBe(0n);
  });

  it('UTC equals monotonic by default', () => {
    const { kernel, sys } = virtual();
    expect(sys.zx_clock_get(ZX_CLOCK_UTC)).toBe(kernel.now());
  });

  it('INVALID_ARGS: a clock id that is not a u32 throws, naming the status (there is no status to return)', () => {
    const { sys } = virtual();
    expect(() => sys.zx_clock_get(bad('x'))).toThrow(/zx_clock_get failed with ZX_ERR_INVALID_ARGS/);
    expect(() => sys.zx_clock_get(-1)).toThrow(expect.objectContaining({ status: ZX_ERR_INVALID_ARGS, syscall: 'zx_clock_get' }));
  });
});

describe('clock_get_new', () => {
  it('stores the same readings as clock_get for the three clocks', () => {
    const kernel = new Kernel({ clock: 'virtual', utcOffset: 7_000n });
    const sys = kernel.createProcess().syscalls;
    kernel.advanceTime(HOUR);
    const out = box(-1n);
    expect(sys.zx_clock_get_new(ZX_CLOCK_MONOTONIC, out)).toBe(ZX_OK);
    expect(out.value).toBe(kernel.now());
    expect(sys.zx_clock_get_new(ZX_CLOCK_UTC, out)).toBe(ZX_OK);
    expect(out.value).toBe(kernel.now() + 7_000n);
    expect(sys.zx_clock_get_new(ZX_CLOCK_THREAD, out)).toBe(ZX_OK);
    expect(out.value).toBe(0n);
  });

  it('INVALID_ARGS for an unknown clock or an unusable out, which is left unchanged', () => {
    const { sys } = virtual();
    const out = box(-9n);
    expect(sys.zx_clock_get_new(3, out)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_clock_get_new(0xffffffff, out)).toBe(ZX_ERR_INVALID_ARGS);
    expect(out.value).toBe(-9n);
    expect(sys.zx_clock_get_new(ZX_CLOCK_MONOTONIC, bad(null))).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_clock_get_new(ZX_CLOCK_MONOTONIC, Object.freeze(box(-9n)))).toBe(ZX_ERR_INVALID_ARGS);
  });
});

describe('ticks_get and ticks_per_second', () => {
  it('T2: soft ticks: 10^9 a second, equal to monotonic nanoseconds, never decreasing', () => {
    const { kernel, sys } = virtual();
    expect(sys.zx_ticks_per_second()).toBe(1_000_000_000n);
    const a = sys.zx_ticks_get();
    expect(a).toBe(kernel.now());
    kernel.advanceTime(7n);
    expect(sys.zx_ticks_get() - a).toBe(7n);
    const host = new Kernel().createProcess().syscalls;
    const t0 = host.zx_ticks_get();
    expect(host.zx_ticks_get()).toBeGreaterThanOrEqual(t0);
  });
});

describe('deadline_after', () => {
  it('T3: now + duration, saturating at ZX_TIME_INFINITE; a negative duration gives a past deadline', () => {
    const { kernel, sys } = virtual();
    const now = kernel.now();
    expect(now).toBeGreaterThan(1000n);
    expect(sys.zx_deadline_after(HOUR)).toBe(now + HOUR);
    expect(sys.zx_deadline_after(0x7fffffffffffffffn - 100n)).toBe(ZX_TIME_INFINITE);
    expect(sys.zx_deadline_after(ZX_TIME_INFINITE)).toBe(ZX_TIME_INFINITE);
    expect(sys.zx_deadline_after(10n * 365n * 24n * HOUR)).toBeGreaterThan(0n);
    expect(sys.zx_deadline_after(ZX_TIME_INFINITE_PAST)).toBe(ZX_TIME_INFINITE_PAST + now);
    expect(sys.zx_deadline_after(ZX_TIME_INFINITE_PAST)).toBeLessThan(0n);
    expect(sys.zx_deadline_after(-5n)).toBe(now - 5n);
  });

  it('INVALID_ARGS: a duration that is not an i64 bigint throws', () => {
    const { sys } = virtual();
    expect(() => sys.zx_deadline_after(bad(5))).toThrow(/zx_deadline_after failed with ZX_ERR_INVALID_ARGS/);
    expect(() => sys.zx_deadline_after(bad(1n << 63n))).toThrow(/ZX_ERR_INVALID_ARGS/);
  });
});

describe('nanosleep', () => {
  it('settles exactly when the virtual clock reaches the deadline, not before', async () => {
    const { kernel, sys } = virtual();
    const sleep = track(sys.zx_nanosleep(kernel.now() + 10n * MS));
    kernel.advanceTime(10n * MS - 1n);
    await settle();
    expect(sleep.done()).toBe(false);
    kernel.advanceTime(1n);
    expect(await sleep.promise).toBe(ZX_OK);
  });

  it('a deadline of 0, a negative one or one already past returns OK at once', async () => {
    const { kernel, sys } = virtual();
    for (const d of [0n, -1n, ZX_TIME_INFINITE_PAST, kernel.now(), kernel.now() - 1n]) {
      const s = track(sys.zx_nanosleep(d));
      await settle();
      expect(s.done(), String(d)).toBe(true);
      expect(await s.promise).toBe(ZX_OK);
    }
  });

  it('sleeps wake in deadline order as the clock jumps past all of them at once', async () => {
    const { kernel, sys } = virtual();
    const order: number[] = [];
    const now = kernel.now();
    const sleeps = [30n, 10n, 20n].map((d, i) => sys.zx_nanosleep(now + d).then(() => { order.push(i); }));
    kernel.advanceTime(1_000n);
    await Promise.all(sleeps);
    expect(order).toEqual([1, 2, 0]);
  });

  it('INVALID_ARGS: a deadline that is not a bigint', async () => {
    const { sys } = virtual();
    expect(await sys.zx_nanosleep(bad(1))).toBe(ZX_ERR_INVALID_ARGS);
  });
});

describe('the virtual clock drives every deadline of the kernel', () => {
  it('object_wait_one, object_wait_many, port_wait and channel_call time out when the clock passes their deadline', async () => {
    const { kernel, sys } = virtual();
    const ev = mkEvent(sys);
    const port = mkPort(sys);
    const [client] = mkChannel(sys);
    const d = kernel.now() + 5n * MS;
    const packet: zx_port_packet_t = { key: 0n, type: 0, status: 0, payload: new Uint8Array(32) };
    const waits = [
      track(sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, d, box(0))),
      track(sys.zx_object_wait_many([{ handle: ev, waitfor: ZX_EVENT_SIGNALED, pending: 0 }], 1, d)),
      track(sys.zx_port_wait(port, d, packet)),
      track(sys.zx_channel_call(client, 0, d, {
        wr_bytes: new Uint8Array(4), wr_handles: null, rd_bytes: new Uint8Array(4), rd_handles: null,
        wr_num_bytes: 4, wr_num_handles: 0, rd_num_bytes: 4, rd_num_handles: 0,
      }, box(0), box(0))),
    ];
    kernel.advanceTime(5n * MS - 1n);
    await settle();
    expect(waits.map((w) => w.done())).toEqual([false, false, false, false]);
    kernel.advanceTime(1n);
    expect(await Promise.all(waits.map((w) => w.promise))).toEqual([ZX_ERR_TIMED_OUT, ZX_ERR_TIMED_OUT, ZX_ERR_TIMED_OUT, ZX_ERR_TIMED_OUT]);
  });

  it('a wait satisfied before its deadline does not time out when the clock later passes it', async () => {
    const { kernel, sys } = virtual();
    const ev = mkEvent(sys);
    const w = sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, kernel.now() + MS, box(0));
    expect(sys.zx_object_signal(ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    kernel.advanceTime(2n * MS);
    expect(await w).toBe(ZX_OK);
  });

  it('advanceTime refuses a negative step and a kernel on the host clock', () => {
    const { kernel } = virtual();
    expect(() => kernel.advanceTime(-1n)).toThrow(/negative/);
    expect(() => new Kernel().advanceTime(1n)).toThrow(/clock: 'virtual'/);
  });

  it('one VirtualClock can drive several kernels, starting where it is told', () => {
    const clock = new VirtualClock(5n);
    const a = new Kernel({ clock });
    const b = new Kernel({ clock });
    clock.advance(10n);
    expect([a.now(), b.now()]).toEqual([15n, 15n]);
    expect(() => new VirtualClock(-1n)).toThrow(RangeError);
  });
});
