// Base class of every kernel object: koid, type, the signal word and its observers, and the
// handle count with its zero-handles hook. Signal fan-out lives here and nowhere else.
import type { Handle } from './handle.js';
import type { Kernel } from './kernel.js';
import { HANDLED, NEED_REMOVAL, type SignalObserver } from './observer.js';
import { NO_CONTENTS, type ObjectContents } from './snapshot.js';

/**
 * The base of every object type: koid, type, the signal word and its observers (waits, port
 * registrations), and the handle count. A new type sets its ZX_OBJ_TYPE_* value, says whether
 * it is `waitable` and which bits `zx_object_signal` may touch, changes its signals with
 * `updateSignals`, and is told by `onZeroHandles` when its last handle has gone (it then calls
 * `kernel.objectDestroyed()` once).
 */
export abstract class KernelObject {
  /** Kernel object id, unique for the kernel's life. */
  readonly koid: number;
  /** Signal word, kept as int32 (bit 31 = USER_SIGNAL_7) so it stays a small integer. */
  signals: number;
  /** Live handles, including handles in transit (channel messages, accept queues). */
  handleCount = 0;
  /** Newest-first observer list (Zircon adds at the front; port test P5 relies on it). */
  private observers: SignalObserver | null = null;

  constructor(
    /** The kernel the object lives in. */
    readonly kernel: Kernel,
    /** Its ZX_OBJ_TYPE_* value, which the generated wrappers check. */
    readonly type: number,
    initialSignals: number,
  ) {
    this.koid = kernel.objectCreated();
    this.signals = initialSignals | 0;
  }

  /** Whether the type can be waited on (its default rights include WAIT). */
  abstract get waitable(): boolean;
  /** Bits object_signal / object_signal_peer may touch. */
  abstract get userSignalMask(): number;

  /** HANDLE_BASIC related_koid: the peer's koid for peered objects, else 0. */
  get relatedKoid(): number {
    return 0;
  }

  /** Count info for async waits on READABLE (channels report their queued messages). */
  readableCount(): number {
    return 0;
  }

  /** What `kernel.snapshot()` shows of this object's queues; types that queue data or handles override it. */
  contents(): ObjectContents {
    return NO_CONTENTS;
  }

  /** Clear, then set; observers hear about it only if the word actually changed. */
  updateSignals(clear: number, set: number): void {
    const old = this.signals;
    const now = (old & ~clear) | set;
    if (now === old) return;
    this.signals = now;
    if (this.observers !== null) this.notify(now);
  }

  /** Register `o` at the front, unless its initial check asks to be dropped straight away. */
  addObserver(o: SignalObserver): void {
    if (o.onInitialize(this.signals, this) & NEED_REMOVAL) return;
    o.subject = this;
    o.prev = null;
    o.next = this.observers;
    if (this.observers !== null) this.observers.prev = o;
    this.observers = o;
  }

  /** Unregister `o` (a no-op if it is not registered here). */
  removeObserver(o: SignalObserver): void {
    if (o.subject !== this) return;
    if (o.prev !== null) o.prev.next = o.next;
    else this.observers = o.next;
    if (o.next !== null) o.next.prev = o.prev;
    o.subject = null;
    o.prev = null;
    // o.next is kept: a notify loop that already read it as "next" can continue from it.
  }

  /** The handle `h` is closing or changing owner: cancel everything registered through it. */
  cancelByHandle(h: Handle): void {
    for (let o = this.observers; o !== null; ) {
      const next = o.next;
      if (o.subject === this && o.onCancel(h) & NEED_REMOVAL) this.removeObserver(o);
      o = next;
    }
  }

  /** port_cancel: remove registrations made through (h, port, key); true if any matched. */
  cancelByKey(h: Handle, port: object, key: bigint): boolean {
    let found = false;
    for (let o = this.observers; o !== null; ) {
      const next = o.next;
      if (o.subject === this) {
        const flags = o.onCancelByKey(h, port, key);
        if (flags & HANDLED) found = true;
        if (flags & NEED_REMOVAL) this.removeObserver(o);
      }
      o = next;
    }
    return found;
  }

  /** Called (from the kernel's work queue, never recursively) when handleCount reaches 0. */
  abstract onZeroHandles(): void;

  private notify(signals: number): void {
    // Callbacks may remove other observers (a wait_many ending); removed ones are skipped by
    // the subject check and their intact `next` keeps the walk going.
    for (let o = this.observers; o !== null; ) {
      const next = o.next;
      if (o.subject === this && o.onStateChange(signals) & NEED_REMOVAL) this.removeObserver(o);
      o = next;
    }
  }
}

/** An object with a peer endpoint (socket, channel, eventpair): link, PEER_CLOSED, destruction of both. */
export abstract class PeeredObject<P extends PeeredObject<P>> extends KernelObject {
  /** The other endpoint while it is alive; cleared on both sides when either reaches zero handles. */
  peer: P | null = null;
  /** Fixed at creation; HANDLE_BASIC keeps reporting it after the peer is gone. */
  private peerKoid = 0;
  private destroyed = false;

  get waitable(): boolean {
    return true;
  }

  override get relatedKoid(): number {
    return this.peerKoid;
  }

  /** Link two freshly created endpoints. */
  static link<P extends PeeredObject<P>>(a: P, b: P): [P, P] {
    a.peer = b;
    b.peer = a;
    a.peerKoid = b.koid;
    b.peerKoid = a.koid;
    return [a, b];
  }

  /**
   * Zero handles: cut both links, tell the survivor, then this endpoint is destroyed. A peer
   * that never had a handle (socket_create's second endpoint failed with NO_MEMORY), or that
   * is itself waiting in the zero-handles queue, has no handles and now no link: it goes too.
   */
  onZeroHandles(): void {
    if (this.destroyed) return;
    const p = this.peer;
    if (p !== null) {
      this.peer = null;
      p.peer = null;
      p.onPeerClosed();
      if (p.handleCount === 0) p.destroyOnce();
    }
    this.destroyOnce();
  }

  private destroyOnce(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.destroy();
  }

  /** The peer reached zero handles (its links to us are already cut). */
  protected abstract onPeerClosed(): void;
  /** Release what this endpoint holds (closing handles held inside it) and leave the live set. */
  protected abstract destroy(): void;
}
