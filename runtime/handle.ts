// A handle record: an object reference, an immutable rights mask, its owner and its arena value.
import type { KernelObject } from './kernel-object.js';

/** Who holds a handle: a process's table, or the kernel itself while the handle is in transit. */
export interface HandleOwner {
  readonly kind: 'table' | 'transit';
}

/**
 * Owner of handles parked inside kernel objects (channel messages, socket accept queues).
 * A parked handle is live and counted, but no process can look it up, and the wrapper's
 * `abi.close()` leaves it alone (it belongs to the message, not to the failed syscall).
 */
export const IN_TRANSIT: HandleOwner = Object.freeze({ kind: 'transit' as const });

/**
 * A handle record: one reference to a kernel object with fixed rights. A process sees it as a
 * 32-bit value through its {@link HandleTable}; the record itself lives in the kernel's arena.
 */
export class Handle {
  /** The owning table, IN_TRANSIT, or null while held by a syscall between take and install. */
  owner: HandleOwner | null = null;

  constructor(
    /** The object this handle refers to. */
    readonly object: KernelObject,
    /** The ZX_RIGHT_* bits of this handle; never changes (duplicate/replace make new records). */
    readonly rights: number,
    /** Arena base value: slot in bits 0..17, generation in bits 18..29 (spec §1.9). */
    readonly base: number,
  ) {}
}

/** A handle whose object is known to be of class O (what the wrapper's type check guarantees). */
export type TypedHandle<O extends KernelObject> = Handle & { readonly object: O };
