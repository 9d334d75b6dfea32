// Deadlines are absolute bigint nanoseconds on the kernel's monotonic clock. Any deadline at or
// before "now" means poll; ZX_TIME_INFINITE means no timer at all.
import { ZX_TIME_INFINITE } from '../generated/constants.js';

/** setTimeout's largest delay; longer waits are re-armed in steps. */
const MAX_TIMER_MS = 0x7fffffff;

/** Where deadlines are read: the kernel's monotonic clock (`kernel.now()`). */
export interface Clock {
  now(): bigint;
}

export function isPast(clock: Clock, deadline: bigint): boolean {
  return deadline <= clock.now();
}

/**
 * A one-shot timer for a future deadline. Node timers run on a millisecond loop clock that can
 * fire slightly early, so expiry is re-checked against the kernel clock before `onExpire` runs.
 */
export class DeadlineTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly deadline: bigint,
    private readonly onExpire: () => void,
  ) {
    if (deadline !== ZX_TIME_INFINITE) this.arm();
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    const remainingNs = this.deadline - this.clock.now();
    if (remainingNs <= 0n) {
      // Already due: fire from a macrotask so the caller finishes registering first.
      this.timer = setTimeout(this.fire, 0);
      return;
    }
    const ms = Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(Number(remainingNs) / 1e6)));
    this.timer = setTimeout(this.fire, ms);
  }

  private readonly fire = (): void => {
    this.timer = null;
    if (this.clock.now() < this.deadline) this.arm();
    else this.onExpire();
  };
}
