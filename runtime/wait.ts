// object_wait_one and object_wait_many: observers that accumulate every state the object passes
// through and settle a promise (Zircon's WaitStateObserver bracketing a blocking wait).
import {
  ZX_ERR_CANCELED,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_TIMED_OUT,
  ZX_OK,
  ZX_SIGNAL_HANDLE_CLOSED,
  ZX_TIME_INFINITE,
} from '../generated/constants.js';
import type { Box, zx_wait_item_t } from '../generated/types.js';
import { copyOut, writeBox } from './copy-out.js';
import { DeadlineTimer, isPast, type Clock } from './deadline.js';
import type { Handle } from './handle.js';
import { NEED_REMOVAL, SignalObserver } from './observer.js';
import { never, resolved } from './resolved.js';

/**
 * A blocked wait_one. It ends inside whichever call changed the state (a signal, a close, a
 * timer); `observed` is written later, in the waiter's own continuation.
 */
class WaitOneObserver extends SignalObserver {
  readonly promise: Promise<number>;
  private resolve!: (status: number) => void;
  private observed = 0;
  private timer: DeadlineTimer | null = null;

  constructor(
    handle: Handle,
    private readonly want: number,
    out: Box<number> | null,
  ) {
    super(handle);
    const settled = new Promise<number>((r) => (this.resolve = r));
    this.promise = out === null ? settled : settled.then((status) => copyOut(status, writeBox, out, this.observed >>> 0));
  }

  arm(clock: Clock, deadline: bigint): void {
    this.timer = new DeadlineTimer(clock, deadline, () => {
      this.subject?.removeObserver(this);
      this.finish(ZX_ERR_TIMED_OUT);
    });
  }

  onInitialize(signals: number): number {
    this.observed |= signals;
    return 0;
  }

  onStateChange(signals: number): number {
    this.observed |= signals;
    if ((signals & this.want) === 0) return 0;
    this.finish(ZX_OK);
    return NEED_REMOVAL;
  }

  onCancel(handle: Handle): number {
    if (handle !== this.handle) return 0;
    this.observed |= ZX_SIGNAL_HANDLE_CLOSED;
    this.finish(ZX_ERR_CANCELED);
    return NEED_REMOVAL;
  }

  private finish(status: number): void {
    this.timer?.cancel();
    this.timer = null;
    this.resolve(status);
  }
}

/**
 * wait_one: OK as soon as (signals & want) != 0 (even with a past deadline), TIMED_OUT at the
 * deadline, CANCELED if this very handle is closed or moved meanwhile. `observed` is written
 * in all three cases.
 */
export function waitOne(
  clock: Clock,
  handle: Handle,
  want: number,
  deadline: bigint,
  observed: Box<number> | null,
): Promise<number> {
  const obj = handle.object;
  if (!obj.waitable) return resolved(ZX_ERR_NOT_SUPPORTED);
  const now = obj.signals;
  if ((now & want) !== 0 || (deadline !== ZX_TIME_INFINITE && isPast(clock, deadline))) {
    const status = (now & want) !== 0 ? ZX_OK : ZX_ERR_TIMED_OUT;
    return resolved(observed === null ? status : copyOut(status, writeBox, observed, now >>> 0));
  }
  const w = new WaitOneObserver(handle, want, observed);
  obj.addObserver(w);
  w.arm(clock, deadline);
  return w.promise;
}

/** One item of a wait_many. */
class WaitItemObserver extends SignalObserver {
  pending = 0;

  constructor(
    handle: Handle,
    readonly want: number,
    private readonly group: WaitGroup,
  ) {
    super(handle);
  }

  onInitialize(signals: number): number {
    this.pending |= signals;
    if (signals & this.want) this.group.satisfied = true;
    return 0;
  }

  onStateChange(signals: number): number {
    this.pending |= signals;
    if (signals & this.want) this.group.finish(ZX_OK);
    return 0;
  }

