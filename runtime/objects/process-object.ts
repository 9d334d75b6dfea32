// Processes as kernel objects (Zircon's ProcessDispatcher, spec part 2 §8.1): the half of a
// process that handles refer to. Its other half is the host's Process (handle table and syscall
// surface); each holds the other, so there is one process, seen from two sides.
import {
  ZX_DEFAULT_PROCESS_RIGHTS,
  ZX_OBJ_TYPE_PROCESS,
  ZX_PROCESS_TERMINATED,
  ZX_USER_SIGNAL_ALL,
} from '../../generated/constants.js';
import type { Kernel } from '../kernel.js';
import { KernelObject } from '../kernel-object.js';
import type { Process } from '../process.js';
import type { JobObject } from './job.js';
import { Policy } from './job-policy.js';
import { ObjectName } from './task-name.js';

/**
 * INITIAL: made by zx_process_create and not started; RUNNING: running code (every process the
 * host makes with `kernel.createProcess` is); DEAD: exited or killed, its handles closed.
 */
export type ProcessState = 'initial' | 'running' | 'dead';

/** The return code a kill records (ZX_TASK_RETCODE_SYSCALL_KILL). */
const KILLED = -1n;

/** A process object: its job, state, return code, name and the policy it copied from its job. */
export class ProcessObject extends KernelObject {
  static readonly type = ZX_OBJ_TYPE_PROCESS;
  static readonly defaultRights = ZX_DEFAULT_PROCESS_RIGHTS;

  state: ProcessState;
  /** 0 until process_exit or a kill records one. */
  returnCode = 0n;
  /** ZX_PROP_NAME. */
  readonly name: ObjectName;
  /** Its job's policy when it was created; later job_set_policy calls do not reach it. */
  readonly policy: Policy;
  /** Settles with the return code when the process dies. */
  readonly exited: Promise<bigint>;
  private settle!: (code: bigint) => void;
  private destroyed = false;

  constructor(
    kernel: Kernel,
    /** The job it was created in. */
    readonly job: JobObject,
    /** The host's side: its handle table and syscalls. */
    readonly host: Process,
    name: string,
    started: boolean,
  ) {
    super(kernel, ZX_OBJ_TYPE_PROCESS, 0);
    this.state = started ? 'running' : 'initial';
    this.name = new ObjectName(name);
    this.policy = new Policy(job.policy);
    this.exited = new Promise((resolve) => (this.settle = resolve));
    job.addProcess(this);
  }

  get waitable(): boolean {
    return true;
  }

  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }

  override get relatedKoid(): number {
    return this.job.koid;
  }

  /** ZX_INFO_PROCESS's started: a killed process counts as started even if it never ran. */
  get started(): boolean {
    return this.state !== 'initial';
  }

  /** task_kill: the return code becomes -1 and the process dies at once (it has no threads). */
  kill(): void {
    if (this.state === 'dead') return;
    this.returnCode = KILLED;
    this.die();
  }

  /** process_exit: record `code` and die. */
  exit(code: bigint): void {
    if (this.state === 'dead') return;
    this.returnCode = code;
    this.die();
  }

  /** An unstarted process whose last handle closes dies; a running one keeps running. */
  onZeroHandles(): void {
    if (this.state === 'initial') this.kill();
    this.destroyIfUnused();
  }

  /**
   * Entering DEAD (spec §8.1): close every handle in its table (peers see PEER_CLOSED, waits
   * through them are cancelled), end its other blocked calls, assert TERMINATED, leave the job.
   */
  private die(): void {
    this.state = 'dead';
    this.host.table.closeAll();
    this.host.parked.endAll();
    this.updateSignals(0, ZX_PROCESS_TERMINATED);
    this.job.removeProcess(this);
    this.kernel.processDied(this.host);
    this.settle(this.returnCode);
    this.destroyIfUnused();
  }

  private destroyIfUnused(): void {
    if (this.destroyed || this.state !== 'dead' || this.handleCount > 0) return;
    this.destroyed = true;
    this.kernel.objectDestroyed();
  }
}
