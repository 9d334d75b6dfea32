// A process: a name, a koid, a handle table, and its syscall surface (generated wrappers bound
// to this process, its table and the runtime core).
import { randomBytes } from 'node:crypto';
import type { Syscalls } from '../generated/stubs.js';
import { createSyscalls, type SyscallOptions } from '../generated/wrappers.js';
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

export class Process {
  readonly koid: number;
  readonly table: HandleTable;
  /** zx_* calls made by this process. */
  readonly syscalls: Syscalls;
  private readonly denied: ReadonlySet<number>;

  constructor(
    readonly kernel: Kernel,
    readonly name: string,
    options: ProcessOptions = {},
  ) {
    this.koid = kernel.allocKoid();
    // Per-process secret: handle values look random and differ between processes (spec §1.9).
    this.table = new HandleTable(kernel, randomBytes(4).readUInt32LE(0));
    this.syscalls = createSyscalls<Core>(this, this.table, core, options);
    this.denied = new Set(options.denyNew ?? []);
  }

  /** Whether this process's policy lets it create objects of `type` (spec §2.5). */
  mayCreate(type: number): boolean {
    return !this.denied.has(type);
  }

  /**
   * Host-side handle hand-off, the counterpart of passing a bootstrap handle to
   * zx_process_start: move the live handle `value` out of this process's table into `to`'s,
   * keeping its rights, and return its value in `to`. Like a channel read, the move cancels
   * waits and async registrations made through the handle. Throws an Error if `value` is not a
   * live handle of this process.
   */
  transferHandle(value: number, to: Process): number {
    const h = this.table.take(value);
    if (h === null) {
      throw new Error(`transferHandle: 0x${(value >>> 0).toString(16)} is not a live handle in process "${this.name}"`);
    }
    return to.table.receive(h);
  }
}
