// An object_wait_async registration (Zircon's PortObserver): watches one object through one
// handle and queues its own packet on the port when the trigger matches.
import {
  ZX_CHANNEL_READABLE,
  ZX_OK,
  ZX_PKT_TYPE_SIGNAL_ONE,
  ZX_PKT_TYPE_SIGNAL_REP,
} from '../../generated/constants.js';
import type { Handle } from '../handle.js';
import type { KernelObject } from '../kernel-object.js';
import { HANDLED, NEED_REMOVAL, SignalObserver } from '../observer.js';
import { PortPacket } from './port-packet.js';
import type { PortObject } from './port.js';

export class PortObserver extends SignalObserver {
  /** REPEATING mode reuses this one packet, so at most one is ever queued per registration. */
  readonly packet: PortPacket;

  constructor(
    handle: Handle,
    readonly port: PortObject,
    key: bigint,
    readonly trigger: number,
    private readonly repeating: boolean,
  ) {
    super(handle);
    this.packet = new PortPacket(null, this);
    this.packet.key = key;
    this.packet.type = repeating ? ZX_PKT_TYPE_SIGNAL_REP : ZX_PKT_TYPE_SIGNAL_ONE;
    this.packet.status = ZX_OK;
    this.packet.trigger = trigger;
  }

  onInitialize(signals: number, subject: KernelObject): number {
    // Quirk: a registration made while a channel already has messages reports their number.
    let count = 1;
    if (this.trigger & ZX_CHANNEL_READABLE) {
      const queued = subject.readableCount();
      if (queued > 0) count = queued;
    }
    return this.maybeQueue(signals, count);
  }

  onStateChange(signals: number): number {
    return this.maybeQueue(signals, 1);
  }

  onCancel(handle: Handle): number {
    return handle === this.handle ? NEED_REMOVAL : 0;
  }

  override onCancelByKey(handle: Handle, port: object, key: bigint): number {
    if (handle !== this.handle || port !== this.port || key !== this.packet.key) return 0;
    return NEED_REMOVAL | HANDLED;
  }

  private maybeQueue(signals: number, count: number): number {
    if ((this.trigger & signals) === 0) return 0;
    const status = this.port.queueSignal(this.packet, signals, count);
    // ONCE ends after one packet; any queueing failure (full or dead port) drops the registration.
    return !this.repeating || status !== ZX_OK ? NEED_REMOVAL : 0;
  }
}