  onCancel(handle: Handle): number {
    if (handle !== this.handle) return 0;
    this.group.handleClosed(handle);
    return 0;
  }
}

/** Every item's `pending`, from its observer; the wait's own continuation calls this. */
function writeItems(items: zx_wait_item_t[], observers: readonly WaitItemObserver[]): void {
  for (let i = 0; i < observers.length; i++) items[i]!.pending = observers[i]!.pending >>> 0;
}

/**
 * All items of one wait_many; the first wake-up ends the whole wait. The items are written in
 * the waiter's continuation, not in the call that woke it.
 */
class WaitGroup {
  readonly promise: Promise<number>;
  satisfied = false;
  timer: DeadlineTimer | null = null;
  readonly observers: WaitItemObserver[] = [];
  private resolve!: (status: number) => void;
  private done = false;

  constructor(items: zx_wait_item_t[]) {
    const settled = new Promise<number>((r) => (this.resolve = r));
    this.promise = settled.then((status) => copyOut(status, writeItems, items, this.observers));
  }

  /** The same handle may appear several times: every item using it reports HANDLE_CLOSED. */
  handleClosed(h: Handle): void {
    for (const o of this.observers) if (o.handle === h) o.pending |= ZX_SIGNAL_HANDLE_CLOSED;
    this.finish(ZX_ERR_CANCELED);
  }

  finish(status: number): void {
    if (this.done) return;
    this.done = true;
    this.timer?.cancel();
    this.timer = null;
    let closed = false;
    for (let i = 0; i < this.observers.length; i++) {
      const o = this.observers[i]!;
      // Like Zircon's End(): an item also reports the state its object is in now, which matters
      // when a sibling on the same object ended the wait before this one was notified.
      if (o.subject !== null) {
        o.pending |= o.subject.signals;
        o.subject.removeObserver(o);
      }
      if (o.pending & ZX_SIGNAL_HANDLE_CLOSED) closed = true;
    }
    this.resolve(closed ? ZX_ERR_CANCELED : status);
  }
}

/**
 * wait_many: items are written back (pending = accumulated signals) when the wait ends.
 * CANCELED if any item's handle was closed, else OK if any item was satisfied, else TIMED_OUT.
 * With no items it just sleeps until the deadline.
 */
export function waitMany(
  clock: Clock,
  items: zx_wait_item_t[] | null,
  count: number,
  deadline: bigint,
  handles: readonly Handle[],
): Promise<number> {
  if (count === 0 || items === null) {
    if (deadline === ZX_TIME_INFINITE) return never();
    if (isPast(clock, deadline)) return resolved(ZX_ERR_TIMED_OUT);
    return new Promise<number>((r) => new DeadlineTimer(clock, deadline, () => r(ZX_ERR_TIMED_OUT)));
  }
  for (let i = 0; i < count; i++) if (!handles[i]!.object.waitable) return resolved(ZX_ERR_NOT_SUPPORTED);

  // Each item's `waitfor` is the caller's to read once, before anything is registered: a getter
  // that throws is a failed copy from user memory and leaves no observer behind.
  const wants: number[] = new Array<number>(count);
  try {
    for (let i = 0; i < count; i++) wants[i] = items[i]!.waitfor >>> 0;
  } catch {
    return resolved(ZX_ERR_INVALID_ARGS);
  }
  const group = new WaitGroup(items);
  for (let i = 0; i < count; i++) {
    const o = new WaitItemObserver(handles[i]!, wants[i]!, group);
    group.observers.push(o);
    handles[i]!.object.addObserver(o);
  }
  if (group.satisfied) group.finish(ZX_OK);
  else if (deadline !== ZX_TIME_INFINITE && isPast(clock, deadline)) group.finish(ZX_ERR_TIMED_OUT);
  else group.timer = new DeadlineTimer(clock, deadline, () => group.finish(ZX_ERR_TIMED_OUT));
  return group.promise;
}
