// A process's handle table: the ProcessAbi the generated wrappers use. Records live in the
// kernel-wide arena; the table contributes the per-process value mixing and ownership check.
import type { ProcessAbi } from '../generated/binding.js';
import { ARENA_SLOT_MASK, type HandleArena } from './handle-arena.js';
import type { Handle, HandleOwner } from './handle.js';

/** What the table needs from the kernel (kept narrow to avoid an import cycle). */
export interface HandleCloser {
  readonly arena: HandleArena;
  closeHandle(h: Handle): void;
}

/**
 * A process's handle table: the `ProcessAbi` every generated wrapper uses (lookup, take, close,
 * install). Values are mixed with a per-process secret, so one process's values mean nothing in
 * another's table.
 */
export class HandleTable implements ProcessAbi<Handle>, HandleOwner {
  /** Marks the owner of an installed handle as a table (not IN_TRANSIT). */
  readonly kind = 'table' as const;
  /** (secret << 2) & 0x7FFFFFFF: bits 0, 1 and 31 are zero, so values stay odd and below 2^31. */
  private readonly mixer: number;
  /** Handles currently installed in this table. */
  count = 0;
  /** Set when the process dies: the table is empty for good (see `closeAll`). */
  private closed = false;
  /**
   * The kernel arena's slot array, held directly: lookup runs on every syscall, and this saves
   * it two dependent loads (kernel, arena) before the slot itself.
   */
  private readonly slots: readonly (Handle | undefined)[];

  constructor(
    private readonly kernel: HandleCloser,
    secret: number,
  ) {
    this.mixer = (secret << 2) & 0x7fffffff;
    this.slots = kernel.arena.slotArray;
  }

  /** The user-visible value of a handle installed here. */
  valueOf(h: Handle): number {
    return this.mixer ^ ((h.base << 1) | 1);
  }

  lookup(value: number): Handle | null {
    const x = value ^ this.mixer;
    // Even values never encode a handle; without this check v and v^1 would alias.
    if ((x & 1) === 0) return null;
    const base = x >>> 1;
    const h = this.slots[base & ARENA_SLOT_MASK];
    return h !== undefined && h.base === base && h.owner === this ? h : null;
  }

  take(value: number): Handle | null {
    const h = this.lookup(value);
    if (h === null) return null;
    h.owner = null;
    this.count--;
    return h;
  }

  /**
   * Close a record that is in no table. Records parked in the kernel (IN_TRANSIT) or already
   * installed somewhere are not the caller's to close, and closed records are ignored, so a
   * wrapper's cleanup can never destroy a handle a syscall has already handed on.
   */
  close(h: Handle): void {
    if (h.owner !== null || !this.kernel.arena.isLive(h)) return;
    this.kernel.closeHandle(h);
  }

  install(h: Handle): number {
    this.checkKernel(h);
    if (this.closed) {
      // A dead process holds nothing: whatever would arrive is closed instead.
      this.kernel.closeHandle(h);
      return 0;
    }
    h.owner = this;
    this.count++;
    return this.valueOf(h);
  }

  /** Install a handle that arrived from elsewhere (channel read, host transfer). */
  receive(h: Handle): number {
    this.checkKernel(h);
    // A moved handle's old waits end here (spec §3 channel_read, test H9).
    h.object.cancelByHandle(h);
    return this.install(h);
  }

  /**
   * The process died: close every handle installed here, newest slot first, as handle_close
   * would, and refuse any later install. Handles in transit (in channel messages) are not here.
   */
  closeAll(): void {
    this.closed = true;
    const mine: Handle[] = [];
    for (const h of this.slots) if (h !== undefined && h.owner === this) mine.push(h);
    for (let i = mine.length - 1; i >= 0; i--) {
      const h = mine[i]!;
      if (h.owner !== this) continue; // an earlier close may have moved or closed it
      h.owner = null;
      this.count--;
      this.kernel.closeHandle(h);
    }
  }

  /**
   * A record of another kernel's arena would be looked up in this kernel's slots: its value
   * could alias a handle of this table, and its own kernel could never close it.
   */
  private checkKernel(h: Handle): void {
    if (h.object.kernel !== this.kernel) throw new Error(`HandleTable: a handle to ${h.object.constructor.name} of another Kernel cannot be installed here`);
  }
}
