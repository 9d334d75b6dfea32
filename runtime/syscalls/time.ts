// The clocks, ticks, deadlines and nanosleep: all read the kernel's one clock (spec §3).
import { ZX_CLOCK_MONOTONIC, ZX_CLOCK_THREAD, ZX_CLOCK_UTC, ZX_ERR_CANCELED, ZX_ERR_INVALID_ARGS, ZX_OK } from '../../generated/constants.js';
import { copyOut, writeBox } from '../copy-out.js';
import { addSaturating } from '../clock.js';
import type { Handlers } from '../core-types.js';
import { DeadlineTimer } from '../deadline.js';
import { resolved } from '../resolved.js';

/** Ticks are nanoseconds of the monotonic clock (Zircon's soft ticks). */
const TICKS_PER_SECOND = 1_000_000_000n;

// zx_time_t zx_clock_get
export const clockGet: Handlers['clockGet'] = (proc, clockId) => {
  const k = proc.kernel;
  switch (clockId) {
    case ZX_CLOCK_MONOTONIC: return k.now();
    case ZX_CLOCK_UTC: return addSaturating(k.now(), k.utcOffset);
    case ZX_CLOCK_THREAD: return 0n; // no per-thread CPU accounting
    default: return 0n;
  }
};

// zx_status_t zx_clock_get_new: the same clocks, with an unknown one an error and out untouched.
export const clockGetNew: Handlers['clockGetNew'] = (proc, clockId, out) => {
  if (clockId !== ZX_CLOCK_MONOTONIC && clockId !== ZX_CLOCK_UTC && clockId !== ZX_CLOCK_THREAD) return ZX_ERR_INVALID_ARGS;
  return copyOut(ZX_OK, writeBox<bigint>, out, clockGet(proc, clockId));
};

// zx_time_t zx_clock_get_monotonic
export const clockGetMonotonic: Handlers['clockGetMonotonic'] = (proc) => proc.kernel.now();

// zx_ticks_t zx_ticks_get
export const ticksGet: Handlers['ticksGet'] = (proc) => proc.kernel.now();

// zx_ticks_t zx_ticks_per_second
export const ticksPerSecond: Handlers['ticksPerSecond'] = () => TICKS_PER_SECOND;

// zx_time_t zx_deadline_after
export const deadlineAfter: Handlers['deadlineAfter'] = (proc, ns) => addSaturating(proc.kernel.now(), ns);

// zx_status_t zx_nanosleep: settles once the kernel's clock reaches the deadline, or with
// CANCELED when the process dies first (ZX_TIME_INFINITE sleeps until then).
export const nanosleep: Handlers['nanosleep'] = (proc, deadline) => {
  const k = proc.kernel;
  if (deadline <= k.now()) return resolved(ZX_OK);
  return new Promise<number>((r) => {
    let unpark = (): void => {};
    const timer = new DeadlineTimer(k, deadline, () => {
      unpark();
      r(ZX_OK);
    });
    unpark = proc.parked.park(() => {
      timer.cancel();
      r(ZX_ERR_CANCELED);
    });
  });
};
