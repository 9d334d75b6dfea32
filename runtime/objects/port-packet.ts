// Port packets and the kernel-wide pool that user packets come from (spec §1.10: 16384).
import { encode_zx_packet_signal_t, LAYOUTS } from '../../generated/structs.js';
import type { zx_port_packet_t } from '../../generated/types.js';
import type { PortObserver } from './port-observer.js';

/** Global user-packet pool size; running it dry makes port_queue return NO_MEMORY. */
export const USER_PACKET_POOL = 16384;
/** The payload union: user bytes or a zx_packet_signal_t, as long as the larger of them. */
const PAYLOAD_SIZE = Math.max(LAYOUTS.lp64.zx_packet_user_t.size, LAYOUTS.lp64.zx_packet_signal_t.size);

export class PortPacket {
  key = 0n;
  type = 0;
  status = 0;
  /** Signal packets: the registration's trigger, the OR of observed states, and the count. */
  trigger = 0;
  observed = 0;
  count = 0;
  /** Port queue links, and whether the packet is in a queue (Zircon's InContainer). */
  prev: PortPacket | null = null;
  next: PortPacket | null = null;
  queued = false;

  constructor(
    /** User packets: the 32 opaque payload bytes; signal packets carry fields instead. */
    readonly payload: Uint8Array | null,
    /** Signal packets: the registration that owns this packet (port_cancel matches on it). */
    readonly source: PortObserver | null,
  ) {}

  /** A detached copy of a signal packet's contents, for a waiter to copy out later. */
  snapshot(): PortPacket {
    const c = new PortPacket(null, null);
    c.key = this.key;
    c.type = this.type;
    c.status = this.status;
    c.trigger = this.trigger;
    c.observed = this.observed;
    c.count = this.count;
    return c;
  }

  /** Copy this packet out to a caller's struct, in the zx_port_packet_t layout. */
  copyOut(out: zx_port_packet_t): void {
    out.key = this.key;
    out.type = this.type;
    out.status = this.status;
    let buf = out.payload;
    if (!(buf instanceof Uint8Array) || buf.length < PAYLOAD_SIZE) buf = out.payload = new Uint8Array(PAYLOAD_SIZE);
    if (this.payload !== null) {
      buf.set(this.payload);
      return;
    }
    encode_zx_packet_signal_t({ trigger: this.trigger >>> 0, observed: this.observed >>> 0, count: BigInt(this.count), reserved0: 0n, reserved1: 0n }, buf);
  }
}

/** Recycles user packets; `inUse` is bounded by USER_PACKET_POOL. */
export class PacketPool {
  private readonly spare: PortPacket[] = [];
  inUse = 0;

  alloc(): PortPacket | null {
    if (this.inUse >= USER_PACKET_POOL) return null;
    this.inUse++;
    return this.spare.pop() ?? new PortPacket(new Uint8Array(PAYLOAD_SIZE), null);
  }

  free(p: PortPacket): void {
    this.inUse--;
    this.spare.push(p);
  }
}
