// What generated/zx.ts imports instead of carrying code in strings: the process a creator
// runs in, the bookkeeping of handle objects (live, closed, transferred, replaced) in a base
// class the generated Handle extends, and the abort reasons of waits. It knows no syscall by
// name: each generated layer binds it to its own `Syscalls` type, so two layers (zxkit's and a
// user's) never share a current process.

/** A process's syscalls, or anything that carries them (a Process, another Handle). */
export type ProcessLike<S extends object> = S | { readonly syscalls: S };

/** The syscalls of a ProcessLike. */
export function syscallsOf<S extends object>(process: ProcessLike<S>): S {
  return 'syscalls' in process ? (process as { readonly syscalls: S }).syscalls : (process as S);
}

/**
 * The current process of one layer: the one its creators use when no process is passed. Its
 * processes are told apart from other arguments by carrying `syscalls` or the method `marker`.
 * Arrow properties, so the generated layer can export them as plain functions.
 */
export class ProcessScope<S extends object> {
  #current: S | undefined;
  #makeDefault: (() => ProcessLike<S>) | undefined;

  constructor(private readonly marker: string) {}

  /**
   * Make `process` the current process: the one `Socket.create(options)` and the other creators
   * use when no process is passed, as Zircon code creates objects in the process it runs in.
   */
  readonly useProcess = (process: ProcessLike<S>): void => {
    this.#current = syscallsOf(process);
  };

  /** Where the current process comes from until useProcess() is called (zxkit's entry sets it). */
  readonly setDefaultProcess = (factory: () => ProcessLike<S>): void => {
    this.#makeDefault = factory;
  };

  /** The current process's syscalls. */
  readonly currentProcess = (): S => {
    if (this.#current === undefined) {
      if (this.#makeDefault === undefined) throw new Error('no current process: call useProcess(kernel.createProcess()) or pass a process');
      this.#current = syscallsOf(this.#makeDefault());
    }
    return this.#current;
  };

  /** Split a creator's arguments into the process (given, or the current one) and the rest. */
  readonly withProcess = <R extends unknown[]>(args: [ProcessLike<S>, ...R] | R): [S, ...R] => {
    const first: unknown = args[0];
    if (typeof first === 'object' && first !== null && ('syscalls' in first || this.marker in first)) {
      return [syscallsOf(first as ProcessLike<S>), ...(args.slice(1) as R)];
    }
    return [this.currentProcess(), ...(args as R)];
  };
}

/** Why a handle object can no longer be used. */
export type Released = 'closed' | 'transferred' | 'replaced';

interface HandleSlot {
  readonly raw: number;
  state: 'live' | Released;
  /** Cleanups of pending waits, run while the value is still good, just before it goes. */
  hooks: Set<() => void> | null;
}

let slotOf: (h: HandleBase<object>) => HandleSlot;

/**
 * What every handle object is: the syscalls of its process and a value it owns until a syscall
 * consumes it. The slot is private to this module, so no caller can forge a state.
 */
export class HandleBase<S extends object> {
  /** The syscalls of the process that owns the handle. */
  readonly syscalls: S;
  readonly #slot: HandleSlot;

  static {
    slotOf = (h) => h.#slot;
  }

  /** Adopt *raw*, a handle value of the process behind *process*: this object now owns it, and closes it on dispose. */
  constructor(process: ProcessLike<S>, raw: number) {
    this.syscalls = syscallsOf(process);
    this.#slot = { raw, state: 'live', hooks: null };
  }

  /** The handle value. Throws once this object was closed, transferred or replaced. */
  get raw(): number {
    return rawOf(this);
  }

  /** False once this object was closed, transferred or replaced. */
  get isValid(): boolean {
    return slotOf(this).state === 'live';
  }

  /** Give up ownership: returns the value and marks this object transferred (it will not close the handle). */
  intoRaw(): number {
    return release(this, 'transferred');
  }

