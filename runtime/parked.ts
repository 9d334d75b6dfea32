// Calls of one process parked in the kernel that no handle close would end: port_wait (the port
// may outlive the process, through a handle another process holds) and nanosleep (no handle at
// all). Zircon ends a killed thread's blocked call without returning; a TypeScript caller has no
// thread to stop, and a wasm guest's reply is dropped anyway, so each call here ends with
// ZX_ERR_CANCELED when its process dies, and lets go of what it held (a port's waiter slot, a
// timer). Waits through handles (wait_one, wait_many, channel_call) need none of this: the death
// closes the handles, and that cancels them.

/** What a parked call does when its process dies: end itself (with CANCELED) and clean up. */
export type EndParked = () => void;

/** The parked calls of one process. */
export class ParkedCalls {
  private readonly calls = new Set<EndParked>();
  private ended = false;

  /**
   * Park a call: `end` runs once if the process dies before the call finishes. Returns the
   * unpark function the call runs when it finishes by itself. A dead process's call ends at once.
   */
  park(end: EndParked): () => void {
    if (this.ended) {
      end();
      return noop;
    }
    this.calls.add(end);
    return () => this.calls.delete(end);
  }

  /** The process died: end every parked call, and every later one as soon as it parks. */
  endAll(): void {
    this.ended = true;
    const calls = [...this.calls];
    this.calls.clear();
    for (const end of calls) end();
  }

  /** How many calls are parked (for leak checks). */
  get size(): number {
    return this.calls.size;
  }
}

const noop = (): void => {};
