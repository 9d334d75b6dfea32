// Observers: wait_one/wait_many bookkeeping and removal during a notification.
import { describe, expect, it } from 'vitest';
import {
  ZX_ERR_CANCELED,
  ZX_ERR_TIMED_OUT,
  ZX_EVENT_SIGNALED,
  ZX_OK,
  ZX_SIGNAL_HANDLE_CLOSED,
  ZX_TIME_INFINITE,
  ZX_USER_SIGNAL_0,
  ZX_USER_SIGNAL_1,
} from '../../generated/constants.js';
import { Kernel } from '../../runtime/kernel.js';
import { since } from '../kernel-stats.js';

function boot() {
  const kernel = new Kernel({ testMode: true });
  const sys = kernel.createProcess('w').syscalls;
  const base = kernel.stats(); // the process, its startup handles, the root job
  const ev = (): number => {
    const out = { value: 0 };
    expect(sys.zx_event_create(0, out)).toBe(ZX_OK);
    return out.value;
  };
  return { base, kernel, sys, ev };
}

describe('wait_one', () => {
  it('reports every state passed through, including bits cleared again', async () => {
    const { base, kernel, sys, ev } = boot();
    const e = ev();
    const observed = { value: 0 };
    const p = sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, observed);
    expect(sys.zx_object_signal(e, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect(sys.zx_object_signal(e, ZX_USER_SIGNAL_0, ZX_USER_SIGNAL_1)).toBe(ZX_OK);
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await p).toBe(ZX_OK);
    expect(observed.value).toBe((ZX_USER_SIGNAL_0 | ZX_USER_SIGNAL_1 | ZX_EVENT_SIGNALED) >>> 0);
    expect(since(kernel, base).handles).toBe(1);
  });

  it('times out at a future deadline and not before it', async () => {
    const { kernel, sys, ev } = boot();
    const e = ev();
    const start = kernel.now();
    const deadline = start + 20_000_000n;
    const observed = { value: 7 };
    expect(await sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, deadline, observed)).toBe(ZX_ERR_TIMED_OUT);
    expect(kernel.now()).toBeGreaterThanOrEqual(deadline);
    expect(observed.value).toBe(0);
  });
});

describe('wait_many', () => {
  it('marks every item using a closed handle with HANDLE_CLOSED', async () => {
    const { sys, ev } = boot();
    const e = ev();
    const other = ev();
    const items = [
      { handle: e, waitfor: ZX_EVENT_SIGNALED, pending: 0 },
      { handle: other, waitfor: ZX_EVENT_SIGNALED, pending: 0 },
      { handle: e, waitfor: ZX_USER_SIGNAL_0, pending: 0 },
    ];
    const p = sys.zx_object_wait_many(items, 3, ZX_TIME_INFINITE);
    expect(sys.zx_handle_close(e)).toBe(ZX_OK);
    expect(await p).toBe(ZX_ERR_CANCELED);
    expect(items[0]!.pending & ZX_SIGNAL_HANDLE_CLOSED).toBe(ZX_SIGNAL_HANDLE_CLOSED);
    expect(items[1]!.pending).toBe(0);
    expect(items[2]!.pending & ZX_SIGNAL_HANDLE_CLOSED).toBe(ZX_SIGNAL_HANDLE_CLOSED);
  });

  it('ends all items when one fires, even several observers on the same object', async () => {
    const { sys, ev } = boot();
    const e = ev();
    const items = [
      { handle: e, waitfor: ZX_USER_SIGNAL_1, pending: 0 },
      { handle: e, waitfor: ZX_EVENT_SIGNALED, pending: 0 },
      { handle: e, waitfor: ZX_USER_SIGNAL_0, pending: 0 },
    ];
    const later = sys.zx_object_wait_one(e, ZX_USER_SIGNAL_1, ZX_TIME_INFINITE, null);
    const p = sys.zx_object_wait_many(items, 3, ZX_TIME_INFINITE);
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await p).toBe(ZX_OK);
    for (const it of items) expect(it.pending).toBe(ZX_EVENT_SIGNALED);
    // An older observer further down the list still gets the next change.
    expect(sys.zx_object_signal(e, 0, ZX_USER_SIGNAL_1)).toBe(ZX_OK);
    expect(await later).toBe(ZX_OK);
  });
});
