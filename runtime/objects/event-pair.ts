// Event pairs (Zircon's EventPairDispatcher): two peered signal words.
import {
  ZX_DEFAULT_EVENTPAIR_RIGHTS,
  ZX_EVENTPAIR_PEER_CLOSED,
  ZX_EVENTPAIR_SIGNALED,
  ZX_OBJ_TYPE_EVENTPAIR,
  ZX_USER_SIGNAL_ALL,
} from '../../generated/constants.js';
import type { Kernel } from '../kernel.js';
import { PeeredObject } from '../kernel-object.js';

const EVENTPAIR_USER_SIGNALS = ZX_USER_SIGNAL_ALL | ZX_EVENTPAIR_SIGNALED;

/** One end of an eventpair (zx_eventpair_create): an event that can signal its peer. */
export class EventPairObject extends PeeredObject<EventPairObject> {
  static readonly type = ZX_OBJ_TYPE_EVENTPAIR;
  static readonly defaultRights = ZX_DEFAULT_EVENTPAIR_RIGHTS;

  private constructor(kernel: Kernel) {
    super(kernel, ZX_OBJ_TYPE_EVENTPAIR, 0);
  }

  static create(kernel: Kernel): [EventPairObject, EventPairObject] {
    return PeeredObject.link(new EventPairObject(kernel), new EventPairObject(kernel));
  }

  get userSignalMask(): number {
    return EVENTPAIR_USER_SIGNALS;
  }

  /** The survivor keeps its other bits and gains PEER_CLOSED. */
  protected onPeerClosed(): void {
    this.updateSignals(0, ZX_EVENTPAIR_PEER_CLOSED);
  }

  protected destroy(): void {
    this.kernel.objectDestroyed();
  }
}
