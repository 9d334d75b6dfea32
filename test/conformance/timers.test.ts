// Timers (spec part 2 §4, tests T4–T11), on a virtual clock: every documented status of
// timer_create, timer_set and timer_cancel, the signal's life, re-arming and cancellation.
import { describe, expect, it } from 'vitest';
import {
  Kernel,
  ZX_CLOCK_MONOTONIC,
  ZX_CLOCK_THREAD,
  ZX_CLOCK_UTC,
  ZX_DEFAULT_TIMER_RIGHTS,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NO_MEMORY,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_TIMED_OUT,
  ZX_ERR_WRONG_TYPE,
  ZX_INFO_HANDLE_BASIC,
  ZX_OBJ_TYPE_TIMER,
  ZX_OK,
  ZX_RIGHT_READ,
  ZX_RIGHT_SAME_RIGHTS,
  ZX_RIGHT_WAIT,
  ZX_TIME_INFINITE,
  ZX_TIME_INFINITE_PAST,
  ZX_TIMER_SIGNALED,
  ZX_TIMER_SLACK_CENTER,
  ZX_TIMER_SLACK_EARLY,
  ZX_TIMER_SLACK_LATE,
  ZX_USER_SIGNAL_0,
  decode_zx_info_handle_basic_t,
} from '../../index.js';
import { bad, box, dup, MS, mkChannel, mkEvent, SENTINEL_H, sig, track, type Sys } from './helpers.js';

function virtual(): { kernel: Kernel; sys: Sys } {
  const kernel = new Kernel({ clock: 'virtual' });
  return { kernel, sys: kernel.createProcess('timers').syscalls };
}

function mkTimer(sys: Sys, options = 0): number {
  const out = box(0);
  expect(sys.zx_timer_create(options, ZX_CLOCK_MONOTONIC, out)).toBe(ZX_OK);
  return out.value;
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('timer_create', () => {
  it('a new timer: rights 0xD00B (no READ), not signalled, one koid', () => {
    const { kernel, sys } = virtual();
    const before = kernel.stats().objects;
    for (const mode of [ZX_TIMER_SLACK_CENTER, ZX_TIMER_SLACK_EARLY, ZX_TIMER_SLACK_LATE]) {
      const t = mkTimer(sys, mode);
      const info = new Uint8Array(32);
      expect(sys.zx_object_get_info(t, ZX_INFO_HANDLE_BASIC, info, 32, null, null)).toBe(ZX_OK);
      const basic = decode_zx_info_handle_basic_t(info);
      expect(basic.type).toBe(ZX_OBJ_TYPE_TIMER);
      expect(basic.rights).toBe(0xd00b);
      expect(basic.rights & ZX_RIGHT_READ).toBe(0);
      expect(ZX_DEFAULT_TIMER_RIGHTS).toBe(0xd00b);
    }
    expect(kernel.stats().objects - before).toBe(3);
  });

  it('T6 INVALID_ARGS: a clock other than MONOTONIC, or options above LATE; out untouched', () => {
    const { kernel, sys } = virtual();
    const before = kernel.stats().objects;
    for (const [options, clock] of [[0, ZX_CLOCK_UTC], [3, ZX_CLOCK_UTC], [0, ZX_CLOCK_THREAD], [3, ZX_CLOCK_MONOTONIC], [0xffffffff, ZX_CLOCK_MONOTONIC]] as const) {
      const out = box(SENTINEL_H);
      expect(sys.zx_timer_create(options, clock, out), `${options}, ${clock}`).toBe(ZX_ERR_INVALID_ARGS);
      expect(out.value).toBe(SENTINEL_H);
    }
    expect(sys.zx_timer_create(0, ZX_CLOCK_MONOTONIC, bad(null))).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.stats().objects).toBe(before);
  });

  it('ACCESS_DENIED: the job policy denies timers; the clock is checked before the policy, the options after', () => {
    const kernel = new Kernel({ clock: 'virtual' });
    const sys = kernel.createProcess('no-timers', { denyNew: [ZX_OBJ_TYPE_TIMER] }).syscalls;
    expect(sys.zx_timer_create(0, ZX_CLOCK_MONOTONIC, box(0))).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_timer_create(7, ZX_CLOCK_MONOTONIC, box(0))).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_timer_create(0, ZX_CLOCK_UTC, box(0))).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('NO_MEMORY: no handle slot left', () => {
    const { sys } = virtual();
    const ev = mkEvent(sys);
    const dups: number[] = [];
    for (;;) {
      const out = box(0);
      if (sys.zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, out) !== ZX_OK) break;
      dups.push(out.value);
    }
    const out = box(SENTINEL_H);
    expect(sys.zx_timer_create(0, ZX_CLOCK_MONOTONIC, out)).toBe(ZX_ERR_NO_MEMORY);
    expect(out.value).toBe(SENTINEL_H);
    expect(sys.zx_handle_close(dups.pop()!)).toBe(ZX_OK);
    expect(sys.zx_timer_create(0, ZX_CLOCK_MONOTONIC, out)).toBe(ZX_OK);
  });
});

