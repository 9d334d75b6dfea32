// Channel endpoints (Zircon's ChannelDispatcher): a FIFO of whole messages, handles parked in
// transit, and channel_call waiters matched by kernel-generated txids.
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
import { DeadlineTimer, isPast } from '../deadline.js';
import { Deque } from '../deque.js';
import { IN_TRANSIT, type Handle } from '../handle.js';
import type { Kernel } from '../kernel.js';
import { PeeredObject } from '../kernel-object.js';
import { getU32, putU32 } from '../le.js';

export interface Message {
  readonly bytes: Uint8Array;
  readonly handles: readonly Handle[];
}

/** Txids with the high bit set are the kernel's; 1..0x7FFFFFFF are left to user protocols. */
const KERNEL_TXID_BIT = 0x80000000;

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

export class ChannelObject extends PeeredObject<ChannelObject> {
  static readonly type = ZX_OBJ_TYPE_CHANNEL;
  static readonly defaultRights = ZX_DEFAULT_CHANNEL_RIGHTS;

  private readonly messages = new Deque<Message>();
  /** Blocked channel_call callers on this endpoint (usually none or one). */
  private callers: CallWaiter[] = [];
  private txidCounter = 0;

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
    return this.messages.length;
  }

  /** channel_write: hand the message to the peer (or straight to its matching caller). */
  write(msg: Message): number {
    const p = this.peer;
    if (p === null) return ZX_ERR_PEER_CLOSED;
    park(msg);
    if (!p.deliverToCaller(msg)) p.enqueue(msg);
    return ZX_OK;
  }

  /**
   * channel_call: stamp a fresh txid into `msg`, register as a waiter, and queue the message at
   * the peer. Returns the waiter, or a status if the call ends before blocking.
   */
  call(msg: Message, deadline: bigint): CallWaiter | number {
    const p = this.peer;
    if (p === null) return ZX_ERR_PEER_CLOSED;
    const txid = this.allocTxid();
    putU32(msg.bytes, 0, txid);
    const waiter = new CallWaiter(this, txid);
    this.callers.push(waiter);
    park(msg);
    // Zircon's Call uses WriteSelf: the outgoing message is never matched to the peer's callers.
    p.enqueue(msg);
    if (isPast(this.kernel, deadline)) {
      waiter.finish(ZX_ERR_TIMED_OUT);
    } else {
      waiter.armTimer(deadline);
    }
    return waiter;
  }

  /** The next message without dequeuing it. */
  front(): Message | undefined {
    return this.messages.peek();
  }

  /** Dequeue the next message; its handles stay IN_TRANSIT for the reader to install. */
  take(): Message | undefined {
    const msg = this.messages.shift();
    if (this.messages.length === 0) this.updateSignals(ZX_CHANNEL_READABLE, 0);
    return msg;
  }

  /** Dequeue and destroy the next message (MAY_DISCARD), closing its handles. */
  discard(): void {
    const msg = this.take();
    if (msg !== undefined) destroyMessage(this.kernel, msg);
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

  private deliverToCaller(msg: Message): boolean {
    if (this.callers.length === 0 || msg.bytes.length < 4) return false;
    const txid = getU32(msg.bytes, 0);
    if ((txid & KERNEL_TXID_BIT) === 0) return false;
    const w = this.callers.find((c) => c.txid === txid);
    if (w === undefined) return false;
    w.deliver(msg);
    return true;
  }

  private enqueue(msg: Message): void {
    this.messages.push(msg);
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
  }

  /** Queued messages die with the endpoint; their handles are closed (cascading via the kernel). */
  protected destroy(): void {
    for (let msg = this.messages.shift(); msg !== undefined; msg = this.messages.shift()) {
      destroyMessage(this.kernel, msg);
    }
    this.kernel.objectDestroyed();
  }
}

/** Mark a message's handles as held by the kernel while the message is in flight. */
function park(msg: Message): void {
  for (const h of msg.handles) h.owner = IN_TRANSIT;
}

/** Close every handle a message carries (discarded, undeliverable, or its channel destroyed). */
export function destroyMessage(kernel: Kernel, msg: Message): void {
  for (const h of msg.handles) kernel.closeHandle(h);
}
