// Stable syscall numbers. `defs/syscalls.lock.json` is committed: a syscall keeps its number
// forever, a new one takes the next free number, and a removed one leaves a tombstone so its
// number is never handed out again. Regeneration updates the lock; `check` fails if it would.
import type { Model } from './model.js';

export const LOCK_FILE = 'syscalls.lock.json';

export interface SyscallLock {
  readonly version: 1;
  /** The next number to hand out; never decreases. */
  readonly next: number;
  readonly numbers: Readonly<Record<string, number>>;
  /** Numbers of removed syscalls, by their last name. */
  readonly tombstones: Readonly<Record<string, number>>;
}

export const EMPTY_LOCK: SyscallLock = { version: 1, next: 0, numbers: {}, tombstones: {} };

/** Parse a lock file; throws with a plain message when it is not one. */
export function parseLock(text: string): SyscallLock {
  const v = JSON.parse(text) as Partial<SyscallLock>;
  const isTable = (t: unknown) => typeof t === 'object' && t !== null && Object.values(t).every((n) => Number.isInteger(n) && (n as number) >= 0);
  if (v.version !== 1 || !Number.isInteger(v.next) || !isTable(v.numbers) || !isTable(v.tombstones)) {
    throw new Error('not a zxkit syscall lock (expected version 1 with next, numbers and tombstones)');
  }
  return v as SyscallLock;
}

/** The lock after this model: existing numbers kept, new syscalls numbered in model order. */
export function updateLock(lock: SyscallLock, model: Model): SyscallLock {
  const names = new Set(model.syscalls.map((s) => s.name));
  const numbers: Record<string, number> = {};
  const tombstones: Record<string, number> = { ...lock.tombstones };
  let next = lock.next;
  for (const [name, n] of Object.entries(lock.numbers)) {
    if (names.has(name)) numbers[name] = n;
    else tombstones[name] = n;
  }
  for (const sc of model.syscalls) {
    if (numbers[sc.name] !== undefined) continue;
    // A syscall that comes back keeps its old number.
    if (tombstones[sc.name] !== undefined) {
      numbers[sc.name] = tombstones[sc.name];
      delete tombstones[sc.name];
      continue;
    }
    numbers[sc.name] = next++;
  }
  return { version: 1, next, numbers: sortByValue(numbers), tombstones: sortByValue(tombstones) };
}

function sortByValue(t: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(t).sort((a, b) => a[1] - b[1]));
}

export function formatLock(lock: SyscallLock): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}
