// The idiomatic layer over time, timers, the debug log, the CPRNG and system information:
// Timer (set, await wait(), cancel), DebugLog (write, read), and the module functions of the
// syscalls that take no handle. Time is virtual: nothing here sleeps for real.
import { describe, expect, it } from 'vitest';
import {
  clockGetMonotonic,
  cprngAddEntropy,
  cprngDraw,
  DebugLog,
  deadlineAfter,
  Kernel,
  nanosleep,
  SYSCALL_METHODS,
  systemGetFeatures,
  systemGetNumCpus,
  systemGetVersion,
  ticksGet,
  ticksPerSecond,
  Timer,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_TIMED_OUT,
  ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT,
  ZX_LOG_FLAG_READABLE,
  ZX_LOG_INFO,
  ZX_TIMER_SIGNALED,
  ZX_TIMER_SLACK_LATE,
  ZxError,
} from '../../index.js';
import { str } from './helpers.js';

const MS = 1_000_000n;

function boot() {
  const kernel = new Kernel({ clock: 'virtual' });
  return { kernel, proc: kernel.createProcess('idiomatic-time') };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('Timer', () => {
  it('set(deadline) then await wait(): resolves with ZX_TIMER_SIGNALED when the clock reaches the deadline', async () => {
    const { kernel, proc } = boot();
    using timer = Timer.create(proc);
    timer.set(kernel.now() + 10n * MS);
    let fired = 0;
    const w = timer.wait().then((s) => (fired = s));
    kernel.advanceTime(10n * MS - 1n);
    await settle();
    expect(fired).toBe(0);
    kernel.advanceTime(1n);
    await w;
    expect(fired).toBe(ZX_TIMER_SIGNALED);
  });

  it('cancel() clears the signal; a wait with a passed deadline throws TIMED_OUT', async () => {
    const { kernel, proc } = boot();
    using timer = Timer.create(proc, ZX_TIMER_SLACK_LATE);
    timer.set(0n);
    expect(await timer.wait()).toBe(ZX_TIMER_SIGNALED);
    timer.cancel();
    await expect(timer.wait(ZX_TIMER_SIGNALED, { deadline: kernel.now() })).rejects.toMatchObject({ status: ZX_ERR_TIMED_OUT });
  });

  it('a negative slack throws ZxError OUT_OF_RANGE quoting the page', () => {
    const { kernel, proc } = boot();
    using timer = Timer.create(proc);
    const e = (() => {
      try {
        timer.set(kernel.now() + MS, -1n);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(ZxError);
    expect(e).toMatchObject({ status: ZX_ERR_OUT_OF_RANGE, syscall: 'zx_timer_set' });
    expect((e as Error).message).toContain('*slack* is negative');
  });
});

describe('DebugLog', () => {
  it('write() takes text or bytes; read() returns the header and the data; an empty log throws SHOULD_WAIT', () => {
    const { kernel, proc } = boot();
    using writer = DebugLog.create(proc);
    using reader = DebugLog.create(proc, null, ZX_LOG_FLAG_READABLE);
    writer.write('hello', ZX_LOG_INFO);
    writer.write(Uint8Array.of(1, 2, 3));
    const a = reader.read();
    expect(str(a.data)).toBe('hello');
    expect(a.header).toMatchObject({ datalen: 5, flags: ZX_LOG_INFO, timestamp: kernel.now(), pid: BigInt(proc.koid), tid: 0n });
    expect(reader.read().data).toEqual(Uint8Array.of(1, 2, 3));
    expect(() => reader.read()).toThrow(expect.objectContaining({ status: ZX_ERR_SHOULD_WAIT }));
    expect(() => writer.read()).toThrow(expect.objectContaining({ status: ZX_ERR_ACCESS_DENIED }));
    expect(kernel.log().map((r) => r.data.length)).toEqual([5, 3]);
  });
});

describe('functions for the syscalls that take no handle', () => {
  it('clock, ticks, deadlines and nanosleep follow the kernel of the process passed', async () => {
    const { kernel, proc } = boot();
    expect(clockGetMonotonic(proc)).toBe(kernel.now());
    expect(ticksGet(proc)).toBe(kernel.now());
    expect(ticksPerSecond(proc)).toBe(1_000_000_000n);
    const d = deadlineAfter(proc, 5n * MS);
    expect(d).toBe(kernel.now() + 5n * MS);
    let woke = false;
    const s = nanosleep(proc, d).then(() => (woke = true));
    kernel.advanceTime(5n * MS);
    await s;
    expect(woke).toBe(true);
  });

  it('cprngDraw returns fresh random bytes; cprngAddEntropy refuses more than 256 bytes', () => {
    const { proc } = boot();
    const a = cprngDraw(proc, 64);
    expect(a).toHaveLength(64);
    expect(a).not.toEqual(cprngDraw(proc, 64));
    cprngAddEntropy(proc, new Uint8Array(16));
    expect(() => cprngAddEntropy(proc, new Uint8Array(257))).toThrow(ZxError);
  });

  it('system information as configured', () => {
    const kernel = new Kernel({ system: { numCpus: 4, version: 'git-abc' } });
    const proc = kernel.createProcess();
    expect(systemGetNumCpus(proc)).toBe(4);
    expect(str(systemGetVersion(proc, 64)).replace(/\0+$/, '')).toBe('git-abc');
    expect(systemGetFeatures(proc, ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT)).toBe(4);
  });

  it('SYSCALL_METHODS names them as functions, and the classes by their methods', () => {
    expect(SYSCALL_METHODS).toMatchObject({
      zx_clock_get_monotonic: 'clockGetMonotonic',
      zx_nanosleep: 'nanosleep',
      zx_cprng_draw: 'cprngDraw',
      zx_timer_create: 'Timer.create',
      zx_timer_set: 'Timer.prototype.set',
      zx_debuglog_create: 'DebugLog.create',
      zx_debuglog_read: 'DebugLog.prototype.read',
    });
  });
});
