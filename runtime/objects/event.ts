// Events (Zircon's EventDispatcher): a solo object whose only state is its signal word.
import {
  ZX_DEFAULT_EVENT_RIGHTS,
  ZX_EVENT_SIGNALED,
  ZX_OBJ_TYPE_EVENT,
  ZX_USER_SIGNAL_ALL,
} from '../../generated/constants.js';
import type { Kernel } from '../kernel.js';
import { KernelObject } from '../kernel-object.js';

const EVENT_USER_SIGNALS = ZX_USER_SIGNAL_ALL | ZX_EVENT_SIGNALED;

/** An event (zx_event_create): an object whose only state is its signals. */
export class EventObject extends KernelObject {
  static readonly type = ZX_OBJ_TYPE_EVENT;
  static readonly defaultRights = ZX_DEFAULT_EVENT_RIGHTS;

  private constructor(kernel: Kernel) {
    super(kernel, ZX_OBJ_TYPE_EVENT, 0);
  }

  static create(kernel: Kernel): EventObject {
    return new EventObject(kernel);
  }

  get waitable(): boolean {
    return true;
  }

  get userSignalMask(): number {
    return EVENT_USER_SIGNALS;
  }

  onZeroHandles(): void {
    this.kernel.objectDestroyed();
  }
}
