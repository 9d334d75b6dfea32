// A process: a name, a koid, a handle table, and its syscall surfaces (generated wrappers bound
// to this process, its table and a core: zxkit's own Zircon core, plus any ABI bound later).
import { randomBytes } from 'node:crypto';
import type { Syscalls } from '../generated/stubs.js';
import { createSyscalls, type SyscallOptions } from '../generated/wrappers.js';
import type { AbiFactory, AbiOptions } from './abi.js';
import { core } from './core.js';
import type { Core } from './core-types.js';
import { HandleTable } from './handle-table.js';
import type { Kernel } from './kernel.js';

/** Options for a process: its wrappers' (test mode, status reporting) and its job policy. */
export interface ProcessOptions extends SyscallOptions {
  /**
   * Object types (ZX_OBJ_TYPE_*) this process may not create, as a Zircon job policy of
   * ZX_POL_NEW_* with ZX_POL_ACTION_DENY: their creators return ZX_ERR_ACCESS_DENIED.
   */
  readonly denyNew?: readonly number[];
}

export type { Syscalls };

/**
 * A process of a {@link Kernel}: a koid, its own handle table (a handle value of one process is
 * ZX_ERR_BAD_HANDLE in every other), and the `zx_*` syscalls it makes. Make one with
 * `kernel.createProcess(name, options)`.
 */
export class Process {
  /** Kernel object id, from the kernel's global counter. */
  readonly koid: number;
  /** This process's handles. Every ABI bound to the process ({@link Process.bind}) shares it. */
  readonly table: HandleTable;
  /** The Zircon `zx_*` calls made by this process, through zxkit's generated wrappers. */
  readonly syscalls: Syscalls;
  private readonly denied: ReadonlySet<number>;
  private readonly testMode: boolean;

  constructor(
    /** The kernel this process runs on. */
    readonly kernel: Kernel,
    /** A name for messages; not unique. */
    readonly name: string,
    options: ProcessOptions = {},
  ) {
    this.koid = kernel.allocKoid();
    // Per-process secret: handle values look random and differ between processes (spec §1.9).
    this.table = new HandleTable(kernel, randomBytes(4).readUInt32LE(0));
    this.testMode = options.testMode ?? false;
    this.denied = new Set(options.denyNew ?? []);
    this.syscalls = createSyscalls<Core>(this, this.table, core, options);
  }

  /**
   * The syscalls of another ABI, made by this process: call the ABI's generated
   * `createSyscalls` with this process, its handle table and `core` (the ABI's handlers). The
   * result shares this process's handles with {@link Process.syscalls}, so an object created
   * through either surface can be waited on with `zx_object_wait_one`, registered on a port
   * with `zx_object_wait_async`, duplicated, transferred over channels and closed like any
   * built-in one. `options` default to this process's test mode.
   *
   * @example
   * ```ts
   * import { createSyscalls } from './generated/wrappers.js';
   * const acme = process.bind(createSyscalls, core);
   * acme.zx_counter_create(0, out);
   * ```
   */
  bind<C, S, O extends AbiOptions>(createAbi: AbiFactory<C, S, O>, core: C, options?: O): S {
    return createAbi(this, this.table, core, { testMode: this.testMode, ...options } as O);
  }

  /** Whether this process's policy lets it create objects of `type` (spec §2.5). */
  mayCreate(type: number): boolean {
    return !this.denied.has(type);
  }

  /**
   * Host-side handle hand-off, the counterpart of passing a bootstrap handle to
   * zx_process_start: move the live handle `value` out of this process's table into `to`'s,
   * keeping its rights, and return its value in `to`. Like a channel read, the move cancels
   * waits and async registrations made through the handle. Throws an Error, changing nothing,
   * if `value` is not a live handle of this process or `to` is not a process of this kernel.
   */
  transferHandle(value: number, to: Process): number {
    if (!(to instanceof Process) || to.kernel !== this.kernel) {
      throw new Error(`transferHandle: the target is not a process of this kernel (process "${this.name}"); handles move only between processes of one Kernel`);
    }
    // A Handle object of the idiomatic layer is not a value: say so rather than coerce it.
    if (typeof value !== 'number') throw new TypeError(`transferHandle: expected a handle value (a number), got ${typeof value}; for a Handle object pass h.intoRaw()`);
    const h = this.table.take(value);
    if (h === null) {
      throw new Error(`transferHandle: 0x${(value >>> 0).toString(16)} is not a live handle in process "${this.name}"`);
    }
    return to.table.receive(h);
  }
}
