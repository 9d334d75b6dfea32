// Channel endpoints (Zircon's ChannelDispatcher): a FIFO of whole messages, handles parked in
// transit, and channel_call waiters matched by kernel-generated txids.
//
// Queued message bytes live back to back in one reused byte ring per endpoint, with the sizes
// and handle lists in two reused FIFOs beside it, so a write + read copies the bytes twice and
// allocates nothing. Only a reply handed straight to a blocked channel_call gets its own copy.
import {
  ZX_CHANNEL_PEER_CLOSED,
  ZX_CHANNEL_READABLE,
  ZX_CHANNEL_WRITABLE,
  ZX_DEFAULT_CHANNEL_RIGHTS,
  ZX_ERR_CANCELED,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_TIMED_OUT,
  ZX_OBJ_TYPE_CHANNEL,
  ZX_OK,
  ZX_USER_SIGNAL_ALL,
} from '../../generated/constants.js';
import { ByteRing } from '../byte-ring.js';
import { DeadlineTimer, isPast } from '../deadline.js';
import { Deque } from '../deque.js';
import { IN_TRANSIT, type Handle } from '../handle.js';
import type { Kernel } from '../kernel.js';
import { PeeredObject } from '../kernel-object.js';
import type { ObjectContents } from '../snapshot.js';
import { getU32, putU32 } from '../le.js';
import { collectIfUnreachable } from './channel-cycles.js';

/** A reply handed straight to a blocked channel_call (queued messages live in the ring). */
export interface Message {
  readonly bytes: Uint8Array;
  readonly handles: readonly Handle[];
}

/** Txids with the high bit set are the kernel's; 1..0x7FFFFFFF are left to user protocols. */
const KERNEL_TXID_BIT = 0x80000000;
/** The message count is not limited here, so neither is the ring (it grows by doubling). */
const RING_UNBOUNDED = Number.MAX_SAFE_INTEGER;
/** An emptied ring bigger than this is dropped, so a burst does not pin its peak size. */
const RING_KEEP = 256 * 1024;
export const NO_HANDLES: readonly Handle[] = Object.freeze([]);

/** A blocked channel_call, waiting for the reply carrying its txid. */
export class CallWaiter {
  readonly promise: Promise<number>;
  /** The reply, once delivered (status OK). Its handles are IN_TRANSIT until installed. */
  reply: Message | null = null;
  private resolve!: (status: number) => void;
  private timer: DeadlineTimer | null = null;
  private done = false;

  constructor(
    private readonly channel: ChannelObject,
    readonly txid: number,
  ) {
    this.promise = new Promise<number>((r) => (this.resolve = r));
  }

  armTimer(deadline: bigint): void {
    this.timer = new DeadlineTimer(this.channel.kernel, deadline, () => this.finish(ZX_ERR_TIMED_OUT));
  }

  deliver(reply: Message): void {
    this.reply = reply;
    this.finish(ZX_OK);
  }

  /** End the call with `status`; after a timeout a late reply goes to the normal queue. */
  finish(status: number): void {
    if (this.done) return;
    this.done = true;
    this.timer?.cancel();
    this.timer = null;
    this.channel.dropCaller(this);
    this.resolve(status);
  }
}

/** A channel endpoint (zx_channel_create): a queue of messages carrying bytes and handles. */
export class ChannelObject extends PeeredObject<ChannelObject> {
  static readonly type = ZX_OBJ_TYPE_CHANNEL;
  static readonly defaultRights = ZX_DEFAULT_CHANNEL_RIGHTS;

  /** Bytes of the queued messages, oldest first, back to back. */
  private readonly bytes = new ByteRing(RING_UNBOUNDED);
  /** Byte count of each queued message, oldest first. */
  private readonly sizes = new Deque<number>();
  /** Handles of each queued message (NO_HANDLES for none), oldest first; IN_TRANSIT. */
  private readonly handleLists = new Deque<readonly Handle[]>();
  /** Blocked channel_call callers on this endpoint (usually none or one). */
  private callers: CallWaiter[] = [];
  private txidCounter = 0;
  /** The endpoint whose queue this endpoint's handle was last parked in (a hint; see channel-cycles.ts). */
  parkedIn: ChannelObject | null = null;

