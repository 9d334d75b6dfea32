// The observer contract (Zircon's StateObserver). Waits (wait.ts) and port registrations
// (objects/port-observer.ts) are the only implementations; KernelObject owns the list.
import type { Handle } from './handle.js';
import type { KernelObject } from './kernel-object.js';

/** Flag bits returned by observer callbacks. */
export const NEED_REMOVAL = 1;
/** For cancel-by-key: this observer matched. */
export const HANDLED = 2;

/**
 * Something watching an object's signals (Zircon's StateObserver): waits and port
 * registrations. Register with `object.addObserver`; callbacks return NEED_REMOVAL to be dropped.
 */
export abstract class SignalObserver {
  /** The object whose list holds this observer, or null once removed. */
  subject: KernelObject | null = null;
  /** Intrusive links; `next` is left intact on removal so an in-progress notify can step on. */
  prev: SignalObserver | null = null;
  /** The next observer of the same object (see `prev`). */
  next: SignalObserver | null = null;

  constructor(
    /** The handle this observer was registered through; closing it cancels the observer. */
    readonly handle: Handle,
  ) {}

  /** Called once on registration with the current signals. */
  abstract onInitialize(signals: number, subject: KernelObject): number;
  /** Called when the signal word changes. */
  abstract onStateChange(signals: number): number;
  /** Called when `handle` is closed or moved to another owner. */
  abstract onCancel(handle: Handle): number;
  /** port_cancel: only port registrations match. */
  onCancelByKey(_handle: Handle, _port: object, _key: bigint): number {
    return 0;
  }
}
