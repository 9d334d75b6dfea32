// Already-settled promises for blocking syscalls that finish without blocking. One promise per
// status is created once and reused, so a satisfied wait allocates nothing.
const cache = new Map<number, Promise<number>>();

export function resolved(status: number): Promise<number> {
  let p = cache.get(status);
  if (p === undefined) {
    p = Promise.resolve(status);
    cache.set(status, p);
  }
  return p;
}

/** A promise that never settles (wait_many with no items and an infinite deadline). */
export function never(): Promise<number> {
  return new Promise<number>(() => {});
}
