// The kernel's one clock: monotonic nanoseconds and the callbacks that run at deadlines. Every
// deadline of the kernel (waits, port waits, channel calls, timers, nanosleep) goes through one
// Clock, so a test can run the whole kernel on a VirtualClock and move time by hand.
//
// Only Web platform globals are used (performance.now, setTimeout, queueMicrotask), so the
// runtime runs unchanged in Node and in a browser.

/** Cancels a scheduled callback; calling it after the callback ran, or twice, does nothing. */
export type Cancel = () => void;

/**
 * Where the kernel reads monotonic time and schedules work at deadlines. `now()` never
 * decreases. `schedule(deadline, fire)` calls `fire` once, at or after `deadline` on this
 * clock and never before, unless cancelled first; a deadline already reached fires from a
 * later task, never inside the `schedule` call, so the caller finishes registering first.
 */
export interface Clock {
  /** Monotonic time in nanoseconds. */
  now(): bigint;
  /** Run `fire` once `now()` has reached `deadline`. */
  schedule(deadline: bigint, fire: () => void): Cancel;
}

/** setTimeout's largest delay; longer waits are re-armed in steps. */
const MAX_TIMER_MS = 0x7fffffff;

/**
 * The host's monotonic clock: `performance.now()` in nanoseconds, with deadlines on
 * `setTimeout`. Time counts from the host's time origin (process start in Node, page load in a
 * browser), so it is positive whenever user code can read it.
 */
export class HostClock implements Clock {
  /** The last reading, so that float rounding can never make time go backwards. */
  private last = 0n;

  now(): bigint {
    const t = BigInt(Math.floor(performance.now() * 1e6));
    if (t > this.last) this.last = t;
    return this.last;
  }

  schedule(deadline: bigint, fire: () => void): Cancel {
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Timers run on a millisecond loop clock that can fire slightly early: re-check, re-arm.
    const arm = (): void => {
      const remaining = deadline - this.now();
      const ms = remaining <= 0n ? 0 : Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(Number(remaining) / 1e6)));
      timer = setTimeout(check, ms);
    };
    const check = (): void => {
      timer = null;
      if (this.now() < deadline) arm();
      else fire();
    };
    arm();
    return () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
  }
}

interface Scheduled {
  readonly deadline: bigint;
  /** Order of scheduling, so equal deadlines fire first-come first-served. */
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
}

/**
 * A clock that only moves when told to: `advance(ns)` or `advanceTo(t)`. Callbacks due on the
 * way fire in deadline order, each with `now()` reading its own deadline, inside the call that
 * moves time (so a test advances, then awaits the promises that settled). It starts at
 * `start` (1 ms by default: monotonic time is positive once user code runs).
 */
export class VirtualClock implements Clock {
  private time: bigint;
  private seq = 0;
  /** Pending callbacks, kept sorted by (deadline, seq); short in practice. */
  private queue: Scheduled[] = [];

  constructor(start = 1_000_000n) {
    if (start < 0n) throw new RangeError(`VirtualClock: start ${start} is negative`);
    this.time = start;
  }

  now(): bigint {
    return this.time;
  }

  schedule(deadline: bigint, fire: () => void): Cancel {
    const s: Scheduled = { deadline, seq: this.seq++, fire, cancelled: false };
    if (deadline <= this.time) {
      // Due already: fire after the caller has finished registering.
      queueMicrotask(() => {
        if (!s.cancelled) fire();
      });
    } else {
      let i = this.queue.length;
      while (i > 0 && this.queue[i - 1]!.deadline > deadline) i--;
      this.queue.splice(i, 0, s);
    }
    return () => {
      if (s.cancelled) return;
      s.cancelled = true;
      const i = this.queue.indexOf(s);
      if (i >= 0) this.queue.splice(i, 1);
    };
  }

  /** Move time forward by `ns` (≥ 0), firing every callback that becomes due. */
  advance(ns: bigint): void {
    if (ns < 0n) throw new RangeError(`VirtualClock.advance: ${ns} ns is negative; monotonic time never goes back`);
    this.advanceTo(this.time + ns);
  }

  /** Move time forward to `t`, firing every callback due by then; a `t` in the past does nothing. */
  advanceTo(t: bigint): void {
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || next.deadline > t) break;
      this.queue.shift();
      next.cancelled = true; // fired: a later cancel is a no-op
      if (next.deadline > this.time) this.time = next.deadline;
      next.fire();
    }
    if (t > this.time) this.time = t;
  }

  /** The earliest pending deadline, or null: where `advanceTo` would stop next. */
  nextDeadline(): bigint | null {
    return this.queue[0]?.deadline ?? null;
  }
}

const I64_MAX = 0x7fffffffffffffffn;
const I64_MIN = -0x8000000000000000n;

/** `t + d` on i64 nanoseconds, clamped to ZX_TIME_INFINITE / ZX_TIME_INFINITE_PAST on overflow. */
export function addSaturating(t: bigint, d: bigint): bigint {
  const r = t + d;
  return r > I64_MAX ? I64_MAX : r < I64_MIN ? I64_MIN : r;
}
