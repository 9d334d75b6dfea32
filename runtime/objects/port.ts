// Ports (Zircon's PortDispatcher): a FIFO of packets, user packets from the global pool,
// signal packets owned by wait_async registrations, and blocked port_wait callers.
import {
  ZX_DEFAULT_PORT_RIGHTS,
  ZX_ERR_BAD_STATE,
  ZX_ERR_CANCELED,
  ZX_ERR_NO_MEMORY,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_TIMED_OUT,
  ZX_OBJ_TYPE_PORT,
  ZX_OK,
  ZX_PKT_TYPE_USER,
} from '../../generated/constants.js';
import type { zx_port_packet_t } from '../../generated/types.js';
import { copyOut } from '../copy-out.js';
import { DeadlineTimer, isPast } from '../deadline.js';
import { Deque } from '../deque.js';
import type { Handle } from '../handle.js';
import type { Kernel } from '../kernel.js';
import { KernelObject } from '../kernel-object.js';
import { resolved } from '../resolved.js';
import type { ParkedCalls } from '../parked.js';
import type { ObjectContents } from '../snapshot.js';
import type { PacketPool, PortPacket } from './port-packet.js';

/** Quirk: the check is "queued > 2048", so the 2049th packet still gets in (test P3). */
export const PORT_MAX_PENDING = 2048;

const writePacket = (out: zx_port_packet_t, p: PortPacket): void => p.copyOut(out);

/**
 * A blocked port_wait. The call that queues a packet hands it over (Zircon's dequeue); it is
 * copied out later, in the waiter's own continuation, so a packet struct that refuses the write
 * fails only this wait (INVALID_ARGS, as a failed copy to user memory does in Zircon).
 */
class PortWaiter {
  readonly promise: Promise<number>;
  private resolve!: (status: number) => void;
  timer: DeadlineTimer | null = null;
  /** Takes it off its process's parked calls. */
  unpark: (() => void) | null = null;
  /** The handed-over packet: a pool packet, or a copy of a registration's signal packet. */
  private packet: PortPacket | null = null;

  constructor(out: zx_port_packet_t, pool: PacketPool) {
    const settled = new Promise<number>((r) => (this.resolve = r));
    this.promise = settled.then((status) => {
      const p = this.packet;
      if (p === null) return status;
      this.packet = null;
      const result = copyOut(status, writePacket, out, p);
      if (p.payload !== null) pool.free(p);
      return result;
    });
  }

  /**
   * Take `p` off the port's hands. A signal packet stays with its registration, which may queue
   * it again before the waiter runs, so the waiter keeps a copy of what it carries now.
   */
  take(p: PortPacket): void {
    this.packet = p.source === null ? p : p.snapshot();
    this.finish(ZX_OK);
  }

  finish(status: number): void {
    this.timer?.cancel();
    this.timer = null;
    this.unpark?.();
    this.unpark = null;
    this.resolve(status);
  }
}

/** A port (zx_port_create): a queue of packets, user ones and those of zx_object_wait_async. */
export class PortObject extends KernelObject {
  static readonly type = ZX_OBJ_TYPE_PORT;
  static readonly defaultRights = ZX_DEFAULT_PORT_RIGHTS;

  private head: PortPacket | null = null;
  private tail: PortPacket | null = null;
  private queuedCount = 0;
  /** Set when the last handle closes: packets are discarded and nothing more is queued. */
  private dead = false;
  private readonly waiters = new Deque<PortWaiter>();

  private constructor(
    kernel: Kernel,
    readonly options: number,
  ) {
    super(kernel, ZX_OBJ_TYPE_PORT, 0);
  }

  static create(kernel: Kernel, options: number): PortObject {
    return new PortObject(kernel, options);
  }

  /** Ports have no WAIT right and cannot be waited on. */
  get waitable(): boolean {
    return false;
  }

  get userSignalMask(): number {
    return 0;
  }

  /** For kernel.snapshot(): queued packets. */
  override contents(): ObjectContents {
    return { queued: { packets: this.queuedCount }, carried: [] };
  }