describe('timer_set and the signal', () => {
  it('T4, T9: a deadline of 0, -1, INFINITE_PAST or now signals at once and leaves the timer unarmed', async () => {
    const { kernel, sys } = virtual();
    for (const d of [0n, -1n, ZX_TIME_INFINITE_PAST, kernel.now()]) {
      const t = mkTimer(sys);
      expect(sys.zx_timer_set(t, d, 0n)).toBe(ZX_OK);
      const seen = box(0);
      expect(await sys.zx_object_wait_one(t, ZX_TIMER_SIGNALED, ZX_TIME_INFINITE, seen)).toBe(ZX_OK);
      expect(seen.value).toBe(ZX_TIMER_SIGNALED);
    }
  });

  it('T7: a fresh timer is not signalled; set(now + 50 ms) fires exactly at the deadline', async () => {
    const { kernel, sys } = virtual();
    const t = mkTimer(sys);
    expect(await sig(sys, t)).toBe(0);
    for (let i = 0; i < 10; i++) {
      const d = kernel.now() + 50n * MS;
      expect(sys.zx_timer_set(t, d, 0n)).toBe(ZX_OK);
      const seen = box(0);
      const w = track(sys.zx_object_wait_one(t, ZX_TIMER_SIGNALED, kernel.now() + 1000n * MS, seen));
      kernel.advanceTime(50n * MS - 1n);
      await settle();
      expect(w.done()).toBe(false);
      kernel.advanceTime(1n);
      expect(await w.promise).toBe(ZX_OK);
      expect(seen.value).toBe(ZX_TIMER_SIGNALED);
      expect(kernel.now()).toBe(d);
    }
  });

  it('T8: every set clears the earlier signal first; a wait shorter than the deadline times out with 0', async () => {
    const { kernel, sys } = virtual();
    const t = mkTimer(sys);
    expect(sys.zx_timer_set(t, 0n, 0n)).toBe(ZX_OK);
    expect(await sig(sys, t)).toBe(ZX_TIMER_SIGNALED);
    for (let i = 0; i < 10; i++) {
      expect(sys.zx_timer_set(t, kernel.now() + 500n * MS, 0n)).toBe(ZX_OK);
      const seen = box(0xffff);
      const w = sys.zx_object_wait_one(t, ZX_TIMER_SIGNALED, kernel.now() + MS, seen);
      kernel.advanceTime(MS);
      expect(await w).toBe(ZX_ERR_TIMED_OUT);
      expect(seen.value).toBe(0);
    }
  });

  it('re-arming moves the deadline: only the last set fires', async () => {
    const { kernel, sys } = virtual();
    const t = mkTimer(sys);
    const now = kernel.now();
    expect(sys.zx_timer_set(t, now + 10n, 0n)).toBe(ZX_OK);
    expect(sys.zx_timer_set(t, now + 30n, 0n)).toBe(ZX_OK);
    kernel.advanceTime(20n);
    expect(await sig(sys, t)).toBe(0);
    kernel.advanceTime(10n);
    expect(await sig(sys, t)).toBe(ZX_TIMER_SIGNALED);
    // An earlier deadline replaces a later one as well.
    expect(sys.zx_timer_set(t, kernel.now() + 100n, 0n)).toBe(ZX_OK);
    expect(await sig(sys, t)).toBe(0);
    expect(sys.zx_timer_set(t, kernel.now() + 5n, 0n)).toBe(ZX_OK);
    kernel.advanceTime(5n);
    expect(await sig(sys, t)).toBe(ZX_TIMER_SIGNALED);
  });

  it('slack is accepted in every mode, and the timer still fires at its deadline', async () => {
    const { kernel, sys } = virtual();
    for (const mode of [ZX_TIMER_SLACK_CENTER, ZX_TIMER_SLACK_EARLY, ZX_TIMER_SLACK_LATE]) {
      const t = mkTimer(sys, mode);
      expect(sys.zx_timer_set(t, kernel.now() + 10n * MS, 3n * MS)).toBe(ZX_OK);
      kernel.advanceTime(10n * MS - 1n);
      expect(await sig(sys, t)).toBe(0);
      kernel.advanceTime(1n);
      expect(await sig(sys, t)).toBe(ZX_TIMER_SIGNALED);
    }
  });

  it('ZX_TIME_INFINITE arms a timer that never fires', async () => {
    const { kernel, sys } = virtual();
    const t = mkTimer(sys);
    expect(sys.zx_timer_set(t, ZX_TIME_INFINITE, 0n)).toBe(ZX_OK);
    kernel.advanceTime(1n << 62n);
    expect(await sig(sys, t)).toBe(0);
  });

  it('T5 OUT_OF_RANGE: negative slack, checked before the handle', () => {
    const { kernel, sys } = virtual();
    const t = mkTimer(sys);
    expect(sys.zx_timer_set(t, kernel.now() + MS, -1n)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_timer_set(0x7ffff0, 0n, -1n)).toBe(ZX_ERR_OUT_OF_RANGE);
  });

  it('BAD_HANDLE, ACCESS_DENIED (no WRITE), WRONG_TYPE, INVALID_ARGS (not a bigint)', () => {
    const { sys } = virtual();
    const t = mkTimer(sys);
    expect(sys.zx_timer_set(0, 0n, 0n)).toBe(ZX_ERR_BAD_HANDLE);
    const waitOnly = dup(sys, t, ZX_RIGHT_WAIT);
    expect(sys.zx_timer_set(waitOnly, 0n, 0n)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_timer_set(mkChannel(sys)[0], 0n, 0n)).toBe(ZX_ERR_WRONG_TYPE); // has WRITE, is no timer
    expect(sys.zx_timer_set(t, bad(0), 0n)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_timer_set(t, 0n, bad(0))).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('object_signal may touch only the user signals of a timer', async () => {
    const { sys } = virtual();
    const t = mkTimer(sys);
    expect(sys.zx_object_signal(t, 0, ZX_TIMER_SIGNALED)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_signal(t, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect(await sig(sys, t)).toBe(ZX_USER_SIGNAL_0);
  });
});

describe('timer_cancel', () => {
  it('T11: 100 rounds of set(now), signalled, cancel, cleared', async () => {
    const { kernel, sys } = virtual();
    const t = mkTimer(sys);
    for (let i = 0; i < 100; i++) {
      expect(sys.zx_timer_set(t, kernel.now(), 0n)).toBe(ZX_OK);
      expect(await sig(sys, t)).toBe(ZX_TIMER_SIGNALED);
      expect(sys.zx_timer_cancel(t)).toBe(ZX_OK);
      expect(await sig(sys, t)).toBe(0);
    }
  });

  it('T10: re-arming 100 µs ahead over 5 s of virtual time, then cancel: the timer never fires afterwards', async () => {
    const { kernel, sys } = virtual();
    const t = mkTimer(sys);
    const end = kernel.now() + 5000n * MS;
    while (kernel.now() < end) {
      expect(sys.zx_timer_set(t, kernel.now() + 100_000n, 0n)).toBe(ZX_OK);
      kernel.advanceTime(50_000n);
    }
    expect(sys.zx_timer_cancel(t)).toBe(ZX_OK);
    kernel.advanceTime(1000n * MS);
    expect(await sig(sys, t)).toBe(0);
  });

  it('cancels an armed timer, and is OK on one never set', async () => {
    const { kernel, sys } = virtual();
    const t = mkTimer(sys);
    expect(sys.zx_timer_cancel(t)).toBe(ZX_OK);
    expect(sys.zx_timer_set(t, kernel.now() + MS, 0n)).toBe(ZX_OK);
    expect(sys.zx_timer_cancel(t)).toBe(ZX_OK);
    kernel.advanceTime(2n * MS);
    expect(await sig(sys, t)).toBe(0);
  });

  it('BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE', () => {
    const { sys } = virtual();
    const t = mkTimer(sys);
    expect(sys.zx_timer_cancel(0x7ffff0)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_timer_cancel(dup(sys, t, ZX_RIGHT_WAIT))).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_timer_cancel(mkChannel(sys)[0])).toBe(ZX_ERR_WRONG_TYPE);
  });
});

describe('timer lifetime', () => {
  it('closing the last handle disarms the timer and destroys it; a wait through that handle is cancelled', async () => {
    const { kernel, sys } = virtual();
    const before = kernel.stats();
    const t = mkTimer(sys);
    expect(sys.zx_timer_set(t, kernel.now() + MS, 0n)).toBe(ZX_OK);
    const w = sys.zx_object_wait_one(t, ZX_TIMER_SIGNALED, ZX_TIME_INFINITE, box(0));
    expect(sys.zx_handle_close(t)).toBe(ZX_OK);
    expect(await w).toBe(-23); // ZX_ERR_CANCELED
    kernel.advanceTime(2n * MS);
    expect(kernel.stats()).toEqual(before);
  });
});
