// Where kernel.createProcess puts a new process: the job named by a handle in its parent's
// table, checked as zx_process_create checks its job, or the root job.
import { ZX_RIGHT_MANAGE_PROCESS, ZX_RIGHT_WRITE } from '../generated/constants.js';
import type { Kernel } from './kernel.js';
import { JobObject } from './objects/job.js';
import type { ProcessOptions } from './process.js';

/** Room for a process's two startup handles. */
const STARTUP_HANDLES = 2;

/** The job a host-made process goes into; throws an Error naming what is wrong. */
export function jobForNewProcess(kernel: Kernel, options: ProcessOptions): JobObject {
  if (kernel.arena.available < STARTUP_HANDLES) throw new Error('createProcess: the handle arena is full; no room for the startup handles');
  const { parent, job } = options;
  if (parent === undefined && job === undefined) return kernel.rootJob;
  if (parent === undefined || job === undefined) throw new Error('createProcess: `parent` and `job` go together (a job handle and the process whose table holds it)');
  if (parent.kernel !== kernel) throw new Error(`createProcess: the parent process "${parent.name}" belongs to another Kernel`);
  const h = parent.table.lookup(job);
  const where = `0x${(job >>> 0).toString(16)} in process "${parent.name}"`;
  if (h === null) throw new Error(`createProcess: ${where} is not a live handle`);
  if (!(h.object instanceof JobObject)) throw new Error(`createProcess: ${where} is not a job handle`);
  if ((h.rights & (ZX_RIGHT_MANAGE_PROCESS | ZX_RIGHT_WRITE)) === 0) throw new Error(`createProcess: ${where} has neither ZX_RIGHT_MANAGE_PROCESS nor ZX_RIGHT_WRITE`);
  if (!h.object.ready) throw new Error(`createProcess: the job of ${where} was killed and takes no new processes`);
  return h.object;
}
