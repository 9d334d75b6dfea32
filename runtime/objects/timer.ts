// Timers (Zircon's TimerDispatcher): a one-shot alarm on the kernel's clock that asserts
// ZX_TIMER_SIGNALED at its deadline and can be set again (spec §4).
import {
  ZX_DEFAULT_TIMER_RIGHTS,
  ZX_OBJ_TYPE_TIMER,
  ZX_TIME_INFINITE,
  ZX_TIMER_SIGNALED,
  ZX_USER_SIGNAL_ALL,
} from '../../generated/constants.js';
import type { Cancel } from '../clock.js';
import type { Kernel } from '../kernel.js';
import { KernelObject } from '../kernel-object.js';

/** The "cancel" of a timer armed for ZX_TIME_INFINITE, which schedules nothing on the host. */
const NEVER: Cancel = () => {};

/** A timer (zx_timer_create): armed at most once at a time, firing on the kernel's clock. */
export class TimerObject extends KernelObject {
  static readonly type = ZX_OBJ_TYPE_TIMER;
  static readonly defaultRights = ZX_DEFAULT_TIMER_RIGHTS;

  /** The pending deadline's cancellation while armed, else null. */
  private armed: Cancel | null = null;
  /** The armed deadline (0n when disarmed), for inspection. */
  deadline = 0n;
  /** The slack of the last set; the timer fires at the deadline, inside every slack window. */
  slack = 0n;

  private constructor(
    kernel: Kernel,
    /** ZX_TIMER_SLACK_CENTER, _EARLY or _LATE, fixed at creation. */
    readonly slackMode: number,
  ) {
    super(kernel, ZX_OBJ_TYPE_TIMER, 0);
  }

  static create(kernel: Kernel, slackMode: number): TimerObject {
    return new TimerObject(kernel, slackMode);
  }

  get waitable(): boolean {
    return true;
  }

  /** Only the user signals: ZX_TIMER_SIGNALED belongs to the timer (INVALID_ARGS to object_signal). */
  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }

  /** Whether a deadline is pending. */
  get isArmed(): boolean {
    return this.armed !== null;
  }

  /**
   * timer_set: disarm and clear SIGNALED, then either signal at once (a deadline of 0 or one
   * already reached) or arm for `deadline`.
   */
  set(deadline: bigint, slack: bigint): void {
    this.cancel();
    this.slack = slack;
    if (deadline === 0n || deadline <= this.kernel.now()) {
      this.updateSignals(0, ZX_TIMER_SIGNALED);
      return;
    }
    this.deadline = deadline;
    this.armed = deadline === ZX_TIME_INFINITE ? NEVER : this.kernel.clock.schedule(deadline, this.fire);
  }

  /** timer_cancel (and the last handle's close): disarm and clear SIGNALED. */
  cancel(): void {
    this.armed?.();
    this.armed = null;
    this.deadline = 0n;
    this.updateSignals(ZX_TIMER_SIGNALED, 0);
  }

  private readonly fire = (): void => {
    this.armed = null;
    this.deadline = 0n;
    this.updateSignals(0, ZX_TIMER_SIGNALED);
  };

  onZeroHandles(): void {
    this.armed?.();
    this.armed = null;
    this.kernel.objectDestroyed();
  }
}
