// Already-settled promises for blocking syscalls that finish without blocking. One promise per
// status is created once and reused, so a satisfied wait allocates nothing.
//
// Statuses are 0 or small negative numbers, so the cache is an array indexed by -status (an
// array index is several times cheaper than a Map lookup on this per-call path).
// Zircon's statuses all lie in 0..-127; anything else is simply not cached.
const CACHED = 128;
const byNegStatus: (Promise<number> | undefined)[] = new Array<Promise<number> | undefined>(CACHED).fill(undefined);

/** An already-settled promise of `status`, shared per status: a blocking syscall that finishes at once returns it. */
export function resolved(status: number): Promise<number> {
  const i = -status;
  let p = i >= 0 && i < CACHED ? byNegStatus[i] : undefined;
  if (p === undefined) {
    p = Promise.resolve(status);
    if (i >= 0 && i < CACHED) byNegStatus[i] = p;
  }
  return p;
}

/** A promise that never settles (wait_many with no items and an infinite deadline). */
export function never(): Promise<number> {
  return new Promise<number>(() => {});
}
