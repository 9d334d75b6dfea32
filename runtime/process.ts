// A process: a name, a koid, a handle table, and its syscall surfaces (generated wrappers bound
// to this process, its table and a core: zxkit's own Zircon core, plus any ABI bound later).
import { ZX_DEFAULT_JOB_RIGHTS, ZX_DEFAULT_PROCESS_RIGHTS } from '../generated/constants.js';
import type { Syscalls } from '../generated/stubs.js';
import { createSyscalls, type SyscallOptions } from '../generated/wrappers.js';
import type { AbiFactory, AbiOptions } from './abi.js';
import { core } from './core.js';
import type { Core } from './core-types.js';
import type { Handle } from './handle.js';
import { HandleTable } from './handle-table.js';
import { randomU32 } from './host.js';
import type { KernelObject } from './kernel-object.js';
import type { Kernel } from './kernel.js';
import type { DataModel } from '../generated/structs.js';
import type { JobObject } from './objects/job.js';
import { newConditionOf } from './objects/job-policy.js';
import { ProcessObject } from './objects/process-object.js';
import { ParkedCalls } from './parked.js';

/** Options for a process: its wrappers' (test mode, status reporting) and its job policy. */
export interface ProcessOptions extends SyscallOptions {
  /**
   * Object types (ZX_OBJ_TYPE_*) this process may not create, as a Zircon job policy of
   * ZX_POL_NEW_* with ZX_POL_ACTION_DENY: their creators return ZX_ERR_ACCESS_DENIED.
   */
  readonly denyNew?: readonly number[];
  /**
   * How the process's C code lays out records it reads as bytes (ZX_INFO_* records, size_t
   * properties): 'lp64', Zircon's own and the default, or 'wasm32' (ILP32) for wasm guests.
   */
  readonly dataModel?: DataModel;
  /** The process whose handle table holds `job`. */
  readonly parent?: Process;
  /**
   * A job handle in `parent`'s table (ZX_RIGHT_MANAGE_PROCESS or ZX_RIGHT_WRITE): the new
   * process is created in that job. Without `parent` and `job`, in the kernel's root job.
   */
  readonly job?: number;
}

/** How the kernel makes a process: its job, and whether it starts running with its startup handles. */
export interface ProcessPlacement {
  readonly job: JobObject;
  /** True for host processes (running, with `self` and `job` handles); false for zx_process_create. */
  readonly started: boolean;
}

export type { Syscalls };

/**
 * A process of a {@link Kernel}: a koid, its own handle table (a handle value of one process is
 * ZX_ERR_BAD_HANDLE in every other), and the `zx_*` syscalls it makes. Make one with
 * `kernel.createProcess(name, options)`.
 */
export class Process {
  /** Kernel object id of its process object, from the kernel's global counter. */
  readonly koid: number;
  /** The kernel object handles to this process refer to: its job, state, signals and name. */
  readonly object: ProcessObject;
  /**
   * Startup handle: this process's own process object, with ZX_DEFAULT_PROCESS_RIGHTS (what
   * `zx_process_self()` returns in C). ZX_HANDLE_INVALID for a process made by zx_process_create.
   */
  readonly self: number;
  /**
   * Startup handle: the job this process runs in, with ZX_DEFAULT_JOB_RIGHTS (what
   * `zx_job_default()` returns in C). ZX_HANDLE_INVALID for a process made by zx_process_create.
   */
  readonly job: number;
  /** This process's handles. Every ABI bound to the process ({@link Process.bind}) shares it. */
  readonly table: HandleTable;
  /** The Zircon `zx_*` calls made by this process, through zxkit's generated wrappers. */
  readonly syscalls: Syscalls;
  /** The C data model of the records this process reads and writes as bytes. */
  readonly dataModel: DataModel;
  /** Types without a ZX_POL_NEW_* condition (other ABIs' objects) that `denyNew` names. */
  private readonly denied: ReadonlySet<number>;
  /** Whether its wrappers throw on undocumented statuses (processes it creates inherit it). */
  readonly testMode: boolean;
  /** Its calls parked in port_wait or nanosleep: they end with CANCELED when it dies. @internal */
  readonly parked = new ParkedCalls();

  constructor(
    /** The kernel this process runs on. */
    readonly kernel: Kernel,
    name: string,
    options: ProcessOptions,
    placement: ProcessPlacement,
  ) {
    this.object = new ProcessObject(kernel, placement.job, this, name, placement.started);
    this.koid = this.object.koid;
    // Per-process secret: handle values look random and differ between processes (spec §1.9).
    this.table = new HandleTable(kernel, randomU32());
    this.testMode = options.testMode ?? false;
    this.denied = new Set(options.denyNew ?? []);
    this.dataModel = options.dataModel ?? 'lp64';
    const others = new Set<number>();
    for (const type of options.denyNew ?? []) {
      const condition = newConditionOf(type);
      if (condition === undefined) others.add(type);
      else this.object.policy.deny(condition);
    }
    this.denied = others;
    this.syscalls = createSyscalls<Core>(this, this.table, core, options);
    this.self = placement.started ? this.table.install(startupHandle(kernel, this.object, ZX_DEFAULT_PROCESS_RIGHTS)) : 0;
    this.job = placement.started ? this.table.install(startupHandle(kernel, placement.job, ZX_DEFAULT_JOB_RIGHTS)) : 0;
    kernel.processCreated(this);
  }

  /** ZX_PROP_NAME of its process object (at most 31 bytes of the name it was created with). */
  get name(): string {
    return this.object.name.text();
  }

  /**
   * Settles with the return code when the process dies (process_exit, task_kill, a job kill), as
   * a number (issue 13's contract; the codes zxkit itself gives are small). The exact int64 is
   * `process.object.exited`.
   */
  get exited(): Promise<number> {
    return (this.exitedNumber ??= this.object.exited.then(Number));
  }
  private exitedNumber: Promise<number> | undefined;

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

  /**
   * Whether this process's policy lets it create objects of `type` (spec part 2 §2.3): the
   * ZX_POL_NEW_* condition of the type, copied from its job, or `denyNew` for other types.
   */
  mayCreate(type: number): boolean {
    const condition = newConditionOf(type);
    return condition === undefined ? !this.denied.has(type) : !this.object.policy.denies(condition);
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

function startupHandle(kernel: Kernel, obj: KernelObject, rights: number): Handle {
  const h = kernel.arena.alloc(obj, rights);
  if (h === null) throw new Error('createProcess: the handle arena is full; no room for the startup handles');
  return h;
}
