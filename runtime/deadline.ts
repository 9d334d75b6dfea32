// Deadlines are absolute bigint nanoseconds on the kernel's monotonic clock. Any deadline at or
// before "now" means poll; ZX_TIME_INFINITE means no timer at all.
import { ZX_TIME_INFINITE } from '../generated/constants.js';
import type { Cancel, Clock } from './clock.js';

export type { Clock } from './clock.js';

export function isPast(clock: Clock, deadline: bigint): boolean {
  return deadline <= clock.now();
}

/** A one-shot timer for a deadline on `clock` (the kernel's); ZX_TIME_INFINITE never fires. */
export class DeadlineTimer {
  private cancelTimer: Cancel | null;

  constructor(clock: Clock, deadline: bigint, onExpire: () => void) {
    this.cancelTimer = deadline === ZX_TIME_INFINITE ? null : clock.schedule(deadline, () => {
      this.cancelTimer = null;
      onExpire();
    });
  }

  cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}