  /** port_queue: copy into a pooled packet; the type is forced to USER. */
  queueUser(src: zx_port_packet_t): number {
    const p = this.kernel.packetPool.alloc();
    if (p === null) return ZX_ERR_NO_MEMORY;
    p.key = src.key;
    p.type = ZX_PKT_TYPE_USER;
    p.status = src.status;
    // The wrapper checked that the payload holds at least 32 bytes; all 32 are overwritten.
    const dst = p.payload!;
    const from = src.payload;
    if (from.length === dst.length) dst.set(from);
    else for (let i = 0; i < dst.length; i++) dst[i] = from[i]!;
    const status = this.admit(p);
    if (status !== ZX_OK) this.kernel.packetPool.free(p);
    return status;
  }

  /** Queue a registration's packet, or OR into it if it is still queued (REPEATING). */
  queueSignal(p: PortPacket, observed: number, count: number): number {
    if (this.dead) return ZX_ERR_BAD_STATE;
    if (this.queuedCount > PORT_MAX_PENDING) return ZX_ERR_SHOULD_WAIT;
    if (p.queued) {
      p.observed |= observed; // count deliberately unchanged
      return ZX_OK;
    }
    p.observed = observed;
    p.count = count;
    return this.admit(p);
  }

  /**
   * port_wait: the oldest packet, or block until one arrives or the deadline passes, or the
   * caller's process dies (CANCELED: the waiter leaves, so no later packet goes to the dead).
   */
  wait(deadline: bigint, out: zx_port_packet_t, parked: ParkedCalls): Promise<number> {
    const p = this.head;
    if (p !== null) {
      this.unlink(p);
      const status = copyOut(ZX_OK, writePacket, out, p);
      this.release(p);
      return resolved(status);
    }
    if (isPast(this.kernel, deadline)) return resolved(ZX_ERR_TIMED_OUT);
    const w = new PortWaiter(out, this.kernel.packetPool);
    this.waiters.push(w);
    const end = (status: number) => (): void => {
      this.waiters.remove(w);
      w.finish(status);
    };
    w.timer = new DeadlineTimer(this.kernel, deadline, end(ZX_ERR_TIMED_OUT));
    w.unpark = parked.park(end(ZX_ERR_CANCELED));
    return w.promise;
  }

  /** port_cancel's second half: drop queued packets from registrations through (h, key). */
  cancelQueued(h: Handle, key: bigint): boolean {
    let found = false;
    for (let p = this.head; p !== null; ) {
      const next = p.next;
      if (p.source !== null && p.source.handle === h && p.key === key) {
        this.unlink(p);
        found = true;
      }
      p = next;
    }
    return found;
  }

  onZeroHandles(): void {
    this.dead = true;
    for (let p = this.head; p !== null; p = this.head) {
      this.unlink(p);
      this.release(p);
    }
    this.kernel.objectDestroyed();
  }

  /** Common queueing: the limit check, then hand-off to a blocked waiter or the FIFO. */
  private admit(p: PortPacket): number {
    if (this.dead) return ZX_ERR_BAD_STATE;
    if (this.queuedCount > PORT_MAX_PENDING) return ZX_ERR_SHOULD_WAIT;
    const w = this.waiters.shift();
    if (w !== undefined) {
      w.take(p);
      return ZX_OK;
    }
    p.queued = true;
    p.prev = this.tail;
    p.next = null;
    if (this.tail !== null) this.tail.next = p;
    else this.head = p;
    this.tail = p;
    this.queuedCount++;
    return ZX_OK;
  }

  private unlink(p: PortPacket): void {
    if (p.prev !== null) p.prev.next = p.next;
    else this.head = p.next;
    if (p.next !== null) p.next.prev = p.prev;
    else this.tail = p.prev;
    p.prev = p.next = null;
    p.queued = false;
    this.queuedCount--;
  }

  private release(p: PortPacket): void {
    if (p.source === null) this.kernel.packetPool.free(p);
  }
}
