// The counter object type: a 32-bit value, and ZX_COUNTER_POSITIVE asserted while it is above
// zero. Extending KernelObject gives it a koid, the signal word and its observers, so
// zx_object_wait_one, zx_object_wait_async and ports work on it with no further code.
import { KernelObject, type Kernel } from 'zxkit/runtime';
import { ZX_COUNTER_POSITIVE, ZX_OBJ_TYPE_COUNTER, ZX_USER_SIGNAL_ALL } from '../generated/constants.js';

export class CounterObject extends KernelObject {
  value = 0;

  constructor(kernel: Kernel) {
    super(kernel, ZX_OBJ_TYPE_COUNTER, 0);
  }

  /** Handles to a counter may wait (its default rights include ZX_RIGHT_WAIT). */
  get waitable(): boolean {
    return true;
  }

  /** zx_object_signal may touch the user signals only; ZX_COUNTER_POSITIVE follows the value. */
  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }

  /** Set the value and its signal; observers hear of the change. */
  set(value: number): void {
    this.value = value;
    if (value > 0) this.updateSignals(0, ZX_COUNTER_POSITIVE);
    else this.updateSignals(ZX_COUNTER_POSITIVE, 0);
  }

  /** The last handle is gone: nothing else refers to the counter. */
  onZeroHandles(): void {
    this.kernel.objectDestroyed();
  }
}
