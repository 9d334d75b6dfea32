/**
 * A FIFO over a power-of-two ring of slots that is reused across pushes and shifts, so steady
 * traffic (channel messages, port waiters, datagram lengths) allocates nothing once warm.
 */
export class Deque<T> {
  private slots: (T | undefined)[] = [undefined, undefined, undefined, undefined];
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: T): void {
    if (this.count === this.slots.length) this.grow();
    this.slots[(this.head + this.count) & (this.slots.length - 1)] = value;
    this.count++;
  }

  /** The oldest entry, or undefined when empty. */
  peek(): T | undefined {
    return this.count === 0 ? undefined : this.slots[this.head];
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const value = this.slots[this.head];
    this.slots[this.head] = undefined; // drop the reference so the GC can reclaim it
    this.head = (this.head + 1) & (this.slots.length - 1);
    this.count--;
    return value;
  }

  /** Entry `i` counted from the oldest (0). */
  at(i: number): T | undefined {
    return i < 0 || i >= this.count ? undefined : this.slots[(this.head + i) & (this.slots.length - 1)];
  }

  /** Remove the first entry equal to `value`; O(n), used only by rare paths (timeouts). */
  remove(value: T): boolean {
    const mask = this.slots.length - 1;
    for (let i = 0; i < this.count; i++) {
      if (this.slots[(this.head + i) & mask] !== value) continue;
      for (let j = i; j < this.count - 1; j++) {
        this.slots[(this.head + j) & mask] = this.slots[(this.head + j + 1) & mask];
      }
      this.slots[(this.head + this.count - 1) & mask] = undefined;
      this.count--;
      return true;
    }
    return false;
  }

  private grow(): void {
    const old = this.slots;
    const next: (T | undefined)[] = new Array<T | undefined>(old.length * 2).fill(undefined);
    for (let i = 0; i < this.count; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.slots = next;
    this.head = 0;
  }
}
