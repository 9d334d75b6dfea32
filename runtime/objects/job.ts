// Jobs (Zircon's JobDispatcher, spec part 2 §8.1): the tree every process lives in. A job is
// alive while it has handles or live children; killing one kills its subtree.
import {
  ZX_DEFAULT_JOB_RIGHTS,
  ZX_JOB_NO_JOBS,
  ZX_JOB_NO_PROCESSES,
  ZX_OBJ_TYPE_JOB,
  ZX_USER_SIGNAL_ALL,
} from '../../generated/constants.js';
import type { Kernel } from '../kernel.js';
import { KernelObject } from '../kernel-object.js';
import { Policy } from './job-policy.js';
import type { ProcessObject } from './process-object.js';
import { ObjectName } from './task-name.js';

/** The root job's height: 32 levels of child jobs below it (spec §1.4). */
const ROOT_HEIGHT = 32;

/** A job (zx_job_create): child jobs and processes, a policy they copy, and a name. */
export class JobObject extends KernelObject {
  static readonly type = ZX_OBJ_TYPE_JOB;
  static readonly defaultRights = ZX_DEFAULT_JOB_RIGHTS;

  /** Live child jobs, in creation order. */
  readonly jobs: JobObject[] = [];
  /** Live child processes, in creation order. */
  readonly processes: ProcessObject[] = [];
  /** ZX_PROP_NAME. */
  readonly name: ObjectName;
  /** The basic policy and timer slack its new children copy. */
  readonly policy: Policy;
  /** False once killed: a killed job takes no new children (BAD_STATE). */
  ready = true;
  private destroyed = false;

  private constructor(
    kernel: Kernel,
    /** The parent job; null for the root. */
    readonly parent: JobObject | null,
    /** How many more levels of jobs may be nested below this one. */
    readonly height: number,
    name: string,
  ) {
    super(kernel, ZX_OBJ_TYPE_JOB, ZX_JOB_NO_PROCESSES | ZX_JOB_NO_JOBS);
    this.name = new ObjectName(name);
    this.policy = new Policy(parent?.policy);
  }

  /** The kernel's root job, `<superroot>`: it lives as long as the kernel. */
  static root(kernel: Kernel): JobObject {
    return new JobObject(kernel, null, ROOT_HEIGHT, '<superroot>');
  }

  /** A new child of `parent` (the caller has checked its height and state). */
  static create(parent: JobObject): JobObject {
    const job = new JobObject(parent.kernel, parent, parent.height - 1, '');
    parent.jobs.push(job);
    if (parent.jobs.length === 1) parent.updateSignals(ZX_JOB_NO_JOBS, 0);
    return job;
  }

  get waitable(): boolean {
    return true;
  }

  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }

  override get relatedKoid(): number {
    return this.parent?.koid ?? 0;
  }

  /** Called by a new process of this job. */
  addProcess(p: ProcessObject): void {
    this.processes.push(p);
    if (this.processes.length === 1) this.updateSignals(ZX_JOB_NO_PROCESSES, 0);
  }

  /** Called by a process of this job when it dies. */
  removeProcess(p: ProcessObject): void {
    remove(this.processes, p);
    if (this.processes.length === 0) this.updateSignals(0, ZX_JOB_NO_PROCESSES);
    this.destroyIfUnused();
  }

  /**
   * task_kill on a job: no new children from now on; child jobs are killed (their subtrees
   * first), then child processes. Killing a killed job does nothing.
   */
  kill(): void {
    if (!this.ready) return;
    this.ready = false;
    for (const j of [...this.jobs]) j.kill();
    for (const p of [...this.processes]) p.kill();
  }

  /** The child job or process with this koid (grandchildren are not searched). */
  child(koid: number): JobObject | ProcessObject | undefined {
    return this.jobs.find((j) => j.koid === koid) ?? this.processes.find((p) => p.koid === koid);
  }

  onZeroHandles(): void {
    this.destroyIfUnused();
  }

  /** A job with no handles and no children is gone; its parent may then be unused in turn. */
  private destroyIfUnused(): void {
    if (this.destroyed || this.parent === null) return;
    if (this.handleCount > 0 || this.jobs.length > 0 || this.processes.length > 0) return;
    this.destroyed = true;
    const parent = this.parent;
    remove(parent.jobs, this);
    if (parent.jobs.length === 0) parent.updateSignals(0, ZX_JOB_NO_JOBS);
    this.kernel.objectDestroyed();
    parent.destroyIfUnused();
  }
}

function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
