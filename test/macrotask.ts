// Yielding to the event loop, the same way in Node and in a browser page (where the suites also
// run): setImmediate where it exists, else a zero-delay timer.

const next: (f: () => void) => unknown = typeof globalThis.setImmediate === 'function' ? globalThis.setImmediate : (f) => setTimeout(f, 0);

/** Yield one macrotask turn (lets pending kernel waits, timers and I/O make progress). */
export const tick = (): Promise<void> => new Promise((r) => next(r));
