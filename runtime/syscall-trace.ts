// kernel.onSyscall(listener): every syscall of every process of a kernel, reported as plain
// data. Nothing is wrapped until the first listener subscribes: then each process's syscall
// functions are swapped, in place, for reporting ones (so a `syscalls` object taken earlier
// reports too), and the originals are put back when the last listener leaves. A kernel nobody
// listens to runs exactly the functions it would run without this module.
import { ZX_STATUS_NAMES } from '../generated/constants.js';
import type { Process } from './process.js';

/** One report of a syscall. A blocking call reports twice: `blocked` when it starts waiting, then `returned`. */
export interface SyscallEvent {
  /** Increases by one per event, per kernel. */
  readonly seq: number;
  /** Identifies the call: a blocking call's two events share it. */
  readonly call: number;
  /** When, on the kernel's clock (`kernel.now()`), in ns. */
  readonly at: number;
  readonly process: { readonly koid: number; readonly name: string };
  /** The C name, e.g. `zx_socket_share`. */
  readonly syscall: string;
  /** One short text per argument, in C order; out-parameters show what the call wrote. */
  readonly args: readonly string[];
  readonly phase: 'returned' | 'blocked';
  /** The zx_status_t returned, or null while blocked and for calls that return none (a time, void). */
  readonly status: number | null;
  /** `ZX_OK`, `ZX_ERR_BAD_HANDLE`, ... for `status`; null when `status` is. */
  readonly statusName: string | null;
  /** Set when the call threw (test mode's undocumented status, a void call's failure): the message. */
  readonly thrown?: string;
}

/** What `kernel.onSyscall` calls with each event; what it throws is ignored. */
export type SyscallListener = (event: SyscallEvent) => void;

type Fn = (...args: unknown[]) => unknown;

/** The listeners of one kernel and the processes whose syscalls they hear. */
export class SyscallTrace {
  private readonly listeners = new Set<SyscallListener>();
  /** The original functions of each traced process, to put back. */
  private readonly originals = new Map<Process, Map<string, Fn>>();
  private seq = 0;
  private calls = 0;

  constructor(
    private readonly now: () => bigint,
    private readonly processes: Iterable<Process>,
  ) {}

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /** Add `listener`; the returned function removes it. */
  subscribe(listener: SyscallListener): () => void {
    if (this.listeners.size === 0) for (const p of this.processes) this.attach(p);
    this.listeners.add(listener);
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      for (const p of [...this.originals.keys()]) this.detach(p);
    };
  }

  /**
   * Stop reporting the syscalls of `p` and put its original functions back: when the last
   * listener leaves, and when `p` dies (so a kernel that creates processes without end, watched,
   * keeps none of its dead ones). A call already under way still reports its return.
   */
  detach(p: Process): void {
    const fns = this.originals.get(p);
    if (fns === undefined) return;
    for (const [name, fn] of fns) (p.syscalls as unknown as Record<string, Fn>)[name] = fn;
    this.originals.delete(p);
  }

  /** Start reporting the syscalls of `p` (a process created while someone listens, or every one at the first subscription). */
  attach(p: Process): void {
    const surface = p.syscalls as unknown as Record<string, Fn>;
    const saved = new Map<string, Fn>();
    for (const [name, fn] of Object.entries(surface)) {
      if (typeof fn !== 'function') continue;
      saved.set(name, fn);
      surface[name] = this.reporting(p, name, fn);
    }
    this.originals.set(p, saved);
  }

  private reporting(p: Process, name: string, fn: Fn): Fn {
    return (...args: unknown[]) => {
      const call = ++this.calls;
      let r: unknown;
      try {
        r = fn(...args);
      } catch (e) {
        this.emit(p, name, call, args, 'returned', null, e);
        throw e;
      }
      if (r instanceof Promise) {
        this.emit(p, name, call, args, 'blocked', null);
        return r.then(
          (v: unknown) => {
            this.emit(p, name, call, args, 'returned', v);
            return v;
          },
          (e: unknown) => {
            this.emit(p, name, call, args, 'returned', null, e);
            throw e;
          },
        );
      }
      this.emit(p, name, call, args, 'returned', r);
      return r;
    };
  }

  private emit(p: Process, syscall: string, call: number, args: readonly unknown[], phase: SyscallEvent['phase'], result: unknown, thrown?: unknown): void {
    const status = phase === 'returned' && typeof result === 'number' ? result : null;
    const event: SyscallEvent = {
      seq: ++this.seq,
      call,
      at: Number(this.now()),
      process: { koid: p.koid, name: p.name },
      syscall,
      args: args.map(summarize),
      phase,
      status,
      statusName: status === null ? null : (ZX_STATUS_NAMES[status] ?? String(status)),
      ...(thrown === undefined ? {} : { thrown: thrown instanceof Error ? thrown.message : String(thrown) }),
    };
    // A throwing listener must not change what the syscall returns.
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        /* the listener's own failure is not the syscall's */
      }
    }
  }
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** A short text for one argument: small integers in decimal, large ones (handles, rights) in hex. */
export function summarize(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0x1000 && v <= 0xffffffff ? hex(v) : String(v);
  if (typeof v === 'bigint') return v === 0x7fffffffffffffffn ? 'ZX_TIME_INFINITE' : `${v}n`;
  if (v === null || v === undefined) return String(v);
  if (v instanceof Uint8Array) return `bytes[${v.length}]`;
  if (v instanceof Uint32Array || Array.isArray(v)) {
    const items = Array.from(v as ArrayLike<unknown>).slice(0, 4).map(summarize);
    return `[${items.join(', ')}${v.length > 4 ? ', …' : ''}]`;
  }
  if (typeof v === 'object' && 'value' in v && Object.keys(v).length === 1) return `&${summarize((v as { value: unknown }).value)}`;
  return typeof v === 'object' ? '{…}' : typeof v;
}
