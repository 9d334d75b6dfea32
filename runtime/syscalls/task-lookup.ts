// Handle lookups the task syscalls do themselves, in the kernel's order, where the generated
// wrapper's single rights-then-type check cannot say it (a second right accepted instead).
import { ZX_ERR_ACCESS_DENIED, ZX_ERR_BAD_HANDLE, ZX_ERR_WRONG_TYPE, ZX_RIGHT_WRITE } from '../../generated/constants.js';
import { JobObject } from '../objects/job.js';
import type { Process } from '../process.js';

/**
 * job_create and process_create (spec part 2 §8.2, §8.3): a job handle with `right` wins; any
 * failure retries the lookup for ZX_RIGHT_WRITE, and that second result is returned.
 */
export function lookupJob(proc: Process, value: number, right: number): JobObject | number {
  const h = proc.table.lookup(value);
  if (h === null) return ZX_ERR_BAD_HANDLE;
  const job = h.object instanceof JobObject ? h.object : null;
  if (job !== null && (h.rights & right) !== 0) return job;
  if ((h.rights & ZX_RIGHT_WRITE) === 0) return ZX_ERR_ACCESS_DENIED;
  return job ?? ZX_ERR_WRONG_TYPE;
}

/** A plain lookup for `rights`, then the job type: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE. */
export function lookupJobWith(proc: Process, value: number, rights: number): JobObject | number {
  const h = proc.table.lookup(value);
  if (h === null) return ZX_ERR_BAD_HANDLE;
  if ((h.rights & rights) !== rights) return ZX_ERR_ACCESS_DENIED;
  return h.object instanceof JobObject ? h.object : ZX_ERR_WRONG_TYPE;
}