  /** `Socket(0x1a2b)` while live, `Socket(closed)` (or transferred, replaced) after. */
  toString(): string {
    const s = slotOf(this);
    return `${this.constructor.name}(${s.state === 'live' ? `0x${s.raw.toString(16)}` : s.state})`;
  }
}

/** The value of a live handle object; a closed or transferred one throws, never passes a stale value. */
export function rawOf(h: HandleBase<object>): number {
  const s = slotOf(h);
  if (s.state !== 'live') throw new Error(`${h.constructor.name}: handle was ${s.state}; this object can no longer be used`);
  return s.raw;
}

/**
 * The value of `h` for a call through `syscalls`, which must be `h`'s own process: a handle value
 * means nothing in another process (or another Kernel), where it could name an unrelated handle.
 * A handle object of another process, or anything that is not a handle object of this layer,
 * throws a TypeError naming `what`, before the call releases or moves anything.
 */
export function rawFor(h: HandleBase<object>, syscalls: object, what: string): number {
  if (!(h instanceof HandleBase)) throw new TypeError(`${what}: ${String(h)} is not a handle object`);
  if (h.syscalls !== syscalls) throw new TypeError(`${what}: ${String(h)} belongs to another process; move it with a channel or process.transferHandle() first`);
  return rawOf(h);
}

/** rawFor() of every element of `hs`, all checked before the caller releases any. */
export function rawsFor(hs: readonly HandleBase<object>[], syscalls: object, what: string): number[] {
  return hs.map((h) => rawFor(h, syscalls, what));
}

/** Mark a handle object consumed by the syscall about to run; its pending waits end first. */
export function release(h: HandleBase<object>, state: Released): number {
  const raw = rawOf(h);
  const s = slotOf(h);
  const hooks = s.hooks;
  s.hooks = null;
  if (hooks !== null) for (const hook of hooks) hook();
  s.state = state;
  return raw;
}

/** release() each live object of `hs` (a repeated object is consumed once). */
export function releaseAll(hs: readonly HandleBase<object>[], state: Released): void {
  for (const h of hs) if (slotOf(h).state === 'live') release(h, state);
}

/** Run `hook` just before `h` is closed or transferred through this layer; returns its removal. */
export function onRelease(h: HandleBase<object>, hook: () => void): () => void {
  const s = slotOf(h);
  (s.hooks ??= new Set()).add(hook);
  return () => void s.hooks?.delete(hook);
}

/** A new object of the same class as `h`, for a handle to the same object. */
export function sameKind<T extends HandleBase<object>>(h: T, raw: number): T {
  return new (h.constructor as new (process: object, raw: number) => T)(h.syscalls, raw);
}

/**
 * What an aborted signal rejects with: its reason when that is an AbortError, a TimeoutError or
 * an error of the layer's own (`own`, its ZxError), else a new AbortError.
 */
export function abortErrors(own: (reason: unknown) => boolean): (signal: AbortSignal) => unknown {
  return (signal) => {
    const r: unknown = signal.reason;
    if (own(r) || (r instanceof DOMException && (r.name === 'AbortError' || r.name === 'TimeoutError'))) return r;
    return new DOMException('The operation was aborted.', 'AbortError');
  };
}

// ---- wait(): one signal wait on a private port ---------------------------------------

/** The syscalls a signal wait makes; tsc checks a layer's `Syscalls` against them where it binds the wait. */
export interface SignalWaitSyscalls {
  zx_port_create(options: number, out: { value: number }): number;
  zx_object_wait_async(handle: number, port: number, key: bigint, signals: number, options: number): number;
  zx_port_cancel(handle: number, source: number, key: bigint): number;
}

/** What the wait needs of the layer: its port class, its error class, its abort reasons and four constants. */
export interface SignalWaitBinding<S extends SignalWaitSyscalls> {
  /** A port object owning `raw`, whose wait resolves to a packet with its signal payload decoded. */
  readonly port: (syscalls: S, raw: number) => {
    wait(options: { deadline: bigint; signal: AbortSignal }): Promise<{ readonly signal?: { readonly observed: number } }>;
    close(): void;
  };
  /** The layer's error for a failed status (its ZxError). */
  readonly error: (status: number, syscall: keyof SignalWaitSyscalls, detail?: string) => Error;
  readonly abortError: (signal: AbortSignal) => unknown;
  readonly ZX_OK: number;
  readonly ZX_ERR_CANCELED: number;
  readonly ZX_WAIT_ASYNC_ONCE: number;
  readonly ZX_TIME_INFINITE: bigint;
}

/**
 * The layer's signal wait: wait for any of `signals` on `h` with a one-shot registration on a
 * private port, so an abort, a deadline or closing `h` ends it with zx_port_cancel and nothing
 * stays registered on the object.
 */
export function signalWait<S extends SignalWaitSyscalls>(b: SignalWaitBinding<S>) {
  return async (h: HandleBase<S>, signals: number, options: { readonly deadline?: bigint; readonly signal?: AbortSignal }): Promise<number> => {
    const { deadline = b.ZX_TIME_INFINITE, signal } = options;
    if (signal?.aborted) throw b.abortError(signal);
    const raw = rawOf(h);
    const syscalls = h.syscalls;
    const out = { value: 0 };
    const created = syscalls.zx_port_create(0, out);
    if (created !== b.ZX_OK) throw b.error(created, 'zx_port_create');
    const port = b.port(syscalls, out.value);
    const ctl = new AbortController();
    const forward = (): void => ctl.abort(b.abortError(signal!));
    let registered = false;
    const cancel = (): void => {
      if (!registered) return;
      registered = false;
      syscalls.zx_port_cancel(out.value, raw, 0n);
    };
    const unhook = onRelease(h, () => {
      cancel();
      ctl.abort(b.error(b.ZX_ERR_CANCELED, 'zx_object_wait_async', 'the handle was closed or transferred while waiting'));
    });
    signal?.addEventListener('abort', forward, { once: true });
    try {
      const status = syscalls.zx_object_wait_async(raw, out.value, 0n, signals, b.ZX_WAIT_ASYNC_ONCE);
      if (status !== b.ZX_OK) throw b.error(status, 'zx_object_wait_async');
      registered = true;
      const packet = await port.wait({ deadline, signal: ctl.signal });
      registered = false; // a one-shot registration ends with its packet
      return packet.signal?.observed ?? 0;
    } finally {
      signal?.removeEventListener('abort', forward);
      unhook();
      cancel();
      port.close();
    }
  };
}