  private constructor(kernel: Kernel) {
    super(kernel, ZX_OBJ_TYPE_CHANNEL, ZX_CHANNEL_WRITABLE);
  }

  static create(kernel: Kernel): [ChannelObject, ChannelObject] {
    return PeeredObject.link(new ChannelObject(kernel), new ChannelObject(kernel));
  }

  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }

  /** Async waits on READABLE report how many messages are queued (spec §3 wait_async). */
  override readableCount(): number {
    return this.sizes.length;
  }

  /**
   * channel_write: hand `numBytes` of `src` and `handles` to the peer (or straight to its
   * matching caller). On OK the handle array belongs to the message; the caller must not reuse it.
   */
  write(src: Uint8Array | null, numBytes: number, handles: readonly Handle[]): number {
    const p = this.peer;
    if (p === null) return ZX_ERR_PEER_CLOSED;
    park(handles, p);
    if (p.callers.length === 0 || !p.deliverToCaller(src, numBytes, handles)) p.enqueue(src, numBytes, handles);
    return ZX_OK;
  }

  /**
   * channel_call: stamp a fresh txid into `bytes` (the caller's private copy), register as a
   * waiter, and queue the message at the peer. Returns the waiter, or a status if the call ends
   * before blocking.
   */
  call(bytes: Uint8Array, handles: readonly Handle[], deadline: bigint): CallWaiter | number {
    const p = this.peer;
    if (p === null) return ZX_ERR_PEER_CLOSED;
    const txid = this.allocTxid();
    putU32(bytes, 0, txid);
    const waiter = new CallWaiter(this, txid);
    this.callers.push(waiter);
    park(handles, p);
    // Zircon's Call uses WriteSelf: the outgoing message is never matched to the peer's callers.
    p.enqueue(bytes, bytes.length, handles);
    if (isPast(this.kernel, deadline)) {
      waiter.finish(ZX_ERR_TIMED_OUT);
    } else {
      waiter.armTimer(deadline);
    }
    return waiter;
  }

  /** Byte count of the next message, or -1 when none is queued. */
  frontSize(): number {
    return this.sizes.peek() ?? -1;
  }

  /** Handles of the next message (NO_HANDLES when none is queued). */
  frontHandles(): readonly Handle[] {
    return this.handleLists.peek() ?? NO_HANDLES;
  }

  /**
   * Dequeue the next message (there must be one), copying its bytes to `dst` unless it is null.
   * Returns its handles, still IN_TRANSIT, for the reader to install.
   */
  take(dst: Uint8Array | null): readonly Handle[] {
    const size = this.sizes.shift()!;
    const handles = this.handleLists.shift()!;
    if (dst === null) this.bytes.discard(size);
    else this.bytes.read(dst, size);
    if (this.sizes.length === 0) {
      this.bytes.shrinkIfEmpty(RING_KEEP);
      this.updateSignals(ZX_CHANNEL_READABLE, 0);
    }
    return handles;
  }

  /** Dequeue and destroy the next message (MAY_DISCARD), closing its handles. */
  discard(): void {
    if (this.sizes.length === 0) return;
    closeAll(this.kernel, this.take(null));
  }

  dropCaller(w: CallWaiter): void {
    const i = this.callers.indexOf(w);
    if (i >= 0) this.callers.splice(i, 1);
  }

  private allocTxid(): number {
    for (;;) {
      this.txidCounter = (this.txidCounter + 1) >>> 0;
      const txid = (this.txidCounter | KERNEL_TXID_BIT) >>> 0;
      if (!this.callers.some((w) => w.txid === txid)) return txid;
    }
  }

  /** A reply whose leading txid matches a blocked call goes to that call, with its own bytes. */
  private deliverToCaller(src: Uint8Array | null, numBytes: number, handles: readonly Handle[]): boolean {
    if (src === null || numBytes < 4) return false;
    const txid = getU32(src, 0);
    if ((txid & KERNEL_TXID_BIT) === 0) return false;
    const w = this.callers.find((c) => c.txid === txid);
    if (w === undefined) return false;
    w.deliver({ bytes: src.slice(0, numBytes), handles });
    return true;
  }

  private enqueue(src: Uint8Array | null, numBytes: number, handles: readonly Handle[]): void {
    const n = src === null ? 0 : numBytes; // a null buffer comes with 0 bytes (wrapper-checked)
    if (n > 0) this.bytes.write(src!, n);
    this.sizes.push(n);
    this.handleLists.push(handles.length === 0 ? NO_HANDLES : handles);
    this.updateSignals(0, ZX_CHANNEL_READABLE);
  }

  private endCalls(status: number): void {
    const callers = this.callers;
    this.callers = [];
    for (const w of callers) w.finish(status);
  }

  /** Calls blocked on this endpoint end with CANCELED when its own last handle closes. */
  override onZeroHandles(): void {
    this.endCalls(ZX_ERR_CANCELED);
    super.onZeroHandles();
  }

  protected onPeerClosed(): void {
    this.updateSignals(ZX_CHANNEL_WRITABLE, ZX_CHANNEL_PEER_CLOSED);
    this.endCalls(ZX_ERR_PEER_CLOSED);
    if (this.parkedIn !== null) collectIfUnreachable(this);
  }

  /** The endpoint whose queue holds this endpoint's only handle, or null (held elsewhere). */
  parkedHolder(): ChannelObject | null {
    const q = this.parkedIn;
    if (q === null || this.handleCount !== 1) return null;
    for (let i = 0; i < q.handleLists.length; i++) {
      const hs = q.handleLists.at(i)!;
      for (let j = 0; j < hs.length; j++) if (hs[j]!.object === this) return q;
    }
    return null;
  }

  /** For kernel.snapshot(): queued messages, their bytes, and the handles each carries. */
  override contents(): ObjectContents {
    const carried: (readonly Handle[])[] = [];
    for (let i = 0; i < this.handleLists.length; i++) carried.push(this.handleLists.at(i)!);
    return { queued: { messages: this.sizes.length, bytes: this.bytes.size }, carried, via: 'channel message' };
  }

  /** Drop every queued message of an unreachable endpoint, closing the handles they carry. */
  dropQueued(): void {
    const lists: (readonly Handle[])[] = [];
    for (let hs = this.handleLists.shift(); hs !== undefined; hs = this.handleLists.shift()) lists.push(hs);
    while (this.sizes.length > 0) this.sizes.shift();
    this.bytes.release();
    for (const hs of lists) closeAll(this.kernel, hs);
  }

  /** Queued messages die with the endpoint; their handles are closed (cascading via the kernel). */
  protected destroy(): void {
    for (let hs = this.handleLists.shift(); hs !== undefined; hs = this.handleLists.shift()) closeAll(this.kernel, hs);
    while (this.sizes.length > 0) this.sizes.shift();
    this.bytes.release();
    this.kernel.objectDestroyed();
  }
}

/** Mark a message's handles as held by the kernel while the message is in flight to `holder`. */
function park(handles: readonly Handle[], holder: ChannelObject): void {
  for (let i = 0; i < handles.length; i++) {
    const h = handles[i]!;
    h.owner = IN_TRANSIT;
    // A type compare, not instanceof: this runs for every handle a message carries.
    if (h.object.type === ZX_OBJ_TYPE_CHANNEL) (h.object as ChannelObject).parkedIn = holder;
  }
}

function closeAll(kernel: Kernel, handles: readonly Handle[]): void {
  for (let i = 0; i < handles.length; i++) kernel.closeHandle(handles[i]!);
}

/** Close every handle a message carries (discarded, undeliverable, or its channel destroyed). */
export function destroyMessage(kernel: Kernel, msg: Message): void {
  closeAll(kernel, msg.handles);
}
