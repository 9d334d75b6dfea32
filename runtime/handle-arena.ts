// The kernel-wide handle arena (spec §1.9): 2^18 slots, each with a 12-bit generation that is
// bumped on reuse, so a closed handle value does not come back straight away.
import { Handle } from './handle.js';
import type { KernelObject } from './kernel-object.js';

export const ARENA_SLOT_BITS = 18;
export const ARENA_SLOTS = 1 << ARENA_SLOT_BITS;
export const ARENA_SLOT_MASK = ARENA_SLOTS - 1;
const GEN_MASK = 0xfff;

/** The kernel-wide handle slots: allocation, generations, and lookup by base value. */
export class HandleArena {
  /** Dense array indexed by slot (grown by push, so V8 keeps it in fast elements). */
  private readonly slots: (Handle | undefined)[] = [];
  /** Generation the slot gets on its next use; slots never used start at 1 (highWater path). */
  private readonly nextGen = new Uint16Array(ARENA_SLOTS);
  /** LIFO stack of freed slots. */
  private readonly freeSlots = new Int32Array(ARENA_SLOTS);
  private freeCount = 0;
  private live = 0;

  /**
   * The slot array itself, for HandleTable's lookup (the per-syscall hot path), which reads it
   * exactly as `find` does. It is the same array for the arena's whole life; never write to it.
   */
  get slotArray(): readonly (Handle | undefined)[] {
    return this.slots;
  }

  /** Handles currently alive (in tables or in transit). */
  get liveCount(): number {
    return this.live;
  }

  /** Slots still available. */
  get available(): number {
    return ARENA_SLOTS - this.live;
  }

  /** A new handle for `object`, not yet in any table; null when all slots are in use. */
  alloc(object: KernelObject, rights: number): Handle | null {
    let slot: number;
    let gen: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount]!;
      gen = this.nextGen[slot]!;
    } else if (this.slots.length < ARENA_SLOTS) {
      slot = this.slots.length;
      gen = 1;
      this.slots.push(undefined);
    } else {
      return null;
    }
    const h = new Handle(object, rights >>> 0, (gen << ARENA_SLOT_BITS) | slot);
    this.slots[slot] = h;
    this.live++;
    object.handleCount++;
    return h;
  }

  /** The live handle whose base value is exactly `base`, or undefined. */
  find(base: number): Handle | undefined {
    const h = this.slots[base & ARENA_SLOT_MASK];
    return h !== undefined && h.base === base ? h : undefined;
  }

  /** True while `h` still occupies its slot (i.e. it has not been freed). */
  isLive(h: Handle): boolean {
    return this.slots[h.base & ARENA_SLOT_MASK] === h;
  }

  /** Free `h`'s slot. Does not touch the object; the kernel does that. */
  free(h: Handle): void {
    const slot = h.base & ARENA_SLOT_MASK;
    this.slots[slot] = undefined;
    this.nextGen[slot] = ((h.base >>> ARENA_SLOT_BITS) + 1) & GEN_MASK;
    this.freeSlots[this.freeCount++] = slot;
    this.live--;
  }
}
